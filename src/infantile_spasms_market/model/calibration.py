"""From the report's headline to a yearly total: the three ways to reconcile its figures, and the check that needs them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..constraints import one_of
from ..inputs.headline import Headline
from .views import cagr, totals

RECONCILIATIONS = ("bridge_2025", "cagr_from_2024", "constant_cagr_2024_2030")


def total_trajectory(headline: Headline, reconciliation: str, cagr: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Total value of established therapies by year (n, Y), calibrated to the report's headline.

    ``bridge_2025`` keeps the published base-year value, last-year value and CAGR: the first growth
    year is what the last value and the CAGR imply. ``cagr_from_2024`` grows the base-year value at
    the CAGR. ``constant_cagr_2024_2030`` joins the two published values with one rate. A scenario's
    CAGR moves each path by its difference from the report's CAGR.
    """
    cagr = np.asarray(cagr, dtype=float)[:, None]
    t = np.asarray(years, dtype=float)[None, :]
    base, first, end = headline.key_years
    if reconciliation == "bridge_2025":
        value_first = headline.end_value_usd_m / (1 + headline.cagr) ** (end - first)
        after = value_first * (1 + cagr) ** (t - first)
        return np.where(t <= base, headline.base_value_usd_m, after)
    if reconciliation == "cagr_from_2024":
        return headline.base_value_usd_m * (1 + cagr) ** (t - base)
    if reconciliation == "constant_cagr_2024_2030":
        endpoint_rate = (headline.end_value_usd_m / headline.base_value_usd_m) ** (1 / (end - base)) - 1
        rate = endpoint_rate + (cagr - headline.cagr)
        return headline.base_value_usd_m * (1 + rate) ** (t - base)
    raise ValueError(f"market.reconciliation: unknown method {reconciliation!r}; must be {one_of(RECONCILIATIONS)}")


def consistency_check(headline: Headline) -> pd.DataFrame:
    """Where the report's headline figures leave one constant growth path, and each reconciliation's result."""
    base, first, end = headline.key_years
    years = np.arange(base, end + 1)
    rows = []
    for method in RECONCILIATIONS:
        path = pd.Series(total_trajectory(headline, method, np.array([headline.cagr]), years)[0], index=years)
        rows.append(
            {
                "reconciliation": method,
                f"value_{base}_usd_m": path[base],
                f"value_{first}_usd_m": path[first],
                f"value_{end}_usd_m": path[end],
                f"growth_{first}_pct": 100 * (path[first] / path[base] - 1),
                f"cagr_{first}_{end}_pct": 100 * cagr(path, first, end),
                f"cagr_{base}_{end}_pct": 100 * cagr(path, base, end),
            }
        )
    return pd.DataFrame(rows)


def headline_totals(table: pd.DataFrame, headline: Headline | None = None) -> dict[str, float]:
    """The scenario's values in the report's key years and its growth rate (for glue and golden tests)."""
    headline = Headline.from_data() if headline is None else headline
    base, first, end = headline.key_years
    series = totals(table)
    return {
        f"value_{base}_usd_m": float(series.loc[base]),
        f"value_{first}_usd_m": float(series.loc[first]),
        f"value_{end}_usd_m": float(series.loc[end]),
        f"cagr_{first}_{end}": cagr(series, first, end),
    }
