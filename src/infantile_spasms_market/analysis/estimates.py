"""Other publishers' estimates of the market, brought to common years with their own growth rates."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

OUTLIER = "outlier"
REPORT_SOURCE_ID = "techsci-2025"  # the report this book starts from, among the estimates
REQUIRED = ("publisher", "base_year", "base_value_usd_m", "forecast_year", "forecast_value_usd_m", "cagr_pct", "status")


def _check(estimates: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED if c not in estimates.columns]
    if missing:
        raise KeyError(f"other estimates lack the column(s) {', '.join(missing)}")


def usable(estimates: pd.DataFrame) -> pd.DataFrame:
    """The estimates that are data (``status`` not ``outlier``)."""
    _check(estimates)
    return estimates[estimates["status"] != OUTLIER]


def outliers(estimates: pd.DataFrame) -> pd.DataFrame:
    """The estimates shown as outliers, not used as data."""
    _check(estimates)
    return estimates[estimates["status"] == OUTLIER]


def extrapolate(estimates: pd.DataFrame, years: Iterable[int]) -> pd.DataFrame:
    """Each estimate in ``years``: its base-year value grown (or shrunk) at its own stated CAGR.

    ``value(year) = base_value x (1 + cagr)^(year - base_year)``, whatever period the publisher
    states its CAGR over: a common basis, not the publisher's own path (its stated forecast can
    differ a little, as the report's own figures do).

    Returns
    -------
    DataFrame
        Rows: publishers; columns: years; USD million.
    """
    _check(estimates)
    years = list(years)
    rate = 1 + estimates["cagr_pct"].astype(float) / 100
    frame = pd.DataFrame(
        {year: estimates["base_value_usd_m"].astype(float) * rate ** (year - estimates["base_year"]) for year in years}
    )
    frame.index = pd.Index(estimates["publisher"], name="publisher")
    return frame


def stated_points(estimates: pd.DataFrame) -> pd.DataFrame:
    """The values the publishers state: one row per publisher and year (``kind`` base or forecast)."""
    _check(estimates)
    rows = []
    for row in estimates.itertuples(index=False):
        rows.append({"publisher": row.publisher, "year": int(row.base_year), "value_usd_m": float(row.base_value_usd_m), "kind": "base"})
        if pd.notna(row.forecast_year) and pd.notna(row.forecast_value_usd_m):
            rows.append(
                {"publisher": row.publisher, "year": int(row.forecast_year), "value_usd_m": float(row.forecast_value_usd_m), "kind": "forecast"}
            )
    return pd.DataFrame(rows, columns=["publisher", "year", "value_usd_m", "kind"])


def position(value: float, low: float, high: float) -> str:
    """Where ``value`` falls against a range: ``below``, ``within`` or ``above``."""
    if low > high:
        raise ValueError(f"range low {low} is above high {high}")
    return "below" if value < low else "above" if value > high else "within"


def against_range(estimates: pd.DataFrame, year: int, low: float, high: float) -> pd.DataFrame:
    """Each usable estimate in ``year`` (extrapolated) against a range such as this book's P5-P95.

    Returns
    -------
    DataFrame
        Indexed by publisher: ``value_usd_m`` and ``position`` (below, within, above).
    """
    values = extrapolate(usable(estimates), [year])[year]
    return pd.DataFrame({"value_usd_m": values, "position": [position(v, low, high) for v in values]})
