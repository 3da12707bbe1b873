"""The arithmetic floor of a training epoch: how fast this machine's float32 matrix multiply
could do a model's multiply-adds, measured in the same run as the training it is compared with.

Two floors, both from NumPy (its BLAS), neither reachable in practice:

  rate floor   the model's floating-point operations at the rate NumPy reaches on a 2048 x 2048
               product (forward and backward counted as 3 forward passes on the training
               images, forward only on the validation images);
  shape floor  the very matrix products one epoch performs, at their own shapes (128 rows per
               batch), timed one by one: the weight and input gradients of every Dense layer,
               but no input gradient for the first, which fit() never computes.

The shape floor can come out above or below the rate floor: small products use a machine less
well, but the rate floor also counts the first layer's input gradient, which the shape floor leaves
out.
"""

from __future__ import annotations

import statistics
import timeit

import numpy as np

RATE_SIZE = 2048


def matmul_rate(repeats=5, size=RATE_SIZE):
    """Floating-point operations per second of NumPy's float32 `size` x `size` product (median)."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((size, size), dtype=np.float32)
    b = rng.standard_normal((size, size), dtype=np.float32)
    a @ b  # the first call may pay for thread start-up
    seconds = statistics.median(timeit.repeat(lambda: a @ b, number=1, repeat=repeats))
    return 2 * size**3 / seconds


def dense_kernel_shapes(model):
    """(inputs, outputs) of every Dense kernel of `model`, in order."""
    import keras

    return [
        tuple(layer.kernel.shape) for layer in model.layers if isinstance(layer, keras.layers.Dense)
    ]


def rate_floor_seconds(model, train_images, validation_images, rate):
    """Seconds for one epoch's multiply-adds at `rate` operations per second."""
    multiply_adds = sum(inputs * outputs for inputs, outputs in dense_kernel_shapes(model))
    operations = 2 * multiply_adds * (3 * train_images + validation_images)
    return operations / rate


def shape_floor_seconds(model, train_images, validation_images, batch_size=128, repeats=20):
    """Seconds for one epoch's matrix products at their own shapes, each timed alone in NumPy."""
    if train_images < 1 or validation_images < 0 or batch_size < 1:
        raise ValueError(
            f"need train_images >= 1, validation_images >= 0, batch_size >= 1; got "
            f"{train_images}, {validation_images}, {batch_size}"
        )
    rng = np.random.default_rng(0)

    def product_seconds(rows, inner, columns):
        a = rng.standard_normal((rows, inner), dtype=np.float32)
        b = rng.standard_normal((inner, columns), dtype=np.float32)
        a @ b
        return statistics.median(timeit.repeat(lambda: a @ b, number=1, repeat=repeats))

    def step_seconds(rows, train):
        total = 0.0
        for position, (inputs, outputs) in enumerate(dense_kernel_shapes(model)):
            total += product_seconds(rows, inputs, outputs)  # forward
            if train:
                total += product_seconds(inputs, rows, outputs)  # kernel gradient
                if position > 0:  # the first layer's input gradient is never needed
                    total += product_seconds(rows, outputs, inputs)
        return total

    seconds = 0.0
    for images, train in ((train_images, True), (validation_images, False)):
        full, rest = divmod(images, batch_size)
        seconds += full * step_seconds(batch_size, train) if full else 0.0
        seconds += step_seconds(rest, train) if rest else 0.0
    return seconds


def floors(model, train_images, validation_images, rate=None):
    """{"rate floor": seconds, "shape floor": seconds} of one epoch of `model`."""
    rate = matmul_rate() if rate is None else rate
    return {
        "rate floor": rate_floor_seconds(model, train_images, validation_images, rate),
        "shape floor": shape_floor_seconds(model, train_images, validation_images),
    }
