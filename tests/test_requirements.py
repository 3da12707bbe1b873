"""requirements.txt and environment.yml must describe the same environment."""

import re
import sys

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from notebook_cells import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "tools"))
from oldest_requirements import oldest_pins  # noqa: E402

REQUIRED_PACKAGES = {"jupyterlab", "tensorflow", "keras", "matplotlib", "numpy", "nbval", "pytest", "jax"}


def requirements_txt() -> dict[str, Requirement]:
    lines = (REPO_ROOT / "requirements.txt").read_text().splitlines()
    reqs = [Requirement(line.split("#")[0].strip()) for line in lines if line.split("#")[0].strip()]
    return {r.name.lower(): r for r in reqs}


def environment_yml_pip() -> dict[str, Requirement]:
    # The pip section is a flat list of "- requirement" lines under "- pip:".
    text = (REPO_ROOT / "environment.yml").read_text()
    pip_section = text.split("- pip:", 1)[1]
    reqs = [Requirement(m) for m in re.findall(r"^\s+-\s+(\S+)\s*$", pip_section, flags=re.MULTILINE)]
    return {r.name.lower(): r for r in reqs}


def test_requirements_name_every_package_the_tutorial_needs():
    assert REQUIRED_PACKAGES <= set(requirements_txt())


def test_environment_yml_and_requirements_txt_agree_on_packages_and_ranges():
    txt, yml = requirements_txt(), environment_yml_pip()
    assert set(txt) == set(yml)
    for name in txt:
        assert txt[name].specifier == yml[name].specifier, name


def test_every_range_has_a_tested_lower_bound_and_stops_below_the_next_major():
    for name, req in requirements_txt().items():
        lower = [Version(s.version) for s in req.specifier if s.operator == ">="]
        upper = [Version(s.version) for s in req.specifier if s.operator == "<"]
        assert len(lower) == 1 and len(upper) == 1, f"{name}: {req.specifier}"
        assert upper[0] == Version(f"{lower[0].major + 1}"), f"{name}: upper bound {upper[0]}"


def test_keras_range_is_keras_3():
    keras = requirements_txt()["keras"]
    assert keras.specifier.contains("3.15.1") and not keras.specifier.contains("2.15.0")
    assert not keras.specifier.contains("4.0.0")


def test_oldest_pins_put_every_package_at_the_lower_bound_its_range_allows():
    pins = {Requirement(pin).name.lower(): Requirement(pin) for pin in
            oldest_pins((REPO_ROOT / "requirements.txt").read_text())}
    assert set(pins) == set(requirements_txt())
    for name, pin in pins.items():
        (exact,) = pin.specifier
        assert exact.operator == "=="
        (lower,) = [s.version for s in requirements_txt()[name].specifier if s.operator == ">="]
        assert Version(exact.version) == Version(lower), name
        assert requirements_txt()[name].specifier.contains(exact.version), name


def test_oldest_pins_refuse_a_range_without_lower_bound():
    with pytest.raises(ValueError, match="numpy: expected one lower bound"):
        oldest_pins("keras>=3.15,<4\nnumpy<3\n")
