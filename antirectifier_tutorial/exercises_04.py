"""Self-checks and hints for notebook 04's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import numpy as np

from antirectifier_tutorial.language import say
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
        1: {
            "en": [
                "A Dense layer with n inputs and m units has n·m weights and m biases. Go layer "
                "by layer: how many inputs does each Dense layer see? The Antirectifier's output "
                "is twice as wide as its input.",
                "For the Antirectifier model: `784 * width + width` for the first Dense layer; "
                "the second sees `2 * width` inputs; so does the classifier (10 units). Dropout "
                "has no parameters.",
            ],
            "zh": [
                "有 n 个输入、m 个单元的 Dense 层有 n·m 个权重和 m 个偏置。逐层来算：每个 Dense "
                "层接收多少个输入？Antirectifier 的输出宽度是其输入的两倍。",
                "对 Antirectifier 模型：第一个 Dense 层有 `784 * width + width` 个参数；第二个 "
                "Dense 层接收 `2 * width` 个输入；分类器（10 个单元）也是如此。Dropout 没有参数。",
            ],
        },
        2: {
            "en": [
                "Keep only the mistakes (`labels != predicted`), then count how often each "
                "(true, predicted) pair occurs among them.",
                "`np.unique(np.stack([true, pred], axis=1), axis=0, return_counts=True)` returns "
                "every distinct pair and its count; `np.argmax` picks the most frequent.",
            ],
            "zh": [
                "只保留错误预测（`labels != predicted`），然后统计每个 (true, predicted) 数对在其中"
                "出现的次数。",
                "`np.unique(np.stack([true, pred], axis=1), axis=0, return_counts=True)` 返回每个"
                "不同的数对及其出现次数；`np.argmax` 选出出现最多的那个。",
            ],
        },
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
        given = say(
            "For width {width} and activation {activation!r} your function",
            "宽度为 {width}、激活函数为 {activation!r} 时，你的函数",
            width=width,
            activation=activation,
        )
        answer = as_number(
            call(predicted_parameters, width, activation, describe=given),
            given,
        )
        if answer == expected:
            continue
        if answer == without_biases:
            raise WrongAnswer(
                say(
                    "For width {width} ({activation}) you returned {answer:,.0f}: every "
                    "Dense unit also has a bias.",
                    "宽度为 {width}（{activation}）时，你返回了 {answer:,.0f}：每个 Dense "
                    "单元还有一个偏置。",
                    width=width,
                    activation=activation,
                    answer=answer,
                )
            )
        if as_relu.get((width, activation)) == answer:
            raise WrongAnswer(
                say(
                    "For width {width} with the Antirectifier you returned "
                    "{answer:,.0f}, the ReLU model's count: the layer after an "
                    "Antirectifier sees twice as many inputs.",
                    "宽度为 {width}、使用 Antirectifier 时，你返回了 {answer:,.0f}，"
                    "这是 ReLU 模型的参数量：Antirectifier 之后的层接收的输入多一倍。",
                    width=width,
                    answer=answer,
                )
            )
        if narrow_classifier.get((width, activation)) == answer:
            raise WrongAnswer(
                say(
                    "Close: for width {width} with the Antirectifier you returned "
                    "{answer:,.0f}. The classifier, Dense(10), also follows an "
                    "Antirectifier: it sees 2 * width inputs too.",
                    "很接近了：宽度为 {width}、使用 Antirectifier 时，你返回了 {answer:,.0f}。"
                    "分类器 Dense(10) 前面也是一个 Antirectifier：它接收的输入同样是 "
                    "2 * width 个。",
                    width=width,
                    answer=answer,
                )
            )
        if abs(answer - expected) <= 0.02 * expected:
            raise WrongAnswer(
                say(
                    "Close: for width {width} and activation {activation!r} Keras "
                    "counts {expected:,} parameters; you predicted {answer:,.0f}, off "
                    "by {off:+,.0f}. Look for one term missed or counted "
                    "twice.",
                    "很接近了：宽度为 {width}、激活函数为 {activation!r} 时，Keras 统计出 "
                    "{expected:,} 个参数；你预测的是 {answer:,.0f}，相差 {off:+,.0f}。"
                    "找一找是否漏掉了某一项，或把某一项算了两次。",
                    width=width,
                    activation=activation,
                    expected=expected,
                    answer=answer,
                    off=answer - expected,
                )
            )
        raise WrongAnswer(
            say(
                "For width {width} and activation {activation!r} Keras counts "
                "{expected:,} parameters; you predicted {answer:,.0f}.",
                "宽度为 {width}、激活函数为 {activation!r} 时，Keras 统计出 {expected:,} "
                "个参数；你预测的是 {answer:,.0f}。",
                width=width,
                activation=activation,
                expected=expected,
                answer=answer,
            )
        )
    print(
        say(
            "Right: the Antirectifier doubles the inputs of the next layer, so at the same width "
            "its model has more parameters than the ReLU model, and at half the width about half.",
            "正确：Antirectifier 使下一层的输入数量翻倍，所以在相同宽度下，它的模型比 ReLU "
            "模型的参数更多；而宽度减半时，参数量约为 ReLU 模型的一半。",
        )
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
    english = {0: "never", 1: "once", 2: "twice"}.get(count, "{count} times")
    return say(english, "{count} 次", count=count)


def _as_pair(answer, given):
    """The answer as a tuple of two whole numbers, or WrongAnswer."""
    try:
        answer = to_numpy(answer)
        pair = tuple(int(value) for value in answer)
        if any(pair_value != value for pair_value, value in zip(pair, answer, strict=True)):
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise WrongAnswer(
            say(
                "Return a pair of two digits, (true, predicted); {given} returned {value}.",
                "请返回由两个数字组成的数对 (true, predicted)；{given}返回了 {value}。",
                given=given,
                value=described(answer),
            )
        ) from None
    if len(pair) != 2:
        raise WrongAnswer(
            say(
                "Return a pair of two digits, (true, predicted); {given} returned {count} values.",
                "请返回由两个数字组成的数对 (true, predicted)；{given}返回了 {count} 个值。",
                given=given,
                count=len(pair),
            )
        )
    return pair


@self_check
def check_most_confused_pair(most_confused_pair):
    """Self-check for exercise 2."""
    for case in CONFUSION_CASES:
        labels, predicted, mistakes = case["labels"], case["predicted"], case["mistakes"]
        on_input = say(
            "On labels={labels} and predicted={predicted}",
            "输入为 labels={labels}、predicted={predicted} 时",
            labels=labels,
            predicted=predicted,
        )
        given = say("{on_input} your function", "{on_input}，你的函数", on_input=on_input)
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
                say(
                    "{pair} is a correct prediction: count only pairs where the digits differ.",
                    "{pair} 是一次正确的预测：只统计两个数字不同的数对。",
                    pair=pair,
                )
            )
        if pair == top[::-1]:
            raise WrongAnswer(
                say(
                    "The order is (true, predicted): look at which digit was the true one.",
                    "顺序是 (true, predicted)：看清哪个数字才是真实的那个。",
                )
            )
        both_ways = mistakes.get(pair, 0) + mistakes.get(pair[::-1], 0)
        if pair in mistakes and both_ways > most:
            raise WrongAnswer(
                say(
                    "{on_input} you returned {pair}: {true} and {taken} are "
                    "confused {both_ways} times counting both directions, but a pair "
                    "is ordered, (true, predicted): {true} taken for {taken} and "
                    "{taken} taken for {true} are different mistakes.",
                    "{on_input}，你返回了 {pair}：两个方向都算上，{true} 和 {taken} 被混淆了 "
                    "{both_ways} 次，但数对是有序的 (true, predicted)：把 {true} 认成 {taken} "
                    "和把 {taken} 认成 {true} 是不同的错误。",
                    on_input=on_input,
                    pair=pair,
                    true=pair[0],
                    taken=pair[1],
                    both_ways=both_ways,
                )
            )
        if pair == case.get("separately"):
            raise WrongAnswer(
                say(
                    "{on_input} you returned {pair}: {true} is the most frequent "
                    "true digit among the mistakes and {taken} the most frequent "
                    "prediction, but the pair itself occurs {times}. "
                    "Count each (true, predicted) pair, not the two digits "
                    "separately.",
                    "{on_input}，你返回了 {pair}：在错误预测中，{true} 是出现最多的真实数字，"
                    "{taken} 是出现最多的预测数字，但这个数对本身只出现了 {times}。"
                    "请统计每个 (true, predicted) 数对，而不是分别统计两个数字。",
                    on_input=on_input,
                    pair=pair,
                    true=pair[0],
                    taken=pair[1],
                    times=_times(mistakes[pair]),
                )
            )
        raise WrongAnswer(
            say(
                "{on_input} your pair {pair} occurs {times} "
                "among the mistakes; the most frequent pair occurs "
                "{most}: count each (true, predicted) pair among the mistakes.",
                "{on_input}，你的数对 {pair} 在错误预测中出现了 {times}；出现最多的数对"
                "出现了 {most}：请在错误预测中统计每个 (true, predicted) 数对。",
                on_input=on_input,
                pair=pair,
                times=_times(mistakes.get(pair, 0)),
                most=_times(most),
            )
        )
    print(
        say(
            "Right: on both test sets your function finds the most frequent (true, predicted) "
            "pair among the mistakes.",
            "正确：在两个测试集上，你的函数都找出了错误预测中出现次数最多的 (true, predicted) "
            "数对。",
        )
    )
    return True
