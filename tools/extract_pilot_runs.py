"""Write antirectifier_tutorial/pilot_runs.py from the run that produced the pilot results.

Notebook 05's pilot (exploratory) results are the 48 training runs of its earlier version,
committed at PILOT_COMMIT with their outputs. Its training cells printed one line per run,

    MNIST         1 Antirectifier 256                    seed 0: test accuracy 0.9850 (81 s)

and four decimals are exact: the accuracy is a count of correct images out of 10,000. This
tool reads those lines from git (`git show PILOT_COMMIT:notebooks/05_...`) and writes them
as a Python module, so that notebook 05 can carry them (Colab opens one file) and analyse
them without training them again.

    python tools/extract_pilot_runs.py          # rewrite the module
    python tools/extract_pilot_runs.py --check  # fail if the module's values differ

The module is then formatted by `ruff format`; the check compares values, not text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PILOT_COMMIT = "615d5dc"
NOTEBOOK = "notebooks/05_is_the_claim_true.ipynb"
MODULE = REPO_ROOT / "antirectifier_tutorial" / "pilot_runs.py"
RUN_LINE = re.compile(
    r"^(MNIST|Fashion-MNIST) +(?:\d )?(.+?) +seed (\d+): test accuracy (0\.\d{4}) \(\d+ s\)$"
)
# The pilot's model names, shortened to the names notebook 05 uses now.
NAMES = {
    "ReLU 306 (same parameters)": "ReLU 306",
    "ReLU 256 (same width)": "ReLU 256",
    "CReLU (no centring, no normalisation)": "CReLU",
}

HEADER = '''"""The pilot runs of notebook 05: exploratory results, kept as data.

Final test accuracies of the 48 training runs that an earlier version of notebook 05 made
(git commit {commit}, run on 2026-11-26 on a 2-core Intel Xeon virtual machine without GPU:
JAX 0.10.2, Keras 3.15.1, Python 3.11; the reference recipe, 40 epochs, all 60,000
training images, validated on all 10,000 test images; MNIST from the offline copy,
Fashion-MNIST from Debian's dataset-fashion-mnist). Each accuracy is a count of correct test
images out of 10,000, printed there with four decimals, so these values are exact.
tools/extract_pilot_runs.py wrote this file from those printed lines: edit that tool, not
this file.

Each model used seeds 0, 1, 2, ... and `keras.utils.set_random_seed(seed)` before it was
built. So runs of two models with the same seed are not independent: they share dropout
seed states, may share the order of the training batches, and share initial weights where
the shapes match (the Antirectifier model, ReLU 256 and the ablation arms all have the same
first Dense(256) kernel). The pilot is a paired design.

The ablation arms: "no centring", "no normalisation", "no concatenation" and "CReLU" (no
centring and no normalisation) are the Antirectifier with those parts switched off.
"""

PILOT_COMMIT = "{commit}"
PILOT_ACCURACY = {{  # data set -> model -> seed -> final test accuracy
'''


def pilot_lines() -> list[str]:
    text = subprocess.run(
        ["git", "show", f"{PILOT_COMMIT}:{NOTEBOOK}"],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines = []
    for cell in json.loads(text)["cells"]:
        for output in cell.get("outputs", []):
            if output.get("name") == "stdout":
                lines += "".join(output["text"]).splitlines()
    return lines


def module_source() -> str:
    runs: dict[str, dict[str, dict[int, str]]] = {}
    for line in pilot_lines():
        match = RUN_LINE.match(line)
        if match:
            dataset, name, seed, accuracy = match.groups()
            name = NAMES.get(name, name)
            runs.setdefault(dataset, {}).setdefault(name, {})[int(seed)] = accuracy
    count = sum(len(seeds) for models in runs.values() for seeds in models.values())
    if count != 48:
        raise SystemExit(f"expected 48 pilot runs in {PILOT_COMMIT}:{NOTEBOOK}, found {count}")
    body = HEADER.format(commit=PILOT_COMMIT)
    for dataset, models in runs.items():
        body += f'    "{dataset}": {{\n'
        for name, seeds in models.items():
            values = ", ".join(f"{seed}: {accuracy}" for seed, accuracy in sorted(seeds.items()))
            body += f'        "{name}": {{{values}}},\n'
        body += "    },\n"
    return body + "}\n"


def main(argv: list[str]) -> int:
    source = module_source()
    if "--check" in argv:
        committed, extracted = {}, {}
        exec(MODULE.read_text(encoding="utf-8"), committed)
        exec(source, extracted)
        if committed["PILOT_ACCURACY"] != extracted["PILOT_ACCURACY"]:
            print(f"{MODULE.relative_to(REPO_ROOT)} differs from the pilot run's outputs")
            return 1
        print(f"{MODULE.relative_to(REPO_ROOT)} holds the pilot run's 48 accuracies")
        return 0
    MODULE.write_text(source, encoding="utf-8")
    print(f"wrote {MODULE.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
