"""Which language the learner reads: English by default, Simplified Chinese in the Chinese
edition, whose notebooks' set-up cell sets the environment variable TUTORIAL_LANGUAGE to "zh".

Every message a learner reads is written in both languages where it is made:
`say(english, chinese, **values)` returns one of the two, formatted with `values` (str.format),
so that a translation sits next to its English and is changed with it.

Example:

>>> say("Right: {n} cases.", "正确：{n} 个用例。", n=3)
'Right: 3 cases.'
"""

import os

LANGUAGES = {"en": "English", "zh": "简体中文"}


def language():
    """ "en" or "zh", from TUTORIAL_LANGUAGE (unset or empty: "en"); anything else is refused."""
    value = os.environ.get("TUTORIAL_LANGUAGE", "").strip() or "en"
    if value not in LANGUAGES:
        raise ValueError(
            f"TUTORIAL_LANGUAGE must be one of {sorted(LANGUAGES)} (or unset), not {value!r}."
        )
    return value


def say(english, chinese, **values):
    """The message in the learner's language, with `values` filled in."""
    return (chinese if language() == "zh" else english).format(**values)
