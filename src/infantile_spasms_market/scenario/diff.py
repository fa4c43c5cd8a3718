"""What a scenario changes: the parameters whose resolved values differ from the base scenario's."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .parameters import Parameters

# The scenario's name, title and rationale describe it; they are not assumptions of the model.
DESCRIPTIVE_SECTIONS: tuple[str, ...] = ("scenario",)
MISSING = None  # value shown when a path exists in only one of the two scenarios


def flatten(tree: Any, prefix: str = "") -> dict[str, Any]:
    """Leaves of a nested mapping keyed by dotted path (``{"a": {"b": 1}}`` -> ``{"a.b": 1}``).

    Lists are leaves (compared as a whole). An empty mapping is a leaf too, so that a section
    emptied by a scenario still shows up as a change.
    """
    if isinstance(tree, dict) and tree:
        leaves: dict[str, Any] = {}
        for key, value in tree.items():
            leaves.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return leaves
    return {prefix: tree}


def _same(a: Any, b: Any) -> bool:
    """Equal values; floats equal up to rounding noise (0.1 + 0.2 and 0.3 are the same assumption)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)
    return a == b


def parameter_changes(
    params: Parameters | Mapping[str, Any],
    base: Parameters | Mapping[str, Any],
    ignore: Iterable[str] = DESCRIPTIVE_SECTIONS,
) -> pd.DataFrame:
    """Every parameter whose value in ``params`` differs from ``base``: the one comparison of two scenarios.

    Parameters
    ----------
    params : Parameters or mapping
        The scenario's validated parameters, or their resolved tree (``Parameters.resolved()``, as a
        build's manifest records it).
    base : Parameters or mapping
        What it is compared with: the base scenario's (``load_parameters()``), or an earlier build's.
    ignore : iterable of str
        Dotted prefixes left out of the comparison; by default the ``scenario`` section (name,
        title, rationale), which describes a scenario rather than assuming anything.

    Returns
    -------
    DataFrame
        Columns ``path`` (dotted parameter name), ``base`` and ``scenario`` (the two values;
        None where a path exists in only one scenario, e.g. an uncertainty distribution that one
        of them adds), sorted by path. Empty (with those columns) when nothing differs.
    """
    if type(params) is not type(base) and not (isinstance(params, Mapping) and isinstance(base, Mapping)):
        raise TypeError(
            f"parameter_changes compares two Parameters objects or two resolved trees, "
            f"got {type(params).__name__} and {type(base).__name__}"
        )
    prefixes = tuple(ignore)
    scenario_leaves = flatten(params.resolved() if isinstance(params, Parameters) else dict(params))
    base_leaves = flatten(base.resolved() if isinstance(base, Parameters) else dict(base))
    rows = []
    for path in sorted(set(scenario_leaves) | set(base_leaves)):
        if any(path == p or path.startswith(p + ".") for p in prefixes):
            continue
        old, new = base_leaves.get(path, MISSING), scenario_leaves.get(path, MISSING)
        in_both = path in base_leaves and path in scenario_leaves
        if in_both and _same(old, new):
            continue
        rows.append({"path": path, "base": old, "scenario": new})
    return pd.DataFrame(rows, columns=["path", "base", "scenario"], dtype=object)  # values as given: None stays None
