"""Gradients on whichever Keras backend runs (TensorFlow, JAX or PyTorch).

Keras 3 has no backend-independent gradient, so this is the one place that asks each
backend for one. Used by notebook 02, the layer's tests and the benchmarks.
"""

import keras
import numpy as np
from keras import ops


def gradient_function(function, weights, jit=False):
    """x -> d sum(function(x) * weights) / dx, as a NumPy array, on the current Keras backend.

    Fixed weights give each output its own sign and size, so the gradient is not only the
    special case of a plain sum. jit=True compiles the step, as training does (XLA on
    TensorFlow and JAX; PyTorch runs eagerly either way).
    """
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        def tf_step(x):
            with tf.GradientTape() as tape:
                tape.watch(x)
                loss = tf.reduce_sum(function(x) * weights)
            return tape.gradient(loss, x)

        compiled = tf.function(tf_step, jit_compile=True) if jit else tf_step
        return lambda x: compiled(tf.convert_to_tensor(x)).numpy()
    if backend == "jax":
        import jax

        jax_step = jax.grad(lambda x: (function(x) * weights).sum())
        compiled = jax.jit(jax_step) if jit else jax_step
        return lambda x: np.asarray(compiled(x))
    if backend == "torch":

        def torch_step(x):
            # A fresh leaf tensor on Keras's device, whose .grad the backward pass fills.
            x = ops.convert_to_tensor(ops.convert_to_numpy(x)).requires_grad_(True)
            (function(x) * ops.convert_to_tensor(weights)).sum().backward()
            return ops.convert_to_numpy(x.grad)

        return torch_step
    raise ValueError(
        f"No gradient for the Keras backend {backend!r}: use tensorflow, jax or torch."
    )


def gradient_of(function, x, weights=None):
    """d sum(function(x) * weights) / dx as a NumPy array; by default, fixed random weights."""
    if weights is None:
        output = ops.convert_to_numpy(function(x))
        weights = np.random.default_rng(seed=1).standard_normal(output.shape).astype(output.dtype)
    return gradient_function(function, weights)(x)
