"""The notebooks' shared set-up and MNIST-loading cells, run outside a notebook."""

import os

import numpy as np
import pytest

from notebook_cells import NOTEBOOKS, exec_cell

FIRST_NOTEBOOK = NOTEBOOKS[0]


@pytest.fixture
def loader(monkeypatch):
    import keras

    return exec_cell(FIRST_NOTEBOOK, "load-mnist", {"np": np, "os": os, "keras": keras})["load_mnist"]


def write_npz(path, **arrays):
    np.savez(path, **arrays)
    return str(path)


def small_mnist(n_train=6, n_test=4):
    return dict(x_train=np.zeros((n_train, 28, 28), np.uint8), y_train=np.arange(n_train) % 10,
                x_test=np.full((n_test, 28, 28), 255, np.uint8), y_test=np.arange(n_test) % 10)


def test_mnist_npz_pointing_nowhere_names_the_variable(loader, monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_NPZ", str(tmp_path / "missing.npz"))
    with pytest.raises(FileNotFoundError, match="MNIST_NPZ"):
        loader()


def test_mnist_npz_that_is_not_an_npz_file_names_the_variable(loader, monkeypatch, tmp_path):
    path = tmp_path / "notes.npz"
    path.write_text("not a numpy archive")
    monkeypatch.setenv("MNIST_NPZ", str(path))
    with pytest.raises(ValueError, match="MNIST_NPZ.*not a readable .npz"):
        loader()


def test_mnist_npz_missing_arrays_says_which(loader, monkeypatch, tmp_path):
    arrays = small_mnist()
    del arrays["y_test"]
    monkeypatch.setenv("MNIST_NPZ", write_npz(tmp_path / "partial.npz", **arrays))
    with pytest.raises(ValueError, match=r"MNIST_NPZ.*\['y_test'\]"):
        loader()


def test_mnist_npz_with_wrong_image_shape_is_rejected(loader, monkeypatch, tmp_path):
    arrays = small_mnist()
    arrays["x_train"] = np.zeros((6, 784), np.uint8)
    monkeypatch.setenv("MNIST_NPZ", write_npz(tmp_path / "flat.npz", **arrays))
    with pytest.raises(ValueError, match=r"MNIST_NPZ.*x_train has shape \(6, 784\)"):
        loader()


def test_mnist_npz_in_keras_layout_loads_as_keras_would(loader, monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_NPZ", write_npz(tmp_path / "tiny.npz", **small_mnist()))
    (x_train, y_train), (x_test, y_test) = loader()
    assert x_train.shape == (6, 28, 28) and y_train.shape == (6,)
    assert x_test.shape == (4, 28, 28) and int(x_test.max()) == 255


def test_offline_copy_used_by_ci_loads_with_the_official_shapes(loader):
    path = os.environ.get("MNIST_NPZ")
    if not path or not os.path.isfile(path):
        pytest.skip("no offline MNIST copy here (MNIST_NPZ unset)")
    (x_train, y_train), (x_test, y_test) = loader()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert x_train.dtype == np.uint8 and set(np.unique(y_test)) == set(range(10))


def run_setup_cell(monkeypatch, folder, quick):
    monkeypatch.chdir(folder)
    monkeypatch.setenv("TUTORIAL_QUICK", "1" if quick else "0")
    return exec_cell(FIRST_NOTEBOOK, "setup")


@pytest.mark.parametrize("quick", [False, True])
def test_figures_go_to_the_repository_figures_folder_from_notebooks(monkeypatch, tmp_path, quick):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "figures").mkdir()
    namespace = run_setup_cell(monkeypatch, tmp_path / "notebooks", quick)
    expected = tmp_path / "figures" / ("quick" if quick else "")
    assert namespace["FIGURES"].resolve() == expected.resolve()


def test_figures_go_to_a_local_folder_when_the_notebook_stands_alone(monkeypatch, tmp_path):
    namespace = run_setup_cell(monkeypatch, tmp_path, quick=False)
    assert namespace["FIGURES"].resolve() == (tmp_path / "figures").resolve()
    assert (tmp_path / "figures").is_dir()


def test_quick_mode_never_writes_over_committed_figures(monkeypatch, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "figures").mkdir()
    committed = tmp_path / "figures" / "plot.png"
    committed.write_bytes(b"committed")
    namespace = run_setup_cell(monkeypatch, tmp_path / "notebooks", quick=True)
    figure = namespace["plt"].figure()
    namespace["save_figure"](figure, "plot.png")
    assert committed.read_bytes() == b"committed"
    assert (tmp_path / "figures" / "quick" / "plot.png").is_file()


FASHION_NOTEBOOK = next(path for path in NOTEBOOKS if path.name.startswith("05_"))


@pytest.fixture
def fashion_loader():
    import keras

    namespace = exec_cell(FASHION_NOTEBOOK, "load-fashion-mnist", {"np": np, "os": os, "keras": keras})
    return namespace["load_fashion_mnist"]


def write_idx(path, array):
    import gzip

    header = bytes([0, 0, 8, array.ndim]) + b"".join(d.to_bytes(4, "big") for d in array.shape)
    with gzip.open(path, "wb") as file:
        file.write(header + array.astype(np.uint8).tobytes())


def test_fashion_mnist_dir_without_the_files_names_the_variable(fashion_loader, monkeypatch, tmp_path):
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="FASHION_MNIST_DIR.*train-images-idx3-ubyte.gz"):
        fashion_loader()


def test_fashion_mnist_idx_files_are_read_with_their_shapes(fashion_loader, monkeypatch, tmp_path):
    rng = np.random.default_rng(0)
    images = {"train": rng.integers(0, 256, (5, 28, 28)), "t10k": rng.integers(0, 256, (3, 28, 28))}
    for split, array in images.items():
        write_idx(tmp_path / f"{split}-images-idx3-ubyte.gz", array)
        write_idx(tmp_path / f"{split}-labels-idx1-ubyte.gz", np.arange(len(array)) % 10)
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path))
    (x_train, y_train), (x_test, y_test) = fashion_loader()
    np.testing.assert_array_equal(x_train, images["train"])
    np.testing.assert_array_equal(y_test, [0, 1, 2])


def test_truncated_idx_file_is_rejected(fashion_loader, monkeypatch, tmp_path):
    import gzip

    for split in ("train", "t10k"):
        write_idx(tmp_path / f"{split}-labels-idx1-ubyte.gz", np.arange(4))
        with gzip.open(tmp_path / f"{split}-images-idx3-ubyte.gz", "wb") as file:
            file.write(bytes([0, 0, 8, 3]) + b"".join(d.to_bytes(4, "big") for d in (4, 28, 28)) + b"\x00" * 10)
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="expected \\[4, 28, 28\\] values"):
        fashion_loader()
