"""Write the copies of antirectifier_tutorial/*.py that the notebooks carry.

Every notebook must stand alone (Colab opens one file), so each carries the modules it needs
as code cells. A carried cell is marked in its metadata with `"copy_of": "<module file>"`:

- collapsed (JupyterLab's `source_hidden`, Colab's form view): a `# @title` line, one line
  saying where the code comes from, then the file's text;
- open (notebook 02 shows the layer and the model builder): exactly the file's text.

Either way, lines that import from the package itself (`from antirectifier_tutorial...`)
are left out: in a notebook, the cell that defines those names comes earlier.

Edit the module file, never the cell, then run

    python tools/sync_notebook_copies.py

and re-execute the notebooks that changed. tests/test_notebook_copies.py fails when a copy
differs from its file.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "antirectifier_tutorial"
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))

# The title that Colab shows on each collapsed copy (one sentence saying what it is).
TITLES = {
    f"{PACKAGE}/{file}": title
    for file, title in {
        "language.py": "The learner's language: English, or Chinese in the Chinese edition",
        "setup_helpers.py": "Set-up helpers: environment checks, quick mode, where figures go",
        "mnist.py": (
            "MNIST: download, or a local copy named by MNIST_NPZ; flattened for Dense layers"
        ),
        "fashion_mnist.py": (
            "Fashion-MNIST: download, or a local folder named by FASHION_MNIST_DIR"
        ),
        "layer.py": "The Antirectifier layer, as notebook 02 builds it",
        "pilot_runs.py": "The pilot runs: 48 final test accuracies, kept as data (exploratory)",
        "projected_layer.py": "A layer with weights: the Antirectifier and a learned projection",
        "models.py": "The reference models of the original example (notebook 02)",
        "gradients.py": "Gradients on whichever Keras backend runs: TensorFlow, JAX or PyTorch",
        "timing.py": "Timing: an epoch timer, and model variants that each differ in one respect",
        "self_check.py": "What every self-check shares: reading an answer safely, and hints",
        **{
            f"exercises_0{n}.py": (
                f"Self-checks and hints for notebook 0{n}'s exercises (no answers inside)"
            )
            for n in range(1, 6)
        },
    }.items()
}
# One line, or a parenthesised list over several lines (as ruff format writes long imports).
OWN_IMPORT = re.compile(rf"\n*^from {PACKAGE}\.\w+ import (?:\([^)]*\)|.*)$", flags=re.MULTILINE)


def module_text(module_file: str) -> str:
    """The module's code as a notebook carries it: without imports from the package itself."""
    text = (REPO_ROOT / module_file).read_text(encoding="utf-8")
    return OWN_IMPORT.sub("", text).strip("\n")


def is_collapsed(cell: dict) -> bool:
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def expected_source(cell: dict) -> str:
    """What a carried cell must hold, given its metadata."""
    module_file = cell["metadata"]["copy_of"]
    if not is_collapsed(cell):
        return module_text(module_file)
    return (
        f"# @title {TITLES[module_file]}\n"
        f"# A copy of {module_file}, written by tools/sync_notebook_copies.py:\n"
        "# edit that file, not this cell.\n" + module_text(module_file)
    )


def carried_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook["cells"] if "copy_of" in cell.get("metadata", {})]


def source_of(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def sync(paths=NOTEBOOKS) -> list[str]:
    """Rewrite every carried cell that differs from its file; the names of changed notebooks."""
    changed = []
    for path in paths:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        dirty = False
        for cell in carried_cells(notebook):
            source = expected_source(cell)
            if source_of(cell) != source:
                cell["source"] = source.splitlines(keepends=True)
                dirty = True
            if is_collapsed(cell):  # Colab collapses a "# @title" cell shown as a form
                cell["metadata"]["cellView"] = "form"
        if dirty:
            path.write_text(
                json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n",
                encoding="utf-8",
            )
            changed.append(path.name)
    return changed


if __name__ == "__main__":
    changed = sync()
    print("updated:", ", ".join(changed) if changed else "nothing")
    sys.exit(0)
