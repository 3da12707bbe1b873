"""Self-checks and hints for notebook 01's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import numpy as np

from antirectifier_tutorial.self_check import as_array, as_number, call, hints, self_check, WrongAnswer

hint = hints({
    1: ["ReLU outputs 0 exactly when z ≤ 0. For a normal z with this mean and sd, that is a "
        "probability you can read off the standard normal distribution after standardising.",
        "Standardise 0: `(0 - mean) / sd`. The standard normal CDF Φ is "
        "`0.5 * (1 + math.erf(x / math.sqrt(2)))` (or `scipy.stats.norm.cdf(x)`)."],
    2: ["Leaky ReLU keeps positive values and multiplies negative ones by `negative_slope`. "
        "Undo each of the two cases separately.",
        "`np.where(condition, value_if_true, value_if_false)` handles both cases in one line; "
        "which sign does a leaky output have when its input was negative?"],
})


@self_check
def check_expected_fraction_zeroed(expected_fraction_zeroed):
    """Self-check for exercise 1."""
    # (mean, sd): the right answer, and the answer with the sign of the mean flipped.
    cases = [((0.0, 1.0), 0.5, 0.5), ((1.0, 1.0), 0.158655253931, 0.841344746069),
             ((-2.0, 1.0), 0.977249868052, 0.022750131948), ((0.5, 2.0), 0.401293674317, 0.598706325683),
             ((3.0, 0.5), 9.86587645e-10, 0.999999999013)]
    for (mean, sd), expected, flipped in cases:
        answer = as_number(call(expected_fraction_zeroed, mean, sd), f"For mean {mean}, sd {sd} your function")
        if abs(answer - expected) < 1e-6:
            continue
        if abs(answer - flipped) < 1e-6:
            raise WrongAnswer(f"For mean {mean}, sd {sd} you returned {answer:.4f}: that is the share "
                              "that fires (z > 0). ReLU zeroes the other part.")
        if not 0 <= answer <= 1:
            raise WrongAnswer(f"For mean {mean}, sd {sd} you returned {answer:.4f}, which is not a "
                              "fraction between 0 and 1.")
        raise WrongAnswer(f"For mean {mean}, sd {sd} the expected fraction is {expected:.4f}; you "
                          f"returned {answer:.4f}.")
    print("Right: a unit whose pre-activation has mean 1 and sd 1 is zeroed on only 16% of inputs, "
          "one with mean −2 on 98%. Per unit, 'about half' holds only when the mean is near 0.")
    return True


@self_check
def check_undo_leaky_relu(undo_leaky_relu):
    """Self-check for exercise 2."""
    z = np.array([[-2.0, -0.5, 0.0, 0.5, 3.0], [4.0, -8.0, 1.0, -0.1, 0.0]])
    cases = [  # (slope, leaky output, what a forgotten division would give back)
        (0.1, np.array([[-0.2, -0.05, 0.0, 0.5, 3.0], [4.0, -0.8, 1.0, -0.01, 0.0]])),
        (0.5, np.array([[-1.0, -0.25, 0.0, 0.5, 3.0], [4.0, -4.0, 1.0, -0.05, 0.0]]))]
    for slope, leaky in cases:
        answer = as_array(call(undo_leaky_relu, leaky.copy(), slope), z.shape,
                          f"For negative_slope={slope} your function")
        if np.allclose(answer, z):
            continue
        if np.allclose(answer, leaky):
            raise WrongAnswer("You returned the leaky output unchanged: its negative values are the "
                              f"inputs multiplied by negative_slope={slope}.")
        if np.allclose(answer[z > 0], z[z > 0]) and not np.allclose(answer[z < 0], z[z < 0]):
            raise WrongAnswer(f"The positive values are right, the negative ones are not (for "
                              f"negative_slope={slope}): undo the multiplication.")
        raise WrongAnswer(f"For negative_slope={slope} and the leaky output {leaky.tolist()} the inputs "
                          f"were {z.tolist()}; you returned {np.round(answer, 4).tolist()}.")
    print("Right: with any slope above 0 the input comes back (up to rounding). With slope 0 (ReLU) "
          "every negative input maps to the same 0, and no function can undo that.")
    return True
