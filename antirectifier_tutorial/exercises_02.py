"""Self-checks and hints for notebook 02's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import keras
import numpy as np

from antirectifier_tutorial.self_check import as_array, call, hints, self_check, WrongAnswer

hint = hints({
    1: ["Three steps, as in the notebook's L2 version: centre each row, divide by a norm, "
        "concatenate the two halves. Only the norm changes, and a constant row needs care.",
        "The L1 norm of each row: `ops.sum(ops.abs(x), axis=-1, keepdims=True)`; "
        "`ops.where(norm > 0, norm, 1)` avoids dividing by 0."],
    2: ["Store `axis` in `__init__` and use `self.axis` wherever the notebook's layer uses -1; "
        "`get_config` must add it to what `Layer.get_config()` returns.",
        "`ops.mean(x, axis=self.axis, keepdims=True)`, the same for the sum of squares, and "
        "`ops.concatenate([...], axis=self.axis)`; `__init__(self, axis=-1, **kwargs)` passes "
        "`**kwargs` on to `super().__init__`."],
})

# Exercise 1's input and the output expected from it (rows: ordinary, constant, symmetric).
L1_INPUT = np.array([[1.0, 2.0, 3.0, 6.0], [4.0, 4.0, 4.0, 4.0], [-2.0, 0.0, 0.0, 2.0]], dtype="float32")
L1_EXPECTED = np.array([[0, 0, 0, 1 / 2, 1 / 3, 1 / 6, 0, 0], [0] * 8, [0, 0, 0, 1 / 2, 1 / 2, 0, 0, 0]])
L1_UNCENTRED_FIRST_ROW = np.array([1 / 12, 1 / 6, 1 / 4, 1 / 2, 0, 0, 0, 0])


@self_check
def check_l1_antirectify(l1_antirectify):
    """Self-check for exercise 1."""
    answer = as_array(call(l1_antirectify, L1_INPUT.copy()), L1_EXPECTED.shape,
                      f"On {L1_INPUT.tolist()} your function")
    if np.allclose(answer, L1_EXPECTED, atol=1e-6):
        print("Right: each output row has L1 norm 1 (or is 0 for a constant row).")
        return True
    if np.allclose(answer[0], L1_UNCENTRED_FIRST_ROW, atol=1e-6):
        raise WrongAnswer("On the row [1, 2, 3, 6] your output is not centred: subtract each row's "
                          "mean first.")
    if np.allclose(answer[:, :4], answer[:, 4:], atol=1e-6):
        raise WrongAnswer("Both halves of your output are the same: the second half is the "
                          "positive part of the *negated* row.")
    if np.allclose(np.abs(answer).sum(axis=1), [1, 0, 1], atol=1e-5):
        raise WrongAnswer("Your rows have L1 norm 1, but the values differ from the expected "
                          f"{np.round(L1_EXPECTED, 4).tolist()}: check the order [positive half, negative half].")
    if not np.allclose(answer[1], 0):
        raise WrongAnswer("The constant row [4, 4, 4, 4] should give 0 everywhere: after centring it is all 0.")
    raise WrongAnswer(f"On {L1_INPUT.tolist()} the expected output is {np.round(L1_EXPECTED, 4).tolist()}; "
                      f"yours is {np.round(answer, 4).tolist()}.")


# Exercise 2's input, shape (2, 3, 2), and the output expected along axis=1, shape (2, 6, 2).
AXIS_INPUT = np.array([[[0.0, 3.0], [1.0, 0.0], [2.0, 0.0]],
                       [[4.0, 0.0], [0.0, 0.0], [2.0, 3.0]]], dtype="float32")
_r, _s, _q = 0.70710678, 0.81649658, 0.40824829
AXIS_EXPECTED = np.array([[[0, _s], [0, 0], [_r, 0], [_r, 0], [0, _q], [0, _q]],
                          [[_r, 0], [0, 0], [0, _s], [0, _q], [_r, _q], [0, 0]]])


@self_check
def check_axis_layer(layer_class):
    """Self-check for exercise 2."""
    layer = call(layer_class, axis=1, describe="Creating your layer with AxisAntirectifier(axis=1)")
    if not isinstance(layer, keras.layers.Layer):
        raise WrongAnswer(f"AxisAntirectifier(axis=1) gave {type(layer).__name__}, not a Keras layer: "
                          "subclass keras.layers.Layer.")
    config = call(layer.get_config, describe="get_config()")
    if not isinstance(config, dict) or config.get("axis") != 1:
        raise WrongAnswer("get_config() must include 'axis' (added to what Layer.get_config() returns), "
                          "or a reloaded layer forgets it.")
    try:
        rebuilt = layer_class.from_config(config)
    except TypeError as error:
        raise WrongAnswer(f"Rebuilding the layer from its config failed ({error}): Keras passes "
                          "'name', 'trainable' and 'dtype' to the constructor, so it must accept "
                          "**kwargs and hand them to super().__init__.") from None
    except Exception as error:
        raise WrongAnswer(f"Rebuilding the layer from its config failed: {type(error).__name__}: {error}.") from None
    output = call(rebuilt, AXIS_INPUT.copy(), describe="Calling your layer on an input of shape (2, 3, 2)")
    if output is None:
        raise WrongAnswer("Your layer's call() returned None: did you forget `return`?")
    if tuple(np.shape(output)) != AXIS_EXPECTED.shape:
        raise WrongAnswer(f"With axis=1 the output of an input of shape (2, 3, 2) should have shape "
                          f"{AXIS_EXPECTED.shape}, not {tuple(np.shape(output))}: concatenate along `axis` too.")
    answer = as_array(keras.ops.convert_to_numpy(output), AXIS_EXPECTED.shape, "Your layer")
    if not np.allclose(answer, AXIS_EXPECTED, atol=1e-5):
        raise WrongAnswer("The shape is right but the values are not: centre and normalise along `axis` too.")
    print("Right: the layer works along any axis and its config round-trips.")
    return True
