"""The translation catalogue of the Chinese edition: what is translated, and what went stale.

    python tools/translate_notebooks.py --stale            # list every stale or missing cell
    python tools/translate_notebooks.py --skeleton NOTEBOOK  # add missing cells to a catalogue
    python tools/translate_notebooks.py --build            # write notebooks/zh/, *.zh-CN.md
    python tools/translate_notebooks.py --markdown         # only the notebooks' prose, outputs kept

The catalogue (translations/zh/<notebook name>.md) holds, for each markdown cell of an English
notebook, its translation under a header line (README.md and TEACHING.md likewise, in
translations/zh/README.md and TEACHING.md, one block per "## " section, the block's id made
from its heading):

    <!-- cell 9b94e1fb · en 3f2a1c0d9e8b -->
    ## 训练
    ...

`cell` is the English cell's id (nbformat's `id`), `en` the first 12 hex digits of the SHA-256
of the English cell's source when it was translated. When the English cell changes, its
fingerprint no longer matches and the entry is stale; tests/test_translation_catalogue.py
fails, naming the notebook, the cell and the catalogue line. A header may end with
` · skip-terms: margin, power` for glossary terms that the English cell uses in another sense.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO_ROOT / "notebooks"
CATALOGUE = REPO_ROOT / "translations" / "zh"
HEADER = re.compile(
    r"^<!-- cell (?P<cell>[\w-]+) · en (?P<fingerprint>[0-9a-f]{12})"
    r"(?: · skip-terms: (?P<skip>[^>]*?))? -->$"
)


@dataclass
class Entry:
    cell: str
    fingerprint: str
    text: str
    line: int  # where the header sits in the catalogue file, from 1
    skip_terms: list[str] = field(default_factory=list)


def fingerprint(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def source_of(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


DOCUMENTS = [REPO_ROOT / "README.md", REPO_ROOT / "TEACHING.md"]


def document_sections(path: Path) -> list[dict]:
    """A Markdown file as cells: the text before its first "## " heading, then each section
    from its "## " heading to the next; ids from the headings ("top" for the first)."""
    sections: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("## "):
            sections.append([])
        sections[-1].append(line)
    cells = []
    for lines in sections:
        text = "".join(lines).strip("\n")
        if not text:
            continue
        heading = lines[0][3:] if lines[0].startswith("## ") else "top"
        cell_id = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")
        cells.append({"id": cell_id, "cell_type": "markdown", "source": text})
    return cells


def markdown_cells(notebook_path: Path) -> list[dict]:
    if notebook_path.suffix == ".md":
        return document_sections(notebook_path)
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "markdown"]


def catalogue_path(notebook_path: Path) -> Path:
    """translations/zh/<stem>.md, for a notebook or a document alike."""
    return CATALOGUE / f"{notebook_path.stem}.md"


def read_catalogue(path: Path) -> dict[str, Entry]:
    """{cell id: Entry}; text before the first header (the file's title) is ignored."""
    entries: dict[str, Entry] = {}
    current: Entry | None = None
    lines: list[str] = []

    def close():
        if current is not None:
            current.text = "\n".join(lines).strip("\n")
            entries[current.cell] = current

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = HEADER.match(line)
        if match:
            close()
            if match["cell"] in entries:
                raise ValueError(f"{path.name}:{number}: cell {match['cell']} appears twice")
            skip = [term.strip() for term in (match["skip"] or "").split(",") if term.strip()]
            current, lines = Entry(match["cell"], match["fingerprint"], "", number, skip), []
        elif line.startswith("<!-- cell "):
            raise ValueError(f"{path.name}:{number}: malformed header {line!r}")
        else:
            lines.append(line)
    close()
    return entries


def problems(notebook_path: Path, path: Path | None = None) -> list[str]:
    """Every way the catalogue of one notebook fails its English cells, one line each."""
    path = catalogue_path(notebook_path) if path is None else path
    name = notebook_path.name
    if not path.exists():
        return [f"{name}: no catalogue at {path}"]
    entries = read_catalogue(path)
    found = []
    english_ids = set()
    for index, cell in enumerate(markdown_cells(notebook_path)):
        cell_id, source = cell.get("id"), source_of(cell)
        english_ids.add(cell_id)
        first_line = source.splitlines()[0][:60] if source else ""
        where = f"{name}, cell {cell_id} (markdown cell {index + 1}, {first_line!r})"
        entry = entries.get(cell_id)
        if entry is None:
            found.append(f"{where}: no translation in {path.name}")
        elif entry.fingerprint != fingerprint(source):
            found.append(
                f"{where}: the English changed after its translation ({path.name}:{entry.line} "
                f"translates {entry.fingerprint}, the cell is now {fingerprint(source)})"
            )
        elif not entry.text.strip():
            found.append(f"{where}: empty translation at {path.name}:{entry.line}")
    for cell_id, entry in entries.items():
        if cell_id not in english_ids:
            found.append(f"{path.name}:{entry.line}: cell {cell_id} is not in {name} any more")
    return found


COLAB_NOTEBOOKS = "/blob/main/notebooks/"
# The one visible code line in which a Chinese notebook differs from the English one: inserted
# in the set-up cell, before the set-up check, it makes hints, self-checks and set-up messages
# Chinese (antirectifier_tutorial/language.py). `os` is imported by the carried set-up helpers.
SETUP_CALL = "check_environment()"
LANGUAGE_LINE = 'os.environ["TUTORIAL_LANGUAGE"] = "zh"  # 中文版：提示、自测和环境信息显示为中文'


def translated_notebook(notebook_path: Path) -> dict:
    """The Chinese notebook: the English one with every markdown cell's translation, the Colab
    badge pointing at notebooks/zh/, outputs cleared (a run fills them), code cells untouched
    but for LANGUAGE_LINE before the set-up check. Refuses a stale catalogue."""
    found = problems(notebook_path)
    if found:
        raise ValueError("the catalogue is not current:\n" + "\n".join(found))
    entries = read_catalogue(catalogue_path(notebook_path))
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    inserted = 0
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            text = entries[cell["id"]].text.replace(
                COLAB_NOTEBOOKS + notebook_path.name, f"{COLAB_NOTEBOOKS}zh/{notebook_path.name}"
            )
            cell["source"] = text.splitlines(keepends=True)
            continue
        cell["outputs"], cell["execution_count"] = [], None
        cell.get("metadata", {}).pop("execution", None)
        lines = source_of(cell).splitlines(keepends=True)
        if SETUP_CALL + "\n" in lines and not inserted:
            lines.insert(lines.index(SETUP_CALL + "\n"), LANGUAGE_LINE + "\n")
            cell["source"], inserted = lines, 1
    if not inserted:
        raise ValueError(f"{notebook_path.name}: no set-up cell calls {SETUP_CALL}")
    return notebook


def translated_document(path: Path) -> str:
    """README.zh-CN.md or TEACHING.zh-CN.md: the catalogue's sections in the English order,
    links pointed at the Chinese notebooks and documents (the catalogue's first section holds
    the line that links back to the English)."""
    found = problems(path)
    if found:
        raise ValueError("the catalogue is not current:\n" + "\n".join(found))
    entries = read_catalogue(catalogue_path(path))
    text = "\n\n".join(entries[cell["id"]].text for cell in document_sections(path)) + "\n"
    text = re.sub(r"\]\(notebooks/(0\d_\w+\.ipynb)\)", r"](notebooks/zh/\1)", text)
    text = text.replace(COLAB_NOTEBOOKS + "0", COLAB_NOTEBOOKS + "zh/0")
    switch = f"[English]({path.name}) · **简体中文**"
    for name in ("README", "TEACHING"):
        text = text.replace(f"[{name}.md]({name}.md)", f"[{name}.zh-CN.md]({name}.zh-CN.md)")
        text = text.replace(f"]({name}.md)", f"]({name}.zh-CN.md)")
    return text.replace(switch.replace(".md)", ".zh-CN.md)"), switch)


def build(destination: Path = NOTEBOOKS / "zh") -> list[Path]:
    """Write every Chinese notebook (without outputs) and both Chinese documents."""
    destination.mkdir(parents=True, exist_ok=True)
    written = []
    for notebook_path in sorted(NOTEBOOKS.glob("*.ipynb")):
        target = destination / notebook_path.name
        notebook = translated_notebook(notebook_path)
        target.write_text(
            json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        written.append(target)
    for path in DOCUMENTS:
        target = REPO_ROOT / f"{path.stem}.zh-CN.md"
        target.write_text(translated_document(path), encoding="utf-8")
        written.append(target)
    return written


def skeleton(notebook_path: Path) -> int:
    """Append the missing cells to the catalogue, English text as the placeholder; return how
    many. Stale entries are left alone (their translation needs a person, not a tool)."""
    path = catalogue_path(notebook_path)
    entries = read_catalogue(path) if path.exists() else {}
    blocks = []
    for cell in markdown_cells(notebook_path):
        if cell.get("id") not in entries:
            source = source_of(cell)
            blocks.append(f"<!-- cell {cell['id']} · en {fingerprint(source)} -->\n{source}\n")
    if blocks:
        path.parent.mkdir(parents=True, exist_ok=True)
        title = "" if path.exists() else f"<!-- {notebook_path.name}: 中文翻译 -->\n\n"
        with open(path, "a", encoding="utf-8") as file:
            file.write(title + "\n".join(blocks))
    return len(blocks)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stale", action="store_true", help="list stale or missing cells")
    parser.add_argument("--skeleton", type=Path, nargs="*", help="add missing cells")
    parser.add_argument(
        "--build", action="store_true", help="write notebooks/zh/ (no outputs) and *.zh-CN.md"
    )
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="rewrite the Chinese notebooks' markdown from the catalogue, keeping their outputs",
    )
    args = parser.parse_args(argv)
    if args.markdown:
        for path in refresh_markdown():
            print(f"wrote {path.relative_to(REPO_ROOT)}")
        return 0
    if args.build:
        for path in build():
            print(f"wrote {path.relative_to(REPO_ROOT)}")
        return 0
    if args.skeleton:
        for notebook_path in args.skeleton:
            print(f"{notebook_path.name}: {skeleton(notebook_path.resolve())} cells added")
        return 0
    sources = [*sorted(NOTEBOOKS.glob("*.ipynb")), *DOCUMENTS]
    found = [line for path in sources for line in problems(path)]
    print("\n".join(found) if found else "every markdown cell has a current translation")
    if not found:
        found = outdated_chinese_files()
        print("\n".join(found) if found else "every Chinese notebook and document is current")
    return 1 if found else 0


def refresh_markdown(destination: Path = NOTEBOOKS / "zh") -> list[Path]:
    """Rewrite the markdown cells of the committed Chinese notebooks from the catalogue, keeping
    their outputs (markdown has none). Refuses a notebook whose code or cells changed: that one
    needs --build and a new run."""
    written = []
    for notebook_path in sorted(NOTEBOOKS.glob("*.ipynb")):
        committed = destination / notebook_path.name
        built = translated_notebook(notebook_path)
        have = json.loads(committed.read_text(encoding="utf-8"))
        if len(have["cells"]) != len(built["cells"]):
            raise ValueError(
                f"{committed.name}: cells added or removed: run --build, then re-run it"
            )
        pairs = list(zip(have["cells"], built["cells"], strict=True))
        for old, new in pairs:
            if (old.get("id"), old["cell_type"]) != (new.get("id"), new["cell_type"]) or (
                old["cell_type"] == "code" and source_of(old) != source_of(new)
            ):
                raise ValueError(f"{committed.name}: its code changed: run --build, then re-run it")
        if any(source_of(old) != source_of(new) for old, new in pairs):
            for old, new in pairs:
                old["source"] = new["source"]
            committed.write_text(
                json.dumps(have, sort_keys=True, indent=1, ensure_ascii=False) + "\n",
                encoding="utf-8",
            )
            written.append(committed)
    return written


def outdated_chinese_files(destination: Path = NOTEBOOKS / "zh") -> list[str]:
    """The committed Chinese files that differ from what --build would write now, one line each:
    a document to rebuild, or a notebook to rebuild and re-run (its outputs come from a run)."""
    lines = []
    for notebook_path in sorted(NOTEBOOKS.glob("*.ipynb")):
        committed = destination / notebook_path.name
        shown = (
            committed.relative_to(REPO_ROOT) if committed.is_relative_to(REPO_ROOT) else committed
        )
        built = translated_notebook(notebook_path)["cells"]
        have = (
            json.loads(committed.read_text(encoding="utf-8"))["cells"] if committed.exists() else []
        )
        if [(c.get("id"), c["cell_type"]) for c in have] != [
            (c.get("id"), c["cell_type"]) for c in built
        ]:
            lines.append(f"{shown}: cells added, removed or moved")
            continue
        for kind in ("code", "markdown"):
            changed = [
                new["id"]
                for old, new in zip(have, built, strict=True)
                if new["cell_type"] == kind and source_of(old) != source_of(new)
            ]
            if changed:
                lines.append(
                    f"{shown}: {kind} cells {', '.join(changed)} differ "
                    "from what --build writes: "
                    + ("build it, then re-run it" if kind == "code" else "run --markdown")
                )
    for path in DOCUMENTS:
        committed = REPO_ROOT / f"{path.stem}.zh-CN.md"
        if not committed.exists() or committed.read_text(encoding="utf-8") != translated_document(
            path
        ):
            lines.append(f"{committed.name}: differs from the catalogue: run --build")
    return lines


if __name__ == "__main__":
    sys.exit(main())
