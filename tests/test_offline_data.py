"""Where MNIST comes from for the tests and tools (tools/offline_data.py): MNIST_NPZ, else a
download, and a message that says what to do when neither can work. No path outside the
repository is written in code: CI passes the offline copy's location in MNIST_NPZ."""

import socket

import pytest

import tools.regenerate_notebooks as regenerate_notebooks
from tools.offline_data import mnist_unavailable_reason


def no_network(*args, **kwargs):
    raise OSError("Name or service not known")


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No MNIST_NPZ, an empty Keras cache, and no internet."""
    monkeypatch.delenv("MNIST_NPZ", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(socket, "create_connection", no_network)
    return tmp_path


def test_offline_without_mnist_npz_the_message_says_to_set_it(offline):
    message = mnist_unavailable_reason()
    assert "MNIST_NPZ is unset" in message and "Set MNIST_NPZ to a local copy" in message


def test_mnist_npz_set_is_enough_without_internet(offline, monkeypatch):
    monkeypatch.setenv("MNIST_NPZ", "/any/mnist.npz")  # the loader itself checks the file
    assert mnist_unavailable_reason() is None


def test_keras_cached_download_is_enough_without_internet(offline):
    (offline / "datasets").mkdir()
    (offline / "datasets" / "mnist.npz").touch()
    assert mnist_unavailable_reason() is None


def test_reachable_download_host_is_enough(offline, monkeypatch):
    monkeypatch.setattr(socket, "create_connection", lambda *args, **kwargs: socket.socket())
    assert mnist_unavailable_reason() is None


def test_regenerating_stops_before_any_notebook_runs_when_mnist_is_unavailable(
    offline, monkeypatch, capsys
):
    monkeypatch.setattr(regenerate_notebooks.subprocess, "run", pytest.fail)
    assert regenerate_notebooks.main([]) == 2
    assert "Set MNIST_NPZ" in capsys.readouterr().err
