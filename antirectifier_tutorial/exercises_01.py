"""Self-checks and hints for notebook 01's exercises (the expected values are written out as
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
    self_check,
    shown,
    to_numpy,
)

hint = hints(
    {
        1: {
            "en": [
                "ReLU outputs 0 exactly when z ≤ 0. For a normal z with this mean and sd, that is "
                "a probability you can read off the standard normal distribution after "
                "standardising.",
                "Standardise 0: `(0 - mean) / sd`. The standard normal CDF Φ is "
                "`0.5 * (1 + math.erf(x / math.sqrt(2)))` (or `scipy.stats.norm.cdf(x)`).",
            ],
            "zh": [
                "ReLU 恰好在 z ≤ 0 时输出 0。若 z 服从给定均值和标准差的正态分布，这个概率在"
                "标准化之后就可以从标准正态分布中读出。",
                "先把 0 标准化：`(0 - mean) / sd`。标准正态分布的 CDF Φ 是 "
                "`0.5 * (1 + math.erf(x / math.sqrt(2)))`（也可以用 `scipy.stats.norm.cdf(x)`）。",
            ],
        },
        2: {
            "en": [
                "Leaky ReLU keeps positive values and multiplies negative ones by "
                "`negative_slope`. Undo each of the two cases separately.",
                "`np.where(condition, value_if_true, value_if_false)` handles both cases in one "
                "line; which sign does a leaky output have when its input was negative?",
            ],
            "zh": [
                "Leaky ReLU 保留正值，把负值乘以 `negative_slope`。请对这两种情况分别做逆运算。",
                "`np.where(condition, value_if_true, value_if_false)` 一行就能处理两种情况；"
                "输入为负时，Leaky ReLU 的输出是什么符号？",
            ],
        },
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
        subject = say(
            "For mean {mean}, sd {sd} your function",
            "均值为 {mean}、标准差为 {sd} 时，你的函数",
            mean=mean,
            sd=sd,
        )
        answer = as_number(
            call(expected_fraction_zeroed, mean, sd, describe=subject),
            subject,
        )
        if close(answer, expected):
            continue
        said = say(
            "For mean {mean}, sd {sd} you returned {answer:.4f}",
            "均值为 {mean}、标准差为 {sd} 时，你返回了 {answer:.4f}",
            mean=mean,
            sd=sd,
            answer=answer,
        )
        if close(answer, fires):
            raise WrongAnswer(
                say(
                    "{said}: that is the share that fires (z > 0). ReLU zeroes the other part.",
                    "{said}：这是单元激活（z > 0）的那部分所占的比例。ReLU 置零的是另一部分。",
                    said=said,
                )
            )
        if close(answer, with_variance):
            raise WrongAnswer(
                say(
                    "{said}, the value for (0 - mean) / sd² = {standardised}: "
                    "standardise with the standard deviation, not the variance.",
                    "{said}，这是 (0 - mean) / sd² = {standardised} 对应的值："
                    "标准化时应除以标准差，而不是方差。",
                    said=said,
                    standardised=-mean / sd**2,
                )
            )
        if close(answer, without_root_two):
            raise WrongAnswer(
                say(
                    "{said}: the standard normal CDF at x is 0.5 · (1 + erf(x / √2)); "
                    "check the √2.",
                    "{said}：标准正态分布的 CDF 在 x 处的值是 0.5 · (1 + erf(x / √2))；请检查 √2。",
                    said=said,
                )
            )
        if not 0 <= answer <= 1:
            raise WrongAnswer(
                say(
                    "{said}, which is not a fraction between 0 and 1.",
                    "{said}，这不是 0 到 1 之间的比例。",
                    said=said,
                )
            )
        if abs(answer - expected) < 0.01:
            # A simulation with a million samples lands here: close, but an estimate.
            raise WrongAnswer(
                say(
                    "For mean {mean}, sd {sd} you returned {answer:.6f}, close to the "
                    "exact share {expected:.6f} but not equal to it: an estimate from "
                    "random samples is not enough; compute the share from the normal "
                    "distribution's CDF.",
                    "均值为 {mean}、标准差为 {sd} 时，你返回了 {answer:.6f}，接近精确比例 "
                    "{expected:.6f}，但并不相等：用随机样本得到的估计值是不够的；"
                    "请用正态分布的 CDF 计算这个比例。",
                    mean=mean,
                    sd=sd,
                    answer=answer,
                    expected=expected,
                )
            )
        raise WrongAnswer(
            say(
                "For mean {mean}, sd {sd} the expected fraction is {expected:.4f}; you "
                "returned {answer:.4f}.",
                "均值为 {mean}、标准差为 {sd} 时，应得的比例是 {expected:.4f}；"
                "你返回了 {answer:.4f}。",
                mean=mean,
                sd=sd,
                expected=expected,
                answer=answer,
            )
        )
    print(
        say(
            "Right: a unit whose pre-activation has mean 1 and sd 1 is zeroed on only 16% of "
            "inputs, one with mean −2 on 98%. Per unit, 'about half' holds only when the mean "
            "is near 0.",
            "正确：预激活值均值为 1、标准差为 1 的单元只在 16% 的输入上被置零，均值为 −2 的"
            "单元则在 98% 的输入上被置零。就单个单元而言，“约一半”只在均值接近 0 时成立。",
        )
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
        given = say(
            "For y = {y} and negative_slope={slope}",
            "当 y = {y}、negative_slope={slope} 时",
            y=shown(leaky),
            slope=slope,
        )
        subject = say("{given} your function", "{given}，你的函数", given=given)
        answer = as_array(
            call(undo_leaky_relu, leaky.copy(), slope, describe=subject),
            z.shape,
            subject,
        )
        if close(answer, z):
            continue
        if close(answer, leaky):
            raise WrongAnswer(
                say(
                    "{given} you returned y unchanged: its negative values are the "
                    "inputs multiplied by negative_slope={slope}.",
                    "{given}，你原样返回了 y：y 中的负值是输入乘以 negative_slope={slope} 得到的。",
                    given=given,
                    slope=slope,
                )
            )
        if close(answer[positive], z[positive]) and close(answer[negative], -z[negative]):
            raise WrongAnswer(
                say(
                    "{given} you returned {answer}: close, but the negative "
                    "inputs come back positive. Dividing by the slope keeps the sign.",
                    "{given}，你返回了 {answer}：很接近，但负的输入还原后变成了正数。"
                    "除以斜率不会改变符号。",
                    given=given,
                    answer=shown(answer),
                )
            )
        if close(answer[positive], z[positive]) and close(
            answer[negative], slope * leaky[negative]
        ):
            raise WrongAnswer(
                say(
                    "{given} the positive values are right, the negative ones are "
                    "multiplied by the slope once more: divide by it to undo the "
                    "multiplication.",
                    "{given}，正值是对的，负值却又乘了一次斜率："
                    "应除以斜率，以抵消 Leaky ReLU 的那次乘法。",
                    given=given,
                )
            )
        if close(answer[positive], z[positive]):
            raise WrongAnswer(
                say(
                    "{given} the positive values are right, the negative ones are not: "
                    "undo the multiplication.",
                    "{given}，正值是对的，负值不对：请抵消那次乘法。",
                    given=given,
                )
            )
        if close(answer[negative], z[negative]):
            raise WrongAnswer(
                say(
                    "{given} the negative values are right, the positive ones are not: "
                    "Leaky ReLU leaves positive inputs as they are, so leave them too.",
                    "{given}，负值是对的，正值不对：Leaky ReLU 让正的输入保持不变，"
                    "所以你也应让它们保持不变。",
                    given=given,
                )
            )
        raise WrongAnswer(
            say(
                "{given} the inputs were {inputs}; you returned {answer}.",
                "{given}，输入是 {inputs}；你返回了 {answer}。",
                given=given,
                inputs=shown(z),
                answer=shown(answer),
            )
        )
    # An array of any shape is a NumPy array: try a 2-D one, as a layer's output would be.
    # The answer is right for 1-D arrays already, so a loop that cannot take rows gets a note.
    rows = _leaky_relu(z.reshape(2, 5), LEAKY_SLOPES[0])
    try:
        answer = np.asarray(to_numpy(undo_leaky_relu(rows.copy(), LEAKY_SLOPES[0])), dtype=float)
        problem = say("it returned {answer}", "它返回了 {answer}", answer=shown(answer))
        works_on_rows = close(answer, z.reshape(2, 5))
    except Exception as error:
        works_on_rows = False
        problem = say("it raised {error}", "它抛出了 {error}", error=type(error).__name__)
        if "truth value of an array" in str(error):
            problem += say(
                ": a loop over a 2-D array meets whole rows, not numbers",
                "：对二维数组循环时，每次取到的是一整行，而不是一个数",
            )
    if works_on_rows:
        print(
            say(
                "Right: for negative_slope 0.1 and 0.5 your function gives the inputs back (up "
                "to rounding), from a 1-D and from a 2-D array.",
                "正确：negative_slope 为 0.1 和 0.5 时，你的函数无论对一维还是二维数组，"
                "都能还原出输入（在舍入误差范围内）。",
            )
        )
    else:
        print(
            say(
                "Right for a 1-D y: for negative_slope 0.1 and 0.5 your function gives the "
                "inputs back. On the 2-D y = {rows} (negative_slope={slope}) {problem}. "
                "`np.where` works for any shape.",
                "对一维的 y 正确：negative_slope 为 0.1 和 0.5 时，你的函数能还原出输入。"
                "但对二维的 y = {rows}（negative_slope={slope}），{problem}。"
                "`np.where` 适用于任意形状。",
                rows=shown(rows),
                slope=LEAKY_SLOPES[0],
                problem=problem,
            )
        )
    return True
