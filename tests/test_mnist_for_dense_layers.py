"""MNIST as the Dense models read it (antirectifier_tutorial/mnist.py): 784 float32 features in
[0, 1] per image, in the images' own pixel order, one-hot labels, train and test in their
places. Checked on a small synthetic .npz read through MNIST_NPZ, in a second."""

import numpy as np
import pytest

from antirectifier_tutorial.mnist import for_dense_layers, mnist_for_dense_layers

N_TRAIN, N_TEST = 7, 3  # different sizes, so that swapped splits show


def synthetic_mnist():
    """uint8 images that use every pixel value 0..255, and labels that differ per split."""
    pixels = np.arange(N_TRAIN * 28 * 28) % 256
    x_train = pixels.reshape(N_TRAIN, 28, 28).astype(np.uint8)
    x_test = (255 - np.arange(N_TEST * 28 * 28) % 256).reshape(N_TEST, 28, 28).astype(np.uint8)
    y_train = np.array([3, 1, 4, 1, 5, 9, 2], np.uint8)
    y_test = np.array([0, 8, 7], np.uint8)
    return (x_train, y_train), (x_test, y_test)


@pytest.fixture
def prepared():
    return for_dense_layers(synthetic_mnist())


def test_images_become_784_float32_features_each(prepared):
    (x_train, _), (x_test, _) = prepared
    assert x_train.shape == (N_TRAIN, 784) and x_test.shape == (N_TEST, 784)
    assert x_train.dtype == np.float32 and x_test.dtype == np.float32


def test_pixel_values_are_scaled_from_0_255_to_0_1(prepared):
    (x_train, _), _ = prepared
    assert x_train.min() == 0.0 and x_train.max() == 1.0
    # Exactly value / 255: 51 becomes 0.2, not 51 (unscaled) or 51/256.
    np.testing.assert_allclose(np.unique(x_train), np.arange(256) / 255, rtol=1e-6)


def test_flattening_keeps_each_images_pixels_in_row_major_order(prepared):
    (x_images, _), (test_images, _) = synthetic_mnist()
    (x_train, _), (x_test, _) = prepared
    np.testing.assert_allclose(x_train * 255, x_images.reshape(N_TRAIN, 784), atol=1e-4)
    np.testing.assert_allclose(x_test * 255, test_images.reshape(N_TEST, 784), atol=1e-4)
    assert x_train[0, 28 * 2 + 5] * 255 == pytest.approx(x_images[0, 2, 5], abs=1e-4)


def test_labels_become_one_hot_rows_of_ten_classes(prepared):
    (_, y_train), (_, y_test) = prepared
    (_, train_digits), (_, test_digits) = synthetic_mnist()
    for one_hot, digits in ((y_train, train_digits), (y_test, test_digits)):
        assert one_hot.shape == (len(digits), 10)
        assert set(np.unique(one_hot)) == {0.0, 1.0}
        np.testing.assert_array_equal(one_hot.sum(axis=1), 1)
        np.testing.assert_array_equal(one_hot.argmax(axis=1), digits)


def test_train_and_test_stay_in_their_places_with_their_own_labels(prepared):
    (x_train, y_train), (x_test, y_test) = prepared
    assert len(x_train) == len(y_train) == N_TRAIN and len(x_test) == len(y_test) == N_TEST
    np.testing.assert_array_equal(y_train.argmax(axis=1), [3, 1, 4, 1, 5, 9, 2])
    np.testing.assert_array_equal(y_test.argmax(axis=1), [0, 8, 7])
    assert x_test[0, 0] == 1.0 and x_train[0, 0] == 0.0  # the test images start at 255


def test_mnist_npz_is_read_and_prepared_in_one_call(monkeypatch, tmp_path):
    (x_train, y_train), (x_test, y_test) = synthetic_mnist()
    path = tmp_path / "tiny_mnist.npz"
    np.savez(path, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    monkeypatch.setenv("MNIST_NPZ", str(path))
    (features, labels), (test_features, test_labels) = mnist_for_dense_layers()
    assert features.shape == (N_TRAIN, 784) and features.dtype == np.float32
    assert test_features.shape == (N_TEST, 784) and 0 <= features.min() and features.max() <= 1
    np.testing.assert_array_equal(labels.argmax(axis=1), y_train)
    np.testing.assert_array_equal(test_labels.argmax(axis=1), y_test)
