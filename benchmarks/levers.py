"""Which levers make the reference comparison train faster? Each one measured side by side.

    KERAS_BACKEND=tensorflow python -m benchmarks.levers --epochs 3     (from the repository root)

Trains the tutorial's two reference models (antirectifier_tutorial/, the recipe of the
original example) under each setting below, one epoch at a time in rotation so that drift of
the machine affects all of them alike (antirectifier_tutorial/timing.py), and prints the median
epoch time (validation on the 10,000 test images included, after one untimed epoch) relative
to Keras's defaults. Then it times three formulations of the layer, forward plus backward.

Levers (none of them changes the recipe's mathematics; mixed_bfloat16 changes its precision):
  defaults             compile() and fit() with the recipe's arguments only
  steps_per_execution  several training steps per compiled call (as the tutorial trains)
  + jit_compile=False  TensorFlow only: no XLA (Keras's default "auto" already means no XLA
                       on a machine without GPU, so expect no change on a CPU)
  + tf.data input      TensorFlow only: a prefetching tf.data pipeline instead of NumPy arrays
  + validation 1024    validate in batches of 1,024 (training batches stay 128)
  + mixed_bfloat16     16-bit matrix products (float32 statistics inside the layer)
"""

from __future__ import annotations

from benchmarks.recording import training_benchmark

# Keras and the backend are imported inside the functions, after the arguments are parsed.


def one_pass_antirectifier(x):
    """The tutorial layer's guards, with the mean and the sum of squares from one pass.

    After subtracting the first feature and dividing by the largest |value|, every value of
    a non-constant row lies in [-1, 1], one of them is +-1 and the first is 0, so the row's
    centred sum of squares sum(s^2) - d * mean(s)^2 is at least 1/2: no catastrophic loss.
    """
    from keras import ops

    x = x - x[..., :1]
    largest = ops.stop_gradient(ops.max(ops.abs(x), axis=-1, keepdims=True))
    scaled = x * (1 / ops.where(largest > 0, largest, 1))
    mean = ops.mean(scaled, axis=-1, keepdims=True)
    sum_of_squares = ops.sum(ops.square(scaled), axis=-1, keepdims=True)
    squared_norm = sum_of_squares - x.shape[-1] * ops.square(mean)
    normalised = (scaled - mean) * ops.rsqrt(ops.maximum(squared_norm, 0.5))
    return ops.concatenate([ops.relu(normalised), ops.relu(-normalised)], axis=-1)


def tf_data(x, y, shuffle):
    import tensorflow as tf

    data = tf.data.Dataset.from_tensor_slices((x, y))
    if shuffle:
        data = data.shuffle(len(x), reshuffle_each_iteration=True)
    return data.batch(128).prefetch(tf.data.AUTOTUNE)


def settings(data):
    """lever -> {activation: model, trained with the lever's own fit() arguments}"""
    import keras

    from antirectifier_tutorial.models import reference_model
    from antirectifier_tutorial.timing import STEPS_PER_EXECUTION, recompiled
    from benchmarks.common import ACTIVATIONS, FitWith

    def pair(compile_options, policy="float32", **fit_arguments):
        previous = keras.config.dtype_policy()
        keras.config.set_dtype_policy(policy)  # the layers keep the policy they are built with
        try:
            return {
                activation: FitWith(
                    recompiled(reference_model(activation), **compile_options), **fit_arguments
                )
                for activation in ACTIVATIONS
            }
        finally:
            keras.config.set_dtype_policy(previous)

    (x_train, y_train), (x_test, y_test) = data
    steps = {"steps_per_execution": STEPS_PER_EXECUTION}
    table = {"defaults": pair({}), f"steps_per_execution={STEPS_PER_EXECUTION}": pair(steps)}
    if keras.backend.backend() == "tensorflow":
        table["+ jit_compile=False"] = pair({**steps, "jit_compile": False})
        table["+ tf.data input"] = pair(
            steps,
            x=tf_data(x_train, y_train, shuffle=True),
            y=None,
            batch_size=None,
            shuffle=False,  # the pipeline shuffles
            validation_data=tf_data(x_test, y_test, shuffle=False),
        )
    table["+ validation batches of 1024"] = pair(steps, validation_batch_size=1024)
    table["+ mixed_bfloat16"] = pair(steps, policy="mixed_bfloat16")
    return table


def one_pass_layer():
    from keras.layers import Lambda

    return {"one-pass variant": Lambda(one_pass_antirectifier)}


def main(argv=None):
    return training_benchmark(
        __doc__, "benchmarks.levers", settings, epochs=3, more_layers=one_pass_layer, argv=argv
    )


if __name__ == "__main__":
    raise SystemExit(main())
