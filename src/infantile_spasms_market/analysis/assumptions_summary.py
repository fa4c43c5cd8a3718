"""The assumptions log as the methodology chapter shows it: the listing, evidence against impact, counts, the chart's data."""

from __future__ import annotations

from typing import Any

import pandas as pd
from IPython.display import Markdown

from .assumptions_log import IMPACT_AMBER, IMPACT_RED, RATINGS, SPLIT_ONLY
from .wording import breakable

QUALITY_ORDER = ("red", "amber", "green")
IMPACT_ORDER = ("red", "amber", "green", SPLIT_ONLY, "not measured")


def _pct(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.1f}"


def assumptions_listing(log: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """The log (:func:`.assumptions_log.assumptions_log`) as text: ratings, swings (one decimal) and reasons.

    Returns
    -------
    DataFrame
        ``Assumption`` (a path that may wrap), ``Evidence``, ``Impact``, the swing of the total in
        ``end_year`` and of the bottom-up value (%, empty when not measured), ``Why this rating``.
    """
    return pd.DataFrame({
        "Assumption": log["path"].map(breakable),
        "Evidence": log["quality"],
        "Impact": log["impact"],
        f"Swing of the {end_year} total (%)": log["swing_total_pct"].map(_pct),
        "Swing of the bottom-up value (%)": log["swing_bottom_up_pct"].map(_pct),
        "Why this rating": log["reasoning"].map(lambda v: v.replace("_", "_<wbr>")),
    })


def quality_impact_matrix(log: pd.DataFrame) -> pd.DataFrame:
    """Number of assumptions by evidence quality (rows, ``Evidence red`` first) and impact (columns, ``Impact: ...``)."""
    matrix = pd.crosstab(log["quality"], log["impact"]).reindex(index=list(QUALITY_ORDER), columns=list(IMPACT_ORDER),
                                                                fill_value=0)
    matrix.index = [f"Evidence {q}" for q in matrix.index]
    matrix.columns = [f"Impact: {c}" for c in matrix.columns]
    return matrix


def assumptions_values(log: pd.DataFrame) -> dict[str, Any]:
    """The log's counts for the prose, and the assumptions to research first (red evidence and red impact).

    Returns
    -------
    dict
        ``met-n-green``, ``met-n-amber``, ``met-n-red``; ``met-research-first`` (Markdown: the paths
        in code font, or ``none``); ``met-n-measured`` (assumptions with a measured impact) and
        ``met-n-assumptions``; ``met-impact-red-pct`` and ``met-impact-amber-pct`` (the swings, % of the
        value, from which impact is rated red and amber).
    """
    counts = log["quality"].value_counts()
    values: dict[str, Any] = {f"met-n-{q}": int(counts.get(q, 0)) for q in QUALITY_ORDER}
    first = log[(log["quality"] == "red") & (log["impact"] == "red")]["path"].tolist()
    values["met-research-first"] = Markdown(", ".join(f"`{p}`" for p in first) if first else "none")
    values["met-n-measured"] = int(log["impact"].isin([*RATINGS, SPLIT_ONLY]).sum())
    values["met-n-assumptions"] = len(log)
    values["met-impact-red-pct"] = 100 * IMPACT_RED
    values["met-impact-amber-pct"] = 100 * IMPACT_AMBER
    return values


def impact_chart_data(log: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """The assumptions with a measured impact, smallest largest swing first (ties: path in reverse order).

    Returns
    -------
    DataFrame
        Indexed by ``path``: ``quality``, ``swing_total_<end_year>_pct`` and ``swing_bottom_up_pct``.
    """
    rated = log.dropna(subset=["swing_total_pct"]).copy()
    rated["largest"] = rated[["swing_total_pct", "swing_bottom_up_pct"]].max(axis=1)
    rated = rated.sort_values(["largest", "path"], ascending=[True, False])
    return (rated.set_index("path")[["quality", "swing_total_pct", "swing_bottom_up_pct"]]
            .rename(columns={"swing_total_pct": f"swing_total_{end_year}_pct"}))
