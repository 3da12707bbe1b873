"""Read the committed notebooks as JSON: cells, their sources and their tags."""

from __future__ import annotations

import json
import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
# The Chinese edition: built from NOTEBOOKS by tools/translate_notebooks.py, then run.
CHINESE_NOTEBOOKS = sorted((REPO_ROOT / "notebooks" / "zh").glob("*.ipynb"))
BOTH_EDITIONS = NOTEBOOKS + CHINESE_NOTEBOOKS


def edition_id(path: Path) -> str:
    """01_….ipynb for the English notebook, zh/01_….ipynb for its Chinese edition."""
    return path.relative_to(REPO_ROOT / "notebooks").as_posix()


def read_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source_of(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def tags_of(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def code_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def is_collapsed(cell: dict) -> bool:
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


# Durations anywhere in an output: Keras's progress lines ("- 6s - 12ms/step"), "27 s", "49.4 min".
DURATION = re.compile(r"\b\d+(?:\.\d+)? ?(?:us|ms|s|min)(?:/step)?\b")


def printed(cell: dict) -> tuple[str, list[str]]:
    """A code cell's output: its text (each stream's pieces joined, then the rich outputs'
    plain text) with its durations masked, and its images, byte for byte."""
    streams: dict[str, str] = {}
    rich, images = [], []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            streams[output["name"]] = streams.get(output["name"], "") + "".join(output["text"])
        elif "data" in output:
            rich.append("".join(output["data"].get("text/plain", "")))
            if "image/png" in output["data"]:
                images.append(output["data"]["image/png"])
        else:
            rich.append(json.dumps(output, sort_keys=True))
    text = "".join(streams[name] for name in sorted(streams)) + "\n".join(rich)
    return DURATION.sub("<time>", text), images
