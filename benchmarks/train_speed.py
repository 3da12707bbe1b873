"""How fast does the reference comparison train: plain Keras defaults against the tutorial's way.

    KERAS_BACKEND=jax python -m benchmarks.train_speed --epochs 5      (from the repository root)

On full MNIST (MNIST_NPZ or keras.datasets), in one run, it trains four models, one epoch
at a time in rotating order so that drift of the machine affects all of them alike:

  (a) the original recipe with plain Keras defaults, as the original script wrote it:
      its Antirectifier (mean, l2_normalize, relu, concatenate) or ReLU, compile() and fit()
      with nothing but the recipe's arguments;
  (b) the same recipe as the tutorial trains it: the layer and model builder of
      antirectifier_tutorial/ (what notebook 02 builds), compiled with steps_per_execution (--steps-per-execution).

It prints, per model, the median seconds per epoch (first epoch, which also compiles,
apart), the total, the final test accuracy, and the ratios (b)/(a) and Antirectifier/ReLU.
Then a micro-benchmark of the layers alone: forward plus backward on batches of 128 and
4096 rows of width 256.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from benchmarks.recording import RESULTS, recorded

# Keras and the backend are imported inside the functions, after the arguments are parsed.


def benchmark_training(epochs, tutorial_options, train_samples=None):
    import keras

    from antirectifier_tutorial.models import reference_model
    from benchmarks.common import EpochTimer, load_data, original_model, with_compile_options

    (x_train, y_train), (x_test, y_test) = load_data()
    x_train, y_train = x_train[:train_samples], y_train[:train_samples]
    models = {}
    for activation in ("antirectifier", "relu"):
        keras.utils.set_random_seed(1337)
        models[("a", activation)] = original_model(activation)
        models[("b", activation)] = with_compile_options(reference_model(activation), **tutorial_options)
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
    import keras

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


def benchmark_layers(repeats=50):
    from keras import layers

    from antirectifier_tutorial.layer import Antirectifier
    from benchmarks.common import OriginalAntirectifier, time_layers

    time_layers({"ReLU": layers.ReLU(), "original Antirectifier": OriginalAntirectifier(),
                 "tutorial Antirectifier": Antirectifier()}, repeats, "layer alone")


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
    parser.add_argument("--output", type=Path, default=RESULTS / "train_speed.md",
                        help="append the printed results to this file (default benchmarks/results/train_speed.md)")
    args = parser.parse_args(argv)
    if args.epochs < 1:
        parser.error("--epochs must be at least 1")
    if not 128 <= args.train_samples <= 60_000:
        parser.error("--train-samples must be between 128 (one batch) and 60000")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    with recorded(args.output, "python -m benchmarks.train_speed " + " ".join(sys.argv[1:] if argv is None else argv)):
        run(args)
    return 0


def run(args):
    if not args.skip_training:
        print(f"(b) trains with steps_per_execution={args.steps_per_execution}", flush=True)
        seconds, accuracy = benchmark_training(args.epochs, {"steps_per_execution": args.steps_per_execution},
                                               args.train_samples)
        rows = summarise(seconds, accuracy, args.train_samples)
        if args.json:
            args.json.write_text(json.dumps({f"{r}-{a}": v for (r, a), v in rows.items()}, indent=2))
    if not args.skip_layers:
        benchmark_layers(args.repeats)


# How the tutorial trains the reference models beyond the recipe's own arguments: the
# number of training steps that Keras runs per compiled call (notebook 04's switch).
TUTORIAL_STEPS_PER_EXECUTION = 32

if __name__ == "__main__":
    raise SystemExit(main())
