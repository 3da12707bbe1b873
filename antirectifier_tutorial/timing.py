"""Where an epoch's time goes: model variants that differ in one respect each, timed in rotation.

Used by notebook 04 and by the benchmarks (benchmarks/epoch_breakdown.py writes its results to
benchmarks/results/epoch_breakdown.md).
"""

import time

import keras
import numpy as np
from keras import ops

from antirectifier_tutorial.models import reference_model

# Training steps that Keras runs per compiled call (its default is 1) wherever the tutorial
# times training: fewer round trips between Python and the compiled step.
STEPS_PER_EXECUTION = 32


def fast_compile_options():
    """compile() options with which the tutorial times training on the current backend.

    Every backend: STEPS_PER_EXECUTION. TensorFlow also gets jit_compile=True (XLA): Keras's
    default, "auto", turns XLA on for TensorFlow only where a GPU is present. JAX always
    compiles with XLA; PyTorch would need torch.compile, which the tutorial does not time.
    """
    options = {"steps_per_execution": STEPS_PER_EXECUTION}
    if keras.backend.backend() == "tensorflow":
        options["jit_compile"] = True
    return options


class EpochTimer(keras.callbacks.Callback):
    """Wall-clock seconds of every epoch (validation included, if the fit validates)."""

    def on_train_begin(self, logs=None):
        self.seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self.started)


class ConcatenatedReLU(keras.layers.Layer):
    """CReLU, [relu(x), relu(-x)]: the Antirectifier's output shape without its centring and
    normalisation, so that a model with it has the Antirectifier model's shapes everywhere."""

    def call(self, x):
        return ops.concatenate([ops.relu(x), ops.relu(-x)], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], 2 * input_shape[-1])


def multiply_adds(model):
    """Multiply-adds per sample in the model's Dense layers (one forward pass)."""
    return sum(
        int(np.prod(layer.kernel.shape))
        for layer in model.layers
        if isinstance(layer, keras.layers.Dense)
    )


def recompiled(model, **options):
    """The model compiled again with the same recipe (optimizer, loss, metrics) and `options`."""
    model.compile_from_config({**model.get_compile_config(), **options})
    return model


def breakdown_models(compile_options=None):
    """Five models, each differing from its neighbour in one respect (see the notebook 04 text),
    compiled with `compile_options` (by default fast_compile_options())."""
    options = fast_compile_options() if compile_options is None else compile_options
    keras.utils.set_random_seed(1337)
    logistic = keras.Sequential(
        [keras.Input(shape=(784,)), keras.layers.Dense(10, activation="softmax")],
        name="logistic_regression",
    )
    logistic.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
    models = {
        "logistic regression, Dense(10) only": logistic,
        "ReLU, Dense(256)": reference_model("relu", width=256),
        "CReLU, Dense(256)": reference_model(lambda name: ConcatenatedReLU(name=name), width=256),
        "Antirectifier, Dense(256)": reference_model("antirectifier"),
        "ReLU, Dense(512)": reference_model("relu"),
    }
    # The same recipe, compiled as the tutorial times it.
    return {name: recompiled(model, **options) for name, model in models.items()}


def epoch_seconds_in_rotation(models, x, y, rounds, batch_size=128, **fit_options):
    """Seconds of every timed training epoch: {name: [round 1, round 2, ...]}.

    One untimed epoch per model first (it traces and compiles), then `rounds` epochs per
    model in rotation, so that a slow spell of a shared machine hits every model alike, and
    models can be compared round by round. No validation unless `fit_options` ask for it
    (validation_data=...); an epoch's seconds then include it.
    """
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, not {rounds}")
    seconds = {name: [] for name in models}
    for timed in [False] + [True] * rounds:
        for name, model in models.items():
            timer = EpochTimer()
            model.fit(
                x, y, batch_size=batch_size, epochs=1, callbacks=[timer], verbose=0, **fit_options
            )
            if timed:
                seconds[name].append(timer.seconds[0])
    return seconds


def time_in_rotation(models, x, y, rounds, batch_size=128, **fit_options):
    """Median seconds of a training epoch for each model, timed in rotation as
    epoch_seconds_in_rotation does."""
    seconds = epoch_seconds_in_rotation(models, x, y, rounds, batch_size, **fit_options)
    return {name: float(np.median(values)) for name, values in seconds.items()}
