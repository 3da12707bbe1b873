"""What every benchmark script shares before Keras is imported: its command line, and a record
of what it prints, appended to a file in benchmarks/results/ under a header that names the
date, the command and the machine.

Keras-free at import, so that the scripts parse their arguments (and answer --help) at once.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import os
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def parser_with_output(docstring: str, results_file: str) -> argparse.ArgumentParser:
    """A parser described by the script's first paragraph, with --output (where to append)."""
    parser = argparse.ArgumentParser(
        description=docstring.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,  # every help says its default
    )
    parser.add_argument("--output", type=Path, default=RESULTS / results_file, help="append here")
    return parser


def count(minimum, maximum=None):
    """An argparse type: a whole number from `minimum` to `maximum`, else a clear error."""

    def whole_number(text):
        number = int(text)
        if number < minimum or (maximum is not None and number > maximum):
            bounds = f"between {minimum} and {maximum}" if maximum else f"at least {minimum}"
            raise argparse.ArgumentTypeError(f"must be {bounds}, not {number}")
        return number

    return whole_number


def rotation_parser(docstring: str, results_file: str, rounds: int) -> argparse.ArgumentParser:
    """parser_with_output, plus --rounds (epochs per model in rotation) and --train-samples."""
    parser = parser_with_output(docstring, results_file)
    add = parser.add_argument
    add("--rounds", type=count(1), default=rounds, help="timed epochs per model, in rotation")
    add("--train-samples", type=count(128, 60_000), default=60_000, help="images per epoch")
    return parser


def training_benchmark(docstring, module, settings, epochs, more_layers=dict, argv=None) -> int:
    """The command line of train_speed and levers: train `settings(data)` side by side
    (benchmarks/common.py: compare), then time the layers alone, with `more_layers()` too."""
    parser = parser_with_output(docstring, module.split(".")[-1] + ".md")
    add = parser.add_argument
    add("--epochs", type=count(1), default=epochs, help="timed epochs per model, after one untimed")
    add("--train-samples", type=count(128, 60_000), default=60_000, help="first N training images")
    add("--repeats", type=count(1), default=50, help="timed calls per layer, for the layers alone")
    add("--skip-training", action="store_true", help="time only the layers alone")
    add("--skip-layers", action="store_true", help="no timing of the layers alone")
    args = parser.parse_args(argv)
    with recorded(args.output, module, argv):
        from antirectifier_tutorial.mnist import mnist_for_dense_layers
        from benchmarks.common import compare, time_layers

        if not args.skip_training:
            (x_train, y_train), test = mnist_for_dense_layers()
            data = (x_train[: args.train_samples], y_train[: args.train_samples]), test
            compare(settings(data), data, args.epochs)
        if not args.skip_layers:
            time_layers(args.repeats, **more_layers())
    return 0


class _Tee(io.TextIOBase):
    def __init__(self, *streams):
        self.streams = streams

    def write(self, text):
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self):
        for stream in self.streams:
            stream.flush()


def machine() -> str:
    """CPU cores, then the set-up cell's line: Python, Keras, backend and version, GPU..."""
    from antirectifier_tutorial.setup_helpers import describe_environment

    return f"{os.cpu_count()} CPU cores, {describe_environment(in_english=True)}"


@contextlib.contextmanager
def recorded(path: Path, module: str, argv=None):
    """Print as usual, and append everything printed inside the block to `path`."""
    command = " ".join(["python -m", module, *(sys.argv[1:] if argv is None else argv)])
    printed = io.StringIO()
    terminal = sys.stdout
    sys.stdout = _Tee(terminal, printed)
    try:
        yield
    finally:
        sys.stdout = terminal
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as file:
        file.write(
            f"\n## {datetime.datetime.now():%Y-%m-%d %H:%M}: `{command}`\n\n{machine()}\n\n"
            f"```\n{printed.getvalue().strip()}\n```\n"
        )
