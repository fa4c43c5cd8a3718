"""Reading a scenario, the one way: base.yaml, then the scenario file's differences, then ``--set`` overrides.

Every scenario is read here, by the command line, the build and a chapter run by hand alike:

- YAML is parsed safely, with YAML 1.2's floats (``--set growth.diagnosis=2e-2`` is a number; PyYAML
  follows YAML 1.1, where an exponent without a dot is text);
- a scenario file holds only what differs from the base, but its ``scenario`` section (name, title,
  rationale) is never inherited: only ``params/base.yaml`` is ``base``, and what a file leaves out is
  made from its file name (``my-view.yaml`` becomes ``my-view``, not the base case);
- ``--set dotted.name=value`` overrides are parsed as YAML, never evaluated as code.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from ..inputs import declared
from ..paths import BASE_SCENARIO, NOT_SCENARIOS, PARAMS_DIR, PROJECT_ROOT, shown
from .errors import ParameterError, from_validation_error
from .parameters import Parameters

if TYPE_CHECKING:  # resolved.py reads its scenario through this module
    from .resolved import ResolvedScenario

BASE_NAME = "base"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


# --------------------------------------------------------------------------- YAML
YAML12_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)


class Loader(yaml.SafeLoader):
    """A safe loader (never constructs Python objects) with YAML 1.2 floats.

    The pure-Python loader, not libyaml: its error messages say more, and these files are small.
    """


Loader.add_implicit_resolver("tag:yaml.org,2002:float", YAML12_FLOAT, list("-+0123456789."))


def load_yaml(text: str) -> Any:
    """Parse YAML text safely (YAML 1.2 floats)."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 (Loader is a SafeLoader)


# --------------------------------------------------------------------------- naming
def name_from_file(path: Path) -> str | None:
    """A scenario name made from a file name (``My View.yaml`` -> ``my-view``), or None when none can be made."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", Path(path).stem.lower()).strip("-_")
    slug = re.sub(r"-{2,}", "-", slug)[:40].rstrip("-_")
    return slug if NAME_PATTERN.match(slug) else None


def scenario_section(given: dict[str, Any] | None, path: Path, label: str) -> dict[str, Any]:
    """The ``scenario`` section of the scenario file at ``path`` (shown as ``label``), completed from its file name.

    Raises
    ------
    ParameterError
        When the file calls itself ``base``, or gives no name and its file name cannot make one.
    """
    given = dict(given or {})
    name = given.get("name")
    if name is None:
        name = name_from_file(path)
        if name is None or name == BASE_NAME:
            raise ParameterError([
                f"scenario.name: {label} gives no name and its file name cannot serve as one; "
                "add a section such as 'scenario:\\n  name: my-view' (lower case letters, digits, - and _)"
            ])
    if name == BASE_NAME:
        suggestion = name_from_file(path)
        suggestion = suggestion if suggestion not in (None, BASE_NAME) else "my-view"  # never suggest 'base' itself
        raise ParameterError([
            f"scenario.name: 'base' is reserved for {shown(BASE_SCENARIO)}, the report's figures; {label} changes "
            f"assumptions, so give it a name of its own (e.g. {suggestion!r})"
        ])
    given["name"] = name
    given.setdefault("title", f"Scenario {name} (not the base case)")
    given.setdefault("rationale", f"Built from {label}, which gives no rationale; what it changes from the base is listed on the front page.")
    return given


# --------------------------------------------------------------------------- --set overrides
def parse_override(text: str) -> tuple[list[str], Any]:
    """Split ``a.b.c=value`` into a key path and a YAML-parsed value."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise ParameterError([f"--set {text!r}: expected dotted.name=value, e.g. market.end_year=2032"])
    keys = name.split(".")
    if any(not k for k in keys):
        raise ParameterError([f"--set {text!r}: empty part in the name {name!r}"])
    try:
        value = load_yaml(raw) if raw.strip() else None
    except yaml.YAMLError as exc:
        raise ParameterError([f"--set {name}: value {raw!r} is not valid YAML ({exc.problem})"]) from exc
    if value is None:
        raise ParameterError([f"--set {name}: a value is required after '=' (empty and null are not values)"])
    return keys, value


def _split_path(node: dict[str, Any], keys: list[str]) -> list[str]:
    """Group name parts into existing keys, longest first: a key may itself hold dots
    (``uncertainty.distributions.growth.diagnosis.high`` -> ``[..., "growth.diagnosis", "high"]``)."""
    parts: list[str] = []
    i = 0
    while i < len(keys):
        for j in range(len(keys), i, -1):
            candidate = ".".join(keys[i:j])
            if isinstance(node, dict) and candidate in node:
                break
        else:
            j = i + 1
            candidate = keys[i]
        parts.append(candidate)
        node = node.get(candidate) if isinstance(node, dict) else None
        i = j
    return parts


def set_value(tree: dict[str, Any], name: str, value: Any) -> None:
    """Set ``value`` at the dotted ``name`` in ``tree`` (in place), creating missing sections.

    Dotted keys that exist in the tree (``uncertainty.distributions.growth.diagnosis``) are
    matched whole; names the model does not know are left for validation to reject.
    """
    keys = _split_path(tree, name.split("."))
    node = tree
    for depth, key in enumerate(keys[:-1]):
        child = node.setdefault(key, {})
        if not isinstance(child, dict):
            here = ".".join(keys[: depth + 1])
            raise ParameterError([f"--set {'.'.join(keys)}: {here} is a value, not a section"])
        node = child
    node[keys[-1]] = value


def apply_overrides(tree: dict[str, Any], overrides: list[str]) -> dict[str, Any]:
    """A copy of ``tree`` with each override set; unknown names are left for validation to reject."""
    result = copy.deepcopy(tree)
    for text in overrides:
        keys, value = parse_override(text)
        set_value(result, ".".join(keys), value)
    return result


def deep_merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``base`` updated by ``changes`` section by section (a scenario file holds only what differs)."""
    result = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


# --------------------------------------------------------------------------- reading


_PARSED: dict[tuple[str, int, int], Any] = {}


def _parsed(path: Path) -> Any:
    """The YAML at ``path``, parsed once per version of the file (its time and size): the pure-Python loader takes a
    quarter of a second for the base scenario, and a chapter loads the base and the own estimate's file several times."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        _PARSED[key] = load_yaml(path.read_text(encoding="utf-8"))
    return copy.deepcopy(_PARSED[key])


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML mapping from ``path``; errors name the file, line and column."""
    path = Path(path)
    if not path.is_file():
        raise ParameterError([f"scenario file not found: {path}"])
    declared.check(shown(path))
    try:
        tree = _parsed(path)
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
    """The merged, not yet validated, parameter tree of a scenario (named by :func:`scenario_section`)."""
    tree = read_yaml(BASE_SCENARIO)
    if scenario is not None and Path(scenario).resolve() != BASE_SCENARIO.resolve():
        changes = read_yaml(Path(scenario))
        section = changes.get("scenario")
        if section is not None and not isinstance(section, dict):
            raise ParameterError([f"scenario: {section!r} is not allowed; expected a section (name, title, rationale)"])
        changes["scenario"] = scenario_section(section, Path(scenario), shown(Path(scenario)))
        tree = {**deep_merge(tree, changes), "scenario": changes["scenario"]}  # the base's name and title are never inherited
    tree = apply_overrides(tree, list(overrides))
    named = (tree.get("scenario") or {}).get("name") if isinstance(tree.get("scenario"), dict) else None
    if named == BASE_NAME and scenario is not None and Path(scenario).resolve() != BASE_SCENARIO.resolve():
        raise ParameterError([f"scenario.name: 'base' is reserved for {shown(BASE_SCENARIO)}; --set cannot give it to {shown(Path(scenario))}"])
    return tree


def load_parameters(scenario: Path | str | None = None, overrides: list[str] | tuple[str, ...] = ()) -> Parameters:
    """Validated :class:`Parameters` for a scenario file (default: the base) plus overrides.

    Raises
    ------
    ParameterError
        Naming every invalid parameter path, the value given and what is allowed.
    """
    source = shown(Path(scenario) if scenario else BASE_SCENARIO)
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
        raise from_validation_error(exc, Parameters, shown(Path(path))) from None


# --------------------------------------------------------------------------- a scenario as a chapter is given it
def scenario_path(scenario: str | Path | None) -> Path | None:
    """A scenario path as given, or relative to the project root when only that exists (papermill runs in a work folder)."""
    if scenario in (None, ""):
        return None
    path = Path(scenario)
    if path.is_absolute() or path.exists():
        return path
    inside = PROJECT_ROOT / path
    return inside if inside.exists() else path  # a missing file is named as the user gave it


def override_list(overrides: list[str] | str | None) -> list[str]:
    """Overrides as a list: papermill's ``-p overrides '[...]'`` passes the list as one string."""
    if overrides is None or overrides == "":
        return []
    if isinstance(overrides, str):
        try:
            parsed = load_yaml(overrides) if overrides.lstrip().startswith("[") else [overrides]
        except yaml.YAMLError:
            parsed = None
        if not isinstance(parsed, list):
            raise ParameterError([f"overrides: {overrides!r} is not a list of dotted.name=value strings"])
        return [str(item) for item in parsed]
    return list(overrides)


# --------------------------------------------------------------------------- the scenario files of params/
# The scenario files in ``params/``: found, loaded and checked for clashing names.

def scenario_files(folder: Path = PARAMS_DIR) -> list[Path]:
    """The scenario files in ``folder``: ``base.yaml`` first, then the others by file name."""
    files = sorted(p for p in Path(folder).glob("*.yaml") if p.name not in NOT_SCENARIOS)
    base = [p for p in files if p.name == BASE_SCENARIO.name]
    if not base:
        raise FileNotFoundError(f"no {BASE_SCENARIO.name} in {folder}: every scenario is read on top of it")
    return base + [p for p in files if p.name != BASE_SCENARIO.name]


def shipped_names(folder: Path = PARAMS_DIR) -> dict[str, Path]:
    """Every name a scenario file of ``folder`` publishes under (its own ``scenario.name``, else its file name's), and the file.

    Read without validation (a quick look at each file's ``scenario`` section): the names a scenario from
    elsewhere may not take.
    """
    names: dict[str, Path] = {}
    for path in scenario_files(folder):
        section = _scenario_section(path)
        given = section.get("name") if section else None
        name = BASE_NAME if path.name == BASE_SCENARIO.name else given or name_from_file(path)
        if isinstance(name, str):
            names.setdefault(name, path)
    return names


def _scenario_section(file: Path) -> dict[str, Any] | None:
    """The ``scenario`` section a scenario file writes itself (None when it has none or cannot be read)."""
    try:
        section = (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("scenario")
    except (OSError, yaml.YAMLError, AttributeError):
        return None
    return section if isinstance(section, dict) else None


def taken_name(scenario: ResolvedScenario, consequence: str) -> str | None:
    """Why a scenario may not publish under its name, or None: it comes from elsewhere and takes a shipped scenario's name.

    A file of the user's named ``pessimistic.yaml`` (or calling itself ``pessimistic``), with or without
    ``--set``, would write where the shipped scenario's book or chapter files go and name its editions
    after it. ``consequence`` says what would happen (``{name}`` stands for the name); the message ends
    with what to rename.
    """
    name = scenario.params.scenario.name
    owner = shipped_names().get(name)
    file = Path(scenario.file) if Path(scenario.file).is_absolute() else PROJECT_ROOT / scenario.file
    if owner is None or owner.resolve() == file.resolve():
        return None
    own = f"my-{name}"
    if name_from_file(file) == name and "name" not in (_scenario_section(file) or {}):
        fix = f"rename the file (e.g. to {own}{file.suffix}) or name it in a section 'scenario: {{name: {own}}}'"
    else:
        fix = f"change its 'scenario: name: {name}' to a name of its own (e.g. {own})"
    return (f"scenario.name: {scenario.file} is named {name!r}, the name of the shipped scenario {shown(owner)}; "
            f"{consequence.format(name=name)}. Give your scenario a name of its own: {fix}")


def load_all(folder: Path = PARAMS_DIR) -> dict[str, Parameters]:
    """Every scenario's validated parameters keyed by ``scenario.name`` (base first).

    Raises
    ------
    ValueError
        When two files declare the same scenario name (builds would overwrite each other).
    ParameterError
        When a file does not validate (naming the file and the parameter).
    """
    scenarios: dict[str, Parameters] = {}
    sources: dict[str, Path] = {}
    for path in scenario_files(folder):
        params = load_base(path) if path.name == BASE_SCENARIO.name else load_parameters(path)
        name = params.scenario.name
        if name in scenarios:
            raise ValueError(f"scenario name {name!r} is used by both {sources[name].name} and {path.name}")
        scenarios[name], sources[name] = params, path
    return scenarios
