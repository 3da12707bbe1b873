"""Every exercise's self-check, handed answers that are wrong the way students' code is wrong.

A check must return False for each of them, say something, never say "Right", and never end
in a traceback from its own code (nor fall back on its last-resort message, which would mean
that no case of the check foresaw the answer). The notebooks' own cells test each check on its
reference solution and on a typical wrong answer.
"""

import contextlib
import importlib
import inspect
import io
import re

import keras
import numpy as np
import pytest

from notebook_cells import NOTEBOOKS, code_cells, read_notebook, source_of

MODULES = [f"antirectifier_tutorial.exercises_0{n}" for n in range(1, 6)]
LAST_RESORT = "The check could not use your answer"


def _raising(error):
    def answer(*arguments, **keywords):
        raise error

    return answer


WRONG_ANSWERS = {
    "None instead of a function": None,
    "a number instead of a function": 3,
    "a string instead of a function": "my answer",
    "returns None (no return)": lambda *a, **k: None,
    "returns NaN": lambda *a, **k: float("nan"),
    "returns the mean of an empty selection (NaN)": lambda *a, **k: np.array([]).mean(),
    "returns inf": lambda *a, **k: float("inf"),
    "returns -inf": lambda *a, **k: -np.inf,
    "returns 0": lambda *a, **k: 0,
    "returns True": lambda *a, **k: True,
    "returns a string": lambda *a, **k: "42",
    "returns a huge integer": lambda *a, **k: 10**400,
    "returns its first input unchanged": lambda *a, **k: a[0] if a else next(iter(k.values())),
    "returns an empty list": lambda *a, **k: [],
    "returns a ragged list": lambda *a, **k: [[1, 2], [3]],
    "returns an array of NaN": lambda *a, **k: np.full((2, 8), np.nan),
    "returns an object": lambda *a, **k: object(),
    "raises ValueError": _raising(ValueError("boom")),
    "raises ZeroDivisionError": lambda *a, **k: 1 / 0,
    "raises TypeError": _raising(TypeError("unsupported operand")),
}


def _all_checks():
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name, check in vars(module).items():
            if name.startswith("check_") and callable(check):
                yield pytest.param(check, id=f"{module_name.rsplit('.', 1)[1]}.{name}")


def _run(check, answer):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = check(answer)  # must not raise
    return result, printed.getvalue()


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # NumPy's warning for the empty mean
@pytest.mark.parametrize("check", _all_checks())
@pytest.mark.parametrize("wrong", list(WRONG_ANSWERS), ids=lambda w: w.replace(" ", "_"))
def test_a_wrong_answer_is_rejected_with_a_plain_message(check, wrong):
    result, message = _run(check, WRONG_ANSWERS[wrong])
    assert result is False, f"{check.__name__} accepted {wrong}: {message}"
    assert message.strip(), f"{check.__name__} said nothing about {wrong}"
    assert not message.startswith("Right"), message
    assert LAST_RESORT not in message, f"no case of {check.__name__} foresaw {wrong}: {message}"
    assert "Traceback" not in message and len(message) < 600, message


@pytest.mark.parametrize("check", _all_checks())
def test_an_unanswered_stub_is_reported_as_not_answered(check):
    result, message = _run(check, _raising(NotImplementedError()))
    assert result is False and message.startswith("Not answered yet"), message


class WithoutKwargs(keras.layers.Layer):
    def __init__(self, axis=-1):  # forgets **kwargs: from_config cannot pass the name
        super().__init__()
        self.axis = axis

    def call(self, x):
        return keras.ops.concatenate([x, x], axis=self.axis)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


class Unchanged(WithoutKwargs):
    def __init__(self, axis=-1, **kwargs):
        keras.layers.Layer.__init__(self, **kwargs)
        self.axis = axis

    def call(self, x):
        return x  # the input back: wrong shape


class BrokenConfig(Unchanged):
    def get_config(self):
        raise RuntimeError("not written yet")


@pytest.mark.parametrize(
    "layer_class", [WithoutKwargs, Unchanged, BrokenConfig], ids=lambda c: c.__name__
)
def test_wrong_layer_classes_are_rejected_with_a_plain_message(layer_class):
    from antirectifier_tutorial.exercises_02 import check_axis_layer

    result, message = _run(check_axis_layer, layer_class)
    assert result is False and message.strip() and LAST_RESORT not in message, message
    if layer_class is WithoutKwargs:
        assert "**kwargs" in message, message


def test_dropping_kwargs_is_explained_not_raised():
    from antirectifier_tutorial.exercises_02 import check_axis_layer

    result, message = _run(check_axis_layer, WithoutKwargs)
    assert "name" in message and "super().__init__" in message, message


@pytest.mark.parametrize("module_name", MODULES)
def test_every_self_checked_exercise_has_two_hints_shown_one_at_a_time(module_name):
    module = importlib.import_module(module_name)
    checks = [name for name in vars(module) if name.startswith("check_")]
    assert sorted(module.hint.steps) == list(range(1, len(checks) + 1))
    for exercise, both in module.hint.steps.items():
        steps = both["en"]  # the English edition's; tests/test_chinese_messages.py: the Chinese
        assert len(steps) == len(both["zh"]) == 2, (module_name, exercise)
        shown = []
        for _ in range(3):  # the third call repeats the last hint
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                module.hint(exercise)
            shown.append(printed.getvalue())
        assert shown[0].startswith(f"Hint 1 of 2 for exercise {exercise}: {steps[0]}"), shown[0]
        assert "hint(" in shown[0]  # says how to see the next one
        assert shown[1].startswith(f"Hint 2 of 2 for exercise {exercise}: {steps[1]}"), shown[1]
        assert shown[2].startswith("Hint 2 of 2"), shown[2]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_check_contains_a_line_of_the_reference_solution(path):
    """The collapsed checks sit above the stubs: they must not hold the solutions' code.
    (The second hint of each exercise gives a fragment on purpose, when the student asks.)"""
    module = importlib.import_module(f"antirectifier_tutorial.exercises_{path.name[:2]}")
    module_source = "\n".join(
        inspect.getsource(inspect.unwrap(check))
        for name, check in vars(module).items()
        if name.startswith("check_")
    )
    solutions = [
        source_of(c)
        for c in code_cells(read_notebook(path))
        if source_of(c).startswith("# @title Reference solution")
    ]
    assert solutions, "the notebook has reference solutions"
    for solution in solutions:
        for line in solution.splitlines()[1:]:
            code = line.split("#")[0].strip()
            if len(code) < 20 or code.startswith(("def ", "assert ", "class ", "super().__init__")):
                continue
            assert code not in module_source, (
                f"{path.name}: the checks contain the solution line {code!r}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_checks_sit_in_collapsed_cells_above_the_exercises(path):
    cells = read_notebook(path)["cells"]
    module_file = f"antirectifier_tutorial/exercises_{path.name[:2]}.py"
    carried = [i for i, c in enumerate(cells) if c["metadata"].get("copy_of") == module_file]
    assert len(carried) == 1, f"{path.name} carries {module_file} once"
    cell = cells[carried[0]]
    assert (
        cell["metadata"].get("jupyter", {}).get("source_hidden")
        and cell["metadata"].get("cellView") == "form"
    )
    stubs = [
        i
        for i, c in enumerate(cells)
        if "raise NotImplementedError  # your code here" in source_of(c)
    ]
    assert stubs and carried[0] < min(stubs)
    visible = "\n".join(
        source_of(c) for c in cells if c["cell_type"] == "code" and "copy_of" not in c["metadata"]
    )
    assert not re.search(r"^def check_", visible, flags=re.MULTILINE), (
        "a check is defined in a visible cell"
    )
