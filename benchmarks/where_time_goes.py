"""Where does an epoch of the Antirectifier model go? The recipe, changed one setting at a time,
timed epoch by epoch in rotation, next to the arithmetic floor measured in the same run.

    python -m benchmarks.where_time_goes                  (from the repository root)
    KERAS_BACKEND=jax python -m benchmarks.where_time_goes --rounds 7

Each row differs from the row above it in one respect (the first rows add the tutorial's
settings, the later ones take a piece of the recipe away):

  recipe, Keras defaults       Dense(256) -> Antirectifier -> Dropout(0.1), twice; RMSprop;
                               fit() validates on the 10,000 test images every epoch
  + steps_per_execution=32     32 training steps per compiled call
  + XLA (TensorFlow only)      compile(jit_compile=True): the step compiled by XLA
  - validation                 no validation pass (a training epoch only)
  - dropout                    the Dropout layers removed (no random masks)
  RMSprop -> SGD               the plainest optimizer update
  Antirectifier -> CReLU       [relu(x), relu(-x)] without the centring and the normalisation

For every row it prints the median epoch, the spread of its epochs, the change from the row
above (the median of the per-round differences, and their range), and the ratio of the median
to both floors of benchmarks/floor.py (validation counted where the row validates). Appends
it all to benchmarks/results/where_time_goes.md (or --output).
"""

from __future__ import annotations

from benchmarks.recording import recorded, rotation_parser

# Keras and the backend are imported inside the functions, after the arguments are parsed.


def ladder(test_data):
    """[(row name, model with its fit() arguments, validates?)]: each row one change from the
    row before."""
    import keras

    from antirectifier_tutorial.models import reference_model
    from antirectifier_tutorial.timing import (
        STEPS_PER_EXECUTION,
        ConcatenatedReLU,
        fast_compile_options,
    )
    from benchmarks.common import FitWith

    def model(activation="antirectifier", dropout=True, optimizer="rmsprop", **compile_options):
        built = reference_model(activation, width=256)  # seeds, builds and compiles once
        if not dropout:
            kept = [layer for layer in built.layers if not isinstance(layer, keras.layers.Dropout)]
            built = keras.Sequential([keras.Input(shape=(784,)), *kept], name=built.name)
        built.compile(
            optimizer=optimizer,
            loss="categorical_crossentropy",
            metrics=["accuracy"],
            **compile_options,
        )
        return built

    validate = {"validation_data": test_data}
    fast = fast_compile_options()
    rows = [
        ("recipe, Keras defaults", FitWith(model(), **validate), True),
        (
            f"+ steps_per_execution={STEPS_PER_EXECUTION}",
            FitWith(model(steps_per_execution=STEPS_PER_EXECUTION), **validate),
            True,
        ),
    ]
    if "jit_compile" in fast:
        rows.append(("+ XLA (jit_compile=True)", FitWith(model(**fast), **validate), True))
    rows += [
        ("- validation", model(**fast), False),
        ("- dropout", model(dropout=False, **fast), False),
        ("RMSprop -> SGD", model(dropout=False, optimizer="sgd", **fast), False),
        (
            "Antirectifier -> CReLU",
            model(lambda name: ConcatenatedReLU(name=name), dropout=False, optimizer="sgd", **fast),
            False,
        ),
    ]
    return rows


def main(argv=None) -> int:
    parser = rotation_parser(__doc__, "where_time_goes.md", rounds=5)
    args = parser.parse_args(argv)

    with recorded(args.output, "benchmarks.where_time_goes", argv):
        import numpy as np

        from antirectifier_tutorial.mnist import mnist_for_dense_layers
        from antirectifier_tutorial.timing import epoch_seconds_in_rotation
        from benchmarks.floor import matmul_rate, rate_floor_seconds, shape_floor_seconds

        (x_train, y_train), test = mnist_for_dense_layers()
        x, y = x_train[: args.train_samples], y_train[: args.train_samples]
        rows = ladder(test)
        seconds = epoch_seconds_in_rotation(
            {name: row_model for name, row_model, _ in rows}, x, y, rounds=args.rounds
        )
        rate = matmul_rate()
        floor_model = rows[0][1]
        floors = {
            validates: (
                rate_floor_seconds(floor_model, len(x), len(test[0]) * validates, rate),
                shape_floor_seconds(floor_model, len(x), len(test[0]) * validates),
            )
            for validates in (True, False)
        }
        print(
            f"{len(x):,} training images per epoch, batch 128; {args.rounds} timed epochs per row "
            "in rotation after one untimed; NumPy float32 2048 x 2048 product: "
            f"{rate / 1e9:.0f} GFLOP/s\nfloors of an epoch with validation: rate "
            f"{floors[True][0]:.2f} s, shape {floors[True][1]:.2f} s; without: rate "
            f"{floors[False][0]:.2f} s, shape {floors[False][1]:.2f} s\n\n"
            "| row | median epoch | spread (min-max) | change from the row above: median "
            "(range over rounds) | median / rate floor | median / shape floor |\n"
            "|---|---|---|---|---|---|"
        )
        previous = None
        for name, _, validates in rows:
            times = np.array(seconds[name])
            median = float(np.median(times))
            if previous is None:
                change = "-"
            else:
                differences = times - previous
                change = (
                    f"{np.median(differences):+.3f} s ({differences.min():+.3f} to "
                    f"{differences.max():+.3f})"
                )
            rate_floor, shape_floor = floors[validates]
            print(
                f"| {name} | {median:.3f} s | {times.min():.3f}-{times.max():.3f} s | {change} "
                f"| {median / rate_floor:.2f} | {median / shape_floor:.2f} |"
            )
            previous = times
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
