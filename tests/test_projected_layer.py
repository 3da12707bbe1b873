"""The layer with weights (antirectifier_tutorial/projected_layer.py): Keras's harness, a
NumPy reference, its config, and saving then loading in a fresh Python process."""

import subprocess
import sys

import keras
import numpy as np
import pytest
from keras import ops
from keras.src import testing

from antirectifier_tutorial.layer import Antirectifier
from antirectifier_tutorial.projected_layer import ProjectedAntirectifier


class TestKerasLayerHarness(testing.TestCase):
    def test_run_layer_test_counts_one_trainable_kernel(self):
        self.run_layer_test(
            ProjectedAntirectifier,
            init_kwargs={"units": 3},
            input_shape=(4, 8),
            expected_output_shape=(4, 3),
            expected_num_trainable_weights=1,
            expected_num_non_trainable_weights=0,
            expected_num_seed_generators=0,
            expected_num_losses=0,
            supports_masking=True,
        )

    def test_run_layer_test_with_literal_values_and_a_ones_kernel(self):
        x = np.array([[1.0, 2.0, 3.0], [5.0, 5.0, 5.0]], dtype="float32")
        half = 1 / np.sqrt(2)  # antirectified: [0, 0, h, h, 0, 0]; a ones kernel sums it
        self.run_layer_test(
            ProjectedAntirectifier,
            init_kwargs={"units": 2, "kernel_initializer": "ones"},
            input_data=x,
            expected_output=ops.convert_to_tensor(
                np.array([[2 * half] * 2, [0, 0]], dtype="float32")
            ),
            supports_masking=True,
        )


def test_output_is_the_antirectifier_times_the_kernel():
    x = np.random.default_rng(0).standard_normal((5, 6)).astype("float32")
    layer = ProjectedAntirectifier(
        units=4, kernel_initializer=keras.initializers.RandomNormal(seed=1)
    )
    output = ops.convert_to_numpy(layer(x))
    kernel = ops.convert_to_numpy(layer.kernel)
    expected = ops.convert_to_numpy(Antirectifier()(x)).astype("float64") @ kernel.astype("float64")
    assert kernel.shape == (12, 4)
    np.testing.assert_allclose(output, expected, rtol=1e-5, atol=1e-6)


def test_units_default_to_the_input_width_and_weights_are_counted():
    layer = ProjectedAntirectifier()
    assert tuple(layer(np.ones((2, 5), "float32")).shape) == (2, 5)
    assert [tuple(w.shape) for w in layer.trainable_weights] == [(10, 5)]
    assert layer.count_params() == 50


@pytest.mark.parametrize("units", [0, -3, 2.5, "4", True])
def test_bad_units_are_rejected_with_a_clear_message(units):
    with pytest.raises(ValueError, match="units must be a positive integer or None"):
        ProjectedAntirectifier(units=units)


def test_config_keeps_units_and_initializer_and_round_trips():
    layer = ProjectedAntirectifier(
        units=7, kernel_initializer="he_normal", name="mine", dtype="float64"
    )
    config = layer.get_config()
    assert config["units"] == 7
    assert config["kernel_initializer"]["class_name"] == "HeNormal"
    clone = ProjectedAntirectifier.from_config(config)
    assert (clone.name, clone.units, clone.dtype) == ("mine", 7, "float64")
    assert isinstance(clone.kernel_initializer, keras.initializers.HeNormal)


def test_mixed_float16_output_stays_close_to_float32():
    x = (100 * np.random.default_rng(2).standard_normal((3, 16))).astype("float32")
    init = keras.initializers.RandomNormal(seed=3)
    full = ops.convert_to_numpy(ProjectedAntirectifier(units=4, kernel_initializer=init)(x))
    half = ProjectedAntirectifier(units=4, kernel_initializer=init, dtype="mixed_float16")(x)
    assert keras.backend.standardize_dtype(half.dtype) == "float16"
    np.testing.assert_allclose(ops.convert_to_numpy(ops.cast(half, "float32")), full, atol=2e-2)


LOAD_IN_A_FRESH_PROCESS = """
import sys
import numpy as np
import keras
try:
    keras.saving.load_model(sys.argv[1])
    print("loaded without the class")
except Exception as error:
    missing_class = "Could not locate class 'ProjectedAntirectifier'" in str(error)
    print("failed without the class:", missing_class)
from antirectifier_tutorial.projected_layer import ProjectedAntirectifier
model = keras.saving.load_model(sys.argv[1])
layer = model.get_layer("projected")
print("config", layer.units, type(layer.kernel_initializer).__name__)
np.save(sys.argv[2], model.predict(np.load(sys.argv[3]), verbose=0))
"""


def test_saved_model_loads_in_a_fresh_process_with_the_same_weights(tmp_path, repo_root):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input(shape=(8,)),
            keras.layers.Dense(6),
            ProjectedAntirectifier(units=3, kernel_initializer="he_uniform", name="projected"),
        ]
    )
    model.compile(optimizer="rmsprop", loss="mse")
    x = np.random.default_rng(4).standard_normal((16, 8)).astype("float32")
    model.fit(x, np.zeros((16, 3), "float32"), epochs=2, verbose=0)  # weights moved off their start
    model.save(tmp_path / "model.keras")
    np.save(tmp_path / "x.npy", x)
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            LOAD_IN_A_FRESH_PROCESS,
            str(tmp_path / "model.keras"),
            str(tmp_path / "predicted.npy"),
            str(tmp_path / "x.npy"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=repo_root,
        env={**__import__("os").environ, "PYTHONPATH": str(repo_root)},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "failed without the class: True" in run.stdout, run.stdout
    assert "config 3 HeUniform" in run.stdout, run.stdout
    np.testing.assert_allclose(
        np.load(tmp_path / "predicted.npy"), model.predict(x, verbose=0), rtol=1e-6, atol=1e-6
    )
