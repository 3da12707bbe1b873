"""The Antirectifier layer (antirectifier_tutorial/layer.py) against an independent float64
NumPy reference, Keras's own layer test harness, and its numerical edge cases.

These tests run on the backend in KERAS_BACKEND (TensorFlow by default). `.ci/run` runs
this file again with KERAS_BACKEND=jax, and with torch where it is installed.
"""

import os

import keras
import numpy as np
import pytest
from keras import ops
from keras.src import testing

from antirectifier_tutorial.gradients import gradient_of
from antirectifier_tutorial.layer import Antirectifier

BACKEND = keras.backend.backend()


def antirectify_reference(x) -> np.ndarray:
    """Independent float64 NumPy reference of the Antirectifier along the last axis."""
    x = np.asarray(x, dtype=np.float64)
    centred = x - x.mean(axis=-1, keepdims=True)
    constant = np.ptp(x, axis=-1, keepdims=True) == 0
    norm = np.linalg.norm(centred, axis=-1, keepdims=True)
    normalised = np.where(constant, 0.0, centred / np.where(constant, 1.0, norm))
    return np.concatenate([np.maximum(normalised, 0.0), np.maximum(-normalised, 0.0)], axis=-1)


def as_numpy(tensor):
    return np.asarray(ops.convert_to_numpy(ops.cast(tensor, "float32")), dtype=np.float64)


def random_input(shape, scale=1.0, offset=0.0, seed=0):
    rng = np.random.default_rng(seed)
    return (offset + scale * rng.standard_normal(shape)).astype("float32")


class TestKerasLayerHarness(testing.TestCase):
    """Keras's run_layer_test: shapes, config and serialisation, build, a training step,
    masking and mixed precision, as for Keras's own layers."""

    def test_run_layer_test_on_a_feature_batch(self):
        self.run_layer_test(
            Antirectifier,
            init_kwargs={},
            input_shape=(4, 8),
            expected_output_shape=(4, 16),
            expected_num_trainable_weights=0,
            expected_num_non_trainable_weights=0,
            expected_num_seed_generators=0,
            expected_num_losses=0,
            supports_masking=True,
        )

    def test_run_layer_test_with_literal_values(self):
        x = np.array([[1.0, 2.0, 3.0], [5.0, 5.0, 5.0]], dtype="float32")
        half = 1 / np.sqrt(2)  # centred (-1, 0, 1), norm sqrt(2); the constant row gives zeros
        expected = np.array([[0, 0, half, half, 0, 0], [0, 0, 0, 0, 0, 0]], dtype="float32")
        self.run_layer_test(
            Antirectifier,
            init_kwargs={},
            input_data=x,
            expected_output=ops.convert_to_tensor(expected),
            supports_masking=True,
        )

    def test_run_layer_test_on_a_sequence_with_a_mask(self):
        self.run_layer_test(
            Antirectifier,
            init_kwargs={},
            input_shape=(2, 5, 6),
            expected_output_shape=(2, 5, 12),
            supports_masking=True,
        )


def test_mask_passes_through_unchanged():
    x = keras.Input(shape=(5, 6))
    masked = keras.layers.Masking()(x)
    output = Antirectifier()(masked)
    model = keras.Model(x, output)
    data = random_input((2, 5, 6))
    data[0, 3:] = 0.0  # the Masking layer masks these steps
    mask = model.layers[-1].compute_mask(
        ops.convert_to_tensor(data),
        ops.convert_to_tensor(np.array([[True, True, True, False, False], [True] * 5])),
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(mask), [[1, 1, 1, 0, 0], [1] * 5])


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
    assert clone.supports_masking and not clone.autocast


def test_saved_model_reloads_without_custom_objects(tmp_path):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input(shape=(20,)), keras.layers.Dense(8), Antirectifier(), keras.layers.Dense(3)]
    )
    path = tmp_path / "model.keras"
    model.save(path)
    reloaded = keras.saving.load_model(path)
    x = random_input((5, 20))
    assert type(reloaded.layers[1]).__name__ == "Antirectifier"
    np.testing.assert_array_equal(as_numpy(model(x)), as_numpy(reloaded(x)))


# Unit roundoff of each 16-bit format: the layer computes in float32 and rounds once at the
# end, so each output must be within half a unit in the last place of the float32 result.
UNIT_ROUNDOFF = {"float16": 2.0**-11, "bfloat16": 2.0**-8}
SMALLEST_SUBNORMAL = {"float16": 2.0**-24, "bfloat16": 2.0**-133}


@pytest.mark.parametrize("policy", ["float16", "bfloat16", "mixed_float16", "mixed_bfloat16"])
@pytest.mark.parametrize("magnitude", [1.0, 1e3, 3e4])
def test_low_precision_policies_round_the_float32_result_once(policy, magnitude):
    x = random_input((16, 256), scale=magnitude / 4)
    layer = Antirectifier(dtype=policy)
    y = layer(x)
    assert keras.backend.standardize_dtype(y.dtype) == layer.compute_dtype
    y = as_numpy(y)
    assert np.isfinite(y).all()
    float32_result = as_numpy(Antirectifier(dtype="float32")(x))
    dtype = layer.compute_dtype
    np.testing.assert_allclose(
        y, float32_result, rtol=UNIT_ROUNDOFF[dtype], atol=SMALLEST_SUBNORMAL[dtype]
    )


def test_mixed_float16_keeps_float32_inputs_above_the_float16_range_finite():
    x = random_input((8, 256), scale=1e5)  # most values beyond float16's largest, 65,504
    assert np.abs(x).max() > 65_504
    y = as_numpy(Antirectifier(dtype="mixed_float16")(x))
    assert np.isfinite(y).all()
    np.testing.assert_allclose(y, antirectify_reference(x), atol=2.0**-11)
    np.testing.assert_allclose(np.linalg.norm(y, axis=-1), 1.0, atol=1e-3)


def test_gradients_are_finite_everywhere_including_zero_and_constant_rows():
    x = np.concatenate(
        [
            np.zeros((2, 16)),
            np.full((2, 16), 5.0),
            random_input((4, 16)),
            random_input((2, 16), scale=1e-30),
            random_input((2, 16), scale=1e30),
        ]
    )
    x = x.astype("float32")
    weights = random_input((x.shape[0], 32), seed=1)
    grads = gradient_of(Antirectifier(), x, weights)
    assert np.isfinite(grads).all()


@pytest.mark.skipif(BACKEND == "jax", reason="JAX computes in float32 unless JAX_ENABLE_X64 is set")
def test_gradient_matches_finite_differences():
    x = random_input((3, 6), seed=3).astype("float64")
    weights = random_input((3, 12), seed=4).astype("float64")
    layer = Antirectifier(dtype="float64")
    grads = gradient_of(layer, x, weights)
    step = 1e-6
    for i, j in [(0, 0), (1, 3), (2, 5)]:
        up, down = x.copy(), x.copy()
        up[i, j] += step
        down[i, j] -= step
        numeric = ((antirectify_reference(up) - antirectify_reference(down)) * weights).sum() / (
            2 * step
        )
        assert grads[i, j] == pytest.approx(numeric, rel=1e-4, abs=1e-6)


JAX_GRADIENT_AT_TINY_INPUTS = """
import jax, numpy as np
from antirectifier_tutorial.layer import Antirectifier
x = (np.random.default_rng(0).standard_normal((2, 16)) * 1e-30).astype("float32")
gradient = jax.grad(lambda v: Antirectifier()(v).sum())(x)
print("finite" if np.isfinite(np.asarray(gradient)).all() else "not finite")
"""


@pytest.mark.skipif(BACKEND == "jax", reason="the gradient tests above already run on JAX")
def test_no_gradient_flows_through_the_scale_so_jax_gradients_stay_finite_at_tiny_inputs():
    # TensorFlow's gradient of a division, (-x / y) / y, stays finite at y = 1e-30 whether or
    # not the scale is cut off from the gradient; JAX's, -x / y**2, underflows to 0 * inf = NaN.
    # So this property of the layer is checked on JAX, from any backend's test run.
    pytest.importorskip("jax")
    import subprocess
    import sys
    from pathlib import Path

    run = subprocess.run(
        [sys.executable, "-c", JAX_GRADIENT_AT_TINY_INPUTS],
        capture_output=True,
        text=True,
        env={**os.environ, "KERAS_BACKEND": "jax", "JAX_PLATFORMS": "cpu"},
        cwd=Path(__file__).resolve().parents[1],
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().splitlines()[-1] == "finite"


def test_config_works_for_a_dtype_policy_object_not_only_a_string():
    layer = Antirectifier(dtype=keras.DTypePolicy("mixed_float16"), name="with_policy")
    config = layer.get_config()
    rebuilt = Antirectifier.from_config(config)
    assert rebuilt.name == "with_policy" and rebuilt.dtype_policy.name == "mixed_float16"
