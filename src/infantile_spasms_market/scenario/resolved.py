"""A scenario resolved once: base.yaml, the scenario file and ``--set`` overrides merged, validated and written to one file.

The build resolves the scenario before any chapter runs and hands every chapter this file, so
the merge and its checks happen once, and every chapter labels its output with the same scenario
file and overrides. A resolved file holds the whole parameter tree; a chapter run by hand with a
scenario file of ``params/`` (papermill, Jupyter) resolves it itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import ParameterError, from_validation_error
from .loading import display_path, load_parameters, read_yaml
from ..paths import BASE_SCENARIO
from .parameters import Parameters

MARKER = "resolved_scenario"


@dataclass(frozen=True)
class ResolvedScenario:
    """Validated parameters and where they came from (the scenario file as given, and the overrides)."""

    params: Parameters
    file: str
    overrides: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """How figures and pages name the scenario: ``base``, or ``base with --set growth.diagnosis=0.02``."""
        return self.params.scenario.name + (" with --set " + ", ".join(self.overrides) if self.overrides else "")

    @property
    def is_base(self) -> bool:
        """The base scenario exactly: named ``base`` and nothing overridden."""
        return self.params.scenario.name == "base" and not self.overrides

    def as_tree(self) -> dict[str, Any]:
        """What :func:`write_resolved` writes."""
        return {MARKER: {"file": self.file, "overrides": list(self.overrides)}, "parameters": self.params.resolved()}


def resolve(scenario: Path | str | None = None, overrides: list[str] | tuple[str, ...] = ()) -> ResolvedScenario:
    """Merge and validate a scenario file (default: the base) with overrides.

    Raises
    ------
    ParameterError
        Naming every invalid parameter path, the value given and what is allowed.
    """
    params = load_parameters(scenario, overrides)
    return ResolvedScenario(params, display_path(Path(scenario) if scenario else BASE_SCENARIO), list(overrides))


def write_resolved(resolved: ResolvedScenario, path: Path) -> Path:
    """Write ``resolved`` to ``path`` (YAML, the parameters in the model's order)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# Written by the build: the scenario resolved once for every chapter. Not for editing.\n"
    path.write_text(text + yaml.safe_dump(resolved.as_tree(), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def is_resolved(tree: dict[str, Any]) -> bool:
    """Whether a YAML tree is a resolved scenario (rather than a scenario file of ``params/``)."""
    return set(tree) == {MARKER, "parameters"}


def read_scenario(path: Path | str | None, overrides: list[str] | tuple[str, ...] = ()) -> ResolvedScenario:
    """A resolved scenario file as written by the build, or a scenario file of ``params/`` resolved now.

    Overrides apply to a scenario file only: a resolved file already holds its overrides.
    """
    if path is None:
        return resolve(None, overrides)
    tree = read_yaml(Path(path))
    if not is_resolved(tree):
        return resolve(path, overrides)
    if overrides:
        raise ParameterError([f"{path} is a resolved scenario: its overrides are fixed ({tree[MARKER]['overrides']}); pass the scenario file instead"])
    origin = tree[MARKER] or {}
    try:
        params = Parameters.model_validate(tree["parameters"])
    except ValidationError as exc:
        raise from_validation_error(exc, Parameters, str(path)) from None
    return ResolvedScenario(params, str(origin.get("file", path)), [str(o) for o in origin.get("overrides") or []])
