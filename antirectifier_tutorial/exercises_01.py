"""Self-checks and hints for notebook 01's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import numpy as np

from antirectifier_tutorial.self_check import (
    WrongAnswer,
    as_array,
    as_number,
    call,
    close,
    hints,
    self_check,
    shown,
    to_numpy,
)

hint = hints(
    {
        1: [
            "ReLU outputs 0 exactly when z ≤ 0. For a normal z with this mean and sd, that is a "
            "probability you can read off the standard normal distribution after standardising.",
            "Standardise 0: `(0 - mean) / sd`. The standard normal CDF Φ is "
            "`0.5 * (1 + math.erf(x / math.sqrt(2)))` (or `scipy.stats.norm.cdf(x)`).",
        ],
        2: [
            "Leaky ReLU keeps positive values and multiplies negative ones by `negative_slope`. "
            "Undo each of the two cases separately.",
            "`np.where(condition, value_if_true, value_if_false)` handles both cases in one line; "
            "which sign does a leaky output have when its input was negative?",
        ],
    }
)


@self_check
def check_expected_fraction_zeroed(expected_fraction_zeroed):
    """Self-check for exercise 1."""
    # (mean, sd): the right answer; the share that fires (z > 0); the answer of the CDF
    # written without its √2; the answer standardised with the variance sd² instead of sd.
    cases = [
        ((0.0, 1.0), 0.5, 0.5, 0.5, 0.5),
        ((1.0, 1.0), 0.158655253931, 0.841344746069, 0.0786496035251, 0.158655253931),
        ((-2.0, 1.0), 0.977249868052, 0.022750131948, 0.997661132509, 0.977249868052),
        ((0.5, 2.0), 0.401293674317, 0.598706325683, 0.361836804916, 0.45026177517),
        ((3.0, 0.5), 9.86587645e-10, 0.999999999013, 0.0, 1.8e-33),
    ]
    for (mean, sd), expected, fires, without_root_two, with_variance in cases:
        answer = as_number(
            call(
                expected_fraction_zeroed,
                mean,
                sd,
                describe=f"For mean {mean}, sd {sd} your function",
            ),
            f"For mean {mean}, sd {sd} your function",
        )
        if close(answer, expected):
            continue
        said = f"For mean {mean}, sd {sd} you returned {answer:.4f}"
        if close(answer, fires):
            raise WrongAnswer(
                f"{said}: that is the share that fires (z > 0). ReLU zeroes the other part."
            )
        if close(answer, with_variance):
            raise WrongAnswer(
                f"{said}, the value for (0 - mean) / sd² = {-mean / sd**2}: "
                "standardise with the standard deviation, not the variance."
            )
        if close(answer, without_root_two):
            raise WrongAnswer(
                f"{said}: the standard normal CDF at x is 0.5 · (1 + erf(x / √2)); check the √2."
            )
        if not 0 <= answer <= 1:
            raise WrongAnswer(f"{said}, which is not a fraction between 0 and 1.")
        if abs(answer - expected) < 0.01:
            # A simulation with a million samples lands here: close, but an estimate.
            raise WrongAnswer(
                f"For mean {mean}, sd {sd} you returned {answer:.6f}, close to the "
                f"exact share {expected:.6f} but not equal to it: an estimate from "
                "random samples is not enough; compute the share from the normal "
                "distribution's CDF."
            )
        raise WrongAnswer(
            f"For mean {mean}, sd {sd} the expected fraction is {expected:.4f}; you "
            f"returned {answer:.4f}."
        )
    print(
        "Right: a unit whose pre-activation has mean 1 and sd 1 is zeroed on only 16% of inputs, "
        "one with mean −2 on 98%. Per unit, 'about half' holds only when the mean is near 0."
    )
    return True


# Exercise 2: the inputs z that the check feeds through Leaky ReLU, and the slopes it uses.
LEAKY_INPUTS = np.array([-2.0, -0.5, 0.0, 0.5, 3.0, 4.0, -8.0, 1.0, -0.1, 0.0])
LEAKY_SLOPES = (0.1, 0.5)


def _leaky_relu(z, negative_slope):
    """What the exercise text says Leaky ReLU computes (its input, not its inverse)."""
    return np.where(z > 0, z, negative_slope * z)


@self_check
def check_undo_leaky_relu(undo_leaky_relu):
    """Self-check for exercise 2."""
    z = LEAKY_INPUTS
    negative, positive = z < 0, z > 0
    for slope in LEAKY_SLOPES:
        leaky = _leaky_relu(z, slope)
        given = f"For y = {shown(leaky)} and negative_slope={slope}"
        answer = as_array(
            call(undo_leaky_relu, leaky.copy(), slope, describe=f"{given} your function"),
            z.shape,
            f"{given} your function",
        )
        if close(answer, z):
            continue
        if close(answer, leaky):
            raise WrongAnswer(
                f"{given} you returned y unchanged: its negative values are the "
                f"inputs multiplied by negative_slope={slope}."
            )
        if close(answer[positive], z[positive]) and close(answer[negative], -z[negative]):
            raise WrongAnswer(
                f"{given} you returned {shown(answer)}: close, but the negative "
                "inputs come back positive. Dividing by the slope keeps the sign."
            )
        if close(answer[positive], z[positive]) and close(
            answer[negative], slope * leaky[negative]
        ):
            raise WrongAnswer(
                f"{given} the positive values are right, the negative ones are "
                "multiplied by the slope once more: divide by it to undo the "
                "multiplication."
            )
        if close(answer[positive], z[positive]):
            raise WrongAnswer(
                f"{given} the positive values are right, the negative ones are not: "
                "undo the multiplication."
            )
        if close(answer[negative], z[negative]):
            raise WrongAnswer(
                f"{given} the negative values are right, the positive ones are not: "
                "Leaky ReLU leaves positive inputs as they are, so leave them too."
            )
        raise WrongAnswer(f"{given} the inputs were {shown(z)}; you returned {shown(answer)}.")
    # An array of any shape is a NumPy array: try a 2-D one, as a layer's output would be.
    # The answer is right for 1-D arrays already, so a loop that cannot take rows gets a note.
    rows = _leaky_relu(z.reshape(2, 5), LEAKY_SLOPES[0])
    try:
        answer = np.asarray(to_numpy(undo_leaky_relu(rows.copy(), LEAKY_SLOPES[0])), dtype=float)
        problem = f"it returned {shown(answer)}"
        works_on_rows = close(answer, z.reshape(2, 5))
    except Exception as error:
        works_on_rows, problem = False, f"it raised {type(error).__name__}"
        if "truth value of an array" in str(error):
            problem += ": a loop over a 2-D array meets whole rows, not numbers"
    if works_on_rows:
        print(
            "Right: for negative_slope 0.1 and 0.5 your function gives the inputs back (up to "
            "rounding), from a 1-D and from a 2-D array."
        )
    else:
        print(
            "Right for a 1-D y: for negative_slope 0.1 and 0.5 your function gives the inputs "
            f"back. On the 2-D y = {shown(rows)} (negative_slope={LEAKY_SLOPES[0]}) {problem}. "
            "`np.where` works for any shape."
        )
    return True
