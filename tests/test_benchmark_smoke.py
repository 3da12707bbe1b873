"""The speed benchmarks run end to end (one short epoch), record what they print, and answer
--help at once. They time nothing that CI checks."""

import os
import re
import subprocess
import sys

import pytest

from antirectifier_tutorial.timing import STEPS_PER_EXECUTION
from notebook_cells import REPO_ROOT

HELP_WITHOUT_KERAS = """
import runpy, sys
sys.argv = ["{module}", "--help"]
try:
    runpy.run_module("benchmarks.{module}", run_name="__main__")
except SystemExit:
    pass
print("keras imported" if "keras" in sys.modules else "keras not imported")
"""


def run_benchmark(*arguments, backend="tensorflow"):
    return subprocess.run(
        [sys.executable, "-m", *arguments],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "KERAS_BACKEND": backend},
    )


def recorded_rows(module, tmp_path, *arguments, backend="tensorflow"):
    """Run a benchmark with `arguments`, recording to a file in tmp_path: (its stdout, the rows
    of the table it recorded)."""
    results = tmp_path / "recorded.md"
    run = run_benchmark(
        f"benchmarks.{module}", *arguments, "--output", str(results), backend=backend
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout, table_rows(results.read_text())


def table_rows(text):
    """{first cell: the other cells} of the Markdown table rows in `text`, header left out."""
    rows = [line.strip("|").split("|") for line in text.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): [cell.strip() for cell in cells[1:]] for cells in rows[1:]}


def test_train_speed_runs_one_short_epoch_and_records_every_ratio(tmp_path):
    recorded = tmp_path / "printed.md"
    run = run_benchmark(
        "benchmarks.train_speed",
        "--epochs",
        "1",
        "--train-samples",
        "1024",
        "--repeats",
        "2",
        "--output",
        str(recorded),
    )
    assert run.returncode == 0, run.stderr[-3000:]
    rows = table_rows(run.stdout)
    assert list(rows) == [
        "(a) plain defaults",
        f"(b) tutorial, steps_per_execution={STEPS_PER_EXECUTION}, jit_compile=True",
    ]
    for name, (anti, relu, anti_over_relu, versus_a, accuracy, *over_floors) in rows.items():
        assert float(anti.removesuffix(" s")) > 0 and float(relu.removesuffix(" s")) > 0, name
        assert float(anti_over_relu) > 0 and len(versus_a.split(", ")) == 3, name
        assert all(0 < float(value) <= 1 for value in accuracy.split(", ")), name
        # The floors themselves move with the machine's load, so test what they must keep: the
        # ReLU model's rate floor (epoch / ratio) is its multiply-adds' share larger, 1.98 times.
        anti_rate, relu_rate = (float(ratios.split(", ")[0]) for ratios in over_floors)
        anti_floor = float(anti.removesuffix(" s")) / anti_rate
        relu_floor = float(relu.removesuffix(" s")) / relu_rate
        assert relu_floor / anti_floor == pytest.approx(668_672 / 336_896, rel=0.05), name
    assert "batch  4096  tutorial Antirectifier" in run.stdout
    record = recorded.read_text()
    assert "`python -m benchmarks.train_speed --epochs 1 --train-samples 1024" in record
    assert "CPU cores, Python" in record and table_rows(record) == rows  # printed and recorded


def test_levers_trains_every_lever_of_the_backend(tmp_path):
    run = run_benchmark(
        "benchmarks.levers",
        "--epochs",
        "1",
        "--train-samples",
        "256",
        "--skip-layers",
        "--output",
        str(tmp_path / "levers.md"),
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert list(table_rows(run.stdout)) == [
        "defaults",
        f"steps_per_execution={STEPS_PER_EXECUTION}",
        "+ jit_compile=False",
        "+ tf.data input",
        "+ validation batches of 1024",
        "+ mixed_bfloat16",
    ]


def test_where_time_goes_times_every_row_of_the_ladder_against_the_floors(tmp_path):
    printed, rows = recorded_rows(
        "where_time_goes", tmp_path, "--rounds", "1", "--train-samples", "256"
    )
    assert list(rows) == [
        "recipe, Keras defaults",
        f"+ steps_per_execution={STEPS_PER_EXECUTION}",
        "+ XLA (jit_compile=True)",
        "- validation",
        "- dropout",
        "RMSprop -> SGD",
        "Antirectifier -> CReLU",
    ]
    for name, (median, spread, change, over_rate, over_shape) in rows.items():
        low, high = (float(end) for end in spread.removesuffix(" s").split("-"))
        assert 0 < low <= float(median.removesuffix(" s")) <= high, name
        assert change == "-" if name == "recipe, Keras defaults" else change.endswith(")"), name
        assert float(over_rate) > 0 and float(over_shape) > 0, name
    assert table_rows(printed) == rows


def test_robustness_price_times_both_layers_alone_and_in_the_model(tmp_path):
    _, rows = recorded_rows(
        "robustness_price", tmp_path, "--rounds", "2", "--calls", "2", "--train-samples", "256"
    )
    assert list(rows) == [
        "layer alone, 128 rows, forward + backward",
        "layer alone, 4,096 rows, forward + backward",
        "training epoch, 256 images",
    ]
    for name, (simple, guarded, median, ratio_range, by_round) in rows.items():
        assert float(simple.split()[0]) > 0 and float(guarded.split()[0]) > 0, name
        ratios = [float(ratio) for ratio in by_round.split()]
        assert len(ratios) == 2 and all(ratio > 0 for ratio in ratios), name
        low, high = (float(end) for end in ratio_range.split("-"))
        assert low == min(ratios) <= float(median) <= max(ratios) == high, name


HAND_WRITTEN_ROWS = {
    "tensorflow": [
        "TensorFlow, with XLA (the tutorial's setting)",
        "TensorFlow, without XLA",
    ],
    "jax": [
        "JAX, jax_threefry_partitionable=True (its default)",
        "JAX, jax_threefry_partitionable=False",
        "the tutorial's fit(), steps_per_execution=32",
        "the recipe by hand",
        "the same, jax_threefry_partitionable=False",
        "- dropout",
        "- dropout, Antirectifier -> CReLU, RMSprop -> SGD",
    ],
}


@pytest.mark.parametrize("backend", HAND_WRITTEN_ROWS)
def test_hand_written_epoch_prices_the_masks_and_on_jax_trains_by_hand(tmp_path, backend):
    # The script itself stops with an error if jax_threefry_partitionable did not reach its
    # compiled functions (the same masks or trained weights with the flag on and off).
    printed, rows = recorded_rows(
        "hand_written_epoch", tmp_path, "--rounds", "2", "--train-samples", "512", backend=backend
    )
    rows.pop("row", None)  # the second table's header
    assert list(rows) == HAND_WRITTEN_ROWS[backend]
    floor = float(re.search(r"images included: ([0-9.]+) s", printed).group(1))
    for name, (median, spread, over_floor, by_round, *accuracy) in rows.items():
        low, high = (float(end) for end in spread.removesuffix(" s").split("-"))
        median, over_floor = float(median.removesuffix(" s")), float(over_floor)
        rounds = [float(value) for value in by_round.split()]
        assert len(rounds) == 2 and min(rounds) == low and max(rounds) == high, name
        assert 0 < low <= median <= high, name
        # Every row over the one floor printed above the tables, up to the printed rounding.
        assert abs(over_floor * floor - median) <= 0.0005 + 0.005 * floor + 0.0005 * over_floor
        if accuracy and accuracy[0] != "-":
            assert 0 < float(accuracy[0]) <= 1, name
    if backend == "jax":
        assert rows["the tutorial's fit(), steps_per_execution=32"][-1] == "-"


def test_benchmark_rejects_an_impossible_sample_count():
    run = run_benchmark("benchmarks.train_speed", "--train-samples", "10")
    assert run.returncode == 2 and "--train-samples: must be between 128 and 60000" in run.stderr


def test_epoch_breakdown_records_one_table_row_per_variant(tmp_path):
    printed, rows = recorded_rows(
        "epoch_breakdown", tmp_path, "--rounds", "1", "--train-samples", "256"
    )
    assert list(rows) == [
        "logistic regression, Dense(10) only",
        "ReLU, Dense(256)",
        "CReLU, Dense(256)",
        "Antirectifier, Dense(256)",
        "ReLU, Dense(512)",
    ]
    assert rows["Antirectifier, Dense(256)"][:2] == ["337,418", "336,896"]
    assert table_rows(printed) == rows  # printed and recorded alike


def test_epoch_breakdown_rejects_zero_rounds():
    run = run_benchmark("benchmarks.epoch_breakdown", "--rounds", "0")
    assert run.returncode == 2 and "--rounds: must be at least 1" in run.stderr


@pytest.mark.parametrize(
    "module",
    [
        "train_speed",
        "levers",
        "epoch_breakdown",
        "notebook_times",
        "where_time_goes",
        "robustness_price",
        "hand_written_epoch",
    ],
)
def test_help_is_printed_before_keras_or_a_backend_is_imported(module):
    run = subprocess.run(
        [sys.executable, "-c", HELP_WITHOUT_KERAS.format(module=module)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "usage:" in run.stdout
    assert run.stdout.strip().endswith("keras not imported")
