"""What do the tutorial layer's guards cost? The original example's simple layer against the
tutorial's guarded one, timed in rotation, alone and inside the reference model.

    python -m benchmarks.robustness_price                  (from the repository root)
    KERAS_BACKEND=jax python -m benchmarks.robustness_price --rounds 9

The simple layer is the original's four operations (mean, l2_normalize, relu, concatenate:
benchmarks/common.py); the guarded one is antirectifier_tutorial.layer.Antirectifier, which
computes the same function and also returns 0 for constant rows, stays finite for tiny and huge
rows, keeps float32 statistics under 16-bit policies and finite JAX gradients at tiny inputs.

  alone     forward plus backward on 128 and 4,096 rows of width 256, compiled; each round
            times both layers (the median of --calls calls each), in alternating order
  in model  the reference Antirectifier model with each layer (same seed, the tutorial's
            compile options, no validation), one training epoch each per round, the two
            models' order alternating

Prints each round's guarded / simple ratio, their median and range; appends everything to
benchmarks/results/robustness_price.md (or --output). Notebook 02 quotes that file.
"""

from __future__ import annotations

from benchmarks.recording import count, parser_with_output, recorded

# Keras and the backend are imported inside the functions, after the arguments are parsed.


def layers_alone(rounds, calls):
    """{rows: (simple seconds per round, guarded seconds per round)} for 128 and 4,096 rows."""
    import functools
    import statistics
    import timeit

    import numpy as np
    from keras import ops

    from antirectifier_tutorial.gradients import gradient_function
    from antirectifier_tutorial.layer import Antirectifier
    from benchmarks.common import OriginalAntirectifier

    rng = np.random.default_rng(0)
    results = {}
    for rows in (128, 4096):
        x = ops.convert_to_tensor(rng.standard_normal((rows, 256)).astype("float32"))
        weights = rng.standard_normal((rows, 512)).astype("float32")
        simple, guarded = OriginalAntirectifier(), Antirectifier()
        same = np.allclose(
            ops.convert_to_numpy(simple(x)), ops.convert_to_numpy(guarded(x)), 0, 1e-5
        )
        if not same:
            raise AssertionError("the simple and the guarded layer compute different functions")
        runs = {
            "simple": functools.partial(gradient_function(simple, weights, jit=True), x),
            "guarded": functools.partial(gradient_function(guarded, weights, jit=True), x),
        }
        for run in runs.values():
            timeit.repeat(run, number=1, repeat=5)  # the first call compiles
        seconds = {name: [] for name in runs}
        for round_number in range(rounds):
            order = list(runs) if round_number % 2 == 0 else list(reversed(runs))
            for name in order:
                times = timeit.repeat(runs[name], number=1, repeat=calls)
                seconds[name].append(statistics.median(times))
        results[rows] = (seconds["simple"], seconds["guarded"])
    return results


def in_model(rounds, train_samples):
    """(simple seconds per epoch, guarded seconds per epoch), one epoch each per round, the two
    models' order alternating from round to round (so that an effect of going first or second
    falls on both alike), after one untimed epoch each."""
    from antirectifier_tutorial.mnist import mnist_for_dense_layers
    from antirectifier_tutorial.models import reference_model
    from antirectifier_tutorial.timing import EpochTimer, fast_compile_options, recompiled
    from benchmarks.common import OriginalAntirectifier

    (x_train, y_train), _ = mnist_for_dense_layers()
    x, y = x_train[:train_samples], y_train[:train_samples]
    options = fast_compile_options()
    models = {
        "simple": recompiled(
            reference_model(lambda name: OriginalAntirectifier(name=name), width=256), **options
        ),
        "guarded": recompiled(reference_model("antirectifier"), **options),
    }
    seconds = {name: [] for name in models}
    for round_number in range(-1, rounds):  # round -1: untimed, it compiles
        names = list(models) if round_number % 2 == 0 else list(reversed(models))
        for name in names:
            timer = EpochTimer()
            models[name].fit(x, y, batch_size=128, epochs=1, callbacks=[timer], verbose=0)
            if round_number >= 0:
                seconds[name].append(timer.seconds[0])
    return seconds["simple"], seconds["guarded"]


def report(label, simple, guarded, unit, scale, digits):
    import numpy as np

    simple, guarded = np.array(simple), np.array(guarded)
    ratios = guarded / simple
    print(
        f"| {label} | {scale * np.median(simple):.{digits}f} {unit} "
        f"| {scale * np.median(guarded):.{digits}f} "
        f"{unit} | {np.median(ratios):.2f} | {ratios.min():.2f}-{ratios.max():.2f} "
        f"| {' '.join(f'{ratio:.2f}' for ratio in ratios)} |"
    )


def main(argv=None) -> int:
    parser = parser_with_output(__doc__, "robustness_price.md")
    add = parser.add_argument
    add("--rounds", type=count(1), default=7, help="rounds of the rotation")
    add("--calls", type=count(1), default=25, help="timed calls per layer per round, alone")
    add("--train-samples", type=count(128, 60_000), default=60_000, help="images per epoch")
    add("--skip-model", action="store_true", help="time only the layers alone")
    args = parser.parse_args(argv)

    with recorded(args.output, "benchmarks.robustness_price", argv):
        import keras

        print(
            f"backend {keras.backend.backend()}; {args.rounds} rounds, the two layers' order "
            "alternating; ratio = guarded / simple, per round\n\n"
            "| what | simple (median) | guarded (median) | ratio (median) | ratio range "
            "| ratio, round by round |\n|---|---|---|---|---|---|"
        )
        for rows, (simple, guarded) in layers_alone(args.rounds, args.calls).items():
            report(f"layer alone, {rows:,} rows, forward + backward", simple, guarded, "µs", 1e6, 1)
        if not args.skip_model:
            simple, guarded = in_model(args.rounds, args.train_samples)
            report(f"training epoch, {args.train_samples:,} images", simple, guarded, "s", 1, 3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
