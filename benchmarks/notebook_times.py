"""How long does *Run All* take? Each notebook run top to bottom in a fresh kernel, timed.

    python -m benchmarks.notebook_times --mode quick                 (from the repository root)
    KERAS_BACKEND=jax python -m benchmarks.notebook_times --mode full notebooks/01_*.ipynb

Runs a copy of each notebook in a temporary folder (as Colab would: nothing from the
repository beside it), with TUTORIAL_QUICK set by --mode, on the backend in KERAS_BACKEND
(default TensorFlow), reading MNIST from MNIST_NPZ when it is set. Prints one Markdown table
row per notebook and appends the table to benchmarks/results/notebook_times.md with the date,
the machine's CPU count and the versions. TEACHING.md quotes that file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.recording import parser_with_output, recorded
from tools.offline_data import mnist_unavailable_reason

REPO_ROOT = Path(__file__).resolve().parents[1]


def run_all(path: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(path, folder)
        started = time.perf_counter()
        NotebookClient(
            notebook,
            timeout=None,
            kernel_name="python3",
            startup_timeout=600,
            resources={"metadata": {"path": folder}},
        ).execute()
        return time.perf_counter() - started


def main(argv=None) -> int:
    parser = parser_with_output(__doc__, "notebook_times.md")
    parser.add_argument("--mode", choices=["quick", "full"], required=True)
    parser.add_argument("notebooks", nargs="*", type=Path, default=[], help="none: all, in order")
    args = parser.parse_args(argv)
    problem = mnist_unavailable_reason()
    if problem:
        parser.error(problem)
    os.environ["TUTORIAL_QUICK"] = "1" if args.mode == "quick" else "0"
    with recorded(args.output, "benchmarks.notebook_times", argv):
        print(f"{args.mode} mode\n\n| notebook | Run All |\n|---|---|", flush=True)
        for path in args.notebooks or sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
            seconds = run_all(path)
            print(f"| {path.name} | {seconds:.0f} s ({seconds / 60:.1f} min) |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
