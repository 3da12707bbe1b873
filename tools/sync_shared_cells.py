"""Copy the shared, tagged cells from the notebook that defines them into every other notebook.

Every notebook must stand alone (Colab opens one file), so the set-up, data-loading, layer
and model-building cells are repeated. Edit a shared cell in its defining notebook only,
run `python tools/sync_shared_cells.py`, then re-execute the notebooks that changed.
tests/test_notebook_hygiene.py fails if a copy drifts.
"""

import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_notebook_hygiene import NOTEBOOKS, SHARED_CELLS  # noqa: E402


def main() -> int:
    changed = []
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        dirty = False
        for tag, defining_notebook in SHARED_CELLS.items():
            if path == defining_notebook:
                continue
            source = next(c.source for c in nbformat.read(defining_notebook, as_version=4).cells
                          if tag in c.metadata.get("tags", []))
            for cell in notebook.cells:
                if tag in cell.metadata.get("tags", []) and cell.source != source:
                    cell.source = source
                    dirty = True
        if dirty:
            nbformat.write(notebook, path)
            changed.append(path.name)
    print("updated:", ", ".join(changed) if changed else "nothing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
