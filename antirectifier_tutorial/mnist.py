import os
import socket
import zipfile

import keras
import numpy as np

MNIST_KEYS = ("x_train", "y_train", "x_test", "y_test")
# Seconds a download may wait for the network before it gives up (per read, not in total):
# behind a dead proxy a cell should fail with a message, not hang.
DOWNLOAD_TIMEOUT_S = 20


def path_from_variable(variable):
    """The absolute path that an environment variable names, or None when it is unset.

    A relative path is taken from the folder where Jupyter (or the script) was started, the
    shell's PWD, not from the notebook's folder, where the kernel runs.
    """
    value = os.environ.get(variable)
    if not value:
        return None
    started_in = os.environ.get("PWD") or os.getcwd()
    return os.path.abspath(os.path.join(started_in, os.path.expanduser(value)))


def download(load_data, variable):
    """Run a keras.datasets loader with a network timeout; on failure, name the variable."""
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(DOWNLOAD_TIMEOUT_S)
    try:
        return load_data()
    except Exception as error:
        raise RuntimeError(
            f"The download failed ({type(error).__name__}: {error}). Offline? Set "
            f"the environment variable {variable} to a local copy before starting "
            "Jupyter (the README says how)."
        ) from None
    finally:
        socket.setdefaulttimeout(previous)


def load_mnist():
    """MNIST as ((x_train, y_train), (x_test, y_test)), uint8 images and labels.

    Downloads with Keras, unless the environment variable MNIST_NPZ names a local
    .npz file in the same layout (for offline classrooms and CI).
    """
    path = path_from_variable("MNIST_NPZ")
    if path is None:
        return download(keras.datasets.mnist.load_data, "MNIST_NPZ")
    if not os.path.isfile(path):
        raise FileNotFoundError(
            f"MNIST_NPZ names {path!r}, and there is no such file. Point MNIST_NPZ "
            "at a copy of mnist.npz, or unset it to download."
        )
    if not zipfile.is_zipfile(path):
        raise ValueError(
            f"MNIST_NPZ names {path!r}, which is not an .npz archive of NumPy arrays "
            "(the file may be damaged, or another kind of file)."
        )
    try:
        with np.load(path, allow_pickle=False) as data:
            found = list(data.files)
            arrays = {key: data[key] for key in MNIST_KEYS if key in found}
    except Exception as error:
        raise ValueError(
            f"MNIST_NPZ names {path!r}, whose arrays cannot be read "
            f"({type(error).__name__}); the file may be damaged."
        ) from None
    missing = [key for key in MNIST_KEYS if key not in arrays]
    if missing:
        raise ValueError(
            f"MNIST_NPZ names {path!r}, which holds the arrays {found}; an MNIST "
            f".npz holds {list(MNIST_KEYS)} (missing: {missing})."
        )
    for split in ("train", "test"):
        images, labels = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if images.ndim != 3 or images.shape[1:] != (28, 28) or len(images) != len(labels):
            raise ValueError(
                f"MNIST_NPZ names {path!r}: x_{split} has shape {images.shape} and "
                f"y_{split} {labels.shape}; expected (n, 28, 28) images and n labels."
            )
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def for_dense_layers(split):
    """Flatten 28x28 images to 784 features scaled to [0, 1] (float32); one-hot labels."""
    (x_train, y_train), (x_test, y_test) = split

    def flatten(images):
        return images.reshape(len(images), 28 * 28).astype("float32") / 255.0

    return (
        (flatten(x_train), keras.utils.to_categorical(y_train, 10)),
        (flatten(x_test), keras.utils.to_categorical(y_test, 10)),
    )


def mnist_for_dense_layers():
    """MNIST as flattened float32 images in [0, 1] and one-hot labels."""
    return for_dense_layers(load_mnist())
