"""What the training benchmarks share: the original example's model, a table of settings
trained in rotation, and the layer micro-benchmark.

This module imports Keras: the benchmark scripts import it only after parsing their
arguments, so that `--help` answers at once.
"""

from __future__ import annotations

import functools
import statistics
import timeit

import keras
import numpy as np
from keras import layers, ops

from antirectifier_tutorial.gradients import gradient_function
from antirectifier_tutorial.timing import multiply_adds, time_in_rotation

ACTIVATIONS = ("antirectifier", "relu")


class OriginalAntirectifier(layers.Layer):
    """The Keras 2 example's layer, primitive for primitive in keras.ops."""

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        assert len(shape) == 2  # only valid for 2D tensors
        shape[-1] *= 2
        return tuple(shape)

    def call(self, inputs):
        inputs -= ops.mean(inputs, axis=1, keepdims=True)
        inputs = ops.normalize(inputs, axis=1)  # K.l2_normalize
        pos = ops.relu(inputs)
        neg = ops.relu(-inputs)
        return ops.concatenate([pos, neg], axis=1)


class FitWith:
    """A model whose fit() always gets these arguments: one lever's input pipeline or options."""

    def __init__(self, model, **arguments):
        self.model, self.arguments = model, arguments

    def fit(self, x, y, **options):
        return self.model.fit(**{"x": x, "y": y, **options, **self.arguments})

    def __getattr__(self, name):
        return getattr(self.model, name)


def original_model(activation, seed=1337):
    """(a): the original script's model and compile(), plain defaults."""
    keras.utils.set_random_seed(seed)
    width = 256 if activation == "antirectifier" else 512
    model = keras.Sequential([keras.Input(shape=(784,))])
    for _ in range(2):
        model.add(layers.Dense(width))
        antirectifier = activation == "antirectifier"
        model.add(OriginalAntirectifier() if antirectifier else layers.Activation("relu"))
        model.add(layers.Dropout(0.1))
    model.add(layers.Dense(10))
    model.add(layers.Activation("softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
    return model


def compare(settings, data, epochs):
    """Train every setting's models in rotation, and print a table of them, a setting a row.

    settings: {setting: {"antirectifier": model, "relu": model}}; models with a fit() of their
    own may bring their own input pipeline. Every epoch validates on the test images, as the
    recipe's fit() does, and its time includes that; the first epoch, which compiles, is not
    timed. Ratios compare each setting with the first row, and each model's median epoch with
    the arithmetic floors of benchmarks/floor.py, measured after the training.
    """
    from benchmarks.floor import matmul_rate, rate_floor_seconds, shape_floor_seconds

    (x_train, y_train), (x_test, y_test) = data
    models = {
        (setting, act): model for setting, pair in settings.items() for act, model in pair.items()
    }
    median = time_in_rotation(models, x_train, y_train, epochs, validation_data=(x_test, y_test))
    accuracy = {}
    for key, model in models.items():
        scores = model.evaluate(x_test, y_test, batch_size=1024, verbose=0, return_dict=True)
        accuracy[key] = scores["accuracy"]
    first = next(iter(settings))
    adds = [multiply_adds(model) for model in settings[first].values()]
    rate = matmul_rate()
    floors = {
        act: (
            rate_floor_seconds(model, len(x_train), len(x_test), rate),
            shape_floor_seconds(model, len(x_train), len(x_test)),
        )
        for act, model in settings[first].items()
    }
    print(
        f"\nbackend {keras.backend.backend()}, {len(x_train):,} training images, batch 128, "
        f"median of {epochs} timed epochs per model after one untimed, validation included; "
        f"multiply-adds per sample, Antirectifier/ReLU: {adds[0] / adds[1]:.2f}\n"
        f"NumPy float32 2048 x 2048 product: {rate / 1e9:.0f} GFLOP/s. Floors of an epoch "
        "(benchmarks/floor.py), rate and shape: "
        + ", ".join(
            f"{act} {rate_s:.2f} s and {shape_s:.2f} s" for act, (rate_s, shape_s) in floors.items()
        )
        + "\n"
    )
    print(
        "| setting | Antirectifier epoch | ReLU epoch | Antirectifier/ReLU "
        f"| vs {first} (Anti, ReLU, both) | test accuracy (Anti, ReLU) "
        "| Anti / its floor (rate, shape) | ReLU / its floor (rate, shape) |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    for setting in settings:
        anti, relu = median[setting, "antirectifier"], median[setting, "relu"]
        base_anti, base_relu = median[first, "antirectifier"], median[first, "relu"]
        over_floor = {
            act: ", ".join(f"{median[setting, act] / floor:.2f}" for floor in floors[act])
            for act in ("antirectifier", "relu")
        }
        print(
            f"| {setting} | {anti:.3f} s | {relu:.3f} s | {anti / relu:.2f} "
            f"| {anti / base_anti:.2f}, {relu / base_relu:.2f}, "
            f"{(anti + relu) / (base_anti + base_relu):.2f} "
            f"| {accuracy[setting, 'antirectifier']:.4f}, {accuracy[setting, 'relu']:.4f} "
            f"| {over_floor['antirectifier']} | {over_floor['relu']} |"
        )


def time_layers(repeats, **more_candidates):
    """Print the median time of forward plus backward per layer, on 128 and 4096 rows of width 256.

    Every candidate but ReLU must first compute the tutorial layer's function.
    """
    from antirectifier_tutorial.layer import Antirectifier

    candidates = {
        "ReLU": layers.ReLU(),
        "original Antirectifier": OriginalAntirectifier(),
        "tutorial Antirectifier": Antirectifier(),
        **more_candidates,
    }
    backend = keras.backend.backend()
    print(f"\nlayers alone, forward + backward, width 256, median of {repeats} (backend {backend})")
    rng = np.random.default_rng(0)
    for rows in (128, 4096):
        x = ops.convert_to_tensor(rng.standard_normal((rows, 256)).astype("float32"))
        for name, layer in candidates.items():
            output = ops.convert_to_numpy(layer(x))
            if name != "ReLU":
                expected = ops.convert_to_numpy(candidates["tutorial Antirectifier"](x))
                assert np.allclose(output, expected, atol=1e-5), f"{name} computes another function"
            run = gradient_function(
                layer, rng.standard_normal(output.shape).astype("float32"), jit=True
            )
            # Five untimed calls first: the first compiles.
            times = timeit.repeat(functools.partial(run, x), number=1, repeat=5 + repeats)[5:]
            print(f"batch {rows:>5}  {name:<28} {1e6 * statistics.median(times):9.1f} µs")
