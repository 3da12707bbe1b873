"""The speed benchmarks run end to end (one short epoch), and answer --help at once. They
time nothing that CI checks."""

import json
import os
import subprocess
import sys

import pytest

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


def run_benchmark(*arguments, **options):
    return subprocess.run([sys.executable, "-m", *arguments], cwd=REPO_ROOT, capture_output=True,
                          text=True, **options)


def test_benchmark_runs_one_short_epoch_and_reports_every_ratio(tmp_path):
    results = tmp_path / "results.json"
    run = run_benchmark("benchmarks.train_speed", "--epochs", "1", "--train-samples", "1024",
                        "--repeats", "2", "--json", str(results), "--output", str(tmp_path / "printed.md"),
                        env={**os.environ, "KERAS_BACKEND": "tensorflow"})
    assert run.returncode == 0, run.stderr[-3000:]
    for line in ("(b)/(a) total time of the comparison (both models):",
                 "Antirectifier/ReLU median epoch, (b) tutorial:",
                 "batch  4096  tutorial Antirectifier"):
        assert line in run.stdout, f"missing {line!r} in:\n{run.stdout}"
    assert "(b)/(a) total time of the comparison" in (tmp_path / "printed.md").read_text()  # recorded too
    rows = json.loads(results.read_text())
    assert set(rows) == {f"{recipe}-{model}" for recipe in "ab" for model in ("antirectifier", "relu")}
    for name, row in rows.items():
        assert row["total"] > 0 and 0 < row["accuracy"] <= 1, (name, row)


def test_benchmark_rejects_an_impossible_sample_count():
    run = run_benchmark("benchmarks.train_speed", "--train-samples", "10")
    assert run.returncode == 2 and "--train-samples must be between" in run.stderr


def test_epoch_breakdown_appends_one_table_row_per_variant(tmp_path):
    results = tmp_path / "breakdown.md"
    run = run_benchmark("benchmarks.epoch_breakdown", "--rounds", "1", "--train-samples", "256",
                        "--output", str(results), env={**os.environ, "KERAS_BACKEND": "tensorflow"})
    assert run.returncode == 0, run.stderr[-3000:]
    rows = [line for line in results.read_text().splitlines() if line.startswith("| ") and " s |" in line]
    assert [row.split(" | ")[0] for row in rows] == [
        "| logistic regression, Dense(10) only", "| ReLU, Dense(256)", "| CReLU, Dense(256)",
        "| Antirectifier, Dense(256)", "| ReLU, Dense(512)"]
    assert "| Antirectifier, Dense(256) | 337,418 | 336,896 |" in results.read_text()
    assert results.read_text() in run.stdout  # printed and written alike


def test_epoch_breakdown_rejects_zero_rounds():
    run = run_benchmark("benchmarks.epoch_breakdown", "--rounds", "0")
    assert run.returncode == 2 and "--rounds must be at least 1" in run.stderr


@pytest.mark.parametrize("module", ["train_speed", "levers", "epoch_breakdown"])
def test_help_is_printed_before_keras_or_a_backend_is_imported(module):
    run = subprocess.run([sys.executable, "-c", HELP_WITHOUT_KERAS.format(module=module)], cwd=REPO_ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "usage:" in run.stdout
    assert run.stdout.strip().endswith("keras not imported")
