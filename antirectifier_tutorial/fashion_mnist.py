import gzip
import os

import keras
import numpy as np

from antirectifier_tutorial.mnist import download, path_from_variable

FASHION_FILES = {
    "x_train": "train-images-idx3-ubyte.gz",
    "y_train": "train-labels-idx1-ubyte.gz",
    "x_test": "t10k-images-idx3-ubyte.gz",
    "y_test": "t10k-labels-idx1-ubyte.gz",
}
# Where Debian's package dataset-fashion-mnist puts the files: used when FASHION_MNIST_DIR is unset.
DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    """An IDX file of unsigned bytes (the MNIST file format) as a NumPy array."""
    try:
        with gzip.open(path, "rb") as file:
            data = file.read()
    except (OSError, EOFError) as error:
        raise ValueError(f"{path!r} is not a readable gzip file ({error}).") from None
    if len(data) < 4 or data[:3] != b"\x00\x00\x08":
        raise ValueError(f"{path!r} is not an IDX file of unsigned bytes.")
    dims = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(data[3])]
    values = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * len(dims))
    if values.size != np.prod(dims):
        raise ValueError(f"{path!r}: expected {dims} values, found {values.size}.")
    return values.reshape(dims)


def load_fashion_mnist():
    """Fashion-MNIST as ((x_train, y_train), (x_test, y_test)), uint8 images and labels.

    Reads the four gzip IDX files from FASHION_MNIST_DIR, or from Debian's folder when that
    variable is unset and the folder exists; downloads with Keras otherwise.
    """
    folder, source = path_from_variable("FASHION_MNIST_DIR"), "FASHION_MNIST_DIR names"
    if folder is None and os.path.isdir(DEBIAN_FASHION_MNIST):
        folder, source = DEBIAN_FASHION_MNIST, "Debian's dataset-fashion-mnist folder is"
    if folder is None:
        return download(keras.datasets.fashion_mnist.load_data, "FASHION_MNIST_DIR")
    missing = [
        name for name in FASHION_FILES.values() if not os.path.isfile(os.path.join(folder, name))
    ]
    if missing:
        raise FileNotFoundError(
            f"{source} {folder!r}, which lacks {missing}. Set FASHION_MNIST_DIR "
            "to a folder with the four gzip IDX files of Fashion-MNIST."
        )
    try:
        arrays = {key: read_idx(os.path.join(folder, name)) for key, name in FASHION_FILES.items()}
    except ValueError as error:
        raise ValueError(f"{source} {folder!r}: {error}") from None
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])
