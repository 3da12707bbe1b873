import keras
from keras import ops

from antirectifier_tutorial.layer import Antirectifier


@keras.saving.register_keras_serializable(package="antirectifier")
class ProjectedAntirectifier(Antirectifier):
    """The Antirectifier, then a learned projection of its `2 * d` outputs to `units`.

    The keras.io version of this example ends with such a weight matrix, so that the layer
    is as wide as its input instead of twice as wide:

        output = Antirectifier()(x) @ kernel        # kernel: (2 * d, units)

    Args:
        units: the output width; `None` (the default) keeps the input's width `d`.
        kernel_initializer: how the kernel starts: a name such as `"glorot_uniform"` or a
            `keras.initializers.Initializer`.

    Example:

    >>> layer = ProjectedAntirectifier(units=4)
    >>> tuple(layer(np.ones((2, 3))).shape), len(layer.trainable_weights)
    ((2, 4), 1)
    """

    def __init__(self, units=None, kernel_initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        if units is not None and (
            isinstance(units, bool) or not isinstance(units, int) or units < 1
        ):
            raise ValueError(f"units must be a positive integer or None, not {units!r}.")
        self.units = units
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        super().build(input_shape)  # rejects inputs of rank < 2 or of unknown width
        width = input_shape[-1]
        # add_weight creates a variable that Keras trains, counts, saves and loads.
        self.kernel = self.add_weight(
            name="kernel",
            shape=(2 * width, self.units or width),
            initializer=self.kernel_initializer,
            trainable=True,
        )

    def call(self, inputs):
        antirectified = super().call(inputs)  # in the compute dtype, float16 included
        return ops.matmul(antirectified, ops.cast(self.kernel, antirectified.dtype))

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units or input_shape[-1])

    def get_config(self):
        # Every constructor argument, so that a saved model rebuilds the same layer.
        return {
            **super().get_config(),
            "units": self.units,
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
        }
