"""Self-checks and hints for notebook 03's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import numpy as np

from antirectifier_tutorial.language import say
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
        1: {
            "en": [
                "The difference of the two halves gives the centred, normalised row back. What "
                "did normalising divide by, and what did centring subtract? Undo them in reverse "
                "order.",
                "`units = output.shape[1] // 2`; "
                "`normalised = output[:, :units] - output[:, units:]`; "
                "then multiply by the norms and add the means (both have shape (samples, 1)).",
            ],
            "zh": [
                "两半之差就是中心化并归一化后的那一行。归一化除以的是什么？中心化减去的又是什么？"
                "按相反的顺序撤销这两步。",
                "`units = output.shape[1] // 2`；"
                "`normalised = output[:, :units] - output[:, units:]`；"
                "然后乘以范数，再加上均值（两者的形状都是 (samples, 1)）。",
            ],
        },
        2: {
            "en": [
                "ReLU sets the negative pre-activations to 0. Measure their share of the total "
                "sum of squares of z, over the whole array.",
                "`np.sum(np.square(np.minimum(z, 0)))` is the squared size of what ReLU discards; "
                "divide by the same sum over all of z.",
            ],
            "zh": [
                "ReLU 把负的预激活值置为 0。在整个数组上计算它们在 z 的总平方和中所占的份额。",
                "`np.sum(np.square(np.minimum(z, 0)))` 是 ReLU 所丢弃部分的大小的平方；"
                "再除以在全部 z 上求得的同一个和。",
            ],
        },
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
    given = say(
        "On output={output}, row_means={row_means} and row_norms={row_norms} your function",
        "输入为 output={output}、row_means={row_means} 和 row_norms={row_norms} 时，你的函数",
        output=np.round(output, 4).tolist(),
        row_means=ROW_MEANS.tolist(),
        row_norms=np.round(ROW_NORMS, 4).tolist(),
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
        print(
            say(
                "Right: your function gives back the pre-activations of both rows.",
                "正确：你的函数还原出了两行的预激活值。",
            )
        )
        return True
    if close(answer, normalised):
        raise WrongAnswer(
            say(
                "You returned the centred, normalised rows: undo the normalisation and "
                "the centring too.",
                "你返回的是中心化并归一化后的行：还要撤销归一化和中心化。",
            )
        )
    if close(answer, normalised + ROW_MEANS):
        raise WrongAnswer(
            say(
                "You added the means back but did not undo the normalisation.",
                "你加回了均值，但没有撤销归一化。",
            )
        )
    if close(answer, normalised * ROW_NORMS):
        raise WrongAnswer(
            say(
                "You undid the normalisation but not the centring.",
                "你撤销了归一化，但没有撤销中心化。",
            )
        )
    if close(answer, np.abs(normalised) * ROW_NORMS + ROW_MEANS):
        raise WrongAnswer(
            say(
                "You combined the halves by adding them, which loses the sign: subtract them.",
                "你把两半相加来合并，这会丢失符号：应当相减。",
            )
        )
    if close(answer, (normalised + ROW_MEANS) * ROW_NORMS):
        raise WrongAnswer(
            say(
                "Close: you added the means before multiplying by the norms. Undo the "
                "steps in reverse order: the normalisation first, then the centring.",
                "接近了：你在乘以范数之前就加上了均值。请按相反的顺序撤销各步："
                "先撤销归一化，再撤销中心化。",
            )
        )
    if close(answer, normalised / ROW_NORMS + ROW_MEANS):
        raise WrongAnswer(
            say(
                "You divided by the norms again: normalising divided by them, so multiply to "
                "undo it.",
                "你又除以了一次范数：归一化时已经除以过它们，因此撤销时应当相乘。",
            )
        )
    if close(answer, np.maximum(normalised, 0) * ROW_NORMS + ROW_MEANS):
        raise WrongAnswer(
            say(
                "You used only the first half of the output: the second half holds "
                "the negated negative values, so subtract it from the first.",
                "你只用了输出的前半部分：后半部分存放的是取反后的负值，因此要用前半部分减去它。",
            )
        )
    expected = say(
        "expected {expected}, got {got}",
        "应为 {expected}，实际得到 {got}",
        expected=PREACTIVATIONS.tolist(),
        got=np.round(answer, 4).tolist(),
    )
    if near(answer, PREACTIVATIONS):
        raise WrongAnswer(
            say(
                "Close: {said} is off by up to {off:.1e}, more than float32 rounding "
                "explains: {expected}.",
                "接近了：{said}的结果最多偏差 {off:.1e}，超出了 float32 舍入误差所能解释的范围："
                "{expected}。",
                said=given.lower(),
                off=np.abs(answer - PREACTIVATIONS).max(),
                expected=expected,
            )
        )
    raise WrongAnswer(
        say(
            "{said} returned the wrong rows: {expected}.",
            "{said}返回的行不对：{expected}。",
            said=given,
            expected=expected,
        )
    )


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
        given = say("On {z} your function", "输入为 {z} 时，你的函数", z=z.tolist())
        answer = as_number(call(discarded_share, z.copy(), describe=given), given)
        if close(answer, expected):
            continue
        if close(answer, 1 - expected):
            raise WrongAnswer(
                say(
                    "On {z} you returned {answer:.4f}, the share that ReLU keeps.",
                    "输入为 {z} 时，你返回了 {answer:.4f}，这是 ReLU 保留的份额。",
                    z=z.tolist(),
                    answer=answer,
                )
            )
        if close(answer, count_share):
            raise WrongAnswer(
                say(
                    "On {z} you returned {answer:.4f}: the share of negative "
                    "*values*. The exercise asks for their share of the sum of squares.",
                    "输入为 {z} 时，你返回了 {answer:.4f}：这是负值在*个数*上所占的比例。"
                    "练习要求的是它们在平方和中所占的份额。",
                    z=z.tolist(),
                    answer=answer,
                )
            )
        if close(answer, abs_share):
            raise WrongAnswer(
                say(
                    "On {z} you returned {answer:.4f}: a share of absolute values; square them.",
                    "输入为 {z} 时，你返回了 {answer:.4f}：这是绝对值之和中的份额；请先取平方。",
                    z=z.tolist(),
                    answer=answer,
                )
            )
        if close(answer, mean_of_rows):
            raise WrongAnswer(
                say(
                    "On {z} you returned {answer:.4f}, the mean of each row's "
                    "own share: take one share over the whole array.",
                    "输入为 {z} 时，你返回了 {answer:.4f}，这是各行各自份额的均值："
                    "请在整个数组上只算一个份额。",
                    z=z.tolist(),
                    answer=answer,
                )
            )
        if close(answer, over_positive):
            raise WrongAnswer(
                say(
                    "On {z} you returned {answer:.4f}: you divided by the sum "
                    "of squares of the positive values; divide by the total, Σ z².",
                    "输入为 {z} 时，你返回了 {answer:.4f}：你除以的是正值的平方和；"
                    "应除以总和 Σ z²。",
                    z=z.tolist(),
                    answer=answer,
                )
            )
        if close(answer, np.sqrt(expected)):
            raise WrongAnswer(
                say(
                    "On {z} you returned {answer:.4f}, a ratio of norms "
                    "(square roots of sums of squares): the share of Σ z² needs no "
                    "root.",
                    "输入为 {z} 时，你返回了 {answer:.4f}，这是范数之比（平方和的平方根）："
                    "Σ z² 中的份额不需要开方。",
                    z=z.tolist(),
                    answer=answer,
                )
            )
        if near(answer, expected):
            raise WrongAnswer(
                say(
                    "Close: on {z} the share is {expected:.6f}; you returned "
                    "{answer:.6f}, further off than float32 rounding explains.",
                    "接近了：输入为 {z} 时，份额为 {expected:.6f}；你返回了 {answer:.6f}，"
                    "偏差超出了 float32 舍入误差所能解释的范围。",
                    z=z.tolist(),
                    expected=expected,
                    answer=answer,
                )
            )
        raise WrongAnswer(
            say(
                "On {z} the share is {expected:.4f}; you returned {answer:.4f}.",
                "输入为 {z} 时，份额为 {expected:.4f}；你返回了 {answer:.4f}。",
                z=z.tolist(),
                expected=expected,
                answer=answer,
            )
        )
    print(
        say(
            "Right: now apply it to the ReLU network's first-layer pre-activations.",
            "正确：现在把它应用于 ReLU 网络的第一层预激活值。",
        )
    )
    return True
