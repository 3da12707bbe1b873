"""Self-checks and hints for notebook 03's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import numpy as np

from antirectifier_tutorial.self_check import (
    WrongAnswer,
    as_array,
    as_number,
    call,
    close,
    hints,
    near,
    self_check,
)

hint = hints(
    {
        1: [
            "The difference of the two halves gives the centred, normalised row back. What did "
            "normalising divide by, and what did centring subtract? Undo them in reverse order.",
            "`units = output.shape[1] // 2`; `normalised = output[:, :units] - output[:, units:]`; "
            "then multiply by the norms and add the means (both have shape (samples, 1)).",
        ],
        2: [
            "ReLU sets the negative pre-activations to 0. Measure their share of the total sum of "
            "squares of z, over the whole array.",
            "`np.sum(np.square(np.minimum(z, 0)))` is the squared size of what ReLU discards; "
            "divide by the same sum over all of z.",
        ],
    }
)

# Exercise 1: two rows of pre-activations, their means and the norms of the centred rows.
PREACTIVATIONS = np.array([[1.0, 2.0, 3.0, 6.0], [-1.0, 1.0, -1.0, 5.0]])
ROW_MEANS = np.array([[3.0], [1.0]])
ROW_NORMS = np.array([[3.74165739], [4.89897949]])


@self_check
def check_reconstruct_preactivations(reconstruct_preactivations):
    """Self-check for exercise 1."""
    normalised = (PREACTIVATIONS - ROW_MEANS) / ROW_NORMS
    output = np.concatenate([np.maximum(normalised, 0), np.maximum(-normalised, 0)], axis=1)
    given = (
        f"On output={np.round(output, 4).tolist()}, row_means={ROW_MEANS.tolist()} and "
        f"row_norms={np.round(ROW_NORMS, 4).tolist()} your function"
    )
    answer = as_array(
        call(
            reconstruct_preactivations,
            output.copy(),
            ROW_MEANS.copy(),
            ROW_NORMS.copy(),
            describe=given,
        ),
        PREACTIVATIONS.shape,
        given,
    )
    if close(answer, PREACTIVATIONS):
        print("Right: your function gives back the pre-activations of both rows.")
        return True
    if close(answer, normalised):
        raise WrongAnswer(
            "You returned the centred, normalised rows: undo the normalisation and "
            "the centring too."
        )
    if close(answer, normalised + ROW_MEANS):
        raise WrongAnswer("You added the means back but did not undo the normalisation.")
    if close(answer, normalised * ROW_NORMS):
        raise WrongAnswer("You undid the normalisation but not the centring.")
    if close(answer, np.abs(normalised) * ROW_NORMS + ROW_MEANS):
        raise WrongAnswer(
            "You combined the halves by adding them, which loses the sign: subtract them."
        )
    if close(answer, (normalised + ROW_MEANS) * ROW_NORMS):
        raise WrongAnswer(
            "Close: you added the means before multiplying by the norms. Undo the "
            "steps in reverse order: the normalisation first, then the centring."
        )
    if close(answer, normalised / ROW_NORMS + ROW_MEANS):
        raise WrongAnswer(
            "You divided by the norms again: normalising divided by them, so multiply to undo it."
        )
    if close(answer, np.maximum(normalised, 0) * ROW_NORMS + ROW_MEANS):
        raise WrongAnswer(
            "You used only the first half of the output: the second half holds "
            "the negated negative values, so subtract it from the first."
        )
    expected = f"expected {PREACTIVATIONS.tolist()}, got {np.round(answer, 4).tolist()}"
    if near(answer, PREACTIVATIONS):
        raise WrongAnswer(
            f"Close: {given.lower()} is off by up to "
            f"{np.abs(answer - PREACTIVATIONS).max():.1e}, more than float32 "
            f"rounding explains: {expected}."
        )
    raise WrongAnswer(f"{given} returned the wrong rows: {expected}.")


@self_check
def check_discarded_share(discarded_share):
    """Self-check for exercise 2."""
    # (z, expected share, share of negative *values*, share of the absolute sum, mean of the
    # rows' own shares, negative part over positive part)
    # The third case comes second: it tells the share of values from that of absolute values.
    cases = [
        (np.array([[1.0, -1.0], [2.0, -2.0]]), 0.5, 0.5, 0.5, 0.5, 1.0),
        (
            np.array([[-4.0, 1.0], [0.0, 2.0], [1.0, -1.0]]),
            17 / 23,
            1 / 3,
            5 / 9,
            (16 / 17 + 0 + 1 / 2) / 3,
            17 / 6,
        ),
        (np.array([[3.0, -1.0, 0.0, -2.0]]), 5 / 14, 0.5, 0.5, 5 / 14, 5 / 9),
    ]
    for z, expected, count_share, abs_share, mean_of_rows, over_positive in cases:
        given = f"On {z.tolist()} your function"
        answer = as_number(call(discarded_share, z.copy(), describe=given), given)
        if close(answer, expected):
            continue
        if close(answer, 1 - expected):
            raise WrongAnswer(
                f"On {z.tolist()} you returned {answer:.4f}, the share that ReLU keeps."
            )
        if close(answer, count_share):
            raise WrongAnswer(
                f"On {z.tolist()} you returned {answer:.4f}: the share of negative "
                "*values*. The exercise asks for their share of the sum of squares."
            )
        if close(answer, abs_share):
            raise WrongAnswer(
                f"On {z.tolist()} you returned {answer:.4f}: a share of absolute "
                "values; square them."
            )
        if close(answer, mean_of_rows):
            raise WrongAnswer(
                f"On {z.tolist()} you returned {answer:.4f}, the mean of each row's "
                "own share: take one share over the whole array."
            )
        if close(answer, over_positive):
            raise WrongAnswer(
                f"On {z.tolist()} you returned {answer:.4f}: you divided by the sum "
                "of squares of the positive values; divide by the total, Σ z²."
            )
        if close(answer, np.sqrt(expected)):
            raise WrongAnswer(
                f"On {z.tolist()} you returned {answer:.4f}, a ratio of norms "
                "(square roots of sums of squares): the share of Σ z² needs no "
                "root."
            )
        if near(answer, expected):
            raise WrongAnswer(
                f"Close: on {z.tolist()} the share is {expected:.6f}; you returned "
                f"{answer:.6f}, further off than float32 rounding explains."
            )
        raise WrongAnswer(
            f"On {z.tolist()} the share is {expected:.4f}; you returned {answer:.4f}."
        )
    print("Right: now apply it to the ReLU network's first-layer pre-activations.")
    return True
