"""The committed Chinese notebooks are runs of the English notebooks' code: they must print what
the English ones print. Two things may differ, and only where this file says so: the language of
the set-up line, hints and self-check messages (with the same numbers in them), and timings.

The prose of both editions is one text (the Chinese is its translation), so a statement about a
timing must hold in both runs: the last tests check notebook 04's against each edition's output.
"""

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from notebook_cells import printed

REPO_ROOT = Path(__file__).resolve().parents[1]
ENGLISH = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
BOTH_EDITIONS = [REPO_ROOT / "notebooks", REPO_ROOT / "notebooks" / "zh"]

# Cells whose printed numbers are timings (seconds, minutes, their ratios): the words and the
# table's layout must match, the numbers and the rough "resolved" verdicts need not.
TIMING_CELLS = {
    "04_training_on_mnist.ipynb": {"6dda5ef7", "812d500d", "5c5e36df", "837346b0"},
}
# A message in the reader's language comes from these calls (set-up, self-checks, hints).
MESSAGE_CALL = re.compile(r"\b(check_environment|check_\w+|hint)\(")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"[-+−]?\d+(?:[.,]\d+)*")
# A message's numbers that a translation must keep: decimals, percentages, numbers of two or
# more digits (a "1-D" may read 一维, and a "0" may be spelled out in one language only).
KEPT_NUMBER = re.compile(r"\d+(?:[.,]\d+)+|\d+%|\d{2,}")
TIMING_VERDICT = re.compile(r"not resolved in this run|resolved")


def without_timings(text: str) -> str:
    """The numbers, the verdicts and the padding that aligns them masked."""
    masked = TIMING_VERDICT.sub("<verdict>", NUMBER.sub("<n>", text))
    return re.sub(r"[ \t]+", " ", masked)


def differences(english: dict, chinese: dict, name: str) -> list[str]:
    """Each code cell where the Chinese run printed something the rules above do not allow."""
    found = []
    for en, zh in zip(english["cells"], chinese["cells"], strict=True):
        if en["cell_type"] != "code":
            continue
        where = f"{name}, cell {en['id']}"
        (en_text, en_images), (zh_text, zh_images) = printed(en), printed(zh)
        if en_images != zh_images:
            found.append(f"{where}: the figures differ")
        if MESSAGE_CALL.search("".join(zh["source"])) and (en_text or zh_text):
            if CHINESE.search(en_text) or not CHINESE.search(zh_text):
                found.append(f"{where}: the message is not English in one and Chinese in the other")
            elif sorted(KEPT_NUMBER.findall(en_text)) != sorted(KEPT_NUMBER.findall(zh_text)):
                found.append(
                    f"{where}: the message's numbers differ: {KEPT_NUMBER.findall(en_text)} "
                    f"against {KEPT_NUMBER.findall(zh_text)}"
                )
            continue
        if en_text == zh_text:
            continue
        if en["id"] in TIMING_CELLS.get(name, set()):
            if without_timings(en_text) != without_timings(zh_text):
                found.append(f"{where}: the timing printout differs beyond its numbers")
        else:
            found.append(
                f"{where}: printed {en_text[:80]!r} in English, {zh_text[:80]!r} in Chinese"
            )
    return found


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


NAME = "04_training_on_mnist.ipynb"  # the example below


@pytest.mark.parametrize("english", ENGLISH, ids=lambda path: path.name)
def test_a_chinese_notebook_prints_what_its_english_one_prints(english):
    chinese = REPO_ROOT / "notebooks" / "zh" / english.name
    assert not differences(load(english), load(chinese), english.name)


def test_a_different_result_or_an_untranslated_message_is_caught():
    english = load(REPO_ROOT / "notebooks" / NAME)
    chinese = load(REPO_ROOT / "notebooks" / "zh" / NAME)
    assert not differences(english, chinese, NAME)
    messages = [i for i, cell in enumerate(chinese["cells"]) if CHINESE.search(printed(cell)[0])]
    results = [
        i
        for i, cell in enumerate(english["cells"])
        if "0.9828" in printed(cell)[0] and i not in messages
    ]
    assert messages and results
    changed = json.loads(json.dumps(chinese))
    cell = changed["cells"][results[0]]
    for output in cell["outputs"]:
        if output["output_type"] == "stream":
            output["text"] = "".join(output["text"]).replace("0.9828", "0.9827")
    assert any("printed" in line for line in differences(english, changed, NAME))
    untranslated = json.loads(json.dumps(chinese))
    untranslated["cells"][messages[0]]["outputs"] = english["cells"][messages[0]]["outputs"]
    assert differences(english, untranslated, NAME) == [
        f"{NAME}, cell {english['cells'][messages[0]]['id']}: the message is not English in one "
        "and Chinese in the other"
    ]


# Notebook 04's timing statements (cells aa32e73e, f8f03df4 and 7ed2f3d5 of both editions).


def output_text(notebook: dict, cell_id: str) -> str:
    return printed(next(cell for cell in notebook["cells"] if cell.get("id") == cell_id))[0]


def seconds_to_run(notebook: dict, cell_id: str) -> float:
    cell = next(cell for cell in notebook["cells"] if cell.get("id") == cell_id)
    times = cell["metadata"]["execution"]
    start, end = times["iopub.execute_input"], times["shell.execute_reply"]
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


@pytest.mark.parametrize("folder", BOTH_EDITIONS, ids=["en", "zh"])
def test_04s_timing_statements_hold_in_its_run(folder):
    notebook = load(folder / "04_training_on_mnist.ipynb")
    summary = output_text(notebook, "837346b0")
    # "multiplied the multiply-adds by 2.49 but the median epoch by less"
    growth = re.search(r"2\.49 times the multiply-adds, ([\d.]+) times the median epoch", summary)
    assert growth and float(growth[1]) < 2.3, summary
    # "well above 0.5, in every round" (the rounds' own ratios, in brackets)
    rounds = re.search(
        r"0\.50 of the multiply-adds, [\d.]+ of .*\(([\d.]+) to ([\d.]+) round", summary
    )
    assert rounds and float(rounds[1]) >= 0.6, summary
    # "the step 'ReLU 512 minus Antirectifier' is positive in every round"
    steps = next(
        line
        for line in output_text(notebook, "5c5e36df").splitlines()
        if line.startswith("ReLU 512 minus Antirectifier")
    )
    assert all(float(value) > 0 for value in steps.split()[4:9]), steps
    # "the timing itself takes about 2 minutes in a full run on 2 CPU cores"
    assert 60 <= seconds_to_run(notebook, "812d500d") <= 180


@pytest.mark.parametrize("folder", BOTH_EDITIONS, ids=["en", "zh"])
def test_05s_running_time_statement_holds_in_its_run(folder):
    # cell c05-01-0: "about 45 to 50 minutes on a 2-core CPU with JAX (the training cell prints
    # this run's minutes)"
    notebook = load(folder / "05_is_the_claim_true.ipynb")
    cell = next(cell for cell in notebook["cells"] if cell.get("id") == "c05-46")
    text = "".join("".join(output.get("text", "")) for output in cell["outputs"])
    minutes = re.search(r"confirmatory runs, 40 epochs each: ([\d.]+) min", text)
    assert minutes and 40 <= float(minutes[1]) <= 55, text[-300:]
    assert "backend jax" in output_text(notebook, "c05-04") or "后端 jax" in output_text(
        notebook, "c05-04"
    )
