"""The Chinese edition's translation catalogue (translations/zh/, tools/translate_notebooks.py):
every English markdown cell has a translation made from its current text, and each translation
keeps what must not change (numbers, code, link targets) and the glossary's terms."""

import json
import re
from collections import Counter

import pytest

from notebook_cells import NOTEBOOKS, REPO_ROOT
from tools.translate_notebooks import (
    DOCUMENTS,
    LANGUAGE_LINE,
    catalogue_path,
    fingerprint,
    markdown_cells,
    outdated_chinese_files,
    problems,
    read_catalogue,
    refresh_markdown,
    source_of,
    translated_document,
    translated_notebook,
)

GLOSSARY = REPO_ROOT / "translations" / "glossary.md"
SOURCES = [*NOTEBOOKS, *DOCUMENTS]  # the five notebooks, README.md and TEACHING.md
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
MATH = re.compile(r"\$[^$\n]+\$")
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")


def glossary():
    """[(English, 中文)] from the glossary's table."""
    lines = GLOSSARY.read_text().splitlines()
    rows = [line.split("|")[1:3] for line in lines if line.startswith("| ")]
    terms = [(english.strip(), chinese.strip()) for english, chinese in rows if chinese.strip()]
    return [(english, chinese) for english, chinese in terms if english not in ("English", "---")]


def pairs(notebook):
    """(cell id, English source, catalogue entry) for each markdown cell with an entry."""
    entries = read_catalogue(catalogue_path(notebook))
    return [
        (cell["id"], source_of(cell), entries[cell["id"]])
        for cell in markdown_cells(notebook)
        if cell["id"] in entries
    ]


# The line under each document's title that switches language links the other language's file.
LANGUAGE_SWITCH = re.compile(
    r"^(\*\*English\*\* · \[简体中文\]|\[English\]\(\w+\.md\) · \*\*简体中文).*$", re.M
)


def prose(text):
    """Text without code, maths and link targets: where words are translated."""
    return LINK_TARGET.sub("]", MATH.sub(" ", CODE.sub(" ", text)))


@pytest.mark.parametrize("notebook", SOURCES, ids=lambda path: path.name)
def test_every_markdown_cell_has_a_translation_of_its_current_english(notebook):
    found = problems(notebook)
    assert not found, "stale or missing translations:\n" + "\n".join(found)


@pytest.mark.parametrize("notebook", SOURCES, ids=lambda path: path.name)
def test_translations_keep_every_number_code_span_and_link_target(notebook):
    for cell_id, english, entry in pairs(notebook):
        english, chinese = LANGUAGE_SWITCH.sub("", english), LANGUAGE_SWITCH.sub("", entry.text)
        where = f"{notebook.name}, cell {cell_id} ({catalogue_path(notebook).name}:{entry.line})"
        assert Counter(CODE.findall(chinese)) == Counter(CODE.findall(english)), where
        assert LINK_TARGET.findall(chinese) == LINK_TARGET.findall(english), where
        # Every number of the English, as often; the Chinese may add numerals where the
        # English spells a number out ("zero" can become 0).
        missing = Counter(NUMBER.findall(prose(english))) - Counter(NUMBER.findall(prose(chinese)))
        assert not missing, f"{where}: numbers of the English missing: {sorted(missing.elements())}"


@pytest.mark.parametrize("notebook", SOURCES, ids=lambda path: path.name)
def test_each_glossary_term_is_rendered_as_the_glossary_says(notebook):
    terms = glossary()
    wrong = []
    for cell_id, english, entry in pairs(notebook):
        for term, rendering in terms:
            uses_term = re.search(rf"\b{re.escape(term)}(?:s|es)?\b", prose(english), re.I)
            if uses_term and term not in entry.skip_terms and rendering not in entry.text:
                wrong.append(f"{notebook.name}, cell {cell_id}: {term!r} is not {rendering!r}")
    assert not wrong, "\n".join(wrong)


def test_the_glossary_has_one_rendering_per_term():
    english = [term.lower() for term, _ in glossary()]
    assert len(english) == len(set(english)) and len(english) >= 30


def test_changing_one_english_word_names_the_stale_cell(tmp_path):
    notebook_path = NOTEBOOKS[0]
    notebook = json.loads(notebook_path.read_text())
    cell = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
    cell["source"] = source_of(cell).replace("ReLU", "Relu", 1)
    changed = tmp_path / notebook_path.name
    changed.write_text(json.dumps(notebook))
    found = problems(changed, catalogue_path(notebook_path))
    assert len(found) == 1
    assert found[0].startswith(f"{notebook_path.name}, cell {cell['id']} (markdown cell 1,")
    assert "the English changed after its translation" in found[0]


def test_a_missing_or_doubled_entry_is_reported(tmp_path):
    notebook_path = NOTEBOOKS[0]
    source = source_of(markdown_cells(notebook_path)[0])
    first_id = markdown_cells(notebook_path)[0]["id"]
    catalogue = tmp_path / "one.md"
    catalogue.write_text(f"<!-- cell {first_id} · en {fingerprint(source)} -->\n译文\n")
    found = problems(notebook_path, catalogue)
    assert len(found) == len(markdown_cells(notebook_path)) - 1
    assert all("no translation in one.md" in line for line in found)
    catalogue.write_text(catalogue.read_text() * 2)
    with pytest.raises(ValueError, match=f"cell {first_id} appears twice"):
        read_catalogue(catalogue)
    catalogue.write_text("<!-- cell x · en nothex -->\n")
    with pytest.raises(ValueError, match="malformed header"):
        read_catalogue(catalogue)


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_a_built_chinese_notebook_has_the_english_code_and_only_chinese_prose(notebook):
    english = json.loads(notebook.read_text())
    chinese = translated_notebook(notebook)
    assert len(chinese["cells"]) == len(english["cells"])
    differing = []
    for en_cell, zh_cell in zip(english["cells"], chinese["cells"], strict=True):
        assert zh_cell["cell_type"] == en_cell["cell_type"] and zh_cell["id"] == en_cell["id"]
        if en_cell["cell_type"] == "code":
            assert zh_cell["outputs"] == [], en_cell["id"]
            en_lines, zh_lines = source_of(en_cell).splitlines(), source_of(zh_cell).splitlines()
            differing += [line for line in zh_lines if line not in en_lines]
            assert [line for line in zh_lines if line != LANGUAGE_LINE] == en_lines, en_cell["id"]
        else:
            assert CJK.search(source_of(zh_cell)), f"{notebook.name}, {en_cell['id']}: no Chinese"
    assert differing == [LANGUAGE_LINE], "exactly one visible code line differs: the language"
    badge = f"/blob/main/notebooks/zh/{notebook.name}"
    assert badge in source_of(chinese["cells"][0]), "the Colab badge opens the Chinese notebook"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_a_built_chinese_document_links_the_english_and_the_chinese_notebooks(document):
    text = translated_document(document)
    assert text.splitlines()[2] == f"[English]({document.name}) · **简体中文**"
    english_switch = f"**English** · [简体中文]({document.stem}.zh-CN.md)"
    assert document.read_text().splitlines()[2] == english_switch
    assert "](notebooks/0" not in text and "/blob/main/notebooks/0" not in text
    # A link's text names the file it opens (not "[TEACHING.md](TEACHING.zh-CN.md)").
    for shown, target in re.findall(r"\[([\w.-]+\.md)\]\(([^)#\s]+)\)", text):
        assert shown == target, (shown, target)
    for target in re.findall(r"\]\(((?:notebooks|figures|benchmarks)/[^)#\s]+)\)", text):
        assert (REPO_ROOT / target).exists() or target.startswith("notebooks/zh/"), target


def test_building_from_a_stale_catalogue_is_refused(tmp_path):
    notebook = json.loads(NOTEBOOKS[0].read_text())
    cell = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
    cell["source"] = source_of(cell) + " (changed)"
    changed = tmp_path / NOTEBOOKS[0].name
    changed.write_text(json.dumps(notebook))
    with pytest.raises(ValueError, match="the catalogue is not current"):
        translated_notebook(changed)


@pytest.mark.parametrize("notebook", SOURCES, ids=lambda path: path.name)
def test_translations_render_as_much_bold_and_italic_as_their_english(notebook):
    # CommonMark does not close ** after full-width punctuation followed by a Chinese
    # character ("**要点：**文字"): the bold silently shows as asterisks.
    markdown_it = pytest.importorskip("markdown_it")
    render = markdown_it.MarkdownIt("commonmark").enable("table").render
    for cell_id, english, entry in pairs(notebook):
        for tag in ("<strong>", "<em>"):
            expected, found = render(english).count(tag), render(entry.text).count(tag)
            assert found == expected, (
                f"{notebook.name}, cell {cell_id}: {found} {tag}, not {expected}"
            )


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_a_committed_chinese_document_is_what_the_tool_builds(document):
    committed = REPO_ROOT / f"{document.stem}.zh-CN.md"
    assert committed.read_text(encoding="utf-8") == translated_document(document), (
        f"{committed.name} is stale: run tools/translate_notebooks.py --build"
    )


CHINESE_NOTEBOOKS = sorted((REPO_ROOT / "notebooks" / "zh").glob("*.ipynb"))


def test_there_is_a_chinese_notebook_for_every_english_one():
    assert [path.name for path in CHINESE_NOTEBOOKS] == [path.name for path in NOTEBOOKS]


@pytest.mark.parametrize("chinese", CHINESE_NOTEBOOKS, ids=lambda path: path.name)
def test_a_committed_chinese_notebook_is_what_the_tool_builds_plus_outputs(chinese):
    built = translated_notebook(REPO_ROOT / "notebooks" / chinese.name)["cells"]
    committed = json.loads(chinese.read_text())["cells"]
    assert [(c["id"], c["cell_type"], source_of(c)) for c in committed] == [
        (c["id"], c["cell_type"], source_of(c)) for c in built
    ], f"{chinese.name} is stale: tools/translate_notebooks.py --stale says what to run"
    assert any(c.get("outputs") for c in committed), f"{chinese.name} holds no outputs"


def test_stale_names_the_chinese_notebook_to_rebuild_and_refresh_markdown_keeps_outputs(tmp_path):
    for english in NOTEBOOKS:  # a copy of the committed edition, to change
        (tmp_path / english.name).write_text(
            (REPO_ROOT / "notebooks" / "zh" / english.name).read_text(encoding="utf-8")
        )
    assert not [line for line in outdated_chinese_files(tmp_path) if ".ipynb" in line]
    target = tmp_path / NOTEBOOKS[0].name
    notebook = json.loads(target.read_text())
    markdown = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
    code = next(c for c in notebook["cells"] if c["cell_type"] == "code" and c.get("outputs"))
    outputs = json.dumps([c.get("outputs") for c in notebook["cells"]])
    markdown["source"] = ["旧的译文\n"]
    target.write_text(json.dumps(notebook))
    (line,) = [line for line in outdated_chinese_files(tmp_path) if NOTEBOOKS[0].name in line]
    assert f"markdown cells {markdown['id']} differ" in line and line.endswith("run --markdown")
    assert refresh_markdown(tmp_path) == [target]
    refreshed = json.loads(target.read_text())
    assert json.dumps([c.get("outputs") for c in refreshed["cells"]]) == outputs
    assert not [line for line in outdated_chinese_files(tmp_path) if NOTEBOOKS[0].name in line]
    code["source"] = source_of(code) + "\nprint('changed')"
    refreshed["cells"][notebook["cells"].index(code)]["source"] = code["source"]
    target.write_text(json.dumps(refreshed))
    (line,) = [line for line in outdated_chinese_files(tmp_path) if NOTEBOOKS[0].name in line]
    assert f"code cells {code['id']} differ" in line and line.endswith("build it, then re-run it")
    with pytest.raises(ValueError, match="its code changed"):
        refresh_markdown(tmp_path)
