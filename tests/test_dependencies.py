"""The pinned dependency files agree, and the project declares what its code imports."""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)$")


def lock_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            match = PIN.match(line)
            assert match, f"requirements.lock: {line!r} is not an exact pin (name==version)"
            pins[match.group(1).lower()] = match.group(2)
    return pins


def environment_pins() -> dict[str, str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict) and "pip" in d)
    pins = {}
    for line in pip_section:
        if line.startswith("--"):
            continue
        match = PIN.match(line)
        assert match, f"environment.yml: {line!r} is not an exact pin"
        pins[match.group(1).lower()] = match.group(2)
    return pins


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_environment_yml_installs_exactly_the_lock():
    assert environment_pins() == lock_pins()


def test_environment_yml_uses_python_3_11():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in environment["dependencies"]


def test_every_declared_dependency_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    pinned = {normalise(name) for name in lock_pins()}
    names = {normalise(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0]) for spec in declared}
    assert names - pinned == set(), f"declared but not pinned: {sorted(names - pinned)}"


def test_jupyter_book_is_1x():
    assert lock_pins()["jupyter-book"].startswith("1.")
