"""The Antirectifier of notebook 02, checked against an independent float64 NumPy reference.

These tests run on the backend in KERAS_BACKEND (TensorFlow by default);
test_layer_tests_pass_on_the_jax_backend reruns this whole file on JAX.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import keras
from keras import ops

from notebook_cells import antirectify_reference, load_antirectifier

Antirectifier = load_antirectifier()
BACKEND = keras.backend.backend()


def as_numpy(tensor):
    return np.asarray(ops.convert_to_numpy(ops.cast(tensor, "float32")), dtype=np.float64)


def random_input(shape, scale=1.0, offset=0.0, seed=0):
    rng = np.random.default_rng(seed)
    return (offset + scale * rng.standard_normal(shape)).astype("float32")


@pytest.mark.parametrize("shape", [(4, 8), (64, 256), (3, 5, 16), (2, 3, 4, 7)])
@pytest.mark.parametrize("scale", [1e-30, 1e-3, 1.0, 1e3, 1e30])
def test_matches_float64_reference_on_random_inputs(shape, scale):
    x = random_input(shape, scale)
    np.testing.assert_allclose(as_numpy(Antirectifier()(x)), antirectify_reference(x), atol=2e-6)


def test_matches_reference_when_rows_share_a_large_offset():
    x = random_input((16, 256), scale=1.0, offset=1e4)
    np.testing.assert_allclose(as_numpy(Antirectifier()(x)), antirectify_reference(x), atol=2e-5)


def test_output_doubles_the_last_axis_eagerly_and_symbolically():
    assert Antirectifier()(random_input((3, 5, 16))).shape == (3, 5, 32)
    assert Antirectifier()(keras.Input(shape=(28, 28, 32))).shape == (None, 28, 28, 64)
    assert Antirectifier().compute_output_shape((None, 256)) == (None, 512)


@pytest.mark.parametrize("width", [1, 2, 6, 256, 1024])
@pytest.mark.parametrize("value", [0.0, 0.1, -7.7, 1000.3, 3e30])
def test_constant_and_all_zero_rows_give_exact_zeros(width, value):
    x = np.full((2, width), value, dtype="float32")
    y = as_numpy(Antirectifier()(x))
    assert y.shape == (2, 2 * width)
    assert np.all(y == 0), f"constant row {value} x {width} gave non-zero output {y.max()}"


def test_rows_have_unit_norm_and_halves_never_overlap():
    x = random_input((32, 256))
    y = as_numpy(Antirectifier()(x))
    positive, negative = y[:, :256], y[:, 256:]
    assert (y >= 0).all()
    assert (positive * negative == 0).all()
    np.testing.assert_allclose(np.linalg.norm(y, axis=-1), 1.0, atol=1e-6)


@pytest.mark.parametrize("bad_shape", [(), (5,)])
def test_rank_below_two_is_rejected_with_a_clear_message(bad_shape):
    with pytest.raises(ValueError, match=r"rank 2 or more.*received shape"):
        Antirectifier()(np.ones(bad_shape, "float32"))


def test_unknown_last_dimension_is_rejected_at_build_time():
    with pytest.raises(ValueError, match=r"known last dimension.*\(None, None\)"):
        Antirectifier()(keras.Input(shape=(None,)))


def test_config_round_trip_gives_an_equivalent_layer():
    layer = Antirectifier(name="anti", dtype="mixed_float16")
    clone = Antirectifier.from_config(layer.get_config())
    assert clone.name == "anti" and clone.compute_dtype == "float16"


def test_saved_model_reloads_without_custom_objects(tmp_path):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(20,)), keras.layers.Dense(8), Antirectifier(),
                              keras.layers.Dense(3)])
    path = tmp_path / "model.keras"
    model.save(path)
    reloaded = keras.saving.load_model(path)
    x = random_input((5, 20))
    assert type(reloaded.layers[1]).__name__ == "Antirectifier"
    np.testing.assert_array_equal(as_numpy(model(x)), as_numpy(reloaded(x)))


# Half-precision machine epsilons; outputs lie in [0, 1], so absolute tolerances fit.
PRECISION = {"float16": 2.0**-10, "bfloat16": 2.0**-7}


@pytest.mark.parametrize("policy", ["float16", "bfloat16", "mixed_float16", "mixed_bfloat16"])
@pytest.mark.parametrize("magnitude", [1.0, 1e3, 3e4])
def test_low_precision_policies_match_float32_without_inf_or_silent_zeros(policy, magnitude):
    x = random_input((16, 256), scale=magnitude / 4)
    x = np.clip(x, -magnitude, magnitude)
    layer = Antirectifier(dtype=policy)
    y = layer(x)
    assert keras.backend.standardize_dtype(y.dtype) == layer.compute_dtype
    y = as_numpy(y)
    assert np.isfinite(y).all()
    np.testing.assert_allclose(np.linalg.norm(y, axis=-1), 1.0, atol=4 * PRECISION[layer.compute_dtype])
    float32_result = as_numpy(Antirectifier(dtype="float32")(x))
    np.testing.assert_allclose(y, float32_result, atol=4 * PRECISION[layer.compute_dtype])


def gradient(layer, x, weights):
    """d sum(layer(x) * weights) / dx on the current backend."""
    if BACKEND == "tensorflow":
        import tensorflow as tf

        x = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = tf.reduce_sum(layer(x) * weights)
        return tape.gradient(loss, x).numpy()
    if BACKEND == "jax":
        import jax

        return np.asarray(jax.grad(lambda v: (layer(v) * weights).sum())(x))
    if BACKEND == "torch":
        import torch

        x = torch.tensor(x, requires_grad=True)
        (layer(x) * torch.tensor(weights)).sum().backward()
        return x.grad.numpy()
    pytest.skip(f"no gradient helper for backend {BACKEND}")


def test_gradients_are_finite_everywhere_including_zero_and_constant_rows():
    x = np.concatenate([np.zeros((2, 16)), np.full((2, 16), 5.0), random_input((4, 16)),
                        random_input((2, 16), scale=1e-30), random_input((2, 16), scale=1e30)])
    x = x.astype("float32")
    weights = random_input((x.shape[0], 32), seed=1)
    grads = gradient(Antirectifier(), x, weights)
    assert np.isfinite(grads).all()


def test_gradient_matches_finite_differences():
    x = random_input((3, 6), seed=3).astype("float64")
    weights = random_input((3, 12), seed=4).astype("float64")
    layer = Antirectifier(dtype="float64")
    grads = gradient(layer, x, weights)
    step = 1e-6
    for i, j in [(0, 0), (1, 3), (2, 5)]:
        up, down = x.copy(), x.copy()
        up[i, j] += step
        down[i, j] -= step
        numeric = ((antirectify_reference(up) - antirectify_reference(down)) * weights).sum() / (2 * step)
        assert grads[i, j] == pytest.approx(numeric, rel=1e-4, abs=1e-6)


@pytest.mark.skipif(os.environ.get("KERAS_BACKEND", "tensorflow") != "tensorflow",
                    reason="this test starts the JAX run; it does not rerun itself")
def test_layer_tests_pass_on_the_jax_backend():
    pytest.importorskip("jax")
    env = {**os.environ, "KERAS_BACKEND": "jax", "JAX_PLATFORMS": "cpu"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
         "-k", "not finite_differences", str(Path(__file__))],
        env=env, capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
