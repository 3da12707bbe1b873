"""Read the notebooks the way the tests need them: cells by tag, and the layer's code."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
LAYER_NOTEBOOK = REPO_ROOT / "notebooks" / "02_building_the_antirectifier.ipynb"
LAYER_TAG = "antirectifier-layer"


def read_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source_of(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def tags_of(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def code_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def tagged_sources(path: Path, tag: str) -> list[str]:
    return [source_of(c) for c in code_cells(read_notebook(path)) if tag in tags_of(c)]


def tagged_source(path: Path, tag: str) -> str:
    sources = tagged_sources(path, tag)
    if len(sources) != 1:
        raise LookupError(f"{path.name} has {len(sources)} cells tagged {tag!r}; expected exactly 1")
    return sources[0]


def exec_cell(path: Path, tag: str, namespace: dict | None = None) -> dict:
    """Execute the cell tagged `tag` of notebook `path` in `namespace` and return it."""
    namespace = {} if namespace is None else namespace
    code = compile(tagged_source(path, tag), f"<{path.name}:{tag}>", "exec")
    exec(code, namespace)
    return namespace


def load_antirectifier():
    """The Antirectifier class exactly as notebook 02 defines it."""
    import keras

    return exec_cell(LAYER_NOTEBOOK, LAYER_TAG, {"keras": keras})["Antirectifier"]


def antirectify_reference(x) -> np.ndarray:
    """Independent float64 NumPy reference of the Antirectifier along the last axis."""
    x = np.asarray(x, dtype=np.float64)
    centred = x - x.mean(axis=-1, keepdims=True)
    constant = np.ptp(x, axis=-1, keepdims=True) == 0
    norm = np.linalg.norm(centred, axis=-1, keepdims=True)
    normalised = np.where(constant, 0.0, centred / np.where(constant, 1.0, norm))
    return np.concatenate([np.maximum(normalised, 0.0), np.maximum(-normalised, 0.0)], axis=-1)
