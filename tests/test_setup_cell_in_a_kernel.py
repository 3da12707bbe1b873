"""The set-up cell as a student runs it, in a fresh kernel: an unusable KERAS_BACKEND gives
a short, clear error that names the variable, not a traceback from Keras's internals."""

import os

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from notebook_cells import NOTEBOOKS

# The error a student sees: the message, and a traceback no longer than this many lines.
SHORT_TRACEBACK_LINES = 30


def setup_cells_only(path):
    """The notebook up to its visible set-up cell, as nbformat reads it."""
    notebook = nbformat.read(path, as_version=4)
    last = next(
        i
        for i, c in enumerate(notebook.cells)
        if c.cell_type == "code"
        and "check_environment()" in c.source
        and "copy_of" not in c.metadata
    )
    notebook.cells = notebook.cells[: last + 1]
    return notebook


def run_setup(path, tmp_path, backend, outputs_of=None):
    notebook = setup_cells_only(path)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    # The kernel inherits this process's environment; set the variable the way a student does.
    old = os.environ.get("KERAS_BACKEND")
    os.environ["KERAS_BACKEND"] = backend
    try:
        client.execute()
    except CellExecutionError:
        pass
    finally:
        if old is None:
            os.environ.pop("KERAS_BACKEND")
        else:
            os.environ["KERAS_BACKEND"] = old
    outputs = [o for c in notebook.cells for o in c.get("outputs", [])]
    if outputs_of is not None:
        outputs_of.extend(outputs)
    return [o for o in outputs if o["output_type"] == "error"]


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
def test_set_up_cell_explains_an_unusable_keras_backend_in_one_short_error(
    tmp_path, backend, message
):
    if backend == "torch":
        import importlib.util

        if importlib.util.find_spec("torch") is not None:
            pytest.skip("torch is installed here")
    errors = run_setup(NOTEBOOKS[0], tmp_path, backend)
    assert len(errors) == 1, errors
    (error,) = errors
    assert error["ename"] == "SetupError"
    assert error["evalue"].startswith(message)
    traceback = "\n".join(error["traceback"])
    assert "keras/src" not in traceback and "site-packages" not in traceback
    assert len(traceback.splitlines()) <= SHORT_TRACEBACK_LINES, traceback


@pytest.mark.parametrize("backend", ["tensorflow", "jax"])
def test_set_up_cell_prints_one_summary_line_and_no_log_noise(tmp_path, monkeypatch, backend):
    # A student's environment: TF_CPP_MIN_LOG_LEVEL unset, so the set-up quiets TensorFlow.
    monkeypatch.delenv("TF_CPP_MIN_LOG_LEVEL", raising=False)
    outputs = []
    assert run_setup(NOTEBOOKS[0], tmp_path, backend, outputs_of=outputs) == []
    stderr = [o["text"] for o in outputs if o.get("name") == "stderr"]
    assert not stderr, stderr
    stdout = "".join(o["text"] for o in outputs if o.get("name") == "stdout").strip().splitlines()
    assert stdout[-1].startswith("Python ") and f"backend {backend}" in stdout[-1], stdout
