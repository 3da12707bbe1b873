"""Self-checks and hints for notebook 05's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

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
        1: [
            "Write the variance of a difference of two random quantities: Var(B − A) = Var(A) + "
            "Var(B) − 2·Cov(A, B), with Cov(A, B) = r · sd_A · sd_B. Which term do independent "
            "runs lack?",
            "A fragment to complete: `paired = sd_a**2 + sd_b**2 - 2 * ...`, `unpaired = ...`, "
            "then return their ratio.",
        ],
        2: [
            "Ask the interval two questions: does it contain 0? Does it lie entirely inside "
            "(−margin, +margin)? Two yes/no answers give four verdicts.",
            "`contains_zero = low <= 0 <= high` and `inside = -margin < low and high < margin`; "
            "then one `if` for each of the four combinations.",
        ],
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
        given = f"For {arguments} your function"
        answer = as_number(call(pairing_variance_ratio, *arguments, describe=given), given)
        if close(answer, expected):
            continue
        if without_two is not None and close(answer, without_two):
            raise WrongAnswer(
                f"For {arguments} you returned {answer:.4f}: the covariance term "
                "of a variance of a difference appears twice."
            )
        if flipped_sign is not None and close(answer, flipped_sign):
            raise WrongAnswer(
                f"For {arguments} you returned {answer:.4f}: with a positive "
                "correlation pairing must shrink the variance, so check the sign "
                "of the covariance term."
            )
        if close(answer**2, expected):
            raise WrongAnswer(
                f"For {arguments} you returned {answer:.4f}, a ratio of standard "
                "deviations (interval widths); the exercise asks for variances."
            )
        if close(answer * expected, 1):
            raise WrongAnswer(
                f"For {arguments} you returned {answer:.4f}, the inverse ratio: "
                "divide the paired variance by the unpaired one."
            )
        if near(answer, expected):
            raise WrongAnswer(
                f"Close: for sd_a, sd_b, correlation = {arguments} the ratio is "
                f"{expected:.6f}; you returned {answer:.6f}, further off than "
                "float32 rounding explains."
            )
        raise WrongAnswer(
            f"For sd_a, sd_b, correlation = {arguments} the ratio is "
            f"{expected:.4f}; you returned {answer:.4f}."
        )
    print(
        "Right: pairing multiplies the variance of the difference by this ratio, which is "
        "below 1 only when the correlation is positive; a negative one makes the paired "
        "interval wider."
    )
    return True


VERDICTS = ("different", "equivalent", "negligible", "inconclusive")


@self_check
def check_verdict(verdict):
    """Self-check for exercise 2."""
    why = {
        "different": "the interval excludes 0 and reaches beyond the margin",
        "equivalent": "the interval contains 0 and lies inside the margin",
        "negligible": "the interval excludes 0 yet lies inside the margin: a real difference, "
        "too small to matter",
        "inconclusive": "the interval contains 0 and reaches beyond the margin: these runs "
        "cannot decide",
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
        given = f"For the interval [{low}, {high}] and margin {margin} your function"
        answer = call(verdict, low, high, margin, describe=given)
        if answer is None:
            raise WrongAnswer(f"{given} returned None: did you forget `return`?")
        if not isinstance(answer, str) or answer not in VERDICTS:
            raise WrongAnswer(
                f"Return one of the strings {', '.join(map(repr, VERDICTS))}; "
                f"for ({low}, {high}, margin {margin}) you returned "
                f"{described(answer)}."
            )
        if answer != expected:
            raise WrongAnswer(
                f"For the interval [{low}, {high}] and margin {margin} you said "
                f"{answer!r}, but {why[expected]}."
            )
    print(
        "Right: an interval that contains 0 is evidence of equivalence only when it also lies "
        "inside a margin chosen in advance."
    )
    return True
