"""Self-checks and hints for notebook 04's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import numpy as np

from antirectifier_tutorial.self_check import (
    WrongAnswer,
    as_number,
    call,
    described,
    hints,
    self_check,
    to_numpy,
)

hint = hints(
    {
        1: [
            "A Dense layer with n inputs and m units has n·m weights and m biases. Go layer by "
            "layer: how many inputs does each Dense layer see? The Antirectifier's output is "
            "twice as wide as its input.",
            "For the Antirectifier model: `784 * width + width` for the first Dense layer; the "
            "second sees `2 * width` inputs; so does the classifier (10 units). Dropout has no "
            "parameters.",
        ],
        2: [
            "Keep only the mistakes (`labels != predicted`), then count how often each "
            "(true, predicted) pair occurs among them.",
            "`np.unique(np.stack([true, pred], axis=1), axis=0, return_counts=True)` returns every "
            "distinct pair and its count; `np.argmax` picks the most frequent.",
        ],
    }
)


@self_check
def check_predicted_parameters(predicted_parameters):
    """Self-check for exercise 1."""
    # (width, activation): the count Keras reports, and the count without any bias.
    cases = [
        ((512, "relu"), 669_706, 668_672),
        ((100, "relu"), 89_610, 89_400),
        ((256, "antirectifier"), 337_418, 336_896),
        ((128, "antirectifier"), 135_946, 135_680),
        ((100, "antirectifier"), 100_610, 100_400),
        ((306, "relu"), 337_222, 336_600),
    ]
    as_relu = {
        (256, "antirectifier"): 269_322,
        (128, "antirectifier"): 118_282,
        (100, "antirectifier"): 89_610,
    }
    # The classifier fed `width` inputs instead of the Antirectifier's 2 * width.
    narrow_classifier = {
        (256, "antirectifier"): 334_858,
        (128, "antirectifier"): 134_666,
        (100, "antirectifier"): 99_610,
    }
    for (width, activation), expected, without_biases in cases:
        answer = as_number(
            call(
                predicted_parameters,
                width,
                activation,
                describe=f"For width {width} and activation {activation!r} your function",
            ),
            f"For width {width} and activation {activation!r} your function",
        )
        if answer == expected:
            continue
        if answer == without_biases:
            raise WrongAnswer(
                f"For width {width} ({activation}) you returned {answer:,.0f}: every "
                "Dense unit also has a bias."
            )
        if as_relu.get((width, activation)) == answer:
            raise WrongAnswer(
                f"For width {width} with the Antirectifier you returned "
                f"{answer:,.0f}, the ReLU model's count: the layer after an "
                "Antirectifier sees twice as many inputs."
            )
        if narrow_classifier.get((width, activation)) == answer:
            raise WrongAnswer(
                f"Close: for width {width} with the Antirectifier you returned "
                f"{answer:,.0f}. The classifier, Dense(10), also follows an "
                "Antirectifier: it sees 2 * width inputs too."
            )
        if abs(answer - expected) <= 0.02 * expected:
            raise WrongAnswer(
                f"Close: for width {width} and activation {activation!r} Keras "
                f"counts {expected:,} parameters; you predicted {answer:,.0f}, off "
                f"by {answer - expected:+,.0f}. Look for one term missed or counted "
                "twice."
            )
        raise WrongAnswer(
            f"For width {width} and activation {activation!r} Keras counts "
            f"{expected:,} parameters; you predicted {answer:,.0f}."
        )
    print(
        "Right: the Antirectifier doubles the inputs of the next layer, so at the same width its "
        "model has more parameters than the ReLU model, and at half the width about half."
    )
    return True


# Exercise 2's test sets: the labels, the predictions, and (written out, so that the check does
# not show how to count them) how often each wrong (true, predicted) pair occurs. In the second,
# the most frequent wrong true digit (7) and the most frequent wrong prediction (1) make a pair
# that occurs once, and 4 and 9 are confused 4 times counting both directions.
CONFUSION_CASES = [
    {
        "labels": [1, 1, 1, 4, 4, 4, 7, 7, 9, 9],
        "predicted": [1, 1, 1, 9, 9, 4, 1, 2, 4, 9],
        "mistakes": {(4, 9): 2, (7, 1): 1, (7, 2): 1, (9, 4): 1},
    },
    {
        "labels": [7, 1, 7, 4, 8, 3, 6, 9, 3, 7, 4, 1, 9, 0, 1, 1, 3, 7, 2],
        "predicted": [0, 1, 2, 9, 1, 5, 1, 4, 5, 1, 9, 1, 4, 0, 1, 1, 5, 8, 1],
        "mistakes": {
            (3, 5): 3,
            (4, 9): 2,
            (9, 4): 2,
            (7, 0): 1,
            (7, 2): 1,
            (8, 1): 1,
            (6, 1): 1,
            (7, 1): 1,
            (7, 8): 1,
            (2, 1): 1,
        },
        "separately": (7, 1),
    },
]


def _times(count):
    return {0: "never", 1: "once", 2: "twice"}.get(count, f"{count} times")


def _as_pair(answer, given):
    """The answer as a tuple of two whole numbers, or WrongAnswer."""
    try:
        answer = to_numpy(answer)
        pair = tuple(int(value) for value in answer)
        if any(pair_value != value for pair_value, value in zip(pair, answer, strict=True)):
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise WrongAnswer(
            f"Return a pair of two digits, (true, predicted); {given} returned {described(answer)}."
        ) from None
    if len(pair) != 2:
        raise WrongAnswer(
            f"Return a pair of two digits, (true, predicted); {given} returned {len(pair)} values."
        )
    return pair


@self_check
def check_most_confused_pair(most_confused_pair):
    """Self-check for exercise 2."""
    for case in CONFUSION_CASES:
        labels, predicted, mistakes = case["labels"], case["predicted"], case["mistakes"]
        on_input = f"On labels={labels} and predicted={predicted}"
        given = f"{on_input} your function"
        pair = _as_pair(
            call(most_confused_pair, np.array(labels), np.array(predicted), describe=given),
            given[:1].lower() + given[1:],
        )
        most = max(mistakes.values())
        top = next(key for key, count in mistakes.items() if count == most)
        if pair == top:
            continue
        if pair[0] == pair[1]:
            raise WrongAnswer(
                f"{pair} is a correct prediction: count only pairs where the digits differ."
            )
        if pair == top[::-1]:
            raise WrongAnswer(
                "The order is (true, predicted): look at which digit was the true one."
            )
        both_ways = mistakes.get(pair, 0) + mistakes.get(pair[::-1], 0)
        if pair in mistakes and both_ways > most:
            raise WrongAnswer(
                f"{on_input} you returned {pair}: {pair[0]} and {pair[1]} are "
                f"confused {both_ways} times counting both directions, but a pair "
                f"is ordered, (true, predicted): {pair[0]} taken for {pair[1]} and "
                f"{pair[1]} taken for {pair[0]} are different mistakes."
            )
        if pair == case.get("separately"):
            raise WrongAnswer(
                f"{on_input} you returned {pair}: {pair[0]} is the most frequent "
                f"true digit among the mistakes and {pair[1]} the most frequent "
                f"prediction, but the pair itself occurs {_times(mistakes[pair])}. "
                "Count each (true, predicted) pair, not the two digits "
                "separately."
            )
        raise WrongAnswer(
            f"{on_input} your pair {pair} occurs {_times(mistakes.get(pair, 0))} "
            "among the mistakes; the most frequent pair occurs "
            f"{_times(most)}: count each (true, predicted) pair among the mistakes."
        )
    print(
        "Right: on both test sets your function finds the most frequent (true, predicted) pair "
        "among the mistakes."
    )
    return True
