"""What readers see on GitHub and what nbval compares: the committed notebooks themselves."""

import json
import re
import tomllib

import nbformat
import pytest

from notebook_cells import (
    BOTH_EDITIONS,
    CHINESE_NOTEBOOKS,
    NOTEBOOKS,
    REPO_ROOT,
    code_cells,
    edition_id,
    read_notebook,
    source_of,
)

MACHINE_PATH = re.compile(r"/(home|root|tmp|work|Users|private/var)/|site-packages|[A-Z]:\\\\Users")
# Writing calls other than save_figure; the runtime check in conftest.py covers the rest.
FILE_WRITER = re.compile(r"\.savefig\(|np\.savez?\(|\.to_csv\(|open\([^)]*[\"'][wax]b?\+?[\"']")
BADGE = re.compile(
    r"\(https://colab\.research\.google\.com/github/(?P<repo>[\w.-]+/[\w.-]+)/blob/main/"
    r"notebooks/(?P<file>(?:zh/)?[\w.-]+\.ipynb)\)"
)
# The lesson's landmarks, by edition (False: English, True: Chinese).
HEADINGS = {
    False: {
        "learn": "What you will learn",
        "found": "## What we found",
        "exercises": "## Exercises",
    },
    True: {"learn": "**你将学到**", "found": "## 我们的发现", "exercises": "## 练习"},
}
GITHUB_REPOSITORY = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"][
    "antirectifier-tutorial"
]["github-repository"]


def test_there_are_notebooks_to_check():
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=edition_id)
def test_notebook_is_valid_nbformat_4(path):
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    assert notebook.nbformat == 4
    nbformat.validate(notebook)


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=edition_id)
def test_code_cells_ran_top_to_bottom_in_one_fresh_kernel(path):
    counts = [cell.get("execution_count") for cell in code_cells(read_notebook(path))]
    assert counts == list(range(1, len(counts) + 1)), f"execution counts {counts}"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=edition_id)
def test_no_stored_output_is_an_error(path):
    for number, cell in enumerate(code_cells(read_notebook(path)), start=1):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"code cell {number}: {output.get('ename')}"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=edition_id)
def test_no_output_shows_a_path_of_the_machine_that_ran_it(path):
    for number, cell in enumerate(code_cells(read_notebook(path)), start=1):
        for output in cell.get("outputs", []):
            match = MACHINE_PATH.search(json.dumps(output))
            assert match is None, f"code cell {number} shows {match.group(0)!r}"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=edition_id)
def test_notebook_opens_with_title_colab_badge_and_what_you_will_learn(path):
    first = read_notebook(path)["cells"][0]
    text = source_of(first)
    assert first["cell_type"] == "markdown"
    assert text.startswith("# "), "the first line is the title"
    badge = BADGE.search(text)
    assert badge and badge.group("file") == edition_id(path), (
        "Colab badge pointing at this notebook"
    )
    assert badge.group("repo") == GITHUB_REPOSITORY
    assert HEADINGS[path in CHINESE_NOTEBOOKS]["learn"] in text
    assert len(re.findall(r"^- ", text, flags=re.MULTILINE)) >= 2


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=edition_id)
def test_notebook_has_kernelspec_found_and_exercises_sections(path):
    notebook = read_notebook(path)
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    markdown = "\n".join(source_of(c) for c in notebook["cells"] if c["cell_type"] == "markdown")
    headings = HEADINGS[path in CHINESE_NOTEBOOKS]
    assert headings["found"] in markdown and headings["exercises"] in markdown


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=edition_id)
def test_files_are_written_only_through_save_figure(path):
    cells = code_cells(read_notebook(path))
    for number, cell in enumerate(cells, start=1):
        if cell["metadata"].get("copy_of", "").endswith("setup_helpers.py"):
            assert "def save_figure" in source_of(cell)
            continue
        writer = FILE_WRITER.search(source_of(cell))
        assert writer is None, f"code cell {number} writes a file with {writer.group(0)!r}"


def test_readme_links_every_notebook_and_shows_existing_figures():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"notebooks/{path.name}" in readme, f"README does not link {path.name}"
    figures = re.findall(r"!\[[^\]]*\]\((figures/[^)]+)\)", readme)
    assert figures, "README shows no figure"
    for figure in figures:
        assert (REPO_ROOT / figure).is_file(), f"README shows missing {figure}"


def test_the_chinese_readme_links_every_chinese_notebook_and_shows_existing_figures():
    readme = (REPO_ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    for path in CHINESE_NOTEBOOKS:
        assert f"](notebooks/zh/{path.name})" in readme, f"README.zh-CN does not link {path.name}"
    for figure in re.findall(r"!\[[^\]]*\]\((figures/[^)]+)\)", readme):
        assert (REPO_ROOT / figure).is_file(), f"README.zh-CN shows missing {figure}"


@pytest.mark.parametrize(
    "readme, folder", [("README.md", ""), ("README.zh-CN.md", "zh/")], ids=["en", "zh"]
)
def test_every_colab_link_in_a_readme_names_an_existing_notebook_of_its_edition(readme, folder):
    links = list(BADGE.finditer((REPO_ROOT / readme).read_text(encoding="utf-8")))
    assert len(links) == len(NOTEBOOKS), f"{readme} has {len(links)} Colab links"
    for link in links:
        assert link.group("repo") == GITHUB_REPOSITORY
        assert (
            link.group("file").startswith(folder) and "/" not in link.group("file")[len(folder) :]
        )
        assert (REPO_ROOT / "notebooks" / link.group("file")).is_file(), link.group("file")


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=edition_id)
def test_notebook_exports_to_html_for_course_pages(path):
    from nbconvert import HTMLExporter  # what `jupyter nbconvert --to html` runs

    html, _ = HTMLExporter().from_filename(str(path))
    title = source_of(read_notebook(path)["cells"][0]).splitlines()[0].lstrip("# ").strip()
    assert title.split(":")[0] in html
    assert "data:image/png;base64" in html, "the committed figures are embedded"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_have_self_checks_tested_against_right_and_wrong_answers(path):
    cells = [c for c in code_cells(read_notebook(path)) if "copy_of" not in c["metadata"]]
    sources = [source_of(c) for c in cells]
    # The checks live in antirectifier_tutorial/exercises_0N.py (carried in a collapsed cell);
    # each stub ends with `is_right = check_…(answer)`.
    checks = re.findall(r"^is_right = (check_\w+)\(", "\n".join(sources), flags=re.MULTILINE)
    assert len(checks) >= 2, "two or more exercises with a self-check"
    for check in checks:
        right = [c for c in cells if f"assert {check}(" in source_of(c)]
        assert right, f"{check} is never run on the reference solution"
        # Collapsed in JupyterLab (source_hidden) and in Colab (a "# @title" form cell).
        assert all(c["metadata"].get("jupyter", {}).get("source_hidden") for c in right), (
            f"the reference solution for {check} is not collapsed in JupyterLab"
        )
        assert all(
            c["metadata"].get("cellView") == "form" and source_of(c).startswith("# @title ")
            for c in right
        ), f"the reference solution for {check} is not collapsed in Colab"
        assert any(f"assert not {check}(" in s for s in sources), (
            f"{check} is never shown a wrong answer"
        )
