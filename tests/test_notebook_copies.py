"""The notebooks carry the tutorial's Python files as copies: identical, collapsed, and
out of the student's way (antirectifier_tutorial/ is the one source of truth)."""

import copy
import re

import pytest

from notebook_cells import NOTEBOOKS, code_cells, is_collapsed, read_notebook, source_of
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
    "is_right = check_": f"{PACKAGE}/self_check.py",
}
# A student scrolls past at most this many visible lines of code in one cell before the
# notebook's first idea.
LONGEST_VISIBLE_CELL_BEFORE_THE_IDEA = 40


def copies_that_differ(notebook: dict) -> list[str]:
    return [cell["metadata"]["copy_of"] for cell in carried_cells(notebook)
            if source_of(cell) != expected_source(cell)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_carried_copy_is_identical_to_its_file(path):
    assert copies_that_differ(read_notebook(path)) == [], \
        f"{path.name}: run `python tools/sync_notebook_copies.py`, then re-run the notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_copy_changed_by_one_character_is_caught(path):
    notebook = read_notebook(path)
    for index, cell in enumerate(carried_cells(notebook)):
        tampered = copy.deepcopy(notebook)
        cell_copy = carried_cells(tampered)[index]
        text = source_of(cell_copy)
        position = text.index("return")  # every module has one
        cell_copy["source"] = text[:position] + "R" + text[position + 1:]
        assert copies_that_differ(tampered) == [cell["metadata"]["copy_of"]]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_carries_the_files_whose_code_it_uses(path):
    notebook = read_notebook(path)
    carried = [cell["metadata"]["copy_of"] for cell in carried_cells(notebook)]
    assert len(carried) == len(set(carried)), f"a file is carried twice: {carried}"
    own_code = "\n".join(source_of(c) for c in code_cells(notebook) if "copy_of" not in c["metadata"])
    for use, module_file in USES.items():
        if use in own_code:
            assert module_file in carried, f"{path.name} uses {use}) but carries no copy of {module_file}"
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
        assert f"`{module_file}`" in source_of(introduction), \
            f"{path.name}: no sentence says what the collapsed copy of {module_file} is"


def test_notebook_02_shows_the_layers_and_the_model_builder_in_the_open():
    notebook = read_notebook(NOTEBOOK_02)
    open_copies = {cell["metadata"]["copy_of"] for cell in carried_cells(notebook) if not is_collapsed(cell)}
    assert open_copies == {f"{PACKAGE}/layer.py", f"{PACKAGE}/projected_layer.py", f"{PACKAGE}/models.py"}
    layer_cell = next(c for c in carried_cells(notebook) if c["metadata"]["copy_of"].endswith("layer.py"))
    assert source_of(layer_cell).startswith("import keras\n"), "the class cell is the file, no header"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_long_visible_code_cell_before_the_first_idea(path):
    cells = read_notebook(path)["cells"]
    # The first idea: the first section after the set-up ("## ..." that is not "## Set-up").
    first_idea = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
                      and re.search(r"^## (?!Set-up)", source_of(c), flags=re.MULTILINE))
    for cell in cells[:first_idea]:
        if cell["cell_type"] == "code" and not is_collapsed(cell):
            lines = len(source_of(cell).splitlines())
            assert lines <= LONGEST_VISIBLE_CELL_BEFORE_THE_IDEA, f"{path.name}: a {lines}-line cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_visible_set_up_cell_is_short(path):
    setup = next(c for c in code_cells(read_notebook(path)) if "check_environment()" in source_of(c)
                 and "copy_of" not in c["metadata"])
    assert len(source_of(setup).splitlines()) <= 15
