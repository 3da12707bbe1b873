"""The speed benchmark runs end to end (one short epoch). It times nothing that CI checks."""

import json
import os
import subprocess
import sys

from notebook_cells import REPO_ROOT


def test_benchmark_runs_one_short_epoch_and_reports_every_ratio(tmp_path):
    results = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "train_speed.py"), "--epochs", "1",
         "--train-samples", "1024", "--repeats", "2", "--json", str(results)],
        env={**os.environ, "KERAS_BACKEND": "tensorflow"}, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    for line in ("(b)/(a) total time of the comparison (both models):",
                 "Antirectifier/ReLU median epoch, (b) tutorial:",
                 "batch  4096  tutorial Antirectifier"):
        assert line in run.stdout, f"missing {line!r} in:\n{run.stdout}"
    rows = json.loads(results.read_text())
    assert set(rows) == {f"{recipe}-{model}" for recipe in "ab" for model in ("antirectifier", "relu")}
    for name, row in rows.items():
        assert row["total"] > 0 and 0 < row["accuracy"] <= 1, (name, row)


def test_benchmark_rejects_an_impossible_sample_count():
    run = subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks" / "train_speed.py"),
                          "--train-samples", "10"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "--train-samples must be between" in run.stderr
