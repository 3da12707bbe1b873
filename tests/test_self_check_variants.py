"""Every self-check judged both ways, on answers written the way students write them.

RIGHT_ANSWERS: for each check, right answers written differently (NumPy, SciPy, `math`,
`statistics`, `keras.ops` tensors, JAX arrays, loops, lists, float32, NumPy integers); each must
be accepted. NEAR_MISSES: answers that are almost right (a slip a student makes), each with
words its message must contain; each must be rejected, said plainly, and never with the
check's last-resort message. tests/test_self_checks.py hands the checks the crude wrong
answers (None, NaN, exceptions, wrong types).
"""

import collections
import contextlib
import io
import math
import statistics
import types

import keras
import numpy as np
import pytest
import scipy.special
import scipy.stats
from keras import ops

from antirectifier_tutorial import (
    exercises_01,
    exercises_02,
    exercises_03,
    exercises_04,
    exercises_05,
)

LAST_RESORT = "The check could not use your answer"


def _run(check, answer):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = check(answer)  # must not raise
    return result, printed.getvalue()


def _float32(x):
    return ops.convert_to_tensor(np.asarray(x, dtype="float32"))


# --- Notebook 01 ---------------------------------------------------------------------------
def fraction_with_erf(mean, sd):
    return 0.5 * (1 + math.erf((0 - mean) / (sd * math.sqrt(2))))


def fraction_with_jax(mean, sd):
    jax_scipy_stats = pytest.importorskip("jax.scipy.stats")
    return jax_scipy_stats.norm.cdf(0.0, mean, sd)  # a JAX array, float32


RIGHT_FRACTIONS = {
    "math.erf": fraction_with_erf,
    "math.erfc": lambda mean, sd: 0.5 * math.erfc(mean / (sd * math.sqrt(2))),
    "scipy norm.cdf at 0": lambda mean, sd: scipy.stats.norm.cdf(0, loc=mean, scale=sd),
    "scipy norm.cdf by symmetry": lambda mean, sd: 1 - scipy.stats.norm.cdf(mean / sd),
    "scipy.special.ndtr": lambda mean, sd: scipy.special.ndtr(-mean / sd),
    "statistics.NormalDist": lambda mean, sd: statistics.NormalDist(mean, sd).cdf(0),
    "keras.ops.erf in float32": lambda mean, sd: (
        0.5 * (1 + ops.erf(_float32(-mean / (sd * 2**0.5))))
    ),
    "np.float32": lambda mean, sd: np.float32(scipy.stats.norm.cdf(-mean / sd)),
    "a one-element array": lambda mean, sd: np.array([scipy.stats.norm.cdf(-mean / sd)]),
    "jax.scipy in float32": fraction_with_jax,
}


def undo_with_where(y, negative_slope):
    return np.where(y > 0, y, y / negative_slope)


def undo_with_a_loop_over_numbers(y, negative_slope):
    values = [v if v > 0 else v / negative_slope for v in np.ravel(y)]
    return np.array(values).reshape(np.shape(y))


def undo_in_place(y, negative_slope):
    z = np.array(y, dtype=float)
    z[z < 0] /= negative_slope
    return z


def undo_with_jax(y, negative_slope):
    jnp = pytest.importorskip("jax.numpy")
    return jnp.where(y > 0, y, y / negative_slope)


RIGHT_UNDOS = {
    "np.where": undo_with_where,
    "np.where with >=": lambda y, s: np.where(y >= 0, y, y / s),
    "dividing by a per-element slope": lambda y, s: y / np.where(y > 0, 1.0, s),
    "a loop over single numbers": undo_with_a_loop_over_numbers,
    "in place on a copy": undo_in_place,
    "keras.ops.where": lambda y, s: ops.where(y > 0, y, y / s),
    "keras.ops in float32": lambda y, s: ops.relu(_float32(y)) - ops.relu(-_float32(y)) / s,
    "a nested list": lambda y, s: undo_with_where(y, s).tolist(),
    "jax.numpy": undo_with_jax,
}


def undo_with_a_one_dimensional_loop(y, negative_slope):
    return np.array([v if v > 0 else v / negative_slope for v in y])


# --- Notebook 02 ---------------------------------------------------------------------------
def l1_with_ops(x):
    x = x - ops.mean(x, axis=-1, keepdims=True)
    l1_norm = ops.sum(ops.abs(x), axis=-1, keepdims=True)
    x = x / ops.where(l1_norm > 0, l1_norm, 1)
    return ops.concatenate([ops.relu(x), ops.relu(-x)], axis=-1)


def l1_with_numpy(x):
    x = x - x.mean(axis=1, keepdims=True)
    l1_norm = np.abs(x).sum(axis=1, keepdims=True)
    x = np.divide(x, l1_norm, out=np.zeros_like(x), where=l1_norm > 0)
    return np.hstack([np.maximum(x, 0), np.maximum(-x, 0)])


def l1_with_a_loop(x):
    rows = []
    for row in np.asarray(x).tolist():
        mean = sum(row) / len(row)
        centred = [v - mean for v in row]
        norm = sum(abs(v) for v in centred) or 1.0
        rows.append([max(v / norm, 0) for v in centred] + [max(-v / norm, 0) for v in centred])
    return rows


def l1_with_an_epsilon(x):
    x = x - ops.mean(x, axis=-1, keepdims=True)
    x = x / (ops.sum(ops.abs(x), axis=-1, keepdims=True) + keras.config.epsilon())
    return ops.concatenate([ops.maximum(x, 0), ops.maximum(-x, 0)], axis=-1)


def l1_with_divide_no_nan(x):
    x = x - ops.mean(x, axis=-1, keepdims=True)
    x = ops.divide_no_nan(x, ops.sum(ops.abs(x), axis=-1, keepdims=True))
    return ops.concatenate([ops.relu(x), ops.relu(-x)], axis=-1)


RIGHT_L1 = {
    "keras.ops": l1_with_ops,
    "numpy": l1_with_numpy,
    "a loop, lists": l1_with_a_loop,
    "an epsilon in the norm": l1_with_an_epsilon,
    "divide_no_nan": l1_with_divide_no_nan,
}


def l1_variant(
    centre_axis=-1, norm_axis=-1, norm="l1", epsilon=0.0, halves="pos-neg", concat_axis=-1
):
    """A near miss of exercise 1: the reference with one step changed."""

    def l1_antirectify(x):
        x = x - ops.mean(x, axis=centre_axis, keepdims=True) if centre_axis is not None else x
        if norm == "l1":
            size = ops.sum(ops.abs(x), axis=norm_axis, keepdims=True)
        elif norm == "l2":
            size = ops.sqrt(ops.sum(ops.square(x), axis=norm_axis, keepdims=True))
        if norm is not None:
            x = x / (ops.where(size > 0, size, 1) + epsilon)
        parts = {
            "pos-neg": [ops.relu(x), ops.relu(-x)],
            "neg-pos": [ops.relu(-x), ops.relu(x)],
            "x, -x": [x, -x],
        }[halves]
        return ops.concatenate(parts, axis=concat_axis)

    return l1_antirectify


class AxisAntirectifier(keras.layers.Layer):
    """The reference solution."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, x):
        x = x - ops.mean(x, axis=self.axis, keepdims=True)
        squared_norm = ops.sum(ops.square(x), axis=self.axis, keepdims=True)
        x = x * ops.rsqrt(ops.maximum(squared_norm, 1e-12))
        return ops.concatenate([ops.relu(x), ops.relu(-x)], axis=self.axis)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


class WithNormAndUpdate(keras.layers.Layer):
    """Written differently: ops.norm, an epsilon, config.update, no compute_output_shape."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        centred = inputs - ops.mean(inputs, axis=self.axis, keepdims=True)
        unit = centred / (ops.norm(centred, axis=self.axis, keepdims=True) + 1e-9)
        return ops.concatenate([ops.maximum(unit, 0), ops.maximum(-unit, 0)], axis=self.axis)

    def get_config(self):
        config = super().get_config()
        config.update({"axis": self.axis})
        return config


class OnlyAxisInConfig(AxisAntirectifier):
    def get_config(self):  # the accepted wrong answer: name and dtype are lost
        return {"axis": self.axis}


class SwallowsKwargs(AxisAntirectifier):
    def __init__(self, axis=-1, **kwargs):
        super().__init__()  # takes name and dtype, and drops them
        self.axis = axis


class AxisOneEverywhere(AxisAntirectifier):
    def call(self, x):  # 1 written where self.axis belongs
        x = x - ops.mean(x, axis=1, keepdims=True)
        x = x * ops.rsqrt(ops.maximum(ops.sum(ops.square(x), axis=1, keepdims=True), 1e-12))
        return ops.concatenate([ops.relu(x), ops.relu(-x)], axis=1)


class ConcatenatesAlongLastAxis(AxisAntirectifier):
    def call(self, x):
        x = x - ops.mean(x, axis=self.axis, keepdims=True)
        x = x * ops.rsqrt(ops.maximum(ops.sum(ops.square(x), axis=self.axis, keepdims=True), 1e-12))
        return ops.concatenate([ops.relu(x), ops.relu(-x)], axis=-1)


class NormalisesAlongLastAxis(AxisAntirectifier):
    def call(self, x):
        x = x - ops.mean(x, axis=self.axis, keepdims=True)
        x = x * ops.rsqrt(ops.maximum(ops.sum(ops.square(x), axis=-1, keepdims=True), 1e-12))
        return ops.concatenate([ops.relu(x), ops.relu(-x)], axis=self.axis)


# --- Notebook 03 ---------------------------------------------------------------------------
def reconstruct_reference(output, row_means, row_norms):
    units = output.shape[1] // 2
    return (output[:, :units] - output[:, units:]) * row_norms + row_means


def reconstruct_with_split(output, row_means, row_norms):
    positive, negative = np.split(output, 2, axis=1)
    return np.where(positive > 0, positive, -negative) * row_norms + row_means


def reconstruct_with_ops_float32(output, row_means, row_norms):
    positive, negative = ops.split(_float32(output), 2, axis=-1)
    return ops.add(ops.multiply(positive - negative, _float32(row_norms)), _float32(row_means))


def reconstruct_with_a_loop(output, row_means, row_norms):
    units = len(output[0]) // 2
    return [
        [(row[i] - row[units + i]) * norm[0] + mean[0] for i in range(units)]
        for row, mean, norm in zip(
            output.tolist(), row_means.tolist(), row_norms.tolist(), strict=True
        )
    ]


RIGHT_RECONSTRUCTIONS = {
    "reference": reconstruct_reference,
    "np.split": reconstruct_with_split,
    "keras.ops in float32": reconstruct_with_ops_float32,
    "a loop, lists": reconstruct_with_a_loop,
}


def share_with_ops(z):
    return ops.sum(ops.square(ops.minimum(z, 0))) / ops.sum(ops.square(z))


def share_with_a_loop(z):
    negative = total = 0.0
    for value in np.ravel(z):
        total += value * value
        if value < 0:
            negative += value * value
    return negative / total


RIGHT_SHARES = {
    "reference": lambda z: float(np.square(z[z < 0]).sum() / np.square(z).sum()),
    # The case: a right answer in float32 was rejected by a 1e-9 tolerance.
    "numpy in float32": lambda z: (
        np.square(np.minimum(z.astype("float32"), 0)).sum() / np.square(z.astype("float32")).sum()
    ),
    "keras.ops in float32": lambda z: share_with_ops(_float32(z)),
    "keras.ops": share_with_ops,
    "one minus the kept share": lambda z: 1 - np.sum(np.maximum(z, 0) ** 2) / np.sum(z**2),
    "a loop": share_with_a_loop,
    "math.fsum": lambda z: (
        math.fsum(v * v for v in z.flat if v < 0) / math.fsum(v * v for v in z.flat)
    ),
    "norms squared": lambda z: (np.linalg.norm(np.minimum(z, 0)) / np.linalg.norm(z)) ** 2,
}


# --- Notebook 04 ---------------------------------------------------------------------------
def parameters_reference(width, activation):
    widened = 2 * width if activation == "antirectifier" else width
    return 784 * width + width + widened * width + width + widened * 10 + 10


def parameters_with_a_loop(width, activation):
    factor = {"relu": 1, "antirectifier": 2}[activation]
    total, inputs = 0, 784
    for units in (width, width, 10):
        total += inputs * units + units
        inputs = factor * units
    return total


RIGHT_PARAMETERS = {
    "reference": parameters_reference,
    "a loop over the layers": parameters_with_a_loop,
    "np.int64": lambda width, activation: np.int64(parameters_reference(width, activation)),
    "a float": lambda width, activation: float(parameters_reference(width, activation)),
    "np.float32": lambda width, activation: np.float32(parameters_reference(width, activation)),
    "a 0-d tensor": lambda width, activation: ops.convert_to_tensor(
        parameters_reference(width, activation)
    ),
}


def pair_with_unique(labels, predicted):
    mistakes = labels != predicted
    pairs, counts = np.unique(
        np.stack([labels[mistakes], predicted[mistakes]], axis=1), axis=0, return_counts=True
    )
    return tuple(pairs[np.argmax(counts)])  # a tuple of NumPy integers


def pair_with_a_counter(labels, predicted):
    counts = collections.Counter((t, p) for t, p in zip(labels, predicted, strict=True) if t != p)
    return counts.most_common(1)[0][0]


def pair_with_a_confusion_matrix(labels, predicted):
    matrix = np.zeros((10, 10), dtype=int)
    np.add.at(matrix, (labels, predicted), 1)
    np.fill_diagonal(matrix, 0)
    return np.unravel_index(np.argmax(matrix), matrix.shape)


def pair_with_a_dict(labels, predicted):
    counts = {}
    for true, guess in zip(labels.tolist(), predicted.tolist(), strict=True):
        if true != guess:
            counts[(true, guess)] = counts.get((true, guess), 0) + 1
    return list(max(counts, key=counts.get))


RIGHT_PAIRS = {
    "np.unique": pair_with_unique,
    "collections.Counter": pair_with_a_counter,
    "a confusion matrix": pair_with_a_confusion_matrix,
    "a dict, a list": pair_with_a_dict,
    "an array": lambda labels, predicted: np.array(pair_with_a_counter(labels, predicted)),
}


def pair_from_separate_modes(labels, predicted):
    mistakes = labels != predicted
    return (np.bincount(labels[mistakes]).argmax(), np.bincount(predicted[mistakes]).argmax())


def pair_without_order(labels, predicted):
    counts = collections.Counter(
        tuple(sorted((t, p))) for t, p in zip(labels, predicted, strict=True) if t != p
    )
    return counts.most_common(1)[0][0]


def pair_counting_correct_ones(labels, predicted):
    pairs, counts = np.unique(np.stack([labels, predicted], axis=1), axis=0, return_counts=True)
    return tuple(pairs[np.argmax(counts)])


# --- Notebook 05 ---------------------------------------------------------------------------
RIGHT_RATIOS = {
    "reference": lambda a, b, r: (a**2 + b**2 - 2 * r * a * b) / (a**2 + b**2),
    "one minus the covariance share": lambda a, b, r: 1 - 2 * r * a * b / (a * a + b * b),
    "np.float32": lambda a, b, r: (
        np.float32(1) - np.float32(2 * r * a * b) / np.float32(a**2 + b**2)
    ),
    "keras.ops": lambda a, b, r: ops.divide(a**2 + b**2 - 2 * r * a * b, a**2 + b**2),
}


def verdict_reference(low, high, margin):
    contains_zero = low <= 0 <= high
    inside_margin = -margin < low and high < margin
    if contains_zero:
        return "equivalent" if inside_margin else "inconclusive"
    return "negligible" if inside_margin else "different"


def verdict_with_abs(low, high, margin):
    small = max(abs(low), abs(high)) < margin
    if low > 0 or high < 0:
        return "negligible" if small else "different"
    return "equivalent" if small else "inconclusive"


RIGHT_VERDICTS = {
    "reference": verdict_reference,
    "abs and early returns": verdict_with_abs,
    "a NumPy string": lambda low, high, margin: np.str_(verdict_reference(low, high, margin)),
}


class TracksGradients:
    """Like a PyTorch tensor that tracks gradients: NumPy reads it only once it is detached."""

    def __init__(self, value):
        self.value = np.asarray(value)

    def __array__(self, *arguments, **keywords):
        raise RuntimeError("Can't call numpy() on Tensor that requires grad.")

    def detach(self):
        return types.SimpleNamespace(cpu=lambda: types.SimpleNamespace(numpy=lambda: self.value))


RIGHT_UNDOS["a tensor that tracks gradients"] = lambda y, s: TracksGradients(undo_with_where(y, s))
RIGHT_SHARES["a tensor that tracks gradients"] = lambda z: TracksGradients(
    np.square(z[z < 0]).sum() / np.square(z).sum()
)

RIGHT_ANSWERS = [
    *[
        (exercises_01.check_expected_fraction_zeroed, name, f)
        for name, f in RIGHT_FRACTIONS.items()
    ],
    *[(exercises_01.check_undo_leaky_relu, name, f) for name, f in RIGHT_UNDOS.items()],
    *[(exercises_02.check_l1_antirectify, name, f) for name, f in RIGHT_L1.items()],
    (exercises_02.check_axis_layer, "reference", AxisAntirectifier),
    (exercises_02.check_axis_layer, "ops.norm, config.update", WithNormAndUpdate),
    *[
        (exercises_03.check_reconstruct_preactivations, name, f)
        for name, f in RIGHT_RECONSTRUCTIONS.items()
    ],
    *[(exercises_03.check_discarded_share, name, f) for name, f in RIGHT_SHARES.items()],
    *[(exercises_04.check_predicted_parameters, name, f) for name, f in RIGHT_PARAMETERS.items()],
    *[(exercises_04.check_most_confused_pair, name, f) for name, f in RIGHT_PAIRS.items()],
    *[(exercises_05.check_pairing_variance_ratio, name, f) for name, f in RIGHT_RATIOS.items()],
    *[(exercises_05.check_verdict, name, f) for name, f in RIGHT_VERDICTS.items()],
]


@pytest.mark.parametrize(
    "check, name, answer",
    [pytest.param(*row, id=f"{row[0].__name__}-{row[1]}") for row in RIGHT_ANSWERS],
)
def test_a_right_answer_is_accepted_however_it_is_written(check, name, answer):
    result, message = _run(check, answer)
    assert result is True, f"{check.__name__} rejected a right answer ({name}): {message}"
    assert message.startswith("Right"), message


def test_a_loop_that_takes_only_one_dimensional_arrays_is_right_with_a_note():
    result, message = _run(exercises_01.check_undo_leaky_relu, undo_with_a_one_dimensional_loop)
    assert result is True, message
    assert message.startswith("Right for a 1-D y"), message
    assert "[[-0.2, -0.05, 0.0, 0.5, 3.0], [4.0, -0.8, 1.0, -0.01, 0.0]]" in message, message
    assert "meets whole rows" in message and "truth value" not in message, message


def fraction_by_simulation(mean, sd):
    samples = np.random.default_rng(0).normal(mean, sd, size=1_000_000)
    return float(np.mean(samples <= 0))


# (check, what the answer gets wrong, the answer, words its message must contain)
NEAR_MISSES = [
    (
        exercises_01.check_expected_fraction_zeroed,
        "a simulation, not the exact share",
        fraction_by_simulation,
        ["close to the exact share 0.500000", "mean 0.0, sd 1.0", "CDF"],
    ),
    (
        exercises_01.check_expected_fraction_zeroed,
        "the share that fires",
        lambda mean, sd: scipy.stats.norm.sf(0, mean, sd),
        ["share that fires", "mean 1.0, sd 1.0"],
    ),
    (
        exercises_01.check_expected_fraction_zeroed,
        "the variance in place of the sd",
        lambda mean, sd: scipy.stats.norm.cdf(-mean / sd**2),
        ["not the variance", "sd 2.0"],
    ),
    (
        exercises_01.check_expected_fraction_zeroed,
        "the CDF without its √2",
        lambda mean, sd: 0.5 * (1 + math.erf(-mean / sd)),
        ["√2", "mean 1.0, sd 1.0"],
    ),
    (
        exercises_01.check_expected_fraction_zeroed,
        "the density, not the CDF",
        lambda mean, sd: scipy.stats.norm.pdf(0, mean, sd),
        ["mean 0.0, sd 1.0 the expected fraction is 0.5000", "0.3989"],
    ),
    (
        exercises_01.check_undo_leaky_relu,
        "multiplies by the slope again",
        lambda y, s: np.where(y > 0, y, y * s),
        ["positive values are right", "negative_slope=0.1"],
    ),
    (
        exercises_01.check_undo_leaky_relu,
        "ReLU, not its inverse",
        lambda y, s: np.maximum(y, 0),
        ["positive values are right"],
    ),
    (
        exercises_01.check_undo_leaky_relu,
        "divides the positive values too",
        lambda y, s: y / s,
        ["negative values are right, the positive ones are not", "y = [-0.2"],
    ),
    (
        exercises_01.check_undo_leaky_relu,
        "loses the sign",
        lambda y, s: np.where(y > 0, y, -y / s),
        ["close", "come back positive"],
    ),
    (
        exercises_01.check_undo_leaky_relu,
        "1% off",
        lambda y, s: np.round(undo_with_where(y, s) * 1.01, 2),
        ["y = [-0.2, -0.05, 0.0, 0.5, 3.0, 4.0, -0.8, 1.0, -0.01, 0.0]", "the inputs were [-2.0"],
    ),
    (
        exercises_02.check_l1_antirectify,
        "centred over the batch axis",
        l1_variant(centre_axis=0),
        ["centred over the batch axis (axis 0)", "On [[1.0, 2.0, 3.0, 6.0]"],
    ),
    (
        exercises_02.check_l1_antirectify,
        "everything over the batch axis",
        l1_variant(centre_axis=0, norm_axis=0),
        ["centred and normalised over the batch axis"],
    ),
    (
        exercises_02.check_l1_antirectify,
        "the norm over the batch axis",
        l1_variant(norm_axis=0),
        ["norm over the batch axis"],
    ),
    (exercises_02.check_l1_antirectify, "the L2 norm", l1_variant(norm="l2"), ["Close", "L2 norm"]),
    (
        exercises_02.check_l1_antirectify,
        "not centred",
        l1_variant(centre_axis=None),
        ["not centred"],
    ),
    (
        exercises_02.check_l1_antirectify,
        "not normalised",
        l1_variant(norm=None),
        ["did not divide"],
    ),
    (
        exercises_02.check_l1_antirectify,
        "the halves swapped",
        l1_variant(halves="neg-pos"),
        ["Close", "swapped"],
    ),
    (
        exercises_02.check_l1_antirectify,
        "x and -x",
        l1_variant(halves="x, -x"),
        ["negative values"],
    ),
    (
        exercises_02.check_l1_antirectify,
        "concatenated along the batch axis",
        l1_variant(concat_axis=0),
        ["shape (6, 4)", "axis=-1"],
    ),
    (
        exercises_02.check_l1_antirectify,
        "an epsilon too large",
        l1_variant(epsilon=1e-2),
        ["Close", "epsilon"],
    ),
    (
        exercises_02.check_axis_layer,
        "get_config returns only the axis",
        OnlyAxisInConfig,
        ["name='mine', dtype='float64'", "super().get_config()", "float32"],
    ),
    (
        exercises_02.check_axis_layer,
        "kwargs taken and dropped",
        SwallowsKwargs,
        ["super().__init__(**kwargs)"],
    ),
    (
        exercises_02.check_axis_layer,
        "axis 1 written everywhere",
        AxisOneEverywhere,
        ["axis=-1", "(2, 2, 3)", "(2, 2, 6)"],
    ),
    (
        exercises_02.check_axis_layer,
        "concatenated along the last axis",
        ConcatenatesAlongLastAxis,
        ["axis=1", "concatenate along `axis`"],
    ),
    (
        exercises_02.check_axis_layer,
        "normalised along the last axis",
        NormalisesAlongLastAxis,
        ["values are not", "[[[0.0, 3.0], [1.0, 0.0], [2.0, 0.0]]"],
    ),
    (
        exercises_03.check_reconstruct_preactivations,
        "the steps undone in the wrong order",
        lambda out, means, norms: (out[:, :4] - out[:, 4:] + means) * norms,
        ["reverse order"],
    ),
    (
        exercises_03.check_reconstruct_preactivations,
        "divides by the norms",
        lambda out, means, norms: (out[:, :4] - out[:, 4:]) / norms + means,
        ["multiply"],
    ),
    (
        exercises_03.check_reconstruct_preactivations,
        "the first half only",
        lambda out, means, norms: out[:, :4] * norms + means,
        ["first half", "subtract"],
    ),
    (
        exercises_03.check_reconstruct_preactivations,
        "the halves added",
        lambda out, means, norms: (out[:, :4] + out[:, 4:]) * norms + means,
        ["loses the sign"],
    ),
    (
        exercises_03.check_reconstruct_preactivations,
        "0.2% off",
        lambda out, means, norms: reconstruct_reference(out, means, norms) * 1.002,
        ["Close", "row_means=[[3.0], [1.0]]", "expected [[1.0, 2.0, 3.0, 6.0]"],
    ),
    (
        exercises_03.check_discarded_share,
        "the share of negative values",
        lambda z: float(np.mean(z < 0)),
        ["*values*", "On [[-4.0, 1.0], [0.0, 2.0], [1.0, -1.0]]"],
    ),
    (
        exercises_03.check_discarded_share,
        "the share that ReLU keeps",
        lambda z: np.sum(np.maximum(z, 0) ** 2) / np.sum(z**2),
        ["keeps"],
    ),
    (
        exercises_03.check_discarded_share,
        "absolute values",
        lambda z: np.sum(np.abs(np.minimum(z, 0))) / np.sum(np.abs(z)),
        ["absolute values"],
    ),
    (
        exercises_03.check_discarded_share,
        "the mean of the rows' shares",
        lambda z: np.mean(np.sum(np.minimum(z, 0) ** 2, axis=1) / np.sum(z**2, axis=1)),
        ["each row's", "whole array", "On [[-4.0, 1.0], [0.0, 2.0], [1.0, -1.0]]"],
    ),
    (
        exercises_03.check_discarded_share,
        "divided by the positive part",
        lambda z: np.sum(np.minimum(z, 0) ** 2) / np.sum(np.maximum(z, 0) ** 2),
        ["the total"],
    ),
    (
        exercises_03.check_discarded_share,
        "a ratio of norms",
        lambda z: np.linalg.norm(np.minimum(z, 0)) / np.linalg.norm(z),
        ["needs no root"],
    ),
    (
        exercises_03.check_discarded_share,
        "rounded to 3 decimals",
        lambda z: round(float(np.sum(np.minimum(z, 0) ** 2) / np.sum(z**2)), 3),
        ["Close", "0.739130", "on [[-4.0, 1.0], [0.0, 2.0], [1.0, -1.0]]"],
    ),
    (
        exercises_04.check_predicted_parameters,
        "no biases",
        lambda w, a: 784 * w + (2 * w if a == "antirectifier" else w) * (w + 10),
        ["bias"],
    ),
    (
        exercises_04.check_predicted_parameters,
        "no doubling",
        lambda w, a: parameters_reference(w, "relu"),
        ["twice as many inputs"],
    ),
    (
        exercises_04.check_predicted_parameters,
        "the classifier sees width inputs",
        lambda w, a: parameters_reference(w, a) - (10 * w if a == "antirectifier" else 0),
        ["Close", "classifier"],
    ),
    (
        exercises_04.check_predicted_parameters,
        "no classifier bias",
        lambda w, a: parameters_reference(w, a) - 10,
        ["Close", "off by -10", "for width 512"],
    ),
    (
        exercises_04.check_predicted_parameters,
        "no classifier",
        lambda w, a: parameters_reference(w, a) - (10 * w + 10),
        ["for width 512", "669,706"],
    ),
    (
        exercises_04.check_most_confused_pair,
        "the two modes taken separately",
        pair_from_separate_modes,
        ["(7, 1)", "separately", "labels=[7, 1, 7, 4"],
    ),
    (
        exercises_04.check_most_confused_pair,
        "pairs counted without order",
        pair_without_order,
        ["both directions", "different mistakes", "labels=[7, 1, 7, 4"],
    ),
    (
        exercises_04.check_most_confused_pair,
        "(predicted, true)",
        lambda labels, predicted: pair_with_a_counter(predicted, labels),
        ["order"],
    ),
    (
        exercises_04.check_most_confused_pair,
        "correct predictions counted",
        pair_counting_correct_ones,
        ["correct prediction"],
    ),
    (
        exercises_04.check_most_confused_pair,
        "the second most frequent mistake",
        lambda labels, predicted: collections.Counter(
            (t, p) for t, p in zip(labels, predicted, strict=True) if t != p
        ).most_common()[1][0],
        ["labels=[1, 1, 1, 4", "occurs once", "occurs twice"],
    ),
    (
        exercises_05.check_pairing_variance_ratio,
        "the sign of the covariance",
        lambda a, b, r: (a**2 + b**2 + 2 * r * a * b) / (a**2 + b**2),
        ["sign"],
    ),
    (
        exercises_05.check_pairing_variance_ratio,
        "the covariance once",
        lambda a, b, r: (a**2 + b**2 - r * a * b) / (a**2 + b**2),
        ["twice"],
    ),
    (
        exercises_05.check_pairing_variance_ratio,
        "a ratio of standard deviations",
        lambda a, b, r: math.sqrt((a**2 + b**2 - 2 * r * a * b) / (a**2 + b**2)),
        ["deviations"],
    ),
    (
        exercises_05.check_pairing_variance_ratio,
        "the inverse ratio",
        lambda a, b, r: (a**2 + b**2) / (a**2 + b**2 - 2 * r * a * b),
        ["inverse"],
    ),
    (
        exercises_05.check_pairing_variance_ratio,
        "rounded to 3 decimals",
        lambda a, b, r: round((a**2 + b**2 - 2 * r * a * b) / (a**2 + b**2), 3),
        ["Close", "0.261538", "(0.09, 0.06, 0.8)"],
    ),
    (
        exercises_05.check_verdict,
        "no margin",
        lambda low, high, margin: "equivalent" if low <= 0 <= high else "different",
        ["[0.03, 0.12]", "margin 0.2", "too small to matter"],
    ),
]


@pytest.mark.parametrize(
    "check, slip, answer, words",
    [pytest.param(*row, id=f"{row[0].__name__}-{row[1]}") for row in NEAR_MISSES],
)
def test_an_almost_right_answer_is_rejected_with_its_diagnosis(check, slip, answer, words):
    result, message = _run(check, answer)
    assert result is False, f"{check.__name__} accepted {slip}: {message}"
    assert not message.startswith("Right") and LAST_RESORT not in message, message
    for word in words:
        assert word in message, f"{slip}: {word!r} not in {message!r}"


def _raising(*arguments, **keywords):
    raise ZeroDivisionError("division by zero")


class RaisingLayer(AxisAntirectifier):
    def call(self, x):
        raise ZeroDivisionError("division by zero")


# (check, an answer that raises, the input its message must show)
INPUT_SHOWN = [
    (exercises_01.check_expected_fraction_zeroed, _raising, "For mean 0.0, sd 1.0"),
    (
        exercises_01.check_undo_leaky_relu,
        _raising,
        "y = [-0.2, -0.05, 0.0, 0.5, 3.0, 4.0, -0.8, 1.0, -0.01, 0.0] and negative_slope=0.1",
    ),
    (
        exercises_02.check_l1_antirectify,
        _raising,
        "On [[1.0, 2.0, 3.0, 6.0], [4.0, 4.0, 4.0, 4.0], [-2.0, 0.0, 0.0, 2.0]]",
    ),
    (
        exercises_02.check_axis_layer,
        RaisingLayer,
        "on [[[0.0, 3.0], [1.0, 0.0], [2.0, 0.0]], [[4.0, 0.0], [0.0, 0.0], [2.0, 3.0]]]",
    ),
    (
        exercises_03.check_reconstruct_preactivations,
        _raising,
        "row_means=[[3.0], [1.0]] and row_norms=[[3.7417], [4.899]]",
    ),
    (exercises_03.check_discarded_share, _raising, "On [[1.0, -1.0], [2.0, -2.0]]"),
    (exercises_04.check_predicted_parameters, _raising, "For width 512 and activation 'relu'"),
    (
        exercises_04.check_most_confused_pair,
        _raising,
        "labels=[1, 1, 1, 4, 4, 4, 7, 7, 9, 9] and predicted=[1, 1, 1, 9, 9, 4, 1, 2, 4, 9]",
    ),
    (exercises_05.check_pairing_variance_ratio, _raising, "(0.1, 0.1, 0.0)"),
    (exercises_05.check_verdict, _raising, "[0.05, 0.3] and margin 0.2"),
]


@pytest.mark.parametrize(
    "check, answer, given", [pytest.param(*row, id=row[0].__name__) for row in INPUT_SHOWN]
)
def test_a_message_about_an_error_shows_the_input_that_raised_it(check, answer, given):
    result, message = _run(check, answer)
    assert result is False and given in message, message
    assert "ZeroDivisionError: division by zero" in message, message
    assert "input in this message" not in message, message


def test_a_truth_value_error_from_a_loop_is_explained():
    def loop_over_rows(output, row_means, row_norms):
        return [[value if value > 0 else 0 for value in row] for row in output if row > 0]

    result, message = _run(exercises_03.check_reconstruct_preactivations, loop_over_rows)
    assert result is False and "met a whole array" in message and "np.where" in message, message


def test_the_last_resort_message_names_the_call_that_returned_the_answer():
    class Unreadable:  # np.asarray cannot turn it into numbers, nor can float()
        def __array__(self, *args, **kwargs):
            raise RuntimeError("no numbers here")

    result, message = _run(exercises_03.check_discarded_share, lambda z: Unreadable())
    assert result is False and "On [[1.0, -1.0], [2.0, -2.0]]" in message, message


def test_the_counts_written_into_the_confusion_check_match_its_arrays():
    for case in exercises_04.CONFUSION_CASES:
        counted = collections.Counter(
            (t, p) for t, p in zip(case["labels"], case["predicted"], strict=True) if t != p
        )
        assert counted == case["mistakes"]
        if "separately" in case:
            assert (
                pair_from_separate_modes(np.array(case["labels"]), np.array(case["predicted"]))
                == case["separately"]
            )


def test_the_values_written_into_the_checks_match_a_computation():
    for (mean, sd), expected, fires, without_root_two, with_variance in _cases_of(
        exercises_01.check_expected_fraction_zeroed
    ):
        assert math.isclose(expected, scipy.stats.norm.cdf(-mean / sd), rel_tol=1e-9, abs_tol=1e-12)
        assert math.isclose(fires, scipy.stats.norm.sf(-mean / sd), rel_tol=1e-9)
        assert math.isclose(without_root_two, 0.5 * (1 + math.erf(-mean / sd)), abs_tol=1e-11)
        assert math.isclose(with_variance, scipy.stats.norm.cdf(-mean / sd**2), abs_tol=1e-11)
    assert np.allclose(
        keras.ops.convert_to_numpy(l1_with_ops(exercises_02.L1_INPUT)),
        exercises_02.L1_EXPECTED,
        atol=1e-7,
    )
    layer = AxisAntirectifier(axis=1)
    assert np.allclose(
        keras.ops.convert_to_numpy(layer(exercises_02.AXIS_INPUT)),
        exercises_02.AXIS_EXPECTED,
        atol=1e-7,
    )
    assert np.allclose(
        exercises_03.ROW_NORMS,
        np.linalg.norm(exercises_03.PREACTIVATIONS - exercises_03.ROW_MEANS, axis=1, keepdims=True),
    )


def _cases_of(check):
    """The `cases` list a check defines (read from its code, so the test sees what it uses)."""
    import ast
    import inspect

    source = inspect.getsource(inspect.unwrap(check))
    tree = ast.parse(source.lstrip())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "cases":
            return ast.literal_eval(node.value)
    raise AssertionError(f"{check.__name__} defines no cases")


def test_the_parameter_counts_written_into_the_check_are_what_keras_counts():
    from antirectifier_tutorial.models import reference_model

    for (width, activation), expected, _ in _cases_of(exercises_04.check_predicted_parameters):
        assert reference_model(activation, width=width).count_params() == expected
