"""What the scenario changes against the base, in words: which parameters differ and how far they move the end value."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd

from ..scenario.parameters import Parameters


def format_value(value: object) -> str:
    """A parameter value as the changes table prints it (``(not set)``, ``yes``/``no``, ``%g``, JSON for lists and maps)."""
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def changes_text(
    params: Parameters,
    base: Parameters,
    changes: pd.DataFrame,
    overrides: Sequence[str],
    value: float,
    base_value: float,
    year: int,
) -> str:
    """Markdown saying how the scenario was built and what it changes, with a table of the changed parameters.

    Parameters
    ----------
    params, base : Parameters
        The scenario's and the base scenario's parameters.
    changes : DataFrame
        :func:`..scenario.diff.parameter_changes` of the two (columns ``path``, ``base``, ``scenario``).
    overrides : sequence of str
        The ``--set`` overrides the scenario was built with.
    value, base_value : float
        The scenario's and the base's value in ``year`` (USD million).
    year : int
        The year whose value the text compares (the end of the forecast).
    """
    if changes.empty:
        return (
            "This page shows the **base scenario**: it reproduces the report's published figures, and "
            "every assumption the report does not make is the book's central estimate. To see what "
            "other assumptions change, rebuild the book with a scenario file or a few `--set` "
            "overrides (see {doc}`/book/reproducibility`); this section then lists every parameter "
            f"that differs from the base and its effect on the {year} value."
        )
    how = (f"the scenario file of **{params.scenario.title}** ({params.scenario.rationale.rstrip('.')})"
           if params.scenario.name != base.scenario.name else "the base scenario file")
    if overrides:
        how += " with the overrides " + ", ".join(f"`{o}`" for o in overrides)
    difference = value - base_value
    frame = pd.DataFrame({
        "Parameter": [f"`{p}`" for p in changes["path"]],
        "Base": [format_value(v) for v in changes["base"]],
        "This scenario": [format_value(v) for v in changes["scenario"]],
    })
    return (
        f"This book was built from {how}. It differs from the base scenario in "
        f"{len(changes)} parameter{'s' if len(changes) != 1 else ''} (below). Together they move the "
        f"{year} market value from USD {base_value:.2f} million in the base to USD {value:.2f} "
        f"million, a difference of USD {difference:+.2f} million ({100 * difference / base_value:+.1f} %).\n\n"
        + frame.to_markdown(index=False, disable_numparse=True)
    )
