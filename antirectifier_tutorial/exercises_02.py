"""Self-checks and hints for notebook 02's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import keras
import numpy as np

from antirectifier_tutorial.self_check import (
    WrongAnswer,
    as_array,
    call,
    close,
    hints,
    near,
    self_check,
    to_numpy,
)

hint = hints(
    {
        1: [
            "Three steps, as in the notebook's L2 version: centre each row, divide by a norm, "
            "concatenate the two halves. Only the norm changes, and a constant row needs care.",
            "The L1 norm of each row: `ops.sum(ops.abs(x), axis=-1, keepdims=True)`; "
            "`ops.where(norm > 0, norm, 1)` avoids dividing by 0.",
        ],
        2: [
            "Store `axis` in `__init__` and use `self.axis` wherever the notebook's layer uses -1; "
            "`get_config` must add it to what `Layer.get_config()` returns.",
            "`ops.mean(x, axis=self.axis, keepdims=True)`, the same for the sum of squares, and "
            "`ops.concatenate([...], axis=self.axis)`; `__init__(self, axis=-1, **kwargs)` passes "
            "`**kwargs` on to `super().__init__`.",
        ],
    }
)

# Exercise 1's input and the output expected from it (rows: ordinary, constant, symmetric).
L1_INPUT = np.array(
    [[1.0, 2.0, 3.0, 6.0], [4.0, 4.0, 4.0, 4.0], [-2.0, 0.0, 0.0, 2.0]], dtype="float32"
)
L1_EXPECTED = np.array(
    [[0, 0, 0, 1 / 2, 1 / 3, 1 / 6, 0, 0], [0] * 8, [0, 0, 0, 1 / 2, 1 / 2, 0, 0, 0]]
)
# The input centred along each row (what the steps start from; the notebook shows this step)
# and, for the diagnoses, centred along the batch axis instead: each column minus its mean.
L1_ROWS_CENTRED = np.array([[-2.0, -1.0, 0.0, 3.0], [0.0, 0.0, 0.0, 0.0], [-2.0, 0.0, 0.0, 2.0]])
L1_COLUMNS_CENTRED = np.array(
    [[0.0, 0.0, 2 / 3, 2.0], [3.0, 2.0, 5 / 3, 0.0], [-3.0, -2.0, -7 / 3, -2.0]]
)


def _shape(value):
    """The shape of an array-like answer, or None (for text, ragged lists, objects)."""
    try:
        return None if isinstance(value, (str, bytes)) else np.shape(value)
    except Exception:
        return None


def _same_direction(rows, references):
    """Whether each row is a positive multiple of its reference row (0 where the reference is 0)."""
    for row, reference in zip(rows, references, strict=True):
        if not reference.any():
            if not close(row, 0 * row, atol=1e-5):
                return False
            continue
        scale = row @ reference / (reference @ reference)
        if scale <= 0 or not close(row, scale * reference, atol=1e-5):
            return False
    return True


@self_check
def check_l1_antirectify(l1_antirectify):
    """Self-check for exercise 1."""
    on_input = f"On {L1_INPUT.tolist()}"
    given = f"{on_input} your function"
    returned = to_numpy(call(l1_antirectify, L1_INPUT.copy(), describe=given))
    if _shape(returned) == (6, 4):
        raise WrongAnswer(
            f"{given} returned shape (6, 4): you concatenated along the batch "
            "axis (axis 0); concatenate each row's two halves, along axis=-1."
        )
    answer = as_array(returned, L1_EXPECTED.shape, given)
    if close(answer, L1_EXPECTED):
        print(
            "Right: your function gives the expected output for an ordinary, a constant and a "
            "symmetric row."
        )
        return True
    expected = f"the expected output is {np.round(L1_EXPECTED, 4).tolist()}"
    if close(answer[:, :4], answer[:, 4:]):
        raise WrongAnswer(
            "Both halves of your output are the same: the second half is the "
            "positive part of the *negated* row."
        )
    if (answer < -1e-6).any():
        raise WrongAnswer(
            f"{given} returned negative values: both halves are positive parts, "
            "of the centred, normalised row and of its negation."
        )
    if close(answer, np.concatenate([L1_EXPECTED[:, 4:], L1_EXPECTED[:, :4]], axis=1)):
        raise WrongAnswer(
            f"Close: {given.lower()} returned the two halves swapped. The order "
            "is [positive part, positive part of the negated row]."
        )
    signed = answer[:, :4] - answer[:, 4:]  # the centred, normalised rows, if the halves are right
    if _same_direction(signed, L1_COLUMNS_CENTRED):
        raise WrongAnswer(
            f"{given} returned rows centred over the batch axis (axis 0): you "
            "subtracted each column's mean. Centre each row, along axis=-1 "
            "(with keepdims=True)."
        )
    if _same_direction(signed.T, L1_COLUMNS_CENTRED.T):
        raise WrongAnswer(
            f"{given} returned rows centred and normalised over the batch axis "
            "(axis 0). Work along each row: axis=-1, with keepdims=True."
        )
    if _same_direction(signed, L1_INPUT):
        raise WrongAnswer(
            f"{given} returned rows that are not centred: subtract each row's mean first."
        )
    rows_right = _same_direction(signed, L1_ROWS_CENTRED)
    if _same_direction(signed.T, L1_ROWS_CENTRED.T) and not rows_right:
        raise WrongAnswer(
            f"{given} returned rows that are centred right but divided by a norm "
            "over the batch axis (axis 0): sum each row's absolute values, along "
            "axis=-1."
        )
    if near(answer, L1_EXPECTED):
        raise WrongAnswer(
            f"Close: {given.lower()} is off by up to "
            f"{np.abs(answer - L1_EXPECTED).max():.1e}, more than float32 rounding; "
            "an epsilon added to the norm? Use it only where the norm is 0."
        )
    if rows_right:
        if close(np.sqrt(np.square(signed).sum(axis=1)), [1, 0, 1], atol=1e-5):
            raise WrongAnswer(
                f"Close: {given.lower()} divided by the L2 norm (the notebook's "
                "version); this exercise divides by the sum of absolute values."
            )
        if close(signed, L1_ROWS_CENTRED):
            raise WrongAnswer(
                f"{given} centred the rows but did not divide them by the sum of "
                "their absolute values."
            )
        raise WrongAnswer(
            f"{given} centred the rows right but scaled them differently: divide "
            f"each centred row by the sum of its absolute values; {expected}."
        )
    if not close(answer[1], 0 * answer[1], atol=1e-5):
        raise WrongAnswer(
            "The constant row [4, 4, 4, 4] should give 0 everywhere: after centring it is all 0."
        )
    raise WrongAnswer(f"{on_input} {expected}; yours is {np.round(answer, 4).tolist()}.")


# Exercise 2's input, shape (2, 3, 2), and the output expected along axis=1, shape (2, 6, 2).
AXIS_INPUT = np.array(
    [[[0.0, 3.0], [1.0, 0.0], [2.0, 0.0]], [[4.0, 0.0], [0.0, 0.0], [2.0, 3.0]]], dtype="float32"
)
_r, _s, _q = 0.70710678, 0.81649658, 0.40824829
AXIS_EXPECTED = np.array(
    [
        [[0, _s], [0, 0], [_r, 0], [_r, 0], [0, _q], [0, _q]],
        [[_r, 0], [0, 0], [0, _s], [0, _q], [_r, _q], [0, 0]],
    ]
)


def _layer_output(layer, x, axis, expected):
    """The layer's output on x, or WrongAnswer saying how it differs from `expected`."""
    made = f"AxisAntirectifier(axis={axis})"
    output = call(layer, x.copy(), describe=f"Calling {made} on {x.tolist()}")
    if output is None:
        raise WrongAnswer("Your layer's call() returned None: did you forget `return`?")
    shape = _shape(to_numpy(output))
    if shape != expected.shape:
        raise WrongAnswer(
            f"With axis={axis} the output of an input of shape {x.shape} should have "
            f"shape {expected.shape}, not {shape}: concatenate along `axis` too."
        )
    answer = as_array(output, expected.shape, f"Calling {made} on {x.tolist()}")
    if not close(answer, expected):
        raise WrongAnswer(
            f"With axis={axis}, on {x.tolist()} (shape {x.shape}), the shape is "
            "right but the values are not: centre and normalise along `axis` too. "
            f"Expected {np.round(expected, 3).tolist()}."
        )


@self_check
def check_axis_layer(layer_class):
    """Self-check for exercise 2."""
    # A name and a dtype that are not the defaults: the config must carry them too.
    made = "AxisAntirectifier(axis=1, name='mine', dtype='float64')"
    try:
        layer = call(
            layer_class,
            axis=1,
            name="mine",
            dtype="float64",
            describe=f"Creating your layer with {made}",
        )
    except WrongAnswer as wrong:
        error = getattr(wrong, "error", None)
        if isinstance(error, TypeError) and any(word in str(error) for word in ("name", "dtype")):
            raise WrongAnswer(
                f"{made} raised TypeError: {error}. Keras passes 'name', "
                "'trainable' and 'dtype' to the constructor (from_config does too), "
                "so it must accept **kwargs and hand them to "
                "super().__init__."
            ) from None
        raise
    if not isinstance(layer, keras.layers.Layer):
        raise WrongAnswer(
            f"AxisAntirectifier(axis=1) gave {type(layer).__name__}, not a Keras "
            "layer: subclass keras.layers.Layer."
        )
    if layer.name != "mine" or str(layer.dtype) != "float64":
        raise WrongAnswer(
            f"{made} made a layer named {layer.name!r} with dtype {layer.dtype}: "
            "hand **kwargs on to super().__init__(**kwargs)."
        )
    config = call(layer.get_config, describe="get_config()")
    if not isinstance(config, dict) or config.get("axis") != 1:
        raise WrongAnswer(
            "get_config() must include 'axis' (added to what Layer.get_config() "
            "returns), or a reloaded layer forgets it."
        )
    try:
        rebuilt = layer_class.from_config(config)
    except TypeError as error:
        raise WrongAnswer(
            f"Rebuilding the layer from its config failed ({error}): Keras passes "
            "'name', 'trainable' and 'dtype' to the constructor, so it must accept "
            "**kwargs and hand them to super().__init__."
        ) from None
    except Exception as error:
        raise WrongAnswer(
            f"Rebuilding the layer from its config failed: {type(error).__name__}: {error}."
        ) from None
    if rebuilt.name != layer.name or str(rebuilt.dtype) != str(layer.dtype):
        raise WrongAnswer(
            f"get_config() returned {config!r:.100}; a layer made with {made} comes "
            f"back from it named {rebuilt.name!r}, with dtype {rebuilt.dtype}. Start "
            "from what Layer.get_config() returns (super().get_config()) and add "
            "'axis' to it."
        )
    # The values, from layers rebuilt from their configs (in float32: JAX warns about float64).
    # Along the last axis too, with the same numbers: a layer that ignores `axis` fails one.
    along_last = (AXIS_INPUT.transpose(0, 2, 1), AXIS_EXPECTED.transpose(0, 2, 1))
    for axis, x, expected in [(1, AXIS_INPUT, AXIS_EXPECTED), (-1, *along_last)]:
        layer = call(
            layer_class,
            axis=axis,
            describe=f"Creating your layer with AxisAntirectifier(axis={axis})",
        )
        rebuilt = call(
            layer_class.from_config,
            layer.get_config(),
            describe=f"Rebuilding AxisAntirectifier(axis={axis}) from its config",
        )
        _layer_output(rebuilt, x, axis, expected)
    print("Right: the layer works along any axis and its config round-trips.")
    return True
