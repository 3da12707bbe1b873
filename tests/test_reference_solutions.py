"""Every self-checked exercise's reference solution, taken from its notebook, passes its check,
and the wrong answer the notebook shows is rejected, without running a notebook.

The solutions are the notebooks' cells that start with "# @title Reference solution"; each
ends with `assert check_…(answer)`. Their code runs here with NumPy, `math`, Keras and
`keras.ops` in scope (the names the notebooks import) and the exercise module's checks, and
each check is called through its public function, as a student's cell calls it.
"""

import contextlib
import importlib
import io
import math
import re

import keras
import numpy as np
import pytest
from keras import ops

from notebook_cells import NOTEBOOKS, code_cells, read_notebook, source_of

SOLUTION_TITLE = "# @title Reference solution"
CHECKED_SOLUTION = re.compile(r"^assert (check_\w+)\((\w+)\)\s*$", flags=re.MULTILINE)
SHOWN_WRONG_ANSWER = re.compile(r"^assert not (check_\w+)\(", flags=re.MULTILINE)


def exercise_module(path):
    return importlib.import_module(f"antirectifier_tutorial.exercises_{path.name[:2]}")


def checks_of(module):
    return sorted(
        name
        for name, value in vars(module).items()
        if name.startswith("check_") and callable(value)
    )


def solution_cells(path):
    """{check name: (answer name, the cell's code without its assert)} in notebook order."""
    solutions = {}
    for cell in code_cells(read_notebook(path)):
        source = source_of(cell)
        if not source.startswith(SOLUTION_TITLE):
            continue
        checked = CHECKED_SOLUTION.findall(source)
        assert len(checked) == 1, f"{path.name}: a solution cell needs one `assert check_…(…)`"
        check, answer = checked[0]
        solutions[check] = (answer, CHECKED_SOLUTION.sub("", source))
    return solutions


def notebook_namespace(path):
    """What a solution cell sees in its notebook: the imports and the exercise module."""
    module = exercise_module(path)
    return {
        "np": np,
        "math": math,
        "keras": keras,
        "ops": ops,
        **{name: value for name, value in vars(module).items() if not name.startswith("_")},
    }


def run_check(check, answer):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = check(answer)
    return result, printed.getvalue()


def with_every_solution_defined(path):
    namespace = notebook_namespace(path)
    for _, code in solution_cells(path).values():
        exec(compile(code, f"{path.name} reference solution", "exec"), namespace)
    return namespace


SELF_CHECKED = [
    pytest.param(path, check, id=f"{path.name[:2]}.{check}")
    for path in NOTEBOOKS
    for check in checks_of(exercise_module(path))
]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_self_checked_exercise_has_one_reference_solution(path):
    assert sorted(solution_cells(path)) == checks_of(exercise_module(path))


@pytest.mark.parametrize("path, check", SELF_CHECKED)
def test_reference_solution_is_accepted_and_told_right(path, check):
    answer_name, code = solution_cells(path)[check]
    namespace = notebook_namespace(path)
    exec(compile(code, f"{path.name} reference solution for {check}", "exec"), namespace)
    result, message = run_check(namespace[check], namespace[answer_name])
    assert result is True, f"{path.name}: {check} rejects the reference solution: {message}"
    assert "Right" in message, message


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_wrong_answers_the_notebook_shows_are_rejected(path):
    namespace = with_every_solution_defined(path)
    shown = [
        source_of(cell)
        for cell in code_cells(read_notebook(path))
        if SHOWN_WRONG_ANSWER.search(source_of(cell)) and "copy_of" not in cell["metadata"]
    ]
    assert shown, f"{path.name} shows no wrong answer to its checks"
    for code in shown:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            # The cell's own `assert not check_…(…)` fails if its wrong answer is accepted.
            exec(compile(code, f"{path.name} wrong answer", "exec"), namespace)
        assert printed.getvalue().strip() and "Right" not in printed.getvalue(), printed.getvalue()
