"""The original example's models as reference_model builds them (antirectifier_tutorial/models.py):
parameter counts, every layer's configuration, and the training recipe, read without training."""

import functools

import keras
import numpy as np
import pytest

from antirectifier_tutorial.layer import Antirectifier
from antirectifier_tutorial.models import reference_model

# The counts Keras reports; notebooks 01, 04 and 05 print them, and the README quotes them.
PARAMETERS = {
    ("antirectifier", None): 337_418,
    ("relu", None): 669_706,
    ("relu", 306): 337_222,
    ("relu", 256): 269_322,
    ("antirectifier", 128): 135_946,
}
DROPOUT_RATE = 0.1
RMSPROP_LEARNING_RATE = 0.001  # Keras's default, which the original example used


@functools.cache
def built(activation, width):
    """Each model once per test run: building one takes a second or so."""
    return reference_model(activation, width)


def layer_summary(model):
    """(kind, what configures it) for every layer, in order."""
    summary = []
    for layer in model.layers:
        config = layer.get_config()
        if isinstance(layer, keras.layers.Dense):
            summary.append(("Dense", config["units"], config["activation"], config["use_bias"]))
        elif isinstance(layer, keras.layers.Dropout):
            summary.append(("Dropout", config["rate"]))
        else:
            summary.append((type(layer).__name__,))
    return summary


@pytest.mark.parametrize("activation, width", list(PARAMETERS), ids=str)
def test_parameter_counts_of_the_reference_models(activation, width):
    assert built(activation, width).count_params() == PARAMETERS[activation, width]


@pytest.mark.parametrize(
    "activation, kind, width", [("antirectifier", "Antirectifier", 256), ("relu", "ReLU", 512)]
)
def test_layers_are_dense_activation_dropout_twice_then_a_softmax_classifier(
    activation, kind, width
):
    model = built(activation, None)
    hidden = [("Dense", width, "linear", True), (kind,), ("Dropout", DROPOUT_RATE)]
    assert layer_summary(model) == hidden * 2 + [("Dense", 10, "softmax", True)]
    assert model.input_shape == (None, 784) and model.output_shape == (None, 10)


def test_activation_layers_are_the_tutorials_antirectifier_and_keras_relu():
    antirectifier_layers = [
        layer
        for layer in built("antirectifier", None).layers
        if not isinstance(layer, (keras.layers.Dense, keras.layers.Dropout))
    ]
    assert len(antirectifier_layers) == 2
    assert all(type(layer) is Antirectifier for layer in antirectifier_layers)
    relu_layers = [
        layer for layer in built("relu", None).layers if isinstance(layer, keras.layers.ReLU)
    ]
    assert len(relu_layers) == 2
    assert all(
        layer.get_config()["negative_slope"] == 0 and layer.get_config()["max_value"] is None
        for layer in relu_layers
    )


@pytest.mark.parametrize("activation", ["antirectifier", "relu"])
def test_compiled_with_rmsprop_categorical_cross_entropy_and_accuracy(activation):
    compiled = built(activation, None).get_compile_config()
    assert compiled["optimizer"]["class_name"] == "RMSprop"
    optimizer = compiled["optimizer"]["config"]
    assert optimizer["learning_rate"] == pytest.approx(RMSPROP_LEARNING_RATE)
    assert optimizer["rho"] == pytest.approx(0.9) and optimizer["momentum"] == 0
    assert not optimizer["centered"]
    assert compiled["loss"] == "categorical_crossentropy"
    assert compiled["metrics"] == ["accuracy"]


def test_prediction_is_a_probability_over_ten_digits_and_dropout_is_off():
    model = built("antirectifier", None)
    pixels = np.random.default_rng(0).uniform(0, 1, (4, 784)).astype("float32")
    first, second = model.predict(pixels, verbose=0), model.predict(pixels, verbose=0)
    assert first.shape == (4, 10) and (first >= 0).all()
    np.testing.assert_allclose(first.sum(axis=1), 1, rtol=1e-5)
    np.testing.assert_array_equal(first, second)  # no dropout at inference


def test_a_function_builds_a_variant_with_its_own_activation_layers():
    model = reference_model(lambda name: keras.layers.Activation("tanh", name=name), width=64)
    activations = [layer for layer in model.layers if isinstance(layer, keras.layers.Activation)]
    assert [layer.name for layer in activations] == ["activation_1", "activation_2"]
    assert model.name == "activation_64"
    assert model.count_params() == (784 * 64 + 64) + (64 * 64 + 64) + (64 * 10 + 10)


def test_unknown_activation_name_is_refused_with_the_choices():
    with pytest.raises(ValueError, match=r"activation must be \['antirectifier', 'relu'\]"):
        reference_model("sigmoid")
