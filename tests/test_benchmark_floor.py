"""The arithmetic floors of benchmarks/floor.py: the operation count of the rate floor, and which
matrix products the shape floor times (counted with a stand-in clock)."""

import keras
import pytest

from benchmarks import floor


def two_layer_model():
    return keras.Sequential(
        [keras.Input(shape=(784,)), keras.layers.Dense(256), keras.layers.Dense(10)]
    )


def test_rate_floor_counts_three_passes_per_training_image_and_one_per_validation_image():
    multiply_adds = 784 * 256 + 256 * 10
    expected = 2 * multiply_adds * (3 * 60_000 + 10_000) / 1e9
    assert floor.rate_floor_seconds(two_layer_model(), 60_000, 10_000, rate=1e9) == pytest.approx(
        expected
    )


def test_shape_floor_times_every_product_of_an_epoch_but_the_first_input_gradient(monkeypatch):
    timed_shapes = []

    def one_second_per_product(statement, number, repeat):
        timed_shapes.append(statement().shape)
        return [1.0] * repeat

    monkeypatch.setattr(floor.timeit, "repeat", one_second_per_product)
    seconds = floor.shape_floor_seconds(two_layer_model(), 300, 200, batch_size=128)
    # Training: 2 full batches and one of 44 rows, each 2 forward + 2 kernel-gradient products
    # + 1 input gradient (second layer only). Validation: 1 full batch and one of 72, 2 each.
    assert seconds == 3 * 5 + 2 * 2
    # A full training batch: forward and kernel gradient of the first layer, then forward,
    # kernel gradient and input gradient of the second; never a (128, 784) input gradient.
    assert timed_shapes[:5] == [(128, 256), (784, 256), (128, 10), (256, 10), (128, 256)]
    assert (128, 784) not in timed_shapes


@pytest.mark.parametrize("train, validation, batch", [(0, 10, 128), (10, -1, 128), (10, 10, 0)])
def test_shape_floor_rejects_impossible_counts(train, validation, batch):
    with pytest.raises(ValueError, match="need train_images >= 1"):
        floor.shape_floor_seconds(two_layer_model(), train, validation, batch_size=batch)


def test_matmul_rate_is_a_plausible_rate_for_a_small_product():
    rate = floor.matmul_rate(repeats=1, size=64)
    assert 1e6 < rate < 1e14  # operations per second
