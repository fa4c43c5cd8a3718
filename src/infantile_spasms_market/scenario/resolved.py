"""A scenario resolved once: base.yaml, the scenario file and ``--set`` overrides merged, validated and written to one file.

The build resolves the scenario before any chapter runs and hands every chapter this file, so
the merge and its checks happen once, and every chapter labels its output with the same scenario
file and overrides. A resolved file holds the whole parameter tree; a chapter run by hand with a
scenario file of ``params/`` (papermill, Jupyter) resolves it itself.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import ParameterError, from_validation_error
from .loading import load_parameters, override_list, read_yaml, scenario_path
from ..paths import BASE_SCENARIO, shown
from .parameters import Parameters

MARKER = "resolved_scenario"
SHOWN_CHANGES = 3  # a title lists at most this many overrides in words; more are counted
READABLE = re.compile(r"^[A-Za-z0-9._=-]+$")  # an override this plain may stand in a folder name as it is
READABLE_CHARS = 60  # overrides longer than this together are named by a hash in folder and file names


def override_words(overrides: list[str] | tuple[str, ...]) -> list[str]:
    """Each ``--set`` override as a reader reads it: ``growth.diagnosis=0.002`` -> ``growth from diagnosis set to 0.002``."""
    from .. import labels
    from .loading import parse_override

    words = []
    for text in overrides:
        keys, value = parse_override(text)
        path = ".".join(keys)
        if keys[0] == "scenario":  # a name or title given on the command line names the build; it changes no assumption
            continue
        label = labels.name(path, fallback=path)
        label = label[:1].lower() + label[1:] if label[1:2].islower() else label  # "growth from diagnosis", "ACTH ..."
        words.append(f"{label} set to {labels.value_text(value)}")
    return words


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

    @property
    def title(self) -> str:
        """The title every page and edition shows: the scenario file's, and what ``--set`` changed, in words.

        ``Base case: the report's figures, with growth from diagnosis set to 0.002 (not the base case)``:
        an overridden base case never passes for the base case.
        """
        title = self.params.scenario.title
        if not self.overrides:
            return title
        words = override_words(self.overrides)
        changed = "; ".join(words) if len(words) <= SHOWN_CHANGES else f"{len(words)} parameters changed"
        title += f", with {changed}" if words else ""
        return title + (" (not the base case)" if self.params.scenario.name == "base" else "")

    @property
    def short_title(self) -> str:
        """A few words for a browser tab: the scenario's short name, then its overrides (or how many)."""
        from .. import labels

        title = labels.SCENARIOS.get(self.params.scenario.name) or self.params.scenario.title.split(":")[0]
        changes = override_words(self.overrides)
        if not changes:
            return title
        words = "; ".join(changes)
        return f"{title} + " + (words if len(words) <= 50 else f"{len(changes)} change{'s' if len(changes) > 1 else ''}")

    @property
    def display_name(self) -> str:
        """How a figure's legend or source names the scenario: its short title (``Base case``), with its overrides in words.

        Never its file name (``acth_generic_erosion``): a source line is read, not typed.
        """
        return self.short_title

    @property
    def published_name(self) -> str:
        """The name its folder and edition files carry: the scenario's, plus ``-set-`` and its overrides.

        The overrides stand as typed when they are short and plain (``base-set-growth.diagnosis=0.002``,
        several joined by ``+``); otherwise a hash of them stands in (``base-set-3f2a9c1d``).
        """
        name = self.params.scenario.name
        if not self.overrides:
            return name
        readable = "+".join(self.overrides)
        if len(readable) <= READABLE_CHARS and all(READABLE.match(o) for o in self.overrides):
            return f"{name}-set-{readable}"
        return f"{name}-set-{hashlib.sha256(json.dumps(list(self.overrides)).encode()).hexdigest()[:8]}"

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
    return ResolvedScenario(params, shown(Path(scenario) if scenario else BASE_SCENARIO), list(overrides))


HEADER = "# Written by the build: the scenario resolved once for every chapter. Not for editing.\n"
PUBLISHED_HEADER = (
    "# The scenario this book was built with, resolved: params/base.yaml, the scenario file and the --set overrides\n"
    "# (resolved_scenario names both) merged and validated, every parameter with the value every chapter used.\n"
    "# A chapter runs on it as it is: papermill notebooks/summary.ipynb out.ipynb -p scenario scenario.yaml\n"
)


def resolved_text(tree: dict[str, Any], header: str = HEADER) -> str:
    """A resolved scenario tree (:meth:`ResolvedScenario.as_tree`) as YAML, the parameters in the model's order."""
    return header + yaml.safe_dump(tree, sort_keys=False, allow_unicode=True)


def write_resolved(resolved: ResolvedScenario, path: Path) -> Path:
    """Write ``resolved`` to ``path`` (YAML, the parameters in the model's order)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(resolved_text(resolved.as_tree()), encoding="utf-8")
    return path


def is_resolved(tree: dict[str, Any]) -> bool:
    """Whether a YAML tree is a resolved scenario (rather than a scenario file of ``params/``)."""
    return set(tree) == {MARKER, "parameters"}


def read_scenario(path: Path | str | None, overrides: list[str] | tuple[str, ...] | str | None = ()) -> ResolvedScenario:
    """A resolved scenario file as written by the build, a built book's folder, or a scenario file resolved now.

    What a chapter is given, as papermill gives it: ``path`` may be relative to the project (papermill
    runs in a work folder) and ``overrides`` one string holding a YAML list. Overrides apply to a
    scenario file only: a resolved file already holds its overrides.
    """
    path, overrides = scenario_path(path), override_list(overrides)
    if path is None:
        return resolve(None, overrides)
    if Path(path).is_dir():
        return read_book(Path(path), overrides)
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


def read_book(folder: Path, overrides: list[str] | tuple[str, ...] = ()) -> ResolvedScenario:
    """The scenario a book in ``folder`` (its site, or the folder above it) was built with, from its ``manifest.json``."""
    import json

    from ..paths import HTML_DIR, MANIFEST_FILE

    manifest = next((f / MANIFEST_FILE for f in (folder, folder / HTML_DIR.name) if (f / MANIFEST_FILE).is_file()), None)
    if manifest is None:
        raise ParameterError([f"{folder}: a folder, but not a built book (no {MANIFEST_FILE} in it or in its {HTML_DIR.name}/ folder)"])
    try:
        record = json.loads(manifest.read_text(encoding="utf-8"))
        scenario, parameters = record["scenario"], record["parameters"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ParameterError([f"{manifest}: not the manifest of a built book ({exc})"]) from None
    if overrides:
        raise ParameterError([f"{folder} is a built book: its overrides are fixed ({scenario.get('overrides')}); "
                              "pass the scenario file instead"])
    try:
        params = Parameters.model_validate(parameters)
    except ValidationError as exc:
        raise from_validation_error(exc, Parameters, str(manifest)) from None
    return ResolvedScenario(params, str(scenario.get("file", folder)), [str(o) for o in scenario.get("overrides") or []])
