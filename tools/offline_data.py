"""Whether MNIST can be had, for the tests, the benchmarks and tools/regenerate_notebooks.py.

The loader (antirectifier_tutorial/mnist.py) reads the file that MNIST_NPZ names, else Keras
downloads MNIST (or reads its cached copy). Without internet, set MNIST_NPZ to a local copy of
mnist.npz; CI (.ci/run) exports it.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

# Where keras.datasets.mnist downloads from, and how long to wait before calling it unreachable.
DOWNLOAD_HOST = ("storage.googleapis.com", 443)
PROBE_TIMEOUT_S = 5


def mnist_unavailable_reason() -> str | None:
    """None if MNIST can be read or downloaded; else a message that says what to do."""
    if os.environ.get("MNIST_NPZ"):
        return None  # the loader checks that file itself, with its own messages
    keras_home = Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras")
    if (keras_home / "datasets" / "mnist.npz").is_file():
        return None  # Keras's cached download
    try:
        socket.create_connection(DOWNLOAD_HOST, timeout=PROBE_TIMEOUT_S).close()
        return None
    except OSError as error:
        return (
            f"MNIST_NPZ is unset and Keras's download host {DOWNLOAD_HOST[0]} cannot be reached "
            f"({error}): MNIST can be neither read nor downloaded. Set MNIST_NPZ to a local copy "
            "of mnist.npz (export MNIST_NPZ=/path/to/mnist.npz), then run again."
        )
