"""Every notebook reads as a lesson: short prose cells, at most five key points, captions under
figures, one palette, no log noise (issues: "Lessons, not reports"; notebook 05's rewrite)."""

import re

import pytest

from notebook_cells import NOTEBOOKS, REPO_ROOT, code_cells, read_notebook, source_of

LESSONS = NOTEBOOKS
MAX_WORDS = 150
CAPTION = "**What to look at:**"
# Okabe-Ito (PALETTE in the set-up helpers) is used by name; these literals are allowed too.
ALLOWED_COLOUR_LITERALS = {"black", "white", "none"}
ALLOWED_COLOUR_MAPS = {"cividis", "viridis", "PuOr", "PuOr_r", "gray_r", "Greys"}
COLOUR_ARGUMENT = re.compile(
    r"\b(colou?rs?|c|edgecolou?r|facecolou?r|ecolor|mfc|mec)\s*=\s*[\[(]?\s*[\"']([^\"']+)[\"']"
)
COLOUR_MAP_ARGUMENT = re.compile(r"\bcmap\s*=\s*[\"']([^\"']+)[\"']")


def markdown_cells(path):
    return [
        (i, source_of(c))
        for i, c in enumerate(read_notebook(path)["cells"])
        if c["cell_type"] == "markdown"
    ]


def own_code(path):
    """The notebook's own code cells: not the generated copies of the package's files."""
    return [
        (i, source_of(c))
        for i, c in enumerate(read_notebook(path)["cells"])
        if c["cell_type"] == "code" and "copy_of" not in c["metadata"]
    ]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_markdown_cell_is_longer_than_150_words(path):
    long = [
        (i, len(text.split())) for i, text in markdown_cells(path) if len(text.split()) > MAX_WORDS
    ]
    assert not long, f"cells over {MAX_WORDS} words (cell index, words): {long}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_what_we_found_has_at_most_five_key_points(path):
    found = [text for _, text in markdown_cells(path) if text.startswith("## What we found")]
    assert len(found) == 1, "one 'What we found' cell"
    bullets = re.findall(r"^- ", found[0], flags=re.MULTILINE)
    assert 1 <= len(bullets) <= 5, f"{len(bullets)} key points"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_going_further_sections_come_after_the_core_and_say_what_they_add(path):
    cells = markdown_cells(path)
    further = [(i, text) for i, text in cells if text.startswith("## Going further")]
    found = [i for i, text in cells if text.startswith("## What we found")][0]
    for i, text in further:
        assert i < found, "Going further sections come before the key points"
        assert re.search(r"^\*Optional, about \d+ minutes?: .+\.\*$", text, flags=re.MULTILINE), (
            f"cell {i} does not say, in its italic first line, how long it takes and what it adds"
        )


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_figure_is_followed_by_a_one_line_caption(path):
    cells = read_notebook(path)["cells"]
    for i, cell in enumerate(cells):
        draws = any("image/png" in output.get("data", {}) for output in cell.get("outputs", []))
        if not draws:
            continue
        after = cells[i + 1] if i + 1 < len(cells) else None
        assert after is not None and after["cell_type"] == "markdown", (
            f"cell {i}: no caption after it"
        )
        caption = source_of(after).strip()
        assert caption.startswith(CAPTION), f"cell {i + 1} does not start with {CAPTION!r}"
        assert "\n" not in caption and len(caption.split()) <= 45, f"cell {i + 1}: one short line"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_loads_the_one_figure_style(path):
    setup = [text for _, text in own_code(path) if "describe_environment()" in text]
    assert setup and "use_figure_style()" in setup[0]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_figures_use_only_the_palette_and_the_chosen_colour_maps(path):
    for i, text in own_code(path):
        assert "tab:" not in text and not re.search(r"[\"']#[0-9A-Fa-f]{6}[\"']", text), (
            f"cell {i}: a colour outside PALETTE"
        )
        for match in COLOUR_ARGUMENT.finditer(text):
            assert match.group(2) in ALLOWED_COLOUR_LITERALS, f"cell {i}: colour {match.group(2)!r}"
        for match in COLOUR_MAP_ARGUMENT.finditer(text):
            assert match.group(1) in ALLOWED_COLOUR_MAPS, f"cell {i}: colour map {match.group(1)!r}"


def test_the_palette_is_okabe_ito():
    from antirectifier_tutorial.setup_helpers import PALETTE

    assert set(PALETTE.values()) == {
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
        "#000000",
    }


def test_figure_style_sets_the_palette_and_white_backgrounds():
    import matplotlib as mpl

    from antirectifier_tutorial.setup_helpers import PALETTE, use_figure_style

    with mpl.rc_context():
        use_figure_style()
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == list(PALETTE.values())
        assert mpl.rcParams["figure.facecolor"] == mpl.rcParams["savefig.facecolor"] == "white"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_committed_output_is_written_to_stderr(path):
    for number, cell in enumerate(code_cells(read_notebook(path)), start=1):
        for output in cell.get("outputs", []):
            assert output.get("name") != "stderr", (
                f"code cell {number} holds stderr output: {''.join(output.get('text', ''))[:200]!r}"
            )


def test_every_image_in_the_readme_has_alt_text():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", readme)
    assert images
    for alt, target in images:
        if "colab-badge" in target:
            continue
        assert len(alt.split()) >= 5, f"{target}: alt text {alt!r} does not describe the figure"


@pytest.mark.parametrize(
    "name", ["README.md", "01_relu_discards_half.ipynb", "03_visualising_pos_neg.ipynb"]
)
def test_probe_results_are_called_linearly_readable_not_information(name):
    path = REPO_ROOT / name if name.endswith(".md") else REPO_ROOT / "notebooks" / name
    text = path.read_text(encoding="utf-8")
    assert "linearly readable" in text
    assert not re.search(r"carr(y|ies|ied) (more |no |any )?information", text)
