"""What two reference models built with one seed share, as models.py's comment says."""

import keras
import numpy as np

from antirectifier_tutorial.models import reference_model


def kernel(model, layer):
    return keras.ops.convert_to_numpy(model.get_layer(layer).kernel)


def dropout_seed_states(model):
    return [
        keras.ops.convert_to_numpy(layer.seed_generator.state)
        for layer in model.layers
        if isinstance(layer, keras.layers.Dropout)
    ]


def test_same_seed_same_shapes_gives_the_same_first_kernel_across_activations():
    antirectifier = reference_model("antirectifier", 256, seed=5)
    relu = reference_model("relu", 256, seed=5)
    np.testing.assert_array_equal(kernel(antirectifier, "dense_1"), kernel(relu, "dense_1"))
    # The second Dense layers differ in shape (512 inputs after the Antirectifier, 256 after ReLU).
    assert kernel(antirectifier, "dense_2").shape != kernel(relu, "dense_2").shape


def test_same_seed_gives_the_antirectifier_and_relu_512_the_same_classifier_kernel():
    # Both classifiers see 512 inputs: the Antirectifier doubles its Dense(256) outputs.
    antirectifier = reference_model("antirectifier", 256, seed=5)
    relu = reference_model("relu", 512, seed=5)
    np.testing.assert_array_equal(kernel(antirectifier, "classifier"), kernel(relu, "classifier"))


def test_kernels_of_different_shapes_share_nothing_not_even_a_slice():
    narrow, wide = (
        reference_model("antirectifier", 256, seed=5),
        reference_model("relu", 512, seed=5),
    )
    assert not np.array_equal(kernel(narrow, "dense_1"), kernel(wide, "dense_1")[:, :256])
    assert not np.array_equal(kernel(narrow, "dense_2"), kernel(wide, "dense_2")[:, :256])


def test_same_seed_gives_every_model_the_same_dropout_seed_states():
    states = [
        dropout_seed_states(reference_model(a, w, seed=5))
        for a, w in (("antirectifier", 256), ("relu", 512), ("relu", 306))
    ]
    for other in states[1:]:
        for first, second in zip(states[0], other, strict=True):
            np.testing.assert_array_equal(first, second)


def test_another_seed_changes_the_weights_and_the_dropout_states():
    first = reference_model("antirectifier", 256, seed=5)
    second = reference_model("antirectifier", 256, seed=6)
    assert not np.array_equal(kernel(first, "dense_1"), kernel(second, "dense_1"))
    assert not np.array_equal(dropout_seed_states(first)[0], dropout_seed_states(second)[0])
