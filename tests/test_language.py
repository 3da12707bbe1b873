"""The learner's language (antirectifier_tutorial/language.py): English unless
TUTORIAL_LANGUAGE says "zh", a clear error for anything else, and messages in both languages."""

import pytest

from antirectifier_tutorial.language import language, say


@pytest.mark.parametrize("value, expected", [(None, "en"), ("", "en"), ("en", "en"), ("zh", "zh")])
def test_the_language_comes_from_tutorial_language(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("TUTORIAL_LANGUAGE", raising=False)
    else:
        monkeypatch.setenv("TUTORIAL_LANGUAGE", value)
    assert language() == expected


@pytest.mark.parametrize("value", ["fr", "ZH", "zh-CN", "chinese"])
def test_an_unknown_language_is_refused_with_the_choices(monkeypatch, value):
    monkeypatch.setenv("TUTORIAL_LANGUAGE", value)
    with pytest.raises(ValueError, match=r"TUTORIAL_LANGUAGE must be one of \['en', 'zh'\]"):
        language()


def test_say_fills_in_the_values_of_the_learners_language(monkeypatch):
    monkeypatch.setenv("TUTORIAL_LANGUAGE", "zh")
    assert say("{n:.2f} cases", "{n:.2f} 个用例", n=2) == "2.00 个用例"
    monkeypatch.setenv("TUTORIAL_LANGUAGE", "en")
    assert say("{n:.2f} cases", "{n:.2f} 个用例", n=2) == "2.00 cases"
