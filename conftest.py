"""Test-session set-up shared by the unit tests and the nbval notebook runs.

* Quick mode by default: `python -m pytest` must finish in minutes, so the
  notebooks train briefly unless the caller sets TUTORIAL_QUICK=0 explicitly.
* Offline data: the notebooks read MNIST from the file that MNIST_NPZ names, else download
  it. When neither can work (MNIST_NPZ unset, no internet), the header and the summary of
  the run say so (tools/offline_data.py). Fashion-MNIST's loader itself reads Debian's
  /usr/share/datasets/fashion-mnist when present.
* stderr is not compared: TensorFlow writes timestamped log lines there. A cell
  that raises still fails, because errors are their own output type.
* Every notebook runs as Colab sees it: its kernel starts in a fresh, empty
  folder, so a notebook that reads a repository file fails here. When the
  notebook is done, the folder may hold nothing but `figures/`.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tools.offline_data import mnist_unavailable_reason

REPO_ROOT = Path(__file__).resolve().parent

os.environ.setdefault("TUTORIAL_QUICK", "1")
# With MPLBACKEND=Agg a figure cell prints no "<Figure size ...>" text, and its
# compared output would no longer match the stored one.
os.environ.pop("MPLBACKEND", None)

# A training cell can be silent for longer than nbval's default 5 s per output.
NOTEBOOK_OUTPUT_TIMEOUT_S = 600


def _files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _run_kernel_in_empty_folder(collector) -> None:
    """Start the notebook's kernel in an empty temporary folder (Colab's view)."""
    import nbval.plugin

    original_setup = collector.setup
    workdir = Path(tempfile.mkdtemp(prefix="standalone-notebook-"))
    collector.standalone_workdir = workdir

    def setup_in_empty_folder():
        real_kernel = nbval.plugin.RunningKernel

        def kernel_in_workdir(*args, **kwargs):
            kwargs["cwd"] = str(workdir)
            return real_kernel(*args, **kwargs)

        nbval.plugin.RunningKernel = kernel_in_workdir
        try:
            original_setup()
        finally:
            nbval.plugin.RunningKernel = real_kernel

    original_teardown = collector.teardown

    def teardown_and_check_written_files():
        original_teardown()
        try:
            stray = [f for f in _files_under(workdir) if not f.startswith("figures" + os.sep)]
            assert not stray, (
                f"{collector.name} wrote files outside figures/ when run alone in an "
                f"empty folder: {stray}"
            )
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    collector.setup = setup_in_empty_folder
    collector.teardown = teardown_and_check_written_files


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("stderr",)
        _run_kernel_in_empty_folder(collector)


def pytest_collection_modifyitems(items):
    for item in items:
        if hasattr(item, "output_timeout"):
            item.output_timeout = NOTEBOOK_OUTPUT_TIMEOUT_S


@functools.cache
def _mnist_problem() -> str | None:
    return mnist_unavailable_reason()


def pytest_report_header():
    if _mnist_problem():
        return f"MNIST: {_mnist_problem()}"


def pytest_terminal_summary(terminalreporter):
    if _mnist_problem():  # at the end too, where a reader of the failures looks
        terminalreporter.write_sep("!", "MNIST cannot be read or downloaded")
        terminalreporter.write_line(_mnist_problem())


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT
