"""Where does a training epoch go? Five model variants, each differing from its neighbour in
one respect, timed epoch by epoch in rotation (antirectifier_tutorial/timing.py).

    python -m benchmarks.epoch_breakdown                  (from the repository root)
    KERAS_BACKEND=jax python -m benchmarks.epoch_breakdown --rounds 7

Prints a Markdown table (median seconds of a training epoch without validation, multiply-adds
per sample in the Dense layers, parameters) and appends it, with the date, CPU count,
versions and backend, to benchmarks/results/epoch_breakdown.md (or the file given by
--output). The README and notebook 04 quote that file.
"""

from __future__ import annotations

from benchmarks.recording import recorded, rotation_parser


def main(argv=None) -> int:
    parser = rotation_parser(__doc__, "epoch_breakdown.md", rounds=5)
    args = parser.parse_args(argv)

    from antirectifier_tutorial import timing
    from antirectifier_tutorial.mnist import mnist_for_dense_layers

    (x_train, y_train), _ = mnist_for_dense_layers()
    x, y = x_train[: args.train_samples], y_train[: args.train_samples]
    with recorded(args.output, "benchmarks.epoch_breakdown", argv):
        models = timing.breakdown_models()
        medians = timing.time_in_rotation(models, x, y, rounds=args.rounds)
        print(
            f"{len(x):,} images per epoch, batch 128, compiled with "
            + ", ".join(f"{key}={value}" for key, value in timing.fast_compile_options().items())
            + f"; median of {args.rounds} timed epochs per model, "
            "in rotation, after one untimed epoch; no validation\n\n"
            "| model | parameters | multiply-adds per sample | median epoch |\n|---|---|---|---|"
        )
        for name, model in models.items():
            print(
                f"| {name} | {model.count_params():,} | {timing.multiply_adds(model):,} "
                f"| {medians[name]:.2f} s |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
