"""The Chinese notebooks read as lessons too, built from the catalogue (as the tool writes them):
short prose cells, the same key points, the Going further sections' italic first line, and a
one-line caption under every figure, in the Chinese edition's words."""

import json
import re

import pytest

from notebook_cells import NOTEBOOKS, source_of
from tools.translate_notebooks import translated_notebook

# The English limit is 150 words. Counted as Chinese characters plus Latin words and numbers
# (code, maths and link targets left out), the translations run at a median of 1.7 such units
# per English word: 150 words, about 260 units.
MAX_UNITS = 260
PROSE_ONLY = re.compile(r"```.*?```|`[^`\n]*`|\$[^$\n]+\$|\]\([^)]*\)", re.S)


def units(text):
    prose = PROSE_ONLY.sub(" ", text)
    return len(re.findall(r"[\u4e00-\u9fff]", prose)) + len(
        re.findall(r"[A-Za-z0-9][\w.'-]*", prose)
    )


def pairs(notebook):
    english = json.loads(notebook.read_text())["cells"]
    chinese = translated_notebook(notebook)["cells"]
    return [
        (en["id"], source_of(en), source_of(zh))
        for en, zh in zip(english, chinese, strict=True)
        if en["cell_type"] == "markdown"
    ]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_no_chinese_cell_is_longer_than_about_150_english_words(notebook):
    long = [(cell_id, units(zh)) for cell_id, _, zh in pairs(notebook) if units(zh) > MAX_UNITS]
    assert not long, f"cells over {MAX_UNITS} units: {long}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_the_key_points_and_going_further_sections_keep_their_shape(notebook):
    for cell_id, en, zh in pairs(notebook):
        if en.startswith("## What we found"):
            assert zh.startswith("## 我们的发现"), cell_id
            bullets = re.findall(r"^- ", en, flags=re.M)
            assert len(re.findall(r"^- ", zh, flags=re.M)) == len(bullets) <= 5, cell_id
        if en.startswith("## Going further"):
            assert zh.startswith("## 进阶："), cell_id
            assert re.search(r"^\*可选，约 \d+ 分钟：.+\*$", zh, flags=re.M), cell_id
        if en.startswith("**What to look at:**"):
            assert zh.startswith("**观察要点**：") and "\n" not in zh.strip(), cell_id
