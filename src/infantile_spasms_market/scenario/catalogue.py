"""The scenario files in ``params/``: found, loaded and checked for clashing names."""

from __future__ import annotations

from pathlib import Path

from typing import Any

from ..paths import BASE_SCENARIO, NOT_SCENARIOS, PARAMS_DIR, PROJECT_ROOT, shown
from .loading import load_base, load_parameters
from .parameters import Parameters
from .resolved import ResolvedScenario


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
    import yaml

    from .loading import BASE_NAME, name_from_file

    names: dict[str, Path] = {}
    for path in scenario_files(folder):
        try:
            section = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("scenario")
        except (OSError, yaml.YAMLError, AttributeError):
            section = None
        given = section.get("name") if isinstance(section, dict) else None
        name = BASE_NAME if path.name == BASE_SCENARIO.name else given or name_from_file(path)
        if isinstance(name, str):
            names.setdefault(name, path)
    return names


def taken_name(scenario: ResolvedScenario, consequence: str) -> str | None:
    """Why a scenario may not publish under its name, or None: it comes from elsewhere and takes a shipped scenario's name.

    A file of the user's named ``pessimistic.yaml`` (or calling itself ``pessimistic``), with or without
    ``--set``, would write where the shipped scenario's book or chapter files go and name its editions
    after it. ``consequence`` says what would happen (``{name}`` stands for the name); the message ends
    with what to rename.
    """
    from .loading import name_from_file

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


def _scenario_section(file: Path) -> dict[str, Any] | None:
    """The ``scenario`` section a scenario file writes itself (None when it has none or cannot be read)."""
    import yaml

    try:
        section = (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("scenario")
    except (OSError, yaml.YAMLError, AttributeError):
        return None
    return section if isinstance(section, dict) else None


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
