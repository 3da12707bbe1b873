"""What readers see on GitHub and what nbval compares: the committed notebooks themselves."""

import json
import re
import tomllib

import nbformat
import pytest

from notebook_cells import (LAYER_NOTEBOOK, LAYER_TAG, NOTEBOOKS, REPO_ROOT, code_cells,
                            read_notebook, source_of, tagged_source, tagged_sources, tags_of)

# Cells that every notebook using them must carry verbatim, and where each is defined.
SHARED_CELLS = {
    "setup": NOTEBOOKS[0],
    "load-mnist": NOTEBOOKS[0],
    "mnist-for-dense": NOTEBOOKS[0],
    LAYER_TAG: LAYER_NOTEBOOK,
    "reference-models": LAYER_NOTEBOOK,
}
MACHINE_PATH = re.compile(r"/(home|root|tmp|work|Users|private/var)/|site-packages|[A-Z]:\\\\Users")
# Writing calls other than save_figure; the runtime check in conftest.py covers the rest.
FILE_WRITER = re.compile(r"\.savefig\(|np\.savez?\(|\.to_csv\(|open\([^)]*[\"'][wax]b?\+?[\"']")
BADGE = re.compile(r"\(https://colab\.research\.google\.com/github/(?P<repo>[\w.-]+/[\w.-]+)/blob/main/"
                   r"notebooks/(?P<file>[\w.-]+\.ipynb)\)")
GITHUB_REPOSITORY = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"][
    "antirectifier-tutorial"]["github-repository"]


def test_there_are_notebooks_to_check():
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_valid_nbformat_4(path):
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    assert notebook.nbformat == 4
    nbformat.validate(notebook)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_ran_top_to_bottom_in_one_fresh_kernel(path):
    counts = [cell.get("execution_count") for cell in code_cells(read_notebook(path))]
    assert counts == list(range(1, len(counts) + 1)), f"execution counts {counts}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_stored_output_is_an_error(path):
    for number, cell in enumerate(code_cells(read_notebook(path)), start=1):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"code cell {number}: {output.get('ename')}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_shows_a_path_of_the_machine_that_ran_it(path):
    for number, cell in enumerate(code_cells(read_notebook(path)), start=1):
        for output in cell.get("outputs", []):
            match = MACHINE_PATH.search(json.dumps(output))
            assert match is None, f"code cell {number} shows {match.group(0)!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_title_colab_badge_and_what_you_will_learn(path):
    first = read_notebook(path)["cells"][0]
    text = source_of(first)
    assert first["cell_type"] == "markdown"
    assert text.startswith("# "), "the first line is the title"
    badge = BADGE.search(text)
    assert badge and badge.group("file") == path.name, "Colab badge pointing at this notebook"
    assert badge.group("repo") == GITHUB_REPOSITORY
    assert "What you will learn" in text
    assert len(re.findall(r"^- ", text, flags=re.MULTILINE)) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_kernelspec_found_and_exercises_sections(path):
    notebook = read_notebook(path)
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    markdown = "\n".join(source_of(c) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "## What we found" in markdown and "## Exercises" in markdown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_ignored_outputs_are_backed_by_asserts(path):
    cells = code_cells(read_notebook(path))
    for number, cell in enumerate(cells, start=1):
        if "nbval-ignore-output" not in tags_of(cell):
            continue
        # The cell itself, or the first compared cell after a run of ignored ones, must check.
        compared_after = next((c for c in cells[number:] if "nbval-ignore-output" not in tags_of(c)), None)
        backing = source_of(cell) + (source_of(compared_after) if compared_after else "")
        checked = re.search(r"\b(assert|raise)\b", backing)
        assert checked, f"code cell {number} ignores its output but nothing asserts on it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_files_are_written_only_through_save_figure(path):
    setup = tagged_source(path, "setup")
    assert "savefig" in setup
    for number, cell in enumerate(code_cells(read_notebook(path)), start=1):
        if "setup" in tags_of(cell):
            continue
        writer = FILE_WRITER.search(source_of(cell))
        assert writer is None, f"code cell {number} writes a file with {writer.group(0)!r}"


@pytest.mark.parametrize("tag", SHARED_CELLS)
def test_shared_cells_are_identical_copies_of_their_definition(tag):
    definition = tagged_source(SHARED_CELLS[tag], tag)
    for path in NOTEBOOKS:
        for copy in tagged_sources(path, tag):
            assert copy == definition, f"{path.name}'s {tag!r} cell drifted from {SHARED_CELLS[tag].name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_that_uses_the_layer_carries_its_tagged_copy(path):
    cells = code_cells(read_notebook(path))
    uses_layer = any("Antirectifier(" in source_of(c) for c in cells if LAYER_TAG not in tags_of(c))
    if uses_layer:
        assert len(tagged_sources(path, LAYER_TAG)) == 1
    assert len(tagged_sources(path, "setup")) == 1, "every notebook starts with the set-up cell"


def test_readme_links_every_notebook_and_shows_existing_figures():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"notebooks/{path.name}" in readme, f"README does not link {path.name}"
    figures = re.findall(r"!\[[^\]]*\]\((figures/[^)]+)\)", readme)
    assert figures, "README shows no figure"
    for figure in figures:
        assert (REPO_ROOT / figure).is_file(), f"README shows missing {figure}"


def test_every_colab_link_in_the_readme_names_an_existing_notebook_of_this_repository():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    links = list(BADGE.finditer(readme))
    assert links, "README has no Colab links"
    for link in links:
        assert link.group("repo") == GITHUB_REPOSITORY
        assert (REPO_ROOT / "notebooks" / link.group("file")).is_file(), link.group("file")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_exports_to_html_for_course_pages(path):
    from nbconvert import HTMLExporter  # what `jupyter nbconvert --to html` runs

    html, _ = HTMLExporter().from_filename(str(path))
    title = source_of(read_notebook(path)["cells"][0]).splitlines()[0].lstrip("# ").strip()
    assert title.split(":")[0] in html
    assert "data:image/png;base64" in html, "the committed figures are embedded"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_have_self_checks_tested_against_right_and_wrong_answers(path):
    cells = code_cells(read_notebook(path))
    sources = [source_of(c) for c in cells]
    checks = re.findall(r"^def (check_\w+)\(", "\n".join(sources), flags=re.MULTILINE)
    assert len(checks) >= 2, "two or more exercises with a self-check"
    for check in checks:
        right = [c for c in cells if f"assert {check}(" in source_of(c)]
        assert right, f"{check} is never run on the reference solution"
        assert all(c["metadata"].get("jupyter", {}).get("source_hidden") for c in right), \
            f"the reference solution for {check} is not collapsed"
        assert any(f"assert not {check}(" in s for s in sources), f"{check} is never shown a wrong answer"
