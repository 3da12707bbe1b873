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

NOT_ANSWERED = "Not answered yet: replace `raise NotImplementedError` with your code."

# float32 keeps about 7 significant digits, and a sum over a few values loses one or two:
# answers computed in float32 (Keras's default) must pass, a slip in a formula must not.
RTOL, ATOL = 1e-5, 1e-6


def _capitalised(text):
    return text[:1].upper() + text[1:]


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
            asked = _last_call["call"] or "your function"
            print(
                f"The check could not use your answer ({_error_text(error)}). "
                f"{_capitalised(asked)} returned it: look at that value."
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
        text += (
            " (an `if` or `and` met a whole array at once: loop over single numbers, "
            "or use `np.where`, which works element by element)"
        )
    return text


def call(function, *arguments, describe=None, **keywords):
    """Call the student's function; turn "not answered" and its exceptions into WrongAnswer.

    `describe` names the call with its input ("For mean 0.0, sd 1.0 your function"), so that
    every message says what the function was given; by default the arguments are listed.
    """
    if describe is None:
        listed = [shown(a) for a in arguments] + [f"{k}={shown(v)}" for k, v in keywords.items()]
        describe = f"your function, given {', '.join(listed)},"
    _last_call["call"] = describe[:1].lower() + describe[1:]
    if not callable(function):
        raise WrongAnswer(
            f"Pass the function itself (its name, without brackets), not {function!r:.80}."
        )
    try:
        return function(*arguments, **keywords)
    except NotImplementedError:
        raise WrongAnswer(NOT_ANSWERED) from None
    except Exception as error:
        wrong = WrongAnswer(
            f"{_capitalised(describe)} raised {_error_text(error)}. Call it "
            "yourself on that input to read the traceback."
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


def as_number(value, what="your function"):
    """A finite real number, or WrongAnswer saying what it got instead."""
    said = _capitalised(what)
    value = to_numpy(value)
    if value is None:
        raise WrongAnswer(f"{said} returned None: did you forget `return`?")
    if isinstance(value, (bool, np.bool_)):
        raise WrongAnswer(f"{said} returned {value}, a truth value; return a number.")
    if isinstance(value, (str, bytes)):
        raise WrongAnswer(f"{said} returned the text {value!r}; return a number.")
    try:
        array = np.asarray(value, dtype=float)
    except OverflowError:
        raise WrongAnswer(f"{said} returned {described(value)}, too large a number.") from None
    except (TypeError, ValueError):
        raise WrongAnswer(f"{said} returned {described(value)}, which is not a number.") from None
    if array.size != 1:
        raise WrongAnswer(
            f"{said} returned {array.size} numbers (shape {array.shape}); return one."
        )
    number = float(array.reshape(()))
    if not math.isfinite(number):
        raise WrongAnswer(
            f"{said} returned {number}, not a finite number: look for a division "
            "by zero or the mean of an empty selection."
        )
    return number


def as_array(value, shape, what="your function"):
    """A finite float array of the given shape, or WrongAnswer saying what is wrong."""
    said = _capitalised(what)
    value = to_numpy(value)
    if value is None:
        raise WrongAnswer(f"{said} returned None: did you forget `return`?")
    if isinstance(value, (str, bytes)):
        raise WrongAnswer(f"{said} returned the text {value!r}; return an array of numbers.")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise WrongAnswer(f"{said} returned {described(value)}, not an array of numbers.") from None
    if array.shape == () != tuple(shape):
        raise WrongAnswer(
            f"{said} returned one number, {described(value)}; expected an array of "
            f"shape {tuple(shape)}."
        )
    if array.shape != tuple(shape):
        raise WrongAnswer(f"{said} returned shape {array.shape}; expected {tuple(shape)}.")
    if not np.isfinite(array).all():
        raise WrongAnswer(f"{said} returned NaN or inf values: look for a division by zero.")
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
    """A `hint(exercise)` function: each call shows the next step of that exercise's hints."""
    seen = {}

    def hint(exercise):
        if exercise not in steps:
            print(f"No hints for exercise {exercise!r}; exercises with hints: {sorted(steps)}.")
            return
        step = min(seen.get(exercise, 0), len(steps[exercise]) - 1)
        seen[exercise] = step + 1
        print(
            f"Hint {step + 1} of {len(steps[exercise])} for exercise {exercise}: "
            f"{steps[exercise][step]}"
        )
        if step + 1 < len(steps[exercise]):
            print(f"(Run hint({exercise}) again for the next one.)")

    hint.steps = steps  # for the tests: every exercise has its hints
    return hint
