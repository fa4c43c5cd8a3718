"""Reads a scenario: base.yaml, then the scenario file's differences, then ``--set`` overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..inputs import declared
from ..paths import BASE_SCENARIO, shown
from . import yaml_loading
from .errors import ParameterError, from_validation_error
from .naming import BASE_NAME, scenario_section
from .overrides import apply_overrides, deep_merge
from .parameters import Parameters


display_path = shown  # a scenario file as messages show it: relative to the project when inside it


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML mapping from ``path``; errors name the file, line and column."""
    path = Path(path)
    if not path.is_file():
        raise ParameterError([f"scenario file not found: {path}"])
    declared.check(display_path(path))
    try:
        tree = yaml_loading.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ParameterError([f"{path}: malformed YAML{where}: {problem}"]) from exc
    if tree is None:
        return {}
    if not isinstance(tree, dict):
        raise ParameterError([f"{path}: expected a mapping of sections at the top level, got {type(tree).__name__}"])
    return tree


def scenario_tree(scenario: Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    """The merged, not yet validated, parameter tree of a scenario (see :mod:`.naming` for its name)."""
    tree = read_yaml(BASE_SCENARIO)
    if scenario is not None and Path(scenario).resolve() != BASE_SCENARIO.resolve():
        changes = read_yaml(Path(scenario))
        section = changes.get("scenario")
        if section is not None and not isinstance(section, dict):
            raise ParameterError([f"scenario: {section!r} is not allowed; expected a section (name, title, rationale)"])
        changes["scenario"] = scenario_section(section, Path(scenario), display_path(Path(scenario)))
        tree = {**deep_merge(tree, changes), "scenario": changes["scenario"]}  # the base's name and title are never inherited
    tree = apply_overrides(tree, list(overrides))
    named = (tree.get("scenario") or {}).get("name") if isinstance(tree.get("scenario"), dict) else None
    if named == BASE_NAME and scenario is not None and Path(scenario).resolve() != BASE_SCENARIO.resolve():
        raise ParameterError([f"scenario.name: 'base' is reserved for {shown(BASE_SCENARIO)}; --set cannot give it to {display_path(Path(scenario))}"])
    return tree


def load_parameters(scenario: Path | str | None = None, overrides: list[str] | tuple[str, ...] = ()) -> Parameters:
    """Validated :class:`Parameters` for a scenario file (default: the base) plus overrides.

    Raises
    ------
    ParameterError
        Naming every invalid parameter path, the value given and what is allowed.
    """
    source = display_path(Path(scenario) if scenario else BASE_SCENARIO)
    if overrides:
        source += " with --set " + ", ".join(overrides)
    tree = scenario_tree(Path(scenario) if scenario else None, overrides)
    try:
        return Parameters.model_validate(tree)
    except ValidationError as exc:
        raise from_validation_error(exc, Parameters, source) from None


def load_base(path: Path) -> Parameters:
    """A base scenario file (``base.yaml`` of a scenario folder): complete by itself, so validated without merging."""
    try:
        return Parameters.model_validate(read_yaml(Path(path)))
    except ValidationError as exc:
        raise from_validation_error(exc, Parameters, display_path(Path(path))) from None
