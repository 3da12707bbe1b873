"""The data loaders and set-up helpers of antirectifier_tutorial/, as a student meets them:
clear errors that name the variable to set, within seconds, and figures in the right place."""

import gzip
import os
import socket
import threading
import time
import urllib.request

import numpy as np
import pytest

from antirectifier_tutorial import fashion_mnist, mnist, setup_helpers
from antirectifier_tutorial.fashion_mnist import load_fashion_mnist
from antirectifier_tutorial.mnist import load_mnist
from antirectifier_tutorial.setup_helpers import SetupError, check_environment, save_figure

# Each offline failure must explain itself within this many seconds.
CLEAR_MESSAGE_WITHIN_S = 30


def write_npz(path, **arrays):
    np.savez(path, **arrays)
    return str(path)


def small_mnist(n_train=6, n_test=4):
    return dict(
        x_train=np.zeros((n_train, 28, 28), np.uint8),
        y_train=np.arange(n_train) % 10,
        x_test=np.full((n_test, 28, 28), 255, np.uint8),
        y_test=np.arange(n_test) % 10,
    )


def test_mnist_npz_pointing_nowhere_names_the_variable_and_the_absolute_path(monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_NPZ", str(tmp_path / "missing.npz"))
    with pytest.raises(FileNotFoundError, match=f"MNIST_NPZ names '{tmp_path}/missing.npz'"):
        load_mnist()


def test_relative_mnist_npz_is_resolved_from_where_jupyter_was_started(monkeypatch, tmp_path):
    (tmp_path / "data").mkdir()
    write_npz(tmp_path / "data" / "tiny.npz", **small_mnist())
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")  # where the kernel runs
    monkeypatch.setenv("PWD", str(tmp_path))  # where the shell started Jupyter
    monkeypatch.setenv("MNIST_NPZ", "data/tiny.npz")
    (x_train, _), _ = load_mnist()
    assert x_train.shape == (6, 28, 28)
    monkeypatch.setenv("MNIST_NPZ", "elsewhere/tiny.npz")
    with pytest.raises(FileNotFoundError, match=f"'{tmp_path}/elsewhere/tiny.npz'"):
        load_mnist()


def test_mnist_npz_that_is_not_an_npz_file_says_so_without_numpys_pickle_advice(
    monkeypatch, tmp_path
):
    path = tmp_path / "notes.npz"
    path.write_text("not a numpy archive")
    monkeypatch.setenv("MNIST_NPZ", str(path))
    with pytest.raises(ValueError, match="MNIST_NPZ names .*not an .npz archive") as error:
        load_mnist()
    assert "pickle" not in str(error.value)


def test_mnist_npz_missing_arrays_lists_the_arrays_found(monkeypatch, tmp_path):
    arrays = small_mnist()
    del arrays["y_test"]
    monkeypatch.setenv("MNIST_NPZ", write_npz(tmp_path / "partial.npz", **arrays))
    with pytest.raises(
        ValueError,
        match=r"MNIST_NPZ names .*holds the arrays \['x_train', 'y_train', "
        r"'x_test'\].*missing: \['y_test'\]",
    ):
        load_mnist()


def test_mnist_npz_with_wrong_image_shape_is_rejected(monkeypatch, tmp_path):
    arrays = small_mnist()
    arrays["x_train"] = np.zeros((6, 784), np.uint8)
    monkeypatch.setenv("MNIST_NPZ", write_npz(tmp_path / "flat.npz", **arrays))
    with pytest.raises(ValueError, match=r"MNIST_NPZ.*x_train has shape \(6, 784\)"):
        load_mnist()


def test_mnist_npz_in_keras_layout_loads_as_keras_would(monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_NPZ", write_npz(tmp_path / "tiny.npz", **small_mnist()))
    (x_train, y_train), (x_test, y_test) = load_mnist()
    assert x_train.shape == (6, 28, 28) and y_train.shape == (6,)
    assert x_test.shape == (4, 28, 28) and int(x_test.max()) == 255


def test_offline_copy_used_by_ci_loads_with_the_official_shapes():
    if not os.environ.get("MNIST_NPZ"):
        pytest.skip("no offline MNIST copy here (MNIST_NPZ unset)")
    (x_train, y_train), (x_test, y_test) = load_mnist()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert x_train.dtype == np.uint8 and set(np.unique(y_test)) == set(range(10))


@pytest.fixture
def dead_proxy(monkeypatch, tmp_path):
    """A proxy on 127.0.0.1 that accepts connections and never answers; no cached download."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{server.getsockname()[1]}"
    for variable in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(variable, address)
    for variable in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    monkeypatch.setattr(mnist, "DOWNLOAD_TIMEOUT_S", 3)  # the test needs no 20 s wait
    # urllib builds its global opener, with the proxies of that moment, on first use: forget
    # it before and after, so that no later test in this process inherits the dead proxy.
    urllib.request.install_opener(None)
    yield
    urllib.request.install_opener(None)
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


@pytest.mark.parametrize(
    "variable, loader", [("MNIST_NPZ", load_mnist), ("FASHION_MNIST_DIR", load_fashion_mnist)]
)
def test_download_behind_a_dead_proxy_fails_with_a_message_naming_the_variable(
    dead_proxy, monkeypatch, variable, loader
):
    monkeypatch.delenv("MNIST_NPZ", raising=False)
    monkeypatch.delenv("FASHION_MNIST_DIR", raising=False)
    monkeypatch.setattr(fashion_mnist, "DEBIAN_FASHION_MNIST", "/nonexistent")
    started = time.monotonic()
    with pytest.raises(
        RuntimeError, match=f"download failed.*Offline\\? Set the environment variable {variable}"
    ):
        loader()
    assert time.monotonic() - started < CLEAR_MESSAGE_WITHIN_S
    assert socket.getdefaulttimeout() is None, "the timeout is put back after the download"


def write_idx(path, array):
    header = bytes([0, 0, 8, array.ndim]) + b"".join(d.to_bytes(4, "big") for d in array.shape)
    with gzip.open(path, "wb") as file:
        file.write(header + array.astype(np.uint8).tobytes())


def test_fashion_mnist_dir_without_the_files_names_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path))
    with pytest.raises(
        FileNotFoundError, match="FASHION_MNIST_DIR names .*lacks.*train-images-idx3-ubyte.gz"
    ):
        load_fashion_mnist()


def test_fashion_mnist_defaults_to_debians_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("FASHION_MNIST_DIR", raising=False)
    monkeypatch.setattr(fashion_mnist, "DEBIAN_FASHION_MNIST", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="Debian's dataset-fashion-mnist folder is"):
        load_fashion_mnist()


def test_fashion_mnist_idx_files_are_read_with_their_shapes(monkeypatch, tmp_path):
    rng = np.random.default_rng(0)
    images = {"train": rng.integers(0, 256, (5, 28, 28)), "t10k": rng.integers(0, 256, (3, 28, 28))}
    for split, array in images.items():
        write_idx(tmp_path / f"{split}-images-idx3-ubyte.gz", array)
        write_idx(tmp_path / f"{split}-labels-idx1-ubyte.gz", np.arange(len(array)) % 10)
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path))
    (x_train, y_train), (x_test, y_test) = load_fashion_mnist()
    np.testing.assert_array_equal(x_train, images["train"])
    np.testing.assert_array_equal(y_test, [0, 1, 2])


def test_truncated_idx_file_is_rejected(monkeypatch, tmp_path):
    for split in ("train", "t10k"):
        write_idx(tmp_path / f"{split}-labels-idx1-ubyte.gz", np.arange(4))
        with gzip.open(tmp_path / f"{split}-images-idx3-ubyte.gz", "wb") as file:
            file.write(
                bytes([0, 0, 8, 3])
                + b"".join(d.to_bytes(4, "big") for d in (4, 28, 28))
                + b"\x00" * 10
            )
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path))
    with pytest.raises(
        ValueError, match=r"FASHION_MNIST_DIR names .*expected \[4, 28, 28\] values"
    ):
        load_fashion_mnist()


def test_file_that_is_not_gzip_is_rejected_naming_the_variable(monkeypatch, tmp_path):
    for name in fashion_mnist.FASHION_FILES.values():
        (tmp_path / name).write_text("not gzip")
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="FASHION_MNIST_DIR names .*not a readable gzip file"):
        load_fashion_mnist()


@pytest.mark.parametrize(
    "backend, message",
    [
        (
            "nonsense",
            "KERAS_BACKEND is 'nonsense', which is not a Keras backend this tutorial runs on",
        ),
        ("torch", "KERAS_BACKEND is 'torch', but the package 'torch' is not installed"),
    ],
)
def test_unusable_keras_backend_gives_one_paragraph_naming_the_variable(
    monkeypatch, backend, message
):
    if backend == "torch" and setup_helpers.importlib.util.find_spec("torch") is not None:
        pytest.skip("torch is installed here")
    monkeypatch.setenv("KERAS_BACKEND", backend)
    with pytest.raises(SetupError) as error:
        check_environment()
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value) and "restart the kernel" in str(error.value)


def test_missing_package_names_requirements_txt(monkeypatch):
    monkeypatch.setattr(setup_helpers, "REQUIRED_PACKAGES", ("keras", "no_such_package_here"))
    with pytest.raises(SetupError, match="Missing package.*no_such_package_here.*requirements.txt"):
        check_environment()


@pytest.mark.parametrize(
    "version, applied",
    [("0.7.0", False), ("0.7.2", True), ("0.8.0", True), ("0.8.3", False), ("0.10.2", False)],
)
def test_jaxlib_that_trains_wrongly_on_cpus_gets_the_xla_flag(
    monkeypatch, capsys, version, applied
):
    from packaging.version import Version

    monkeypatch.setenv("XLA_FLAGS", "--xla_something_else=1")
    monkeypatch.delitem(
        setup_helpers.sys.modules, "jax", raising=False
    )  # as before JAX is imported
    setup_helpers.avoid_wrong_jax_cpu_training(Version(version))
    flags = os.environ["XLA_FLAGS"]
    assert ("--xla_cpu_use_xnnpack=false" in flags) == applied
    assert "--xla_something_else=1" in flags
    printed = capsys.readouterr().out
    assert (
        (printed.count("\n") == 1 and f"jaxlib {version} can train wrongly" in printed)
        if applied
        else printed == ""
    )


def test_jaxlib_that_trains_wrongly_after_jax_was_imported_asks_for_a_restart(monkeypatch):
    from packaging.version import Version

    monkeypatch.delenv("XLA_FLAGS", raising=False)
    monkeypatch.setitem(setup_helpers.sys.modules, "jax", object())
    with pytest.raises(SetupError, match="restart the kernel"):
        setup_helpers.avoid_wrong_jax_cpu_training(Version("0.7.2"))


@pytest.mark.parametrize("quick", [False, True])
def test_figures_go_to_the_repository_figures_folder_from_notebooks(monkeypatch, tmp_path, quick):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "figures").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    monkeypatch.setenv("TUTORIAL_QUICK", "1" if quick else "0")
    expected = tmp_path / "figures" / ("quick" if quick else "")
    assert setup_helpers.figures_folder().resolve() == expected.resolve()


def test_figures_go_to_a_local_folder_when_the_notebook_stands_alone(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TUTORIAL_QUICK", "0")
    assert setup_helpers.figures_folder().resolve() == (tmp_path / "figures").resolve()


def test_quick_mode_never_writes_over_committed_figures(monkeypatch, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    (tmp_path / "notebooks").mkdir()
    (tmp_path / "figures").mkdir()
    committed = tmp_path / "figures" / "plot.png"
    committed.write_bytes(b"committed")
    monkeypatch.chdir(tmp_path / "notebooks")
    monkeypatch.setenv("TUTORIAL_QUICK", "1")
    save_figure(plt.figure(), "plot.png")
    assert committed.read_bytes() == b"committed"
    assert (tmp_path / "figures" / "quick" / "plot.png").is_file()
