"""What every exercise's self-check shares: reading a student's answer safely, and hints.

A self-check calls the student's function on its own test cases. It must never say "Right"
to a wrong answer, nor "wrong" to a right one however it is written (NumPy, `math`, a loop,
a list, a TensorFlow, JAX or PyTorch tensor, float32), and never end in a traceback from its
own code: whatever the function returns or raises, the check prints one or two plain sentences
that show the input it used, and returns False.
"""

import functools
import math
import re

import numpy as np

from antirectifier_tutorial.language import language, say


def not_answered():
    return say(
        "Not answered yet: replace `raise NotImplementedError` with your code.",
        "还没有作答：请把 `raise NotImplementedError` 换成你的代码。",
    )


# float32 keeps about 7 significant digits, and a sum over a few values loses one or two:
# answers computed in float32 (Keras's default) must pass, a slip in a formula must not.
RTOL, ATOL = 1e-5, 1e-6


def _capitalised(text):
    """An English subject phrase starting a sentence; Chinese has no capitals (and a Chinese
    phrase may start with code, such as `y = …`, which must stay as written)."""
    return text if language() == "zh" else text[:1].upper() + text[1:]


def your_function():
    """The subject of a message when no input is named."""
    return say("your function", "你的函数")


class WrongAnswer(Exception):
    """Raised inside a check when the answer cannot be used; its message is for the student."""


# What the check asked last (the input shown in a message), for the last-resort message.
_last_call = {"call": None}


def self_check(check):
    """Turn WrongAnswer (and any failure to read an answer) into a message and False."""

    @functools.wraps(check)
    def checked(answer):
        _last_call["call"] = None
        try:
            return check(answer) is True
        except WrongAnswer as wrong:
            print(wrong)
        except Exception as error:  # a last resort: an answer no case below foresaw
            asked = _last_call["call"] or your_function()
            print(
                say(
                    "The check could not use your answer ({error}). {asked} returned it: "
                    "look at that value.",
                    "自测无法使用你的答案（{error}）。它是{asked}返回的：请检查这个值。",
                    error=_error_text(error),
                    asked=_capitalised(asked),
                )
            )
        return False

    return checked


def shown(value):
    """An input as a message shows it: arrays as nested lists, rounded to 6 decimals."""
    if isinstance(value, np.ndarray):
        return str(np.round(value.astype(float), 6).tolist())
    return repr(value)


def described(value, limit=80):
    """A returned value as a message shows it: short, arrays as nested lists."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        text = shown(value)
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error_text(error):
    """The error's type and the first line of its message that says what went wrong."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in str(error).splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 1 and lines[0].startswith("Exception encountered when calling"):
        lines = lines[1:]  # Keras's heading for an error inside a layer's call()
    text = f"{type(error).__name__}: {lines[0]:.200}" if lines else type(error).__name__
    if "truth value of an array" in text:
        # A plain loop or an `if` met a whole row of an array instead of one number.
        text += say(
            " (an `if` or `and` met a whole array at once: loop over single numbers, "
            "or use `np.where`, which works element by element)",
            "（`if` 或 `and` 一次遇到了整个数组：请逐个数字循环，或使用逐元素计算的 `np.where`）",
        )
    return text


def call(function, *arguments, describe=None, **keywords):
    """Call the student's function; turn "not answered" and its exceptions into WrongAnswer.

    `describe` names the call with its input ("For mean 0.0, sd 1.0 your function"; in Chinese
    a subject such as "均值为 0.0、标准差为 1.0 时，你的函数"), so that every message says what the
    function was given; by default the arguments are listed.
    """
    if describe is None:
        listed = [shown(a) for a in arguments] + [f"{k}={shown(v)}" for k, v in keywords.items()]
        describe = say(
            "your function, given {inputs},",
            "输入为 {inputs} 时，你的函数",
            inputs=", ".join(listed),
        )
    _last_call["call"] = describe[:1].lower() + describe[1:]
    if not callable(function):
        raise WrongAnswer(
            say(
                "Pass the function itself (its name, without brackets), not {given}.",
                "请传入函数本身（写函数名，不加括号），而不是 {given}。",
                given=f"{function!r:.80}",
            )
        )
    try:
        return function(*arguments, **keywords)
    except NotImplementedError:
        raise WrongAnswer(not_answered()) from None
    except Exception as error:
        wrong = WrongAnswer(
            say(
                "{call} raised {error}. Call it yourself on that input to read the traceback.",
                "{call}抛出了 {error}。请自己用这个输入调用它，查看完整的错误回溯。",
                call=_capitalised(describe),
                error=_error_text(error),
            )
        )
        wrong.error = error  # for a check that explains some errors better
        raise wrong from None


def to_numpy(value):
    """NumPy's view of a tensor of any backend (TensorFlow, JAX, PyTorch); anything else as is."""
    plain = (np.ndarray, np.generic, int, float, list, tuple, str, bytes, type(None))
    if isinstance(value, plain):
        return value
    try:
        import keras  # only answers that are tensors get here

        converted = keras.ops.convert_to_numpy(value)
        if getattr(converted, "dtype", np.dtype(object)).kind != "O":  # not an object array
            return converted
    except Exception:
        pass
    if hasattr(value, "detach"):  # a PyTorch tensor that tracks gradients
        try:
            return value.detach().cpu().numpy()
        except Exception:
            pass
    if hasattr(value, "numpy"):
        try:
            return value.numpy()
        except Exception:
            pass
    return value


def as_number(value, what=None):
    """A finite real number, or WrongAnswer saying what it got instead."""
    said = _capitalised(what or your_function())
    value = to_numpy(value)
    if value is None:
        raise WrongAnswer(
            say(
                "{said} returned None: did you forget `return`?",
                "{said}返回了 None：是不是忘了写 `return`？",
                said=said,
            )
        )
    if isinstance(value, (bool, np.bool_)):
        raise WrongAnswer(
            say(
                "{said} returned {value}, a truth value; return a number.",
                "{said}返回了布尔值 {value}；请返回一个数。",
                said=said,
                value=value,
            )
        )
    if isinstance(value, (str, bytes)):
        raise WrongAnswer(
            say(
                "{said} returned the text {value!r}; return a number.",
                "{said}返回了文本 {value!r}；请返回一个数。",
                said=said,
                value=value,
            )
        )
    try:
        array = np.asarray(value, dtype=float)
    except OverflowError:
        raise WrongAnswer(
            say(
                "{said} returned {value}, too large a number.",
                "{said}返回了 {value}，这个数太大了。",
                said=said,
                value=described(value),
            )
        ) from None
    except (TypeError, ValueError):
        raise WrongAnswer(
            say(
                "{said} returned {value}, which is not a number.",
                "{said}返回了 {value}，这不是一个数。",
                said=said,
                value=described(value),
            )
        ) from None
    if array.size != 1:
        raise WrongAnswer(
            say(
                "{said} returned {size} numbers (shape {shape}); return one.",
                "{said}返回了 {size} 个数（形状 {shape}）；请只返回一个。",
                said=said,
                size=array.size,
                shape=array.shape,
            )
        )
    number = float(array.reshape(()))
    if not math.isfinite(number):
        raise WrongAnswer(
            say(
                "{said} returned {number}, not a finite number: look for a division by zero or "
                "the mean of an empty selection.",
                "{said}返回了 {number}，不是有限的数：检查是否除以了 0，或对空选择求了均值。",
                said=said,
                number=number,
            )
        )
    return number


def as_array(value, shape, what=None):
    """A finite float array of the given shape, or WrongAnswer saying what is wrong."""
    said = _capitalised(what or your_function())
    shape = tuple(shape)
    value = to_numpy(value)
    if value is None:
        raise WrongAnswer(
            say(
                "{said} returned None: did you forget `return`?",
                "{said}返回了 None：是不是忘了写 `return`？",
                said=said,
            )
        )
    if isinstance(value, (str, bytes)):
        raise WrongAnswer(
            say(
                "{said} returned the text {value!r}; return an array of numbers.",
                "{said}返回了文本 {value!r}；请返回一个数值数组。",
                said=said,
                value=value,
            )
        )
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise WrongAnswer(
            say(
                "{said} returned {value}, not an array of numbers.",
                "{said}返回了 {value}，不是数值数组。",
                said=said,
                value=described(value),
            )
        ) from None
    if array.shape == () != shape:
        raise WrongAnswer(
            say(
                "{said} returned one number, {value}; expected an array of shape {shape}.",
                "{said}只返回了一个数 {value}；应返回形状为 {shape} 的数组。",
                said=said,
                value=described(value),
                shape=shape,
            )
        )
    if array.shape != shape:
        raise WrongAnswer(
            say(
                "{said} returned shape {got}; expected {shape}.",
                "{said}返回的形状是 {got}；应为 {shape}。",
                said=said,
                got=array.shape,
                shape=shape,
            )
        )
    if not np.isfinite(array).all():
        raise WrongAnswer(
            say(
                "{said} returned NaN or inf values: look for a division by zero.",
                "{said}返回了 NaN 或 inf：检查是否除以了 0。",
                said=said,
            )
        )
    return array


def close(answer, expected, rtol=RTOL, atol=ATOL):
    """Equal up to float32 rounding: relative for large values, absolute near 0."""
    answer, expected = np.asarray(answer, dtype=float), np.asarray(expected, dtype=float)
    if answer.shape != expected.shape:
        return False
    return bool(np.allclose(answer, expected, rtol=rtol, atol=atol))


def near(answer, expected):
    """Close enough to tell the student so (a rounded value, an epsilon too large), not right."""
    return close(answer, expected, rtol=1e-2, atol=1e-3)


def hints(steps):
    """A `hint(exercise)` function: each call shows the next step of that exercise's hints.

    `steps` maps each exercise to its hints, a list, or {"en": [...], "zh": [...]} for both
    languages (the same number of steps in each)."""
    seen = {}

    def hint(exercise):
        if exercise not in steps:
            print(
                say(
                    "No hints for exercise {exercise!r}; exercises with hints: {known}.",
                    "练习 {exercise!r} 没有提示；有提示的练习：{known}。",
                    exercise=exercise,
                    known=sorted(steps),
                )
            )
            return
        chosen = steps[exercise]
        if isinstance(chosen, dict):  # {"en": [...], "zh": [...]}
            chosen = chosen[language()]
        step = min(seen.get(exercise, 0), len(chosen) - 1)
        seen[exercise] = step + 1
        print(
            say(
                "Hint {n} of {total} for exercise {exercise}: {text}",
                "练习 {exercise} 的提示 {n}/{total}：{text}",
                n=step + 1,
                total=len(chosen),
                exercise=exercise,
                text=chosen[step],
            )
        )
        if step + 1 < len(chosen):
            print(
                say(
                    "(Run hint({exercise}) again for the next one.)",
                    "（再运行一次 hint({exercise}) 可看下一条。）",
                    exercise=exercise,
                )
            )

    hint.steps = steps  # for the tests: every exercise has its hints
    return hint
