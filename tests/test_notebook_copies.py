"""The notebooks carry the tutorial's Python files as copies: identical, collapsed, and
out of the student's way (antirectifier_tutorial/ is the one source of truth)."""

import json
import re
import shutil
from pathlib import Path

import pytest

from notebook_cells import NOTEBOOKS, REPO_ROOT, code_cells, is_collapsed, read_notebook, source_of
from tools import sync_notebook_copies
from tools.sync_notebook_copies import PACKAGE, TITLES, carried_cells, expected_source

NOTEBOOK_02 = next(path for path in NOTEBOOKS if path.name.startswith("02_"))
# What a notebook uses -> the file whose copy it must carry.
USES = {
    "check_environment(": f"{PACKAGE}/setup_helpers.py",
    "mnist_for_dense_layers(": f"{PACKAGE}/mnist.py",
    "load_fashion_mnist(": f"{PACKAGE}/fashion_mnist.py",
    "Antirectifier(": f"{PACKAGE}/layer.py",
    "reference_model(": f"{PACKAGE}/models.py",
    "EpochTimer(": f"{PACKAGE}/timing.py",
    "gradient_of(": f"{PACKAGE}/gradients.py",
    "ProjectedAntirectifier(": f"{PACKAGE}/projected_layer.py",
    "is_right = check_": f"{PACKAGE}/self_check.py",
}
# A student scrolls past at most this many visible lines of code in one cell before the
# notebook's first idea.
LONGEST_VISIBLE_CELL_BEFORE_THE_IDEA = 40


def copies_that_differ(notebook: dict) -> list[str]:
    return [
        cell["metadata"]["copy_of"]
        for cell in carried_cells(notebook)
        if source_of(cell) != expected_source(cell)
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_carried_copy_is_identical_to_its_file(path):
    assert copies_that_differ(read_notebook(path)) == [], (
        f"{path.name}: run `python tools/sync_notebook_copies.py`, then re-run the notebook"
    )


def carrying(module_file: str) -> list:
    return [
        path
        for path in NOTEBOOKS
        if any(
            cell["metadata"]["copy_of"] == module_file
            for cell in carried_cells(read_notebook(path))
        )
    ]


def synced_copies(notebooks: list, folder) -> list:
    """Copies of the notebooks in `folder`, their carried cells synced with the package files
    (the committed notebooks may lag behind a file being edited): the check passes on them."""
    folder.mkdir()
    copies = [Path(shutil.copy(path, folder)) for path in notebooks]
    sync_notebook_copies.sync(copies)
    for path in copies:
        test_every_carried_copy_is_identical_to_its_file(path)
    return copies


def test_a_copy_edited_in_the_notebook_fails_the_copy_check_until_synced(tmp_path):
    """Someone fixes the code in a notebook's cell instead of in the package file."""
    module_file = f"{PACKAGE}/mnist.py"
    [edited] = synced_copies(carrying(module_file)[:1], tmp_path / "notebooks")
    notebook = read_notebook(edited)
    cell = next(c for c in carried_cells(notebook) if c["metadata"]["copy_of"] == module_file)
    assert "/ 255.0" in source_of(cell)
    cell["source"] = source_of(cell).replace("/ 255.0", "", 1)
    edited.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(AssertionError, match="sync_notebook_copies.py"):
        test_every_carried_copy_is_identical_to_its_file(edited)
    assert sync_notebook_copies.sync([edited]) == [edited.name]
    test_every_carried_copy_is_identical_to_its_file(edited)
    synced = next(
        c for c in carried_cells(read_notebook(edited)) if c["metadata"]["copy_of"] == module_file
    )
    assert "/ 255.0" in source_of(synced)


def test_a_package_file_edited_without_syncing_fails_the_copy_check_of_its_carriers(
    monkeypatch, tmp_path
):
    """The drift this check exists for: the file changes, the notebooks keep the old copy."""
    shutil.copytree(REPO_ROOT / PACKAGE, tmp_path / PACKAGE)
    monkeypatch.setattr(sync_notebook_copies, "REPO_ROOT", tmp_path)
    copies = synced_copies(NOTEBOOKS, tmp_path / "notebooks")
    models = tmp_path / PACKAGE / "models.py"
    assert "Dropout(0.1," in models.read_text()
    models.write_text(models.read_text().replace("Dropout(0.1,", "Dropout(0.5,"))
    failing = []
    for path in copies:
        try:
            test_every_carried_copy_is_identical_to_its_file(path)
        except AssertionError:
            failing.append(path.name)
    assert failing and failing == [path.name for path in carrying(f"{PACKAGE}/models.py")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_carries_the_files_whose_code_it_uses(path):
    notebook = read_notebook(path)
    carried = [cell["metadata"]["copy_of"] for cell in carried_cells(notebook)]
    assert len(carried) == len(set(carried)), f"a file is carried twice: {carried}"
    own_code = "\n".join(
        source_of(c) for c in code_cells(notebook) if "copy_of" not in c["metadata"]
    )
    for use, module_file in USES.items():
        if use in own_code:
            assert module_file in carried, (
                f"{path.name} uses {use}) but carries no copy of {module_file}"
            )
    assert f"{PACKAGE}/setup_helpers.py" in carried, "every notebook starts with the set-up helpers"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_carried_copies_are_collapsed_in_jupyterlab_and_colab_and_introduced(path):
    cells = read_notebook(path)["cells"]
    for index, cell in enumerate(cells):
        if "copy_of" not in cell["metadata"] or not is_collapsed(cell):
            continue
        module_file = cell["metadata"]["copy_of"]
        # Colab shows a cell as a collapsed form when it starts with "# @title" and its
        # metadata has "cellView": "form"; JupyterLab hides a cell's source with source_hidden.
        assert source_of(cell).startswith(f"# @title {TITLES[module_file]}\n")
        assert cell["metadata"].get("cellView") == "form"
        introduction = next(c for c in reversed(cells[:index]) if c["cell_type"] == "markdown")
        assert f"`{module_file}`" in source_of(introduction), (
            f"{path.name}: no sentence says what the collapsed copy of {module_file} is"
        )


def test_notebook_02_shows_the_layers_and_the_model_builder_in_the_open():
    notebook = read_notebook(NOTEBOOK_02)
    open_copies = {
        cell["metadata"]["copy_of"] for cell in carried_cells(notebook) if not is_collapsed(cell)
    }
    assert open_copies == {
        f"{PACKAGE}/layer.py",
        f"{PACKAGE}/projected_layer.py",
        f"{PACKAGE}/models.py",
    }
    layer_cell = next(
        c for c in carried_cells(notebook) if c["metadata"]["copy_of"].endswith("layer.py")
    )
    assert source_of(layer_cell).startswith("import keras\n"), (
        "the class cell is the file, no header"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_long_visible_code_cell_before_the_first_idea(path):
    cells = read_notebook(path)["cells"]
    # The first idea: the first section after the set-up ("## ..." that is not "## Set-up").
    first_idea = next(
        i
        for i, c in enumerate(cells)
        if c["cell_type"] == "markdown"
        and re.search(r"^## (?!Set-up)", source_of(c), flags=re.MULTILINE)
    )
    for cell in cells[:first_idea]:
        if cell["cell_type"] == "code" and not is_collapsed(cell):
            lines = len(source_of(cell).splitlines())
            assert lines <= LONGEST_VISIBLE_CELL_BEFORE_THE_IDEA, (
                f"{path.name}: a {lines}-line cell"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_visible_set_up_cell_is_short(path):
    setup = next(
        c
        for c in code_cells(read_notebook(path))
        if "check_environment()" in source_of(c) and "copy_of" not in c["metadata"]
    )
    # 16: notebook 05's set-up also imports os, itertools and scipy.stats for its statistics.
    assert len(source_of(setup).splitlines()) <= 16
