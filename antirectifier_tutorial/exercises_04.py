"""Self-checks and hints for notebook 04's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import numpy as np

from antirectifier_tutorial.self_check import as_number, call, hints, self_check, WrongAnswer

hint = hints({
    1: ["A Dense layer with n inputs and m units has n·m weights and m biases. Go layer by layer: "
        "how many inputs does each Dense layer see? The Antirectifier's output is twice as wide as its input.",
        "For the Antirectifier model: `784 * width + width` for the first Dense layer; the second "
        "sees `2 * width` inputs; so does the classifier (10 units). Dropout has no parameters."],
    2: ["Keep only the mistakes (`labels != predicted`), then count how often each (true, predicted) "
        "pair occurs among them.",
        "`np.unique(np.stack([true, pred], axis=1), axis=0, return_counts=True)` returns every "
        "distinct pair and its count; `np.argmax` picks the most frequent."],
})


@self_check
def check_predicted_parameters(predicted_parameters):
    """Self-check for exercise 1."""
    # (width, activation): the count Keras reports, and the count without any bias.
    cases = [((512, "relu"), 669_706, 668_672), ((100, "relu"), 89_610, 89_400),
             ((256, "antirectifier"), 337_418, 336_896), ((128, "antirectifier"), 135_946, 135_680),
             ((100, "antirectifier"), 100_610, 100_400), ((306, "relu"), 337_222, 336_600)]
    as_relu = {(256, "antirectifier"): 269_322, (128, "antirectifier"): 118_282, (100, "antirectifier"): 89_610}
    for (width, activation), expected, without_biases in cases:
        answer = as_number(call(predicted_parameters, width, activation),
                           f"For width {width} and activation {activation!r} your function")
        if answer == expected:
            continue
        if answer == without_biases:
            raise WrongAnswer(f"For width {width} ({activation}) you returned {answer:,.0f}: every "
                              "Dense unit also has a bias.")
        if as_relu.get((width, activation)) == answer:
            raise WrongAnswer(f"For width {width} with the Antirectifier you returned {answer:,.0f}, "
                              "the ReLU model's count: the layer after an Antirectifier sees twice as many inputs.")
        raise WrongAnswer(f"For width {width} and activation {activation!r} Keras counts {expected:,} "
                          f"parameters; you predicted {answer:,.0f}.")
    print("Right: the Antirectifier doubles the inputs of the next layer, so at the same width its "
          "model has more parameters than the ReLU model, and at half the width about half.")
    return True


@self_check
def check_most_confused_pair(most_confused_pair):
    """Self-check for exercise 2."""
    true_digits = np.array([1, 1, 1, 4, 4, 4, 7, 7, 9, 9])
    predicted = np.array([1, 1, 1, 9, 9, 4, 1, 2, 4, 9])
    answer = call(most_confused_pair, true_digits.copy(), predicted.copy())
    try:
        pair = tuple(int(value) for value in answer)
        if any(pair_value != value for pair_value, value in zip(pair, answer)):
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise WrongAnswer(f"Return a pair of two digits, (true, predicted); you returned {answer!r}.") from None
    if len(pair) != 2:
        raise WrongAnswer(f"Return a pair of two digits, (true, predicted); you returned {len(pair)} values.")
    if pair == (4, 9):
        print("Right: 4 was taken for 9 twice, more often than any other mistake.")
        return True
    if pair[0] == pair[1]:
        raise WrongAnswer(f"{pair} is a correct prediction: count only pairs where the digits differ.")
    if pair == (9, 4):
        raise WrongAnswer("The order is (true, predicted): look at which digit was the true one.")
    raise WrongAnswer(f"{pair} is not the most frequent mistake in the test arrays: count each "
                      "(true, predicted) pair among the mistakes.")
