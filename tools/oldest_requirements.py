"""Print requirements.txt with every package pinned to its lower bound (`name==lower`).

    pip install -r <(python tools/oldest_requirements.py)

.ci/run installs these into a second virtual environment and runs the quick suite on them:
the oldest versions that requirements.txt allows must work too.
"""

import sys
from pathlib import Path

from packaging.requirements import Requirement

REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"


def oldest_pins(requirements_text: str) -> list[str]:
    pins = []
    for line in requirements_text.splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        lower = [s.version for s in requirement.specifier if s.operator == ">="]
        if len(lower) != 1:
            raise ValueError(f"{requirement.name}: expected one lower bound (>=), found {str(requirement.specifier)!r}")
        pins.append(f"{requirement.name}=={lower[0]}")
    return pins


if __name__ == "__main__":
    try:
        print("\n".join(oldest_pins(REQUIREMENTS.read_text())))
    except ValueError as error:
        sys.exit(f"requirements.txt: {error}")
