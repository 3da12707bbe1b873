"""requirements.txt, environment.yml and the Colab pins must describe environments that are
really tested: the same ranges in both files, and lower bounds that the Colab stage runs."""

import re

from packaging.requirements import Requirement
from packaging.version import Version

from notebook_cells import REPO_ROOT

REQUIRED_PACKAGES = {
    "jupyterlab",
    "tensorflow",
    "keras",
    "matplotlib",
    "numpy",
    "nbval",
    "pytest",
    "jax",
}


def requirements(path) -> dict[str, Requirement]:
    lines = path.read_text().splitlines()
    reqs = [Requirement(line.split("#")[0].strip()) for line in lines if line.split("#")[0].strip()]
    return {r.name.lower(): r for r in reqs}


def requirements_txt() -> dict[str, Requirement]:
    return requirements(REPO_ROOT / "requirements.txt")


def colab_pins() -> dict[str, Version]:
    pins = requirements(REPO_ROOT / ".ci" / "colab-stack.txt")
    versions = {}
    for name, pin in pins.items():
        (exact,) = pin.specifier
        assert exact.operator == "==", f"{name}: Colab's versions are exact pins"
        versions[name] = Version(exact.version)
    return versions


def environment_yml_pip() -> dict[str, Requirement]:
    # The pip section is a flat list of "- requirement" lines under "- pip:".
    text = (REPO_ROOT / "environment.yml").read_text()
    pip_section = text.split("- pip:", 1)[1]
    reqs = [
        Requirement(m) for m in re.findall(r"^\s+-\s+(\S+)\s*$", pip_section, flags=re.MULTILINE)
    ]
    return {r.name.lower(): r for r in reqs}


def test_requirements_name_every_package_the_tutorial_needs():
    assert REQUIRED_PACKAGES <= set(requirements_txt())


def test_environment_yml_and_requirements_txt_agree_on_packages_and_ranges():
    txt, yml = requirements_txt(), environment_yml_pip()
    assert set(txt) == set(yml)
    for name in txt:
        assert txt[name].specifier == yml[name].specifier, name


def test_every_range_has_a_lower_bound_and_stops_below_the_next_major():
    for name, req in requirements_txt().items():
        lower = [Version(s.version) for s in req.specifier if s.operator == ">="]
        upper = [Version(s.version) for s in req.specifier if s.operator == "<"]
        assert len(lower) == 1 and len(upper) == 1, f"{name}: {req.specifier}"
        assert upper[0] == Version(f"{lower[0].major + 1}"), f"{name}: upper bound {upper[0]}"


def test_colab_versions_of_the_core_packages_are_the_lower_bounds():
    # The oldest stack that is tested (the Colab stage of .ci/run) is what requirements.txt allows.
    pins = colab_pins()
    for name in (
        "tensorflow",
        "keras",
        "jax",
        "numpy",
        "matplotlib",
        "nbval",
        "pytest",
        "pytest-xdist",
    ):
        (lower,) = [
            Version(s.version) for s in requirements_txt()[name].specifier if s.operator == ">="
        ]
        assert lower <= pins[name], (
            f"{name}: requirements.txt allows {lower}, Colab has {pins[name]}"
        )
        assert requirements_txt()[name].specifier.contains(str(pins[name])), name
    for name in ("tensorflow", "keras", "jax", "numpy", "matplotlib"):
        (lower,) = [
            Version(s.version) for s in requirements_txt()[name].specifier if s.operator == ">="
        ]
        assert lower == Version(f"{pins[name].major}.{pins[name].minor}") or lower == pins[name], (
            f"{name}: lower bound {lower} is not Colab's tested {pins[name]}"
        )


def test_keras_range_is_keras_3():
    keras = requirements_txt()["keras"]
    assert keras.specifier.contains("3.15.1") and not keras.specifier.contains("2.15.0")
    assert not keras.specifier.contains("4.0.0")
