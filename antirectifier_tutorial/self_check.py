"""What every exercise's self-check shares: reading a student's answer safely, and hints.

A self-check calls the student's function on its own test cases. It must never say "Right"
to a wrong answer and never end in a traceback from its own code: whatever the function
returns or raises, the check prints one or two plain sentences and returns False.
"""

import functools
import math

import numpy as np

NOT_ANSWERED = "Not answered yet: replace `raise NotImplementedError` with your code."


def _capitalised(text):
    return text[:1].upper() + text[1:]


class WrongAnswer(Exception):
    """Raised inside a check when the answer cannot be used; its message is for the student."""


def self_check(check):
    """Turn WrongAnswer (and any failure to read an answer) into a message and False."""
    @functools.wraps(check)
    def checked(answer):
        try:
            return check(answer) is True
        except WrongAnswer as wrong:
            print(wrong)
        except Exception as error:  # a last resort: an answer no case below foresaw
            print(f"The check could not use your answer ({type(error).__name__}: {error}). "
                  "Look at what your function returns for the input in the message above.")
        return False

    return checked


def call(function, *arguments, describe="your function", **keywords):
    """Call the student's function; turn "not answered" and its exceptions into WrongAnswer."""
    if not callable(function):
        raise WrongAnswer(f"Pass the function itself (its name, without brackets), not {function!r}.")
    try:
        return function(*arguments, **keywords)
    except NotImplementedError:
        raise WrongAnswer(NOT_ANSWERED) from None
    except Exception as error:
        raise WrongAnswer(f"{_capitalised(describe)} raised {type(error).__name__}: {error}. Run it on the input "
                          "in this message and read its own traceback.") from None


def as_number(value, what="your function"):
    """A finite real number, or WrongAnswer saying what it got instead."""
    if value is None:
        raise WrongAnswer(f"{_capitalised(what)} returned None: did you forget `return`?")
    if isinstance(value, (bool, np.bool_)):
        raise WrongAnswer(f"{_capitalised(what)} returned {value}, a truth value; return a number.")
    if isinstance(value, (str, bytes)):
        raise WrongAnswer(f"{_capitalised(what)} returned the text {value!r}; return a number.")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise WrongAnswer(f"{_capitalised(what)} returned {value!r:.80}, which is not a number.") from None
    if array.size != 1:
        raise WrongAnswer(f"{_capitalised(what)} returned {array.size} numbers (shape {array.shape}); return one.")
    number = float(array.reshape(()))
    if not math.isfinite(number):
        raise WrongAnswer(f"{_capitalised(what)} returned {number}, not a finite number: look for a division by "
                          "zero or the mean of an empty selection.")
    return number


def as_array(value, shape, what="your function"):
    """A finite float array of the given shape, or WrongAnswer saying what is wrong."""
    if value is None:
        raise WrongAnswer(f"{_capitalised(what)} returned None: did you forget `return`?")
    if isinstance(value, (str, bytes)):
        raise WrongAnswer(f"{_capitalised(what)} returned the text {value!r}; return an array of numbers.")
    if hasattr(value, "numpy") and not isinstance(value, np.ndarray):
        value = value.numpy()  # a TensorFlow or PyTorch tensor
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise WrongAnswer(f"{_capitalised(what)} returned {type(value).__name__}, not an array of numbers.") from None
    if array.shape != tuple(shape):
        raise WrongAnswer(f"{_capitalised(what)} returned shape {array.shape}; expected {tuple(shape)}.")
    if not np.isfinite(array).all():
        raise WrongAnswer(f"{_capitalised(what)} returned NaN or inf values: look for a division by zero.")
    return array


def hints(steps):
    """A `hint(exercise)` function: each call shows the next step of that exercise's hints."""
    shown = {}

    def hint(exercise):
        if exercise not in steps:
            print(f"No hints for exercise {exercise!r}; exercises with hints: {sorted(steps)}.")
            return
        step = min(shown.get(exercise, 0), len(steps[exercise]) - 1)
        shown[exercise] = step + 1
        print(f"Hint {step + 1} of {len(steps[exercise])} for exercise {exercise}: {steps[exercise][step]}")
        if step + 1 < len(steps[exercise]):
            print(f"(Run hint({exercise}) again for the next one.)")

    hint.steps = steps  # for the tests: every exercise has its hints
    return hint
