"""What sets the width of the book's own 2024 estimate: each group of bottom-up inputs drawn alone, and where a value falls in the draws."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import percentileofscore

from ..scenario.parameters import Parameters
from .bottomup import bottom_up
from .draws import draw_parameters

# The bottom-up inputs a level's uncertainty comes from, grouped as the book ranks them (parameter paths).
LEVEL_GROUPS = (
    "epidemiology.incidence_per_1000",
    "epidemiology.diagnosed_share",
    "epidemiology.treated_share",
    "epidemiology.courses_per_treated_patient",
    "epidemiology.course_length_14d_units",
    "countries.price_index",
    "countries.price_level_error",
    "pricing.outside_us_log_ratio",
    "countries.births_coverage_factor",
    "countries.rest_of_region_births",
    "epidemiology.first_line_mix",
    "epidemiology.assumed_course_cost_usd",
    "pricing.infant_weight_kg",
)


def percentile_of(values: np.ndarray, value: float) -> float:
    """Where ``value`` falls among ``values``, as a percentile (0-100).

    Ties count half (``scipy.stats.percentileofscore(kind="mean")``): the percentile of the
    median of an odd number of distinct values is 50.
    """
    values = np.asarray(values, dtype=float).ravel()
    if values.size == 0:
        raise ValueError("no values to place a value among")
    return float(percentileofscore(values, float(value), kind="mean"))


def group_paths(params: Parameters, group: str) -> list[str]:
    """The declared distributions of ``params`` that belong to ``group`` (the path itself or below it)."""
    return [p for p in params.uncertainty.distributions if p == group or p.startswith(group + ".")]


def global_bottom_up(params: Parameters, only: list[str] | None = None, n: int | None = None,
                     seed: int | None = None) -> np.ndarray:
    """The global bottom-up value in the base year in each draw (n,), USD million.

    ``only``: draw just these declared paths (``[]``: every parameter at the scenario's value).
    """
    state = draw_parameters(params, n, seed, only=only)
    return bottom_up(params, state).value_usd_m.sum(axis=1)


def level_drivers(params: Parameters, n: int | None = None, seed: int | None = None) -> pd.DataFrame:
    """Rank the groups of bottom-up inputs by how much of the level's spread each explains alone.

    Each group of declared distributions (:data:`LEVEL_GROUPS`) is drawn alone, every other
    parameter at the scenario's value, with the same draws as the full run (each path has its
    own random stream). Its variance over the variance with every distribution drawn is its
    first-order share: the shares add up to about 1 when the inputs act nearly additively, and to
    less when they amplify each other (they multiply).

    Returns
    -------
    DataFrame
        Indexed by ``group`` (a parameter path), sorted by ``variance_share_pct`` (largest
        first), with ``distributions`` (how many are drawn), ``p5_usd_m``, ``p95_usd_m``,
        ``width_usd_m`` (P95 - P5) and ``variance_share_pct``. Empty when no group is drawn.
    """
    full = global_bottom_up(params, n=n, seed=seed)
    total_var = float(full.var())
    rows = []
    for group in LEVEL_GROUPS:
        paths = group_paths(params, group)
        if not paths:
            continue
        alone = global_bottom_up(params, only=paths, n=n, seed=seed)
        p5, p95 = np.percentile(alone, [5, 95])
        share = 100 * float(alone.var()) / total_var if total_var > 0 else 0.0
        rows.append({"group": group, "distributions": len(paths), "p5_usd_m": float(p5), "p95_usd_m": float(p95),
                     "width_usd_m": float(p95 - p5), "variance_share_pct": share})
    columns = ["distributions", "p5_usd_m", "p95_usd_m", "width_usd_m", "variance_share_pct"]
    if not rows:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="group"))
    return pd.DataFrame(rows).set_index("group").sort_values("variance_share_pct", ascending=False)[columns]
