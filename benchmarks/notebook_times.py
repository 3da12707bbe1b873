"""How long does *Run All* take? Each notebook run top to bottom in a fresh kernel, timed.

    python -m benchmarks.notebook_times --mode quick                 (from the repository root)
    KERAS_BACKEND=jax python -m benchmarks.notebook_times --mode full notebooks/01_*.ipynb

Runs a copy of each notebook in a temporary folder (as Colab would: nothing from the
repository beside it), with TUTORIAL_QUICK set by --mode, on the backend in KERAS_BACKEND
(default TensorFlow), and the tests' offline data defaults. Prints one Markdown table row per
notebook and appends the same rows to benchmarks/results/notebook_times.md with the date,
the machine's CPU count and the versions. TEACHING.md quotes that file.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS = REPO_ROOT / "benchmarks" / "results" / "notebook_times.md"


def run_all(path: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(path, folder)
        started = time.perf_counter()
        NotebookClient(notebook, timeout=None, kernel_name="python3", startup_timeout=600,
                       resources={"metadata": {"path": folder}}).execute()
        return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["quick", "full"], required=True)
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: all, in order")
    args = parser.parse_args(argv)
    from tools.offline_data import use_offline_mnist_if_present

    use_offline_mnist_if_present()
    os.environ["TUTORIAL_QUICK"] = "1" if args.mode == "quick" else "0"
    backend = os.environ.get("KERAS_BACKEND", "tensorflow")
    import importlib.metadata as metadata

    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("keras", backend if backend != "jax" else "jaxlib"))
    header = (f"\n{datetime.date.today()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}, "
              f"{versions}, KERAS_BACKEND={backend}, {args.mode} mode\n\n| notebook | Run All |\n|---|---|\n")
    print(header, end="", flush=True)
    rows = []
    for path in args.notebooks or sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
        seconds = run_all(path)
        rows.append(f"| {path.name} | {seconds:.0f} s ({seconds / 60:.1f} min) |\n")
        print(rows[-1], end="", flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with open(RESULTS, "a", encoding="utf-8") as file:
        file.write(header + "".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
