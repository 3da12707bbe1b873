"""Re-run notebooks in full, top to bottom in fresh kernels, and save their outputs in place.

    python tools/regenerate_notebooks.py                      # all five, in order
    python tools/regenerate_notebooks.py notebooks/04_*.ipynb # some of them

Reads MNIST as the tests do (MNIST_NPZ, else a download; when neither can work it stops at
once and says so: tools/offline_data.py) and turns quick mode off. Each notebook's kernel runs
in notebooks/, so figures go to figures/. Pass the backend as usual:
KERAS_BACKEND=jax python tools/regenerate_notebooks.py ...
"""

import os
import subprocess
import sys
from pathlib import Path

try:
    from tools.offline_data import mnist_unavailable_reason
except ModuleNotFoundError:  # run as a script: tools/ itself is on the path, not the repository
    from offline_data import mnist_unavailable_reason

REPO_ROOT = Path(__file__).resolve().parents[1]


def main(paths: list[str]) -> int:
    problem = mnist_unavailable_reason()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    os.environ["TUTORIAL_QUICK"] = "0"
    notebooks = [Path(p).resolve() for p in paths] or sorted(
        (REPO_ROOT / "notebooks").glob("*.ipynb")
    )
    for notebook in notebooks:
        print(f"running {notebook.name} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "jupyter",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--inplace",
                "--ExecutePreprocessor.timeout=-1",
                notebook.name,
            ],
            cwd=notebook.parent,
            check=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
