"""What `make mutation` mutates: every module of the model (issue 25's scope), and nothing that is not there."""

from __future__ import annotations

import tomllib

from conftest import ROOT

MODEL = ROOT / "src" / "infantile_spasms_market" / "model"


def only_mutate() -> list[str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]["only_mutate"]


def test_every_module_of_the_model_is_mutated():
    listed = set(only_mutate())
    modules = sorted(p.relative_to(ROOT).as_posix() for p in MODEL.glob("*.py") if p.name != "__init__.py")
    assert modules, MODEL
    assert [m for m in modules if m not in listed] == []  # a new model module joins only_mutate in pyproject.toml


def test_every_listed_module_exists_once():
    listed = only_mutate()
    assert [m for m in listed if not (ROOT / m).is_file()] == [] and len(listed) == len(set(listed))
