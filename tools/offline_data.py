"""The offline data defaults that the tests, the benchmarks and the regeneration command share.

On this project's machines there is no internet: when MNIST_NPZ is unset and the workplace
copy `../shared/data/mnist.npz` (beside the repository) exists, use it. Fashion-MNIST needs
nothing here: its loader reads Debian's /usr/share/datasets/fashion-mnist when present.
"""

import os
from pathlib import Path

OFFLINE_MNIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist.npz"


def use_offline_mnist_if_present() -> None:
    if not os.environ.get("MNIST_NPZ") and OFFLINE_MNIST.is_file():
        os.environ["MNIST_NPZ"] = str(OFFLINE_MNIST)
