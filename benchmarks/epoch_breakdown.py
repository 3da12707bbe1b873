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

import argparse
import datetime
import os
import platform
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS = REPO_ROOT / "benchmarks" / "results" / "epoch_breakdown.md"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed epochs per model, in rotation (default 5)")
    parser.add_argument("--train-samples", type=int, default=60_000, help="images per epoch (default all 60,000)")
    parser.add_argument("--steps-per-execution", type=int, default=32, help="as notebook 04 (default 32)")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"default {RESULTS.relative_to(REPO_ROOT)}")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if not 128 <= args.train_samples <= 60_000:
        parser.error("--train-samples must be between 128 and 60000")

    import keras

    from antirectifier_tutorial.timing import breakdown_models, multiply_adds, time_in_rotation
    from benchmarks.common import load_data

    (x_train, y_train), _ = load_data()
    x, y = x_train[:args.train_samples], y_train[:args.train_samples]
    models = breakdown_models(args.steps_per_execution)
    medians = time_in_rotation(models, x, y, rounds=args.rounds)
    backend = keras.backend.backend()
    import importlib.metadata as metadata

    library = {"tensorflow": "tensorflow", "jax": "jaxlib", "torch": "torch"}[backend]
    table = (f"\n{datetime.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPU cores, Python "
             f"{platform.python_version()}, keras {metadata.version('keras')}, {library} "
             f"{metadata.version(library)}, KERAS_BACKEND={backend}; {len(x):,} images per epoch, batch 128, "
             f"steps_per_execution={args.steps_per_execution}; median of {args.rounds} timed epochs per "
             "model, in rotation, after one untimed epoch; no validation\n\n"
             "| model | parameters | multiply-adds per sample | median epoch |\n|---|---|---|---|\n")
    for name, model in models.items():
        table += f"| {name} | {model.count_params():,} | {multiply_adds(model):,} | {medians[name]:.2f} s |\n"
    print(table, end="")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "a", encoding="utf-8") as file:
        file.write(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
