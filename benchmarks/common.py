"""What both benchmarks share: the original example's model, the data, and timing helpers.

This module imports Keras: the benchmark scripts import it only after parsing their
arguments, so that `--help` answers at once.
"""

from __future__ import annotations

import statistics
import time

import keras
import numpy as np
from keras import layers, ops

from antirectifier_tutorial.mnist import mnist_for_dense_layers
from tools.offline_data import use_offline_mnist_if_present


class OriginalAntirectifier(layers.Layer):
    """The Keras 2 example's layer, primitive for primitive in keras.ops."""

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        assert len(shape) == 2  # only valid for 2D tensors
        shape[-1] *= 2
        return tuple(shape)

    def call(self, inputs):
        inputs -= ops.mean(inputs, axis=1, keepdims=True)
        inputs = ops.normalize(inputs, axis=1)  # K.l2_normalize
        pos = ops.relu(inputs)
        neg = ops.relu(-inputs)
        return ops.concatenate([pos, neg], axis=1)


def original_model(activation):
    """(a): the original script's model and compile(), plain defaults."""
    width = 256 if activation == "antirectifier" else 512
    model = keras.Sequential()
    model.add(keras.Input(shape=(784,)))
    model.add(layers.Dense(width))
    model.add(OriginalAntirectifier() if activation == "antirectifier" else layers.Activation("relu"))
    model.add(layers.Dropout(0.1))
    model.add(layers.Dense(width))
    model.add(OriginalAntirectifier() if activation == "antirectifier" else layers.Activation("relu"))
    model.add(layers.Dropout(0.1))
    model.add(layers.Dense(10))
    model.add(layers.Activation("softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
    return model


def load_data():
    """Full MNIST for Dense layers, with the tests' offline default (tools/offline_data.py)."""
    use_offline_mnist_if_present()
    return mnist_for_dense_layers()


class EpochTimer(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds = time.perf_counter() - self.started


def with_compile_options(model, **options):
    """Recompile a model with the same recipe plus extra compile() options."""
    config = model.get_compile_config()
    config.update(options)
    model.compile_from_config(config)
    return model


def forward_backward(layer, x):
    """A compiled function computing d sum(layer(x)^2) / dx, for the current backend."""
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        @tf.function(jit_compile=True)
        def step(x):
            with tf.GradientTape() as tape:
                tape.watch(x)
                loss = tf.reduce_sum(tf.square(layer(x)))
            return tape.gradient(loss, x)

        return lambda: step(x).numpy()
    if backend == "jax":
        import jax

        step = jax.jit(jax.grad(lambda v: (layer(v) ** 2).sum()))
        return lambda: step(x).block_until_ready()
    return None


def time_layers(candidates, repeats, title, same_function_as=None):
    """Print the median time of forward plus backward per layer, on 128 and 4096 rows of width 256.

    With `same_function_as` (a layer), every candidate except "ReLU" must first give its output.
    """
    print(f"\n{title}, forward + backward, width 256, median of {repeats} (backend {keras.backend.backend()})")
    for rows in (128, 4096):
        x = ops.convert_to_tensor(np.random.default_rng(0).standard_normal((rows, 256)).astype("float32"))
        for name, layer in candidates.items():
            if same_function_as is not None and name != "ReLU":
                assert np.allclose(ops.convert_to_numpy(layer(x)), ops.convert_to_numpy(same_function_as(x)),
                                   atol=1e-5), f"{name} computes another function"
            run = forward_backward(layer, x)
            if run is None:
                print("the micro-benchmark covers the TensorFlow and JAX backends only")
                return
            for _ in range(5):
                run()
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                run()
                times.append(time.perf_counter() - started)
            print(f"batch {rows:>5}  {name:<28} {1e6 * statistics.median(times):9.1f} µs")
