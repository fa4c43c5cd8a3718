"""How a scenario is named: only ``params/base.yaml`` is ``base``; a file that names nothing is named after itself.

A scenario file holds only what differs from the base, but its ``scenario`` section (name, title,
rationale) is never inherited: a book built from ``my-view.yaml`` must not call itself the base
case. What a file leaves out is made from its file name: ``my-view.yaml`` becomes ``my-view``,
titled as a scenario that is not the base case.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .. import paths
from .errors import ParameterError

BASE_NAME = "base"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def name_from_file(path: Path) -> str | None:
    """A scenario name made from a file name (``My View.yaml`` -> ``my-view``), or None when none can be made."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", Path(path).stem.lower()).strip("-_")
    slug = re.sub(r"-{2,}", "-", slug)[:40].rstrip("-_")
    return slug if NAME_PATTERN.match(slug) else None


def scenario_section(given: dict[str, Any] | None, path: Path, shown: str) -> dict[str, Any]:
    """The ``scenario`` section of the scenario file at ``path`` (shown as ``shown``), completed from its file name.

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
                f"scenario.name: {shown} gives no name and its file name cannot serve as one; "
                "add a section such as 'scenario:\\n  name: my-view' (lower case letters, digits, - and _)"
            ])
    if name == BASE_NAME:
        suggestion = name_from_file(path)
        suggestion = suggestion if suggestion not in (None, BASE_NAME) else "my-view"  # never suggest 'base' itself
        raise ParameterError([
            f"scenario.name: 'base' is reserved for {paths.shown(paths.BASE_SCENARIO)}, the report's figures; {shown} changes "
            f"assumptions, so give it a name of its own (e.g. {suggestion!r})"
        ])
    given["name"] = name
    given.setdefault("title", f"Scenario {name} (not the base case)")
    given.setdefault("rationale", f"Built from {shown}, which gives no rationale; what it changes from the base is listed on the front page.")
    return given
