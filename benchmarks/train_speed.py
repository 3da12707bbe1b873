"""How fast does the reference comparison train: plain Keras defaults against the tutorial's way.

    KERAS_BACKEND=jax python benchmarks/train_speed.py --epochs 5

On full MNIST (MNIST_NPZ or keras.datasets), in one run, it trains four models, one epoch
at a time in rotating order so that drift of the machine affects all of them alike:

  (a) the original recipe with plain Keras defaults, as the original script wrote it:
      its Antirectifier (mean, l2_normalize, relu, concatenate) or ReLU, compile() and fit()
      with nothing but the recipe's arguments;
  (b) the same recipe as the tutorial trains it: the layer and model builder of notebook 02
      (tagged cells), compiled with steps_per_execution (--steps-per-execution).

It prints, per model, the median seconds per epoch (first epoch, which also compiles,
apart), the total, the final test accuracy, and the ratios (b)/(a) and Antirectifier/ReLU.
Then a micro-benchmark of the layers alone: forward plus backward on batches of 128 and
4096 rows of width 256.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import keras  # noqa: E402
from keras import layers, ops  # noqa: E402

from notebook_cells import LAYER_NOTEBOOK, exec_cell  # noqa: E402


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


def tutorial_namespace():
    namespace = exec_cell(LAYER_NOTEBOOK, "antirectifier-layer", {"keras": keras})
    return exec_cell(LAYER_NOTEBOOK, "reference-models", namespace)


def load_data():
    namespace = exec_cell(REPO / "notebooks" / "01_relu_discards_half.ipynb", "load-mnist",
                          {"np": np, "os": os, "keras": keras})
    exec_cell(REPO / "notebooks" / "01_relu_discards_half.ipynb", "mnist-for-dense", namespace)
    return namespace["mnist_for_dense_layers"]()


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


def benchmark_training(epochs, tutorial_options, train_samples=None):
    (x_train, y_train), (x_test, y_test) = load_data()
    x_train, y_train = x_train[:train_samples], y_train[:train_samples]
    tutorial = tutorial_namespace()
    models = {}
    for activation in ("antirectifier", "relu"):
        keras.utils.set_random_seed(1337)
        models[("a", activation)] = original_model(activation)
        models[("b", activation)] = with_compile_options(tutorial["reference_model"](activation),
                                                        **tutorial_options)
    seconds = {key: [] for key in models}
    accuracy = {}
    order = list(models)
    for epoch in range(epochs):
        for key in order[epoch % len(order):] + order[: epoch % len(order)]:
            timer = EpochTimer()
            history = models[key].fit(x_train, y_train, batch_size=128, initial_epoch=epoch,
                                      epochs=epoch + 1, validation_data=(x_test, y_test),
                                      callbacks=[timer], verbose=0)
            seconds[key].append(timer.seconds)
            accuracy[key] = history.history["val_accuracy"][-1]
        print(f"epoch {epoch + 1}/{epochs} done", file=sys.stderr, flush=True)
    return seconds, accuracy


def summarise(seconds, accuracy, train_samples=60_000):
    rows = {}
    for key, values in seconds.items():
        later = values[1:] or values
        rows[key] = {"first": values[0], "median": statistics.median(later), "total": sum(values),
                     "accuracy": accuracy[key]}
    names = {"a": "(a) plain defaults", "b": "(b) tutorial"}
    data = "full MNIST" if train_samples >= 60_000 else f"MNIST, first {train_samples:,} training images"
    print(f"\nbackend {keras.backend.backend()}, {len(next(iter(seconds.values())))} epochs, "
          f"batch 128, {data}")
    print(f"{'recipe':<20} {'model':<14} {'first epoch':>11} {'median epoch':>12} {'total':>8} {'test acc':>9}")
    for (recipe, activation), r in rows.items():
        print(f"{names[recipe]:<20} {activation:<14} {r['first']:>10.2f}s {r['median']:>11.3f}s "
              f"{r['total']:>7.1f}s {r['accuracy']:>9.4f}")
    for activation in ("antirectifier", "relu"):
        ratio = rows[("b", activation)]["median"] / rows[("a", activation)]["median"]
        print(f"(b)/(a) median epoch, {activation}: {ratio:.2f}")
    both = {recipe: sum(rows[(recipe, act)]["total"] for act in ("antirectifier", "relu")) for recipe in "ab"}
    print(f"(b)/(a) total time of the comparison (both models): {both['b'] / both['a']:.2f}")
    for recipe in "ab":
        ratio = rows[(recipe, "antirectifier")]["median"] / rows[(recipe, "relu")]["median"]
        print(f"Antirectifier/ReLU median epoch, {names[recipe]}: {ratio:.2f} (multiply-add ratio 0.50)")
    return rows


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


def benchmark_layers(repeats=50):
    tutorial = tutorial_namespace()
    time_layers({"ReLU": layers.ReLU(), "original Antirectifier": OriginalAntirectifier(),
                 "tutorial Antirectifier": tutorial["Antirectifier"]()}, repeats, "layer alone")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=5, help="epochs per model (default 5; the recipe has 40)")
    parser.add_argument("--skip-training", action="store_true", help="only the layer micro-benchmark")
    parser.add_argument("--skip-layers", action="store_true", help="no layer micro-benchmark")
    parser.add_argument("--steps-per-execution", type=int, default=TUTORIAL_STEPS_PER_EXECUTION,
                        help="training steps per compiled call for (b) "
                             f"(default {TUTORIAL_STEPS_PER_EXECUTION}, what the tutorial uses)")
    parser.add_argument("--train-samples", type=int, default=60_000,
                        help="train on the first N images (default all 60,000; fewer for a smoke test)")
    parser.add_argument("--repeats", type=int, default=50, help="timed calls per layer in the micro-benchmark")
    parser.add_argument("--json", type=Path, help="also write the training results to this file")
    args = parser.parse_args(argv)
    if args.epochs < 1:
        parser.error("--epochs must be at least 1")
    if not 128 <= args.train_samples <= 60_000:
        parser.error("--train-samples must be between 128 (one batch) and 60000")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if not args.skip_training:
        print(f"(b) trains with steps_per_execution={args.steps_per_execution}", flush=True)
        seconds, accuracy = benchmark_training(args.epochs, {"steps_per_execution": args.steps_per_execution},
                                               args.train_samples)
        rows = summarise(seconds, accuracy, args.train_samples)
        if args.json:
            args.json.write_text(json.dumps({f"{r}-{a}": v for (r, a), v in rows.items()}, indent=2))
    if not args.skip_layers:
        benchmark_layers(args.repeats)
    return 0


# How the tutorial trains the reference models beyond the recipe's own arguments: the
# number of training steps that Keras runs per compiled call (notebook 04's switch).
TUTORIAL_STEPS_PER_EXECUTION = 32

if __name__ == "__main__":
    raise SystemExit(main())
