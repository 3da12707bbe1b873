"""Notebook 05 registers its confirmatory run before running it, on seeds the pilot never used.

The pilot's results are data (antirectifier_tutorial/pilot_runs.py), extracted from the run
that produced them; the confirmatory seeds are read from the notebook's registration cell.
"""

import ast
import json
import os
import re
import subprocess
import sys

import pytest

from antirectifier_tutorial.pilot_runs import PILOT_ACCURACY
from notebook_cells import REPO_ROOT, printed, read_notebook, source_of
from tools.extract_pilot_runs import PILOT_COMMIT

NOTEBOOK = REPO_ROOT / "notebooks" / "05_is_the_claim_true.ipynb"
REGISTRATION_HEADING = "## The registration"
# Names that only a confirmatory result can use.
CONFIRMATORY_NAMES = ("confirmatory[", "confirmed(", "correct_matrix(", "intervals[")


def registration_cell(cells):
    code = [source_of(c) for c in cells if c["cell_type"] == "code"]
    matches = [text for text in code if "CONFIRMATORY_SEEDS = {" in text]
    assert len(matches) == 1, "one code cell assigns CONFIRMATORY_SEEDS"
    return matches[0]


def assigned(source, name):
    """The value of `name = <literal, or range(...)>` in a cell's code."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            expression = ast.Expression(node.value)
            return eval(compile(expression, name, "eval"), {"__builtins__": {}, "range": range})
    raise AssertionError(f"{name} is not assigned in the registration cell")


def registered_seeds():
    source = registration_cell(read_notebook(NOTEBOOK)["cells"])
    return {model: list(seeds) for model, seeds in assigned(source, "CONFIRMATORY_SEEDS").items()}


def pilot_seeds():
    return {
        seed for runs in PILOT_ACCURACY.values() for by_seed in runs.values() for seed in by_seed
    }


def test_confirmatory_seeds_appear_nowhere_in_the_pilot():
    for model, seeds in registered_seeds().items():
        reused = set(seeds) & pilot_seeds()
        assert not reused, f"{model}: seeds {sorted(reused)} were used in the pilot"


def test_no_two_confirmatory_runs_share_a_seed():
    seeds = [seed for model_seeds in registered_seeds().values() for seed in model_seeds]
    assert len(seeds) == len(set(seeds)), "two confirmatory runs share a seed"


def test_every_model_gets_the_registered_number_of_seeds():
    source = registration_cell(read_notebook(NOTEBOOK)["cells"])
    n_seeds = assigned(source, "N_SEEDS")
    assert {model: len(seeds) for model, seeds in registered_seeds().items()} == {
        "Antirectifier 256": n_seeds,
        "ReLU 512": n_seeds,
        "ReLU 306": n_seeds,
    }


def test_the_registration_comes_before_every_confirmatory_result():
    cells = read_notebook(NOTEBOOK)["cells"]
    headings = [
        i
        for i, c in enumerate(cells)
        if c["cell_type"] == "markdown" and source_of(c).startswith(REGISTRATION_HEADING)
    ]
    assert len(headings) == 1, f"one markdown cell starting {REGISTRATION_HEADING!r}"
    uses = [
        i
        for i, c in enumerate(cells)
        if c["cell_type"] == "code" and any(name in source_of(c) for name in CONFIRMATORY_NAMES)
    ]
    assert uses, "no cell uses a confirmatory result"
    assert headings[0] < min(uses), (
        f"cell {min(uses)} uses a confirmatory result before the registration (cell {headings[0]})"
    )
    seeds_cell = next(i for i, c in enumerate(cells) if "CONFIRMATORY_SEEDS = {" in source_of(c))
    assert headings[0] < seeds_cell < min(uses)


def test_the_pilot_holds_48_exact_accuracies():
    values = [a for runs in PILOT_ACCURACY.values() for s in runs.values() for a in s.values()]
    assert len(values) == 48
    for accuracy in values:  # a count of correct images out of 10,000
        assert 0 < accuracy < 1 and abs(accuracy * 10_000 - round(accuracy * 10_000)) < 1e-6


def test_the_pilot_data_are_what_the_pilot_run_printed():
    skip_unless_in_this_clone(PILOT_COMMIT)
    tool = REPO_ROOT / "tools" / "extract_pilot_runs.py"
    check = subprocess.run(
        [sys.executable, str(tool), "--check"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


def skip_unless_in_this_clone(commit):
    found = subprocess.run(
        ["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=REPO_ROOT, capture_output=True
    )
    if found.returncode != 0:
        pytest.skip(f"commit {commit} is not in this clone (a shallow clone?)")


REGISTRATION_COMMIT = "77347cf"  # committed before the confirmatory run started


FIRST_CONFIRMATORY_RUN = "fb23a8d"  # the commit that first held the confirmatory run's outputs


def registered_cells(commit: str = REGISTRATION_COMMIT) -> list[dict]:
    """Notebook 05's cells as committed at the registration (or at another commit)."""
    shown = subprocess.run(
        ["git", "show", f"{commit}:notebooks/{NOTEBOOK.name}"],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(shown.stdout)["cells"]


# The registered table was one cell; it is shown since in consecutive cells, each with its own
# header row (the continuations say what they hold). Every other line must read as registered.
TABLE_HEADER = re.compile(r"^\| item \| registered(, continued: [^|]+)? \|$|^\|---\|---\|$")


def registration_lines(cells):
    """The registration's lines, in order: from the cell that opens it to the next code cell,
    blank lines and table header rows left out."""
    (start,) = [
        i
        for i, c in enumerate(cells)
        if c["cell_type"] == "markdown" and source_of(c).startswith(REGISTRATION_HEADING)
    ]
    lines = []
    for cell in cells[start:]:
        if cell["cell_type"] != "markdown":
            break
        lines += [line for line in source_of(cell).splitlines() if line.strip()]
    return [line for line in lines if not TABLE_HEADER.match(line)]


def test_the_registration_is_unchanged_since_it_was_committed_before_the_run():
    skip_unless_in_this_clone(REGISTRATION_COMMIT)
    then = registered_cells()
    now = read_notebook(NOTEBOOK)["cells"]

    def registered(cells):
        code = [source_of(c) for c in cells if c["cell_type"] == "code"]
        seeds = [ast.dump(ast.parse(text)) for text in code if "CONFIRMATORY_SEEDS = {" in text]
        return registration_lines(cells), seeds

    assert registered(now) == registered(then), "the registration changed after it was committed"
    # Every code cell before the first Going further section (the plan, the carried layer and
    # models, the run and its analysis) is as it was registered. A change there (the layer
    # too) means a new registration and a new confirmatory run, on new seeds.
    assert confirmatory_code(now) == confirmatory_code(then), (
        "a code cell of the confirmatory run or its analysis changed after the registration"
    )


# After the run, the set-up helpers learned to speak Chinese (the Chinese edition), and a module
# choosing the language was added before them: their messages changed, nothing they compute.
# The amendment is checked by behaviour below, not by text.
MESSAGE_ONLY_AMENDMENTS = {
    "antirectifier_tutorial/language.py",
    "antirectifier_tutorial/setup_helpers.py",
}


def confirmatory_code(cells):
    headings = [source_of(c).splitlines()[0] if source_of(c) else "" for c in cells]
    end = next(i for i, h in enumerate(headings) if h.startswith("## Going further"))
    # Compared as syntax trees: a corrected comment changes nothing that runs.
    return [
        ast.dump(ast.parse(source_of(c)))
        for c in cells[:end]
        if c["cell_type"] == "code"
        and c.get("metadata", {}).get("copy_of") not in MESSAGE_ONLY_AMENDMENTS
    ]


def test_the_amended_set_up_helpers_compute_what_the_registered_ones_did(monkeypatch, tmp_path):
    skip_unless_in_this_clone(REGISTRATION_COMMIT)
    cells = registered_cells()
    (registered_text,) = [
        source_of(c)
        for c in cells
        if c.get("metadata", {}).get("copy_of") == "antirectifier_tutorial/setup_helpers.py"
    ]
    registered = {"__name__": "registered_setup_helpers"}
    exec(compile(registered_text, "registered_setup_helpers", "exec"), registered)
    from antirectifier_tutorial import setup_helpers as amended

    monkeypatch.delenv("TUTORIAL_LANGUAGE", raising=False)
    for name in (
        "KERAS_BACKENDS",
        "REQUIRED_PACKAGES",
        "JAXLIB_WITH_WRONG_CPU_TRAINING",
        "JAX_CPU_WORKAROUND",
        "PALETTE",
        "MODEL_COLOURS",
    ):
        assert getattr(amended, name) == registered[name], name
    for quick in (None, "0", "1", "yes"):
        if quick is None:
            monkeypatch.delenv("TUTORIAL_QUICK", raising=False)
        else:
            monkeypatch.setenv("TUTORIAL_QUICK", quick)
        assert amended.quick_mode() == registered["quick_mode"]()
        assert amended.figures_folder() == registered["figures_folder"](), quick
    for backend in (None, "jax", "tensorflow"):
        if backend is None:
            monkeypatch.delenv("KERAS_BACKEND", raising=False)
        else:
            monkeypatch.setenv("KERAS_BACKEND", backend)
        assert amended.chosen_keras_backend() == registered["chosen_keras_backend"]()
    from packaging.version import Version

    for version in ("0.7.0", "0.7.1", "0.8.0", "0.8.3", "0.10.2"):
        outcomes = []
        for module in (
            amended.avoid_wrong_jax_cpu_training,
            registered["avoid_wrong_jax_cpu_training"],
        ):
            monkeypatch.setenv("XLA_FLAGS", "--some_flag")
            try:
                module(Version(version))
                outcomes.append(("returned", os.environ["XLA_FLAGS"]))
            except Exception as error:
                outcomes.append(("raised", type(error).__name__))
        assert outcomes[0] == outcomes[1], (version, outcomes)
    assert amended.describe_environment() == registered["describe_environment"]()


def test_the_committed_run_printed_what_the_first_confirmatory_run_printed():
    """The notebook has been re-run since (its set-up messages became bilingual): on the same
    registered seeds, backend and machine, every output and figure came out the same, durations
    aside. So the committed results are those of the first confirmatory run."""
    skip_unless_in_this_clone(FIRST_CONFIRMATORY_RUN)
    first = {cell.get("id"): cell for cell in registered_cells(FIRST_CONFIRMATORY_RUN)}
    now = [cell for cell in read_notebook(NOTEBOOK)["cells"] if cell["cell_type"] == "code"]
    compared = [cell for cell in now if cell.get("id") in first]
    assert len(compared) >= len(now) - 1  # the carried language.py is new since then
    for cell in compared:
        assert printed(cell) == printed(first[cell["id"]]), f"cell {cell['id']} printed otherwise"
