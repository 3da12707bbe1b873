"""Self-checks and hints for notebook 05's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

from antirectifier_tutorial.language import say
from antirectifier_tutorial.self_check import (
    WrongAnswer,
    as_number,
    call,
    close,
    described,
    hints,
    near,
    self_check,
)

hint = hints(
    {
        1: {
            "en": [
                "Write the variance of a difference of two random quantities: Var(B − A) = "
                "Var(A) + Var(B) − 2·Cov(A, B), with Cov(A, B) = r · sd_A · sd_B. Which term do "
                "independent runs lack?",
                "A fragment to complete: `paired = sd_a**2 + sd_b**2 - 2 * ...`, "
                "`unpaired = ...`, then return their ratio.",
            ],
            "zh": [
                "写出两个随机量之差的方差：Var(B − A) = Var(A) + Var(B) − 2·Cov(A, B)，其中 "
                "Cov(A, B) = r · sd_A · sd_B。独立的运行缺少哪一项？",
                "一段待补全的代码片段：`paired = sd_a**2 + sd_b**2 - 2 * ...`，"
                "`unpaired = ...`，然后返回两者之比。",
            ],
        },
        2: {
            "en": [
                "Ask the interval two questions: does it contain 0? Does it lie entirely inside "
                "(−margin, +margin)? Two yes/no answers give four verdicts.",
                "`contains_zero = low <= 0 <= high` and `inside = -margin < low and high < "
                "margin`; then one `if` for each of the four combinations.",
            ],
            "zh": [
                "对区间提两个问题：它是否包含 0？它是否完全落在 (−margin, +margin) 之内？"
                "两个“是/否”的回答组合出四种判定。",
                "`contains_zero = low <= 0 <= high`，`inside = -margin < low and high < "
                "margin`；然后为四种组合各写一个 `if`。",
            ],
        },
    }
)


@self_check
def check_pairing_variance_ratio(pairing_variance_ratio):
    """Self-check for exercise 1."""
    # (sd_a, sd_b, correlation): right answer, and the answers of two typical slips.
    cases = [
        ((0.1, 0.1, 0.0), 1.0, None, None),
        ((0.1, 0.1, 0.5), 0.5, 0.75, 1.5),
        ((0.1, 0.1, -0.5), 1.5, 1.25, 0.5),
        ((0.09, 0.06, 0.8), 0.261538461538, 0.630769230769, 1.738461538462),
        ((0.1, 0.2, -0.78), 1.624, 1.312, 0.376),
    ]
    for arguments, expected, without_two, flipped_sign in cases:
        given = say(
            "For {arguments} your function",
            "输入为 {arguments} 时，你的函数",
            arguments=arguments,
        )
        answer = as_number(call(pairing_variance_ratio, *arguments, describe=given), given)
        if close(answer, expected):
            continue
        if without_two is not None and close(answer, without_two):
            raise WrongAnswer(
                say(
                    "For {arguments} you returned {answer:.4f}: the covariance term "
                    "of a variance of a difference appears twice.",
                    "输入为 {arguments} 时，你返回了 {answer:.4f}：差值的方差中，"
                    "协方差项要出现两次（系数为 2）。",
                    arguments=arguments,
                    answer=answer,
                )
            )
        if flipped_sign is not None and close(answer, flipped_sign):
            raise WrongAnswer(
                say(
                    "For {arguments} you returned {answer:.4f}: with a positive "
                    "correlation pairing must shrink the variance, so check the sign "
                    "of the covariance term.",
                    "输入为 {arguments} 时，你返回了 {answer:.4f}：相关系数为正时，"
                    "配对必然使方差变小，请检查协方差项的符号。",
                    arguments=arguments,
                    answer=answer,
                )
            )
        if close(answer**2, expected):
            raise WrongAnswer(
                say(
                    "For {arguments} you returned {answer:.4f}, a ratio of standard "
                    "deviations (interval widths); the exercise asks for variances.",
                    "输入为 {arguments} 时，你返回了 {answer:.4f}，这是标准差（区间宽度）"
                    "之比；练习要求的是方差之比。",
                    arguments=arguments,
                    answer=answer,
                )
            )
        if close(answer * expected, 1):
            raise WrongAnswer(
                say(
                    "For {arguments} you returned {answer:.4f}, the inverse ratio: "
                    "divide the paired variance by the unpaired one.",
                    "输入为 {arguments} 时，你返回了 {answer:.4f}，这是颠倒过来的比值："
                    "应当用配对时的方差除以不配对（独立运行）时的方差。",
                    arguments=arguments,
                    answer=answer,
                )
            )
        if near(answer, expected):
            raise WrongAnswer(
                say(
                    "Close: for sd_a, sd_b, correlation = {arguments} the ratio is "
                    "{expected:.6f}; you returned {answer:.6f}, further off than "
                    "float32 rounding explains.",
                    "很接近了：sd_a, sd_b, correlation = {arguments} 时，比值为 "
                    "{expected:.6f}；你返回了 {answer:.6f}，偏差超出了 float32 "
                    "舍入误差所能解释的范围。",
                    arguments=arguments,
                    expected=expected,
                    answer=answer,
                )
            )
        raise WrongAnswer(
            say(
                "For sd_a, sd_b, correlation = {arguments} the ratio is "
                "{expected:.4f}; you returned {answer:.4f}.",
                "sd_a, sd_b, correlation = {arguments} 时，比值为 {expected:.4f}；"
                "你返回了 {answer:.4f}。",
                arguments=arguments,
                expected=expected,
                answer=answer,
            )
        )
    print(
        say(
            "Right: pairing multiplies the variance of the difference by this ratio, which is "
            "below 1 only when the correlation is positive; a negative one makes the paired "
            "interval wider.",
            "正确：配对使差值的方差乘以这个比值；只有相关系数为正时它才小于 1，"
            "相关系数为负则会使配对区间变宽。",
        )
    )
    return True


VERDICTS = ("different", "equivalent", "negligible", "inconclusive")


@self_check
def check_verdict(verdict):
    """Self-check for exercise 2."""
    why = {
        "different": say(
            "the interval excludes 0 and reaches beyond the margin",
            "区间不含 0，且超出了等效界值",
        ),
        "equivalent": say(
            "the interval contains 0 and lies inside the margin",
            "区间包含 0，且落在等效界值之内",
        ),
        "negligible": say(
            "the interval excludes 0 yet lies inside the margin: a real difference, "
            "too small to matter",
            "区间不含 0，却落在等效界值之内：差异真实存在，但小到无关紧要",
        ),
        "inconclusive": say(
            "the interval contains 0 and reaches beyond the margin: these runs cannot decide",
            "区间包含 0，且超出了等效界值：这些运行无法作出判断",
        ),
    }
    cases = [
        ((0.05, 0.30, 0.2), "different"),
        ((-0.10, 0.12, 0.2), "equivalent"),
        ((0.03, 0.12, 0.2), "negligible"),
        ((-0.30, 0.10, 0.2), "inconclusive"),
        ((-0.50, -0.25, 0.2), "different"),
        ((-0.15, -0.02, 0.2), "negligible"),
        ((-0.05, 0.25, 0.2), "inconclusive"),
        ((-0.4, 0.4, 0.5), "equivalent"),
    ]
    for (low, high, margin), expected in cases:
        given = say(
            "For the interval [{low}, {high}] and margin {margin} your function",
            "区间为 [{low}, {high}]、等效界值为 {margin} 时，你的函数",
            low=low,
            high=high,
            margin=margin,
        )
        answer = call(verdict, low, high, margin, describe=given)
        if answer is None:
            raise WrongAnswer(
                say(
                    "{given} returned None: did you forget `return`?",
                    "{given}返回了 None：是不是忘了写 `return`？",
                    given=given,
                )
            )
        if not isinstance(answer, str) or answer not in VERDICTS:
            raise WrongAnswer(
                say(
                    "Return one of the strings {verdicts}; "
                    "for ({low}, {high}, margin {margin}) you returned "
                    "{value}.",
                    "请返回以下字符串之一：{verdicts}；"
                    "区间为 [{low}, {high}]、等效界值为 {margin} 时，你返回了 "
                    "{value}。",
                    verdicts=", ".join(map(repr, VERDICTS)),
                    low=low,
                    high=high,
                    margin=margin,
                    value=described(answer),
                )
            )
        if answer != expected:
            raise WrongAnswer(
                say(
                    "For the interval [{low}, {high}] and margin {margin} you said "
                    "{answer!r}, but {why}.",
                    "区间为 [{low}, {high}]、等效界值为 {margin} 时，你的答案是 "
                    "{answer!r}，但{why}。",
                    low=low,
                    high=high,
                    margin=margin,
                    answer=answer,
                    why=why[expected],
                )
            )
    print(
        say(
            "Right: an interval that contains 0 is evidence of equivalence only when it also lies "
            "inside a margin chosen in advance.",
            "正确：包含 0 的区间，只有同时落在事先选定的等效界值之内，才能作为等效性的证据。",
        )
    )
    return True
