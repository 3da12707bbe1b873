"""Self-checks and hints for notebook 03's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import numpy as np

from antirectifier_tutorial.self_check import as_array, as_number, call, hints, self_check, WrongAnswer

hint = hints({
    1: ["The difference of the two halves gives the centred, normalised row back. What did "
        "normalising divide by, and what did centring subtract? Undo them in reverse order.",
        "`units = output.shape[1] // 2`; `normalised = output[:, :units] - output[:, units:]`; "
        "then multiply by the norms and add the means (both have shape (samples, 1))."],
    2: ["ReLU sets the negative pre-activations to 0. Measure their share of the total sum of "
        "squares of z, over the whole array.",
        "`np.sum(np.square(np.minimum(z, 0)))` is the squared size of what ReLU discards; "
        "divide by the same sum over all of z."],
})

# Exercise 1: two rows of pre-activations, their means and the norms of the centred rows.
PREACTIVATIONS = np.array([[1.0, 2.0, 3.0, 6.0], [-1.0, 1.0, -1.0, 5.0]])
ROW_MEANS = np.array([[3.0], [1.0]])
ROW_NORMS = np.array([[3.74165739], [4.89897949]])


@self_check
def check_reconstruct_preactivations(reconstruct_preactivations):
    """Self-check for exercise 1."""
    normalised = (PREACTIVATIONS - ROW_MEANS) / ROW_NORMS
    output = np.concatenate([np.maximum(normalised, 0), np.maximum(-normalised, 0)], axis=1)
    answer = as_array(call(reconstruct_preactivations, output.copy(), ROW_MEANS.copy(), ROW_NORMS.copy()),
                      PREACTIVATIONS.shape, "Your function")
    if np.allclose(answer, PREACTIVATIONS, atol=1e-6):
        print("Right: the output alone fixes only the direction of the centred row; its mean and "
              "norm are what the Antirectifier discards, and without them z cannot be recovered.")
        return True
    if np.allclose(answer, normalised, atol=1e-6):
        raise WrongAnswer("You returned the centred, normalised rows: undo the normalisation and the centring too.")
    if np.allclose(answer, normalised + ROW_MEANS, atol=1e-6):
        raise WrongAnswer("You added the means back but did not undo the normalisation.")
    if np.allclose(answer, normalised * ROW_NORMS, atol=1e-6):
        raise WrongAnswer("You undid the normalisation but not the centring.")
    if np.allclose(answer, np.abs(normalised) * ROW_NORMS + ROW_MEANS, atol=1e-6):
        raise WrongAnswer("You combined the halves by adding them, which loses the sign: subtract them.")
    raise WrongAnswer(f"Expected {PREACTIVATIONS.tolist()}, got {np.round(answer, 4).tolist()}.")


@self_check
def check_discarded_share(discarded_share):
    """Self-check for exercise 2."""
    # (z, expected share, share of negative *values*, share of the absolute sum)
    cases = [(np.array([[1.0, -1.0], [2.0, -2.0]]), 0.5, 0.5, 0.5),
             (np.array([[3.0, -1.0, 0.0, -2.0]]), 5 / 14, 0.5, 0.5),
             (np.array([[-4.0, 1.0], [0.0, 2.0], [1.0, -1.0]]), 17 / 23, 1 / 3, 5 / 9)]
    for z, expected, count_share, abs_share in cases:
        answer = as_number(call(discarded_share, z.copy()), f"On {z.tolist()} your function")
        if abs(answer - expected) < 1e-9:
            continue
        if abs(answer - (1 - expected)) < 1e-9:
            raise WrongAnswer(f"On {z.tolist()} you returned {answer:.4f}, the share that ReLU keeps.")
        if abs(answer - count_share) < 1e-9 and abs(count_share - expected) > 1e-9:
            raise WrongAnswer(f"On {z.tolist()} you returned {answer:.4f}: the share of negative "
                              "*values*. The exercise asks for their share of the sum of squares.")
        if abs(answer - abs_share) < 1e-9 and abs(abs_share - expected) > 1e-9:
            raise WrongAnswer(f"On {z.tolist()} you returned {answer:.4f}: a share of absolute values; "
                              "square them.")
        raise WrongAnswer(f"On {z.tolist()} the share is {expected:.4f}; you returned {answer:.4f}.")
    print("Right: now apply it to the ReLU network's first-layer pre-activations.")
    return True
