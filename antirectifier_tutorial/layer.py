import keras
from keras import ops


@keras.saving.register_keras_serializable(package="antirectifier")
class Antirectifier(keras.layers.Layer):
    """Centre and L2-normalise each sample, then keep both its positive and negative parts.

    Along the last axis of an input `x` of shape `(..., d)`:

        centred    = x - mean(x)
        normalised = centred / ||centred||          (all zeros if the row is constant)
        output     = concatenate([relu(normalised), relu(-normalised)])   # (..., 2 * d)

    Any input of rank 2 or more works: `(batch, features)` after `Dense`, or
    `(batch, height, width, channels)` after `Conv2D`. Each output row has L2 norm 1, or is
    all zeros where the input row is constant; never NaN or inf, as long as a row's sums fit
    in float32 (each value's difference from the row's first value below about 3.4e38 / d).
    With a float16 or bfloat16 dtype policy the statistics are computed in float32 and the
    output is returned in the layer's compute dtype. Masks pass through unchanged.

    Example:

    >>> tuple(Antirectifier()(np.array([[1.0, 2.0, 3.0]])).shape)
    (1, 6)
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        # Inputs are cast to float32 in call(); Keras's automatic cast to float16 would
        # first turn a float32 value above 65,504 into inf.
        self.autocast = False

    def build(self, input_shape):
        if len(input_shape) < 2:
            raise ValueError(
                "Antirectifier expects an input of rank 2 or more, such as "
                f"(batch, features); received shape {tuple(input_shape)}."
            )
        if input_shape[-1] is None:
            raise ValueError(
                "Antirectifier needs a known last dimension, because it doubles "
                f"it; received shape {tuple(input_shape)}."
            )

    def call(self, inputs):
        # In float16 the row's sum (for the mean) overflows above 65,504 and is rounded coarsely.
        low_precision = self.compute_dtype in ("float16", "bfloat16")
        x = ops.cast(inputs, "float32" if low_precision else self.compute_dtype)
        # Subtracting the first feature first changes nothing mathematically, but makes a
        # constant row exactly 0 instead of rounding noise that would be scaled up to norm 1.
        x = x - x[..., :1]
        centred = x - ops.mean(x, axis=-1, keepdims=True)
        # Divide by the largest |value| before squaring: no overflow for huge inputs,
        # no underflow to 0 for tiny ones. A non-zero row then has a sum of squares >= 1.
        # The output does not depend on this scale, so no gradient needs to flow through it
        # (on JAX, for inputs near 1e-30, that gradient is 0 * inf = NaN).
        largest = ops.stop_gradient(ops.max(ops.abs(centred), axis=-1, keepdims=True))
        scaled = centred / ops.where(largest > 0, largest, 1)
        squared_norm = ops.sum(ops.square(scaled), axis=-1, keepdims=True)
        normalised = scaled * ops.rsqrt(ops.maximum(squared_norm, 1))  # all-zero rows stay 0
        output = ops.concatenate([ops.relu(normalised), ops.relu(-normalised)], axis=-1)
        return ops.cast(output, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], 2 * input_shape[-1])

    def get_config(self):
        # No arguments of its own. Defining get_config stops Keras from recording the
        # constructor's arguments by itself, which fails for values such as a DTypePolicy.
        return super().get_config()
