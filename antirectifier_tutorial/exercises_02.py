"""Self-checks and hints for notebook 02's exercises (the expected values are written out as
numbers, so reading this file does not give the answers away)."""

import keras
import numpy as np

from antirectifier_tutorial.language import say
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
        1: {
            "en": [
                "Three steps, as in the notebook's L2 version: centre each row, divide by a norm, "
                "concatenate the two halves. Only the norm changes, and a constant row needs care.",
                "The L1 norm of each row: `ops.sum(ops.abs(x), axis=-1, keepdims=True)`; "
                "`ops.where(norm > 0, norm, 1)` avoids dividing by 0.",
            ],
            "zh": [
                "三个步骤，与笔记本中的 L2 版本相同：将每一行中心化，除以一个范数，再拼接两半。"
                "只有范数变了，另外要小心处理常数行。",
                "每一行的 L1 范数：`ops.sum(ops.abs(x), axis=-1, keepdims=True)`；"
                "`ops.where(norm > 0, norm, 1)` 可以避免除以 0。",
            ],
        },
        2: {
            "en": [
                "Store `axis` in `__init__` and use `self.axis` wherever the notebook's layer uses "
                "-1; `get_config` must add it to what `Layer.get_config()` returns.",
                "`ops.mean(x, axis=self.axis, keepdims=True)`, the same for the sum of squares, "
                "and `ops.concatenate([...], axis=self.axis)`; `__init__(self, axis=-1, **kwargs)` "
                "passes `**kwargs` on to `super().__init__`.",
            ],
            "zh": [
                "在 `__init__` 中保存 `axis`，并在笔记本的层用到 -1 的每个地方改用 `self.axis`；"
                "`get_config` 必须把它加入 `Layer.get_config()` 返回的内容中。",
                "用 `ops.mean(x, axis=self.axis, keepdims=True)`，平方和同理，拼接用 "
                "`ops.concatenate([...], axis=self.axis)`；`__init__(self, axis=-1, **kwargs)` "
                "要把 `**kwargs` 传给 `super().__init__`。",
            ],
        },
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
    inputs = L1_INPUT.tolist()
    given = say("On {inputs} your function", "输入为 {inputs} 时，你的函数", inputs=inputs)
    returned = to_numpy(call(l1_antirectify, L1_INPUT.copy(), describe=given))
    if _shape(returned) == (6, 4):
        raise WrongAnswer(
            say(
                "{given} returned shape (6, 4): you concatenated along the batch "
                "axis (axis 0); concatenate each row's two halves, along axis=-1.",
                "{given}返回的形状是 (6, 4)：你沿批量轴（axis 0）做了拼接；"
                "应沿 axis=-1 拼接每一行的两半。",
                given=given,
            )
        )
    answer = as_array(returned, L1_EXPECTED.shape, given)
    if close(answer, L1_EXPECTED):
        print(
            say(
                "Right: your function gives the expected output for an ordinary, a constant "
                "and a symmetric row.",
                "正确：对普通行、常数行和对称行，你的函数都给出了预期的输出。",
            )
        )
        return True
    expected = say(
        "the expected output is {values}",
        "预期输出为 {values}",
        values=np.round(L1_EXPECTED, 4).tolist(),
    )
    if close(answer[:, :4], answer[:, 4:]):
        raise WrongAnswer(
            say(
                "Both halves of your output are the same: the second half is the "
                "positive part of the *negated* row.",
                "你的输出前后两半相同：后一半应是*取负后*的行的正部。",
            )
        )
    if (answer < -1e-6).any():
        raise WrongAnswer(
            say(
                "{given} returned negative values: both halves are positive parts, "
                "of the centred, normalised row and of its negation.",
                "{given}返回了负值：两半都是正部，分别取自中心化并归一化后的行，以及它取负后的结果。",
                given=given,
            )
        )
    if close(answer, np.concatenate([L1_EXPECTED[:, 4:], L1_EXPECTED[:, :4]], axis=1)):
        raise WrongAnswer(
            say(
                "Close: {given} returned the two halves swapped. The order "
                "is [positive part, positive part of the negated row].",
                "很接近：{given}返回的两半顺序颠倒了。顺序应为：先是正部，再是取负后的行的正部。",
                given=given.lower(),
            )
        )
    signed = answer[:, :4] - answer[:, 4:]  # the centred, normalised rows, if the halves are right
    if _same_direction(signed, L1_COLUMNS_CENTRED):
        raise WrongAnswer(
            say(
                "{given} returned rows centred over the batch axis (axis 0): you "
                "subtracted each column's mean. Centre each row, along axis=-1 "
                "(with keepdims=True).",
                "{given}返回的各行是沿批量轴（axis 0）中心化的：你减去的是每一列的均值。"
                "应沿 axis=-1（并设 keepdims=True）将每一行中心化。",
                given=given,
            )
        )
    if _same_direction(signed.T, L1_COLUMNS_CENTRED.T):
        raise WrongAnswer(
            say(
                "{given} returned rows centred and normalised over the batch axis "
                "(axis 0). Work along each row: axis=-1, with keepdims=True.",
                "{given}返回的各行是沿批量轴（axis 0）中心化并归一化的。"
                "应沿每一行计算：axis=-1，并设 keepdims=True。",
                given=given,
            )
        )
    if _same_direction(signed, L1_INPUT):
        raise WrongAnswer(
            say(
                "{given} returned rows that are not centred: subtract each row's mean first.",
                "{given}返回的各行没有中心化：请先减去每一行的均值。",
                given=given,
            )
        )
    rows_right = _same_direction(signed, L1_ROWS_CENTRED)
    if _same_direction(signed.T, L1_ROWS_CENTRED.T) and not rows_right:
        raise WrongAnswer(
            say(
                "{given} returned rows that are centred right but divided by a norm "
                "over the batch axis (axis 0): sum each row's absolute values, along "
                "axis=-1.",
                "{given}返回的各行中心化正确，但除以的是沿批量轴（axis 0）计算的范数："
                "应沿 axis=-1 对每一行的绝对值求和。",
                given=given,
            )
        )
    if near(answer, L1_EXPECTED):
        raise WrongAnswer(
            say(
                "Close: {given} is off by up to {off:.1e}, more than float32 rounding; "
                "an epsilon added to the norm? Use it only where the norm is 0.",
                "很接近：{given}输出的偏差最大达 {off:.1e}，超出了 float32 的舍入误差；"
                "是不是给范数加了一个 epsilon？它只应在范数为 0 的地方使用。",
                given=given.lower(),
                off=np.abs(answer - L1_EXPECTED).max(),
            )
        )
    if rows_right:
        if close(np.sqrt(np.square(signed).sum(axis=1)), [1, 0, 1], atol=1e-5):
            raise WrongAnswer(
                say(
                    "Close: {given} divided by the L2 norm (the notebook's "
                    "version); this exercise divides by the sum of absolute values.",
                    "很接近：{given}除以的是 L2 范数（笔记本中的版本）；本练习要除以绝对值之和。",
                    given=given.lower(),
                )
            )
        if close(signed, L1_ROWS_CENTRED):
            raise WrongAnswer(
                say(
                    "{given} centred the rows but did not divide them by the sum of "
                    "their absolute values.",
                    "{given}对各行做了中心化，但没有把它们除以各自的绝对值之和。",
                    given=given,
                )
            )
        raise WrongAnswer(
            say(
                "{given} centred the rows right but scaled them differently: divide "
                "each centred row by the sum of its absolute values; {expected}.",
                "{given}对各行的中心化正确，但缩放方式不对：应将中心化后的每一行除以它的"
                "绝对值之和；{expected}。",
                given=given,
                expected=expected,
            )
        )
    if not close(answer[1], 0 * answer[1], atol=1e-5):
        raise WrongAnswer(
            say(
                "The constant row [4, 4, 4, 4] should give 0 everywhere: after centring it is "
                "all 0.",
                "常数行 [4, 4, 4, 4] 的输出应处处为 0：中心化之后它全为 0。",
            )
        )
    raise WrongAnswer(
        say(
            "On {inputs} {expected}; yours is {answer}.",
            "输入为 {inputs} 时，{expected}；你的输出为 {answer}。",
            inputs=inputs,
            expected=expected,
            answer=np.round(answer, 4).tolist(),
        )
    )


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
    calling = say(
        "Calling {made} on {x}", "对输入 {x} 调用 {made} 时，该层", made=made, x=x.tolist()
    )
    output = call(layer, x.copy(), describe=calling)
    if output is None:
        raise WrongAnswer(
            say(
                "Your layer's call() returned None: did you forget `return`?",
                "你的层的 call() 返回了 None：是不是忘了写 `return`？",
            )
        )
    shape = _shape(to_numpy(output))
    if shape != expected.shape:
        raise WrongAnswer(
            say(
                "With axis={axis} the output of an input of shape {x_shape} should have "
                "shape {expected_shape}, not {shape}: concatenate along `axis` too.",
                "axis={axis} 时，形状为 {x_shape} 的输入对应的输出形状应为 {expected_shape}，"
                "而不是 {shape}：拼接也要沿 `axis` 进行。",
                axis=axis,
                x_shape=x.shape,
                expected_shape=expected.shape,
                shape=shape,
            )
        )
    answer = as_array(output, expected.shape, calling)
    if not close(answer, expected):
        raise WrongAnswer(
            say(
                "With axis={axis}, on {x} (shape {x_shape}), the shape is "
                "right but the values are not: centre and normalise along `axis` too. "
                "Expected {expected}.",
                "axis={axis} 时，对输入 {x}（形状为 {x_shape}），输出的形状正确，但数值不对："
                "中心化和归一化也要沿 `axis` 进行。预期输出为 {expected}。",
                axis=axis,
                x=x.tolist(),
                x_shape=x.shape,
                expected=np.round(expected, 3).tolist(),
            )
        )


def _creating(made):
    """The subject of a message about constructing the student's layer as `made`."""
    return say("Creating your layer with {made}", "用 {made} 创建你的层时，构造函数", made=made)


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
            describe=_creating(made),
        )
    except WrongAnswer as wrong:
        error = getattr(wrong, "error", None)
        if isinstance(error, TypeError) and any(word in str(error) for word in ("name", "dtype")):
            raise WrongAnswer(
                say(
                    "{made} raised TypeError: {error}. Keras passes 'name', "
                    "'trainable' and 'dtype' to the constructor (from_config does too), "
                    "so it must accept **kwargs and hand them to "
                    "super().__init__.",
                    "{made} 抛出了 TypeError: {error}。Keras 会把 'name'、'trainable' 和 "
                    "'dtype' 传给构造函数（from_config 也会），因此构造函数必须接受 **kwargs，"
                    "并把它们传给 super().__init__。",
                    made=made,
                    error=error,
                )
            ) from None
        raise
    if not isinstance(layer, keras.layers.Layer):
        raise WrongAnswer(
            say(
                "AxisAntirectifier(axis=1) gave {kind}, not a Keras "
                "layer: subclass keras.layers.Layer.",
                "AxisAntirectifier(axis=1) 得到的是 {kind}，不是 Keras 层："
                "请继承 keras.layers.Layer。",
                kind=type(layer).__name__,
            )
        )
    if layer.name != "mine" or str(layer.dtype) != "float64":
        raise WrongAnswer(
            say(
                "{made} made a layer named {name!r} with dtype {dtype}: "
                "hand **kwargs on to super().__init__(**kwargs).",
                "{made} 创建的层名为 {name!r}，dtype 为 {dtype}："
                "请把 **kwargs 传给 super().__init__(**kwargs)。",
                made=made,
                name=layer.name,
                dtype=layer.dtype,
            )
        )
    config = call(layer.get_config, describe=say("get_config()", "调用 get_config() 时，该方法"))
    if not isinstance(config, dict) or config.get("axis") != 1:
        raise WrongAnswer(
            say(
                "get_config() must include 'axis' (added to what Layer.get_config() "
                "returns), or a reloaded layer forgets it.",
                "get_config() 必须包含 'axis'（在 Layer.get_config() 返回的字典中加入它），"
                "否则重新加载后的层会丢掉这个参数。",
            )
        )
    try:
        rebuilt = layer_class.from_config(config)
    except TypeError as error:
        raise WrongAnswer(
            say(
                "Rebuilding the layer from its config failed ({error}): Keras passes "
                "'name', 'trainable' and 'dtype' to the constructor, so it must accept "
                "**kwargs and hand them to super().__init__.",
                "从配置重建该层失败（{error}）：Keras 会把 'name'、'trainable' 和 'dtype' "
                "传给构造函数，因此构造函数必须接受 **kwargs，并把它们传给 super().__init__。",
                error=error,
            )
        ) from None
    except Exception as error:
        raise WrongAnswer(
            say(
                "Rebuilding the layer from its config failed: {kind}: {error}.",
                "从配置重建该层失败：{kind}: {error}。",
                kind=type(error).__name__,
                error=error,
            )
        ) from None
    if rebuilt.name != layer.name or str(rebuilt.dtype) != str(layer.dtype):
        raise WrongAnswer(
            say(
                "get_config() returned {config!r:.100}; a layer made with {made} comes "
                "back from it named {name!r}, with dtype {dtype}. Start "
                "from what Layer.get_config() returns (super().get_config()) and add "
                "'axis' to it.",
                "get_config() 返回了 {config!r:.100}；用 {made} 创建的层由它重建后，"
                "名为 {name!r}，dtype 为 {dtype}。请以 Layer.get_config() 返回的内容"
                "（super().get_config()）为基础，再加入 'axis'。",
                config=config,
                made=made,
                name=rebuilt.name,
                dtype=rebuilt.dtype,
            )
        )
    # The values, from layers rebuilt from their configs (in float32: JAX warns about float64).
    # Along the last axis too, with the same numbers: a layer that ignores `axis` fails one.
    along_last = (AXIS_INPUT.transpose(0, 2, 1), AXIS_EXPECTED.transpose(0, 2, 1))
    for axis, x, expected in [(1, AXIS_INPUT, AXIS_EXPECTED), (-1, *along_last)]:
        made = f"AxisAntirectifier(axis={axis})"
        layer = call(layer_class, axis=axis, describe=_creating(made))
        rebuilt = call(
            layer_class.from_config,
            layer.get_config(),
            describe=say(
                "Rebuilding {made} from its config",
                "从配置重建 {made} 时，from_config 方法",
                made=made,
            ),
        )
        _layer_output(rebuilt, x, axis, expected)
    print(
        say(
            "Right: the layer works along any axis and its config round-trips.",
            "正确：该层沿任意轴都能正常工作，并且能由它的配置原样重建。",
        )
    )
    return True
