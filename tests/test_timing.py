"""Timing helpers of notebook 04 and the benchmarks (antirectifier_tutorial/timing.py), checked
cheaply: a clock that the test advances, stand-in models that record how they are trained, and
the five models of the breakdown built but never trained."""

import keras
import numpy as np
import pytest

from antirectifier_tutorial import timing
from antirectifier_tutorial.models import reference_model
from antirectifier_tutorial.timing import (
    STEPS_PER_EXECUTION,
    ConcatenatedReLU,
    EpochTimer,
    breakdown_models,
    epoch_seconds_in_rotation,
    multiply_adds,
    time_in_rotation,
)
from notebook_cells import REPO_ROOT, code_cells, read_notebook, source_of


class Clock:
    """Stands in for the time module in timing.py: perf_counter() reads `now`."""

    def __init__(self):
        self.now = 100.0

    def perf_counter(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(timing, "time", fake)
    return fake


class StandInModel:
    """Records each fit and makes its epoch last the next of `epoch_seconds`."""

    def __init__(self, name, epoch_seconds, clock, log):
        self.name, self.epoch_seconds, self.clock, self.log = name, list(epoch_seconds), clock, log

    def fit(self, x, y, *, batch_size, epochs, callbacks, verbose, **options):
        self.log.append((self.name, batch_size, epochs, verbose))
        for callback in callbacks:
            callback.on_train_begin()
        for epoch in range(epochs):
            for callback in callbacks:
                callback.on_epoch_begin(epoch)
            self.clock.now += self.epoch_seconds.pop(0)
            for callback in callbacks:
                callback.on_epoch_end(epoch)


def test_epoch_timer_records_each_epochs_seconds_during_a_real_fit(clock):
    class AdvanceClock(keras.callbacks.Callback):  # runs after the timer's on_epoch_begin
        def on_epoch_begin(self, epoch, logs=None):
            clock.now += 0.5 * (epoch + 1)

    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    timer = EpochTimer()
    model.fit(
        np.zeros((4, 3)), np.zeros((4, 1)), epochs=3, verbose=0, callbacks=[timer, AdvanceClock()]
    )
    assert timer.seconds == pytest.approx([0.5, 1.0, 1.5])


def test_epoch_timer_starts_afresh_for_each_fit(clock):
    timer = EpochTimer()
    for _ in range(2):
        timer.on_train_begin()
        timer.on_epoch_begin(0)
        clock.now += 2.0
        timer.on_epoch_end(0)
    assert timer.seconds == [2.0]


def test_rotation_trains_one_untimed_epoch_per_model_then_the_rounds_in_turn(clock):
    log = []
    models = {
        "a": StandInModel("a", [50, 1, 2, 9], clock, log),
        "b": StandInModel("b", [60, 4, 3, 5], clock, log),
    }
    seconds = epoch_seconds_in_rotation(models, np.zeros(2), np.zeros(2), rounds=3, batch_size=64)
    assert [name for name, *_ in log] == ["a", "b"] * 4
    assert all(entry[1:] == (64, 1, 0) for entry in log)  # batch size, one epoch, silent
    assert seconds == {"a": [1, 2, 9], "b": [4, 3, 5]}  # the compiling epoch left out


def test_time_in_rotation_gives_each_models_median_timed_epoch(clock):
    log = []
    models = {
        "a": StandInModel("a", [50, 1, 2, 9], clock, log),
        "b": StandInModel("b", [60, 4, 3, 5], clock, log),
    }
    medians = time_in_rotation(models, np.zeros(2), np.zeros(2), rounds=3)
    assert medians == {"a": 2.0, "b": 4.0}  # medians, not means (4.0 and 4.0)
    assert {batch_size for _, batch_size, *_ in log} == {128}  # the tutorial's batch size


@pytest.mark.parametrize("rounds", [0, -1])
def test_rotation_refuses_fewer_than_one_round(rounds):
    with pytest.raises(ValueError, match="rounds must be at least 1"):
        time_in_rotation({}, None, None, rounds=rounds)


def test_concatenated_relu_returns_the_positive_then_the_negative_part():
    x = np.array([[-2.0, 0.0, 3.0], [1.0, -1.0, 0.5]], dtype="float32")
    output = keras.ops.convert_to_numpy(ConcatenatedReLU()(x))
    np.testing.assert_array_equal(output, [[0, 0, 3, 2, 0, 0], [1, 0, 0.5, 0, 1, 0]])
    assert ConcatenatedReLU().compute_output_shape((None, 5)) == (None, 10)


def test_multiply_adds_count_the_dense_kernels_of_one_forward_pass():
    assert multiply_adds(reference_model("antirectifier")) == 784 * 256 + 512 * 256 + 512 * 10
    assert multiply_adds(reference_model("relu")) == 784 * 512 + 512 * 512 + 512 * 10


def test_breakdown_is_five_models_each_one_step_from_the_next_with_the_same_recipe():
    models = breakdown_models({"steps_per_execution": 4})
    assert list(models) == [
        "logistic regression, Dense(10) only",
        "ReLU, Dense(256)",
        "CReLU, Dense(256)",
        "Antirectifier, Dense(256)",
        "ReLU, Dense(512)",
    ]
    assert [model.count_params() for model in models.values()] == [
        7_850,
        269_322,
        337_418,
        337_418,
        669_706,
    ]
    crelu = models["CReLU, Dense(256)"]
    assert sum(isinstance(layer, ConcatenatedReLU) for layer in crelu.layers) == 2
    for model in models.values():
        compiled = model.get_compile_config()
        assert compiled["steps_per_execution"] == 4
        assert compiled["optimizer"]["class_name"] == "RMSprop"
        assert compiled["loss"] == "categorical_crossentropy"


def test_fast_compile_options_are_32_steps_per_call_and_xla_on_tensorflow_only():
    expected = {"steps_per_execution": STEPS_PER_EXECUTION}
    if keras.backend.backend() == "tensorflow":
        expected["jit_compile"] = True
    assert timing.fast_compile_options() == expected


def test_breakdown_models_are_compiled_with_the_fast_options_by_default():
    options = timing.fast_compile_options()
    for name, model in breakdown_models().items():
        assert model.get_compile_config()["steps_per_execution"] == STEPS_PER_EXECUTION, name
        assert model.jit_compile == options.get("jit_compile", model.jit_compile), name


def test_notebook_04_compiles_its_two_models_as_breakdown_models_compiles_the_ladder():
    notebook = read_notebook(REPO_ROOT / "notebooks" / "04_training_on_mnist.ipynb")
    (cell,) = [c for c in code_cells(notebook) if "JIT_COMPILE =" in source_of(c)]
    namespace = {"keras": keras, "models": {"Antirectifier": reference_model("antirectifier")}}
    exec(source_of(cell), namespace)
    compiled = namespace["models"]["Antirectifier"]
    ladder_model = breakdown_models()["Antirectifier, Dense(256)"]

    def recipe(model):  # the compile config without the optimizer's generated name
        config = model.get_compile_config()
        config["optimizer"]["config"].pop("name")
        return config

    assert recipe(compiled) == recipe(ladder_model)
    assert compiled.jit_compile == ladder_model.jit_compile
