"""Which levers make the reference comparison train faster? Each one measured side by side.

    KERAS_BACKEND=tensorflow python -m benchmarks.levers --epochs 3     (from the repository root)

Trains the tutorial's two reference models (antirectifier_tutorial/, the recipe of the
original example) under each setting below, one epoch at a time in rotating order so that
drift of the machine affects all of them alike, and prints the median epoch time
(validation on the 10,000 test images included, first epoch left out) relative to Keras's
defaults. Then it times three formulations of the layer, forward plus backward.

Levers (none of them changes the recipe's mathematics; mixed_bfloat16 changes its precision):
  defaults             compile() and fit() with the recipe's arguments only
  steps_per_execution  32 training steps per compiled call (what the tutorial uses)
  + jit_compile=False  TensorFlow only: no XLA (Keras's default "auto" already means no XLA
                       on a machine without GPU, so expect no change on a CPU)
  + tf.data input      TensorFlow only: a prefetching tf.data pipeline instead of NumPy arrays
  + validation 1024    validate in batches of 1,024 (training batches stay 128)
  + mixed_bfloat16     16-bit matrix products (float32 statistics inside the layer)
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from benchmarks.recording import RESULTS, recorded

# Keras and the backend are imported inside the functions, after the arguments are parsed.

STEPS = 32


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
    squared_norm = ops.sum(ops.square(scaled), axis=-1, keepdims=True) - x.shape[-1] * ops.square(mean)
    normalised = (scaled - mean) * ops.rsqrt(ops.maximum(squared_norm, 0.5))
    return ops.concatenate([ops.relu(normalised), ops.relu(-normalised)], axis=-1)


def levers(backend):
    """name -> (compile options, fit options, dtype policy, input pipeline)"""
    table = {"defaults": ({}, {}, None, None),
             f"steps_per_execution={STEPS}": ({"steps_per_execution": STEPS}, {}, None, None)}
    if backend == "tensorflow":
        table["+ jit_compile=False"] = ({"steps_per_execution": STEPS, "jit_compile": False}, {}, None, None)
        table["+ tf.data input"] = ({"steps_per_execution": STEPS}, {}, None, "tf.data")
    table["+ validation batches of 1024"] = ({"steps_per_execution": STEPS}, {"validation_batch_size": 1024},
                                             None, None)
    table["+ mixed_bfloat16"] = ({"steps_per_execution": STEPS}, {}, "mixed_bfloat16", None)
    return table


def tf_data(x, y, batch_size, shuffle):
    import tensorflow as tf

    data = tf.data.Dataset.from_tensor_slices((x, y))
    if shuffle:
        data = data.shuffle(len(x), reshuffle_each_iteration=True)
    return data.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def benchmark_levers(epochs):
    import keras

    from antirectifier_tutorial.models import reference_model
    from benchmarks.common import EpochTimer, load_data, with_compile_options

    (x_train, y_train), (x_test, y_test) = load_data()
    runs = {}
    for lever, (compile_options, fit_options, policy, pipeline) in levers(keras.backend.backend()).items():
        for activation in ("antirectifier", "relu"):
            previous = keras.config.dtype_policy()
            keras.config.set_dtype_policy(policy or "float32")
            try:
                model = with_compile_options(reference_model(activation), **compile_options)
            finally:
                keras.config.set_dtype_policy(previous)
            if pipeline == "tf.data":
                data = {"x": tf_data(x_train, y_train, 128, True),
                        "validation_data": tf_data(x_test, y_test, 128, False)}
            else:
                data = {"x": x_train, "y": y_train, "batch_size": 128, "validation_data": (x_test, y_test)}
            runs[lever, activation] = (model, {**data, **fit_options}, [], [])
    order = list(runs)
    for epoch in range(epochs):
        for key in order[epoch % len(order):] + order[: epoch % len(order)]:
            model, fit_arguments, seconds, accuracy = runs[key]
            timer = EpochTimer()
            history = model.fit(**fit_arguments, initial_epoch=epoch, epochs=epoch + 1, callbacks=[timer], verbose=0)
            seconds.append(timer.seconds)
            accuracy.append(history.history["val_accuracy"][-1])
        print(f"epoch {epoch + 1}/{epochs} done", file=sys.stderr, flush=True)
    median = {key: statistics.median(run[2][1:] or run[2]) for key, run in runs.items()}
    print(f"\nbackend {keras.backend.backend()}, {epochs} epochs per model, batch 128, full MNIST; "
          "median epoch (first left out), validation included")
    print(f"| lever | Antirectifier epoch | ReLU epoch | Anti/ReLU | both, vs defaults | test acc (Anti, ReLU) |")
    print("|---|---|---|---|---|---|")
    defaults = median["defaults", "antirectifier"] + median["defaults", "relu"]
    for lever in dict.fromkeys(lever for lever, _ in runs):
        anti, relu = median[lever, "antirectifier"], median[lever, "relu"]
        print(f"| {lever} | {anti:.2f} s | {relu:.2f} s | {anti / relu:.2f} | {(anti + relu) / defaults:.2f} | "
              f"{runs[lever, 'antirectifier'][3][-1]:.4f}, {runs[lever, 'relu'][3][-1]:.4f} |")


def benchmark_formulations(repeats):
    import keras

    from antirectifier_tutorial.layer import Antirectifier
    from benchmarks.common import OriginalAntirectifier, time_layers

    time_layers({"ReLU": keras.layers.ReLU(), "original (4 ops, no guards)": OriginalAntirectifier(),
                 "tutorial layer": Antirectifier(),
                 "one-pass variant": keras.layers.Lambda(one_pass_antirectifier)},
                repeats, "layer formulations", same_function_as=Antirectifier())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=3, help="epochs per model and lever (default 3)")
    parser.add_argument("--repeats", type=int, default=50, help="timed calls per layer formulation")
    parser.add_argument("--output", type=Path, default=RESULTS / "levers.md",
                        help="append the printed results to this file (default benchmarks/results/levers.md)")
    args = parser.parse_args(argv)
    if args.epochs < 2:
        parser.error("--epochs must be at least 2: the first epoch, which compiles, is left out")
    with recorded(args.output, "python -m benchmarks.levers " + " ".join(sys.argv[1:] if argv is None else argv)):
        benchmark_levers(args.epochs)
        benchmark_formulations(args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
