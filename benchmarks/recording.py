"""Benchmark output goes to the terminal and, with a dated header, into benchmarks/results/.

Keras-free at import, so that the scripts can parse their arguments (and answer --help)
before importing Keras.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib.metadata
import io
import os
import platform
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


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
    """CPU count, Python, Keras, backend and its library version (imports Keras)."""
    import keras

    backend = keras.backend.backend()
    library = {"tensorflow": "tensorflow", "jax": "jaxlib", "torch": "torch"}.get(backend, backend)
    return (f"{os.cpu_count()} CPU cores, Python {platform.python_version()}, keras {keras.__version__}, "
            f"{library} {importlib.metadata.version(library)}, KERAS_BACKEND={backend}")


@contextlib.contextmanager
def recorded(path: Path, command: str):
    """Print as usual, and append everything printed inside the block to `path`."""
    printed = io.StringIO()
    terminal = sys.stdout
    sys.stdout = _Tee(terminal, printed)
    try:
        yield
    finally:
        sys.stdout = terminal
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as file:
        file.write(f"\n## {datetime.datetime.now():%Y-%m-%d %H:%M}: `{command}`\n\n{machine()}\n\n"
                   f"```\n{printed.getvalue().strip()}\n```\n")
