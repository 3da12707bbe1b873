"""What a learner of the Chinese edition reads is Chinese: with TUTORIAL_LANGUAGE=zh, every hint
and the self-checks' messages for unanswered, empty and wrong answers are in Chinese; without
it, none of them is (the English edition never shows Chinese)."""

import importlib
import re

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")
MODULES = [f"antirectifier_tutorial.exercises_0{n}" for n in range(1, 6)]


def not_answered(*arguments, **keywords):
    raise NotImplementedError


def returns_none(*arguments, **keywords):
    return None


def checks(module):
    return [getattr(module, name) for name in dir(module) if name.startswith("check_")]


def printed_by(capsys, run):
    run()
    return [line for line in capsys.readouterr().out.splitlines() if line.strip()]


@pytest.mark.parametrize("module_name", MODULES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_hint_is_in_the_learners_language(monkeypatch, capsys, module_name, language):
    monkeypatch.setenv("TUTORIAL_LANGUAGE", language)
    module = importlib.import_module(module_name)
    for exercise, steps in module.hint.steps.items():
        english, chinese = steps["en"], steps["zh"]
        assert len(english) == len(chinese) >= 1, (module_name, exercise)
        fresh = module.hints({exercise: steps})
        for _ in english:
            for line in printed_by(capsys, lambda fresh=fresh, exercise=exercise: fresh(exercise)):
                assert bool(CJK.search(line)) == (language == "zh"), (module_name, line)


@pytest.mark.parametrize("module_name", MODULES)
@pytest.mark.parametrize("answer", [not_answered, returns_none], ids=["unanswered", "None"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_wrong_answer_gets_a_message_in_the_learners_language(
    monkeypatch, capsys, module_name, answer, language
):
    monkeypatch.setenv("TUTORIAL_LANGUAGE", language)
    module = importlib.import_module(module_name)
    for check in checks(module):
        lines = printed_by(capsys, lambda check=check: check(answer))
        assert lines, (module_name, check.__name__)
        for line in lines:
            assert bool(CJK.search(line)) == (language == "zh"), (check.__name__, line)
