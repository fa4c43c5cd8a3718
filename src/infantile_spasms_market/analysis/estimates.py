"""Other publishers' estimates of the market against this book: brought to common years with their own growth rates, then the estimates chapter's table, glue values and chart data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown

from ..model.montecarlo import MonteCarloResult
from .wording import join_names

# --------------------------------------------------------------------------- the estimates in common years
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


# --------------------------------------------------------------------------- against this book: the chapter's table, glue values, chart data
def comparison_table(estimates: pd.DataFrame, common: pd.DataFrame, position: pd.DataFrame) -> pd.DataFrame:
    """One row of text per estimate: what it states, its value in the common years, where it falls.

    Parameters
    ----------
    estimates : DataFrame
        The usable estimates (one per publisher).
    common : DataFrame
        :func:`.estimates.extrapolate` of them to two years (publishers by years: first and last column).
    position : DataFrame
        :func:`.estimates.against_range` of them in the last of those years.

    Returns
    -------
    DataFrame
        ``Publisher``, the stated base, forecast and CAGR (with their years), the value in each
        common year (two decimals) and the position against this book's P5-P95 range.
    """
    first, last = common.columns[0], common.columns[-1]
    rows = []
    for row in estimates.itertuples(index=False):
        stated = f"{row.forecast_value_usd_m:.2f} ({row.forecast_year})" if pd.notna(row.forecast_value_usd_m) else ""
        rows.append({
            "Publisher": row.publisher,
            "Stated base (USD m)": f"{row.base_value_usd_m:.2f} ({row.base_year})",
            "Stated forecast (USD m)": stated,
            "Stated CAGR (%)": f"{row.cagr_pct:.2f} ({row.cagr_period})",
            f"{first} at its CAGR (USD m)": f"{common.loc[row.publisher, first]:.2f}",
            f"{last} at its CAGR (USD m)": f"{common.loc[row.publisher, last]:.2f}",
            f"Against this book's P5-P95 in {last}": position.loc[row.publisher, "position"],
        })
    return pd.DataFrame(rows)


def book_values(estimates: pd.DataFrame, book: pd.Series, band: pd.DataFrame, year: int) -> dict[str, Any]:
    """How many estimates are usable, and this book's scenario value and P5-P95 range in ``year``.

    Returns
    -------
    dict
        Glue values ``est-n-estimates``, ``est-book-2030``, ``est-p5-2030``, ``est-p95-2030``
        (keys named after the year the chapter's prose reports).
    """
    return {
        "est-n-estimates": len(estimates),
        "est-book-2030": float(book.loc[year]),
        "est-p5-2030": float(band.loc[year, "P5"]),
        "est-p95-2030": float(band.loc[year, "P95"]),
    }


def outside_sentence(position: pd.DataFrame) -> Markdown:
    """Which estimates lie above and which below the range (``None lies outside it.`` when none)."""
    parts = []
    for side in ("above", "below"):
        who = list(position.index[position["position"] == side])
        if who:
            parts.append(f"{join_names(who)} {'lies' if len(who) == 1 else 'lie'} {side} it")
    return Markdown(("; ".join(parts) + ".") if parts else "None lies outside it.")


def spread_values(estimates: pd.DataFrame, common: pd.DataFrame, position: pd.DataFrame) -> dict[str, Any]:
    """How far the estimates disagree: in the first common year, in growth, and against this book's range.

    Returns
    -------
    dict
        ``est-n-within`` and ``est-outside-sentence`` (Markdown); the smallest and largest value in
        the first common year with their publishers and the ratio of the two (``est-min-2024``,
        ``est-max-2024``, ``-who``, ``est-ratio-2024``); the range of stated growth rates
        (``est-cagr-min``, ``est-cagr-max``, ``est-cagr-max-who``).
    """
    first = common[common.columns[0]]
    growth = estimates.set_index("publisher")["cagr_pct"]
    return {
        "est-n-within": int(position["position"].value_counts().get("within", 0)),
        "est-outside-sentence": outside_sentence(position),
        "est-min-2024": float(first.min()),
        "est-min-2024-who": str(first.idxmin()),
        "est-max-2024": float(first.max()),
        "est-max-2024-who": str(first.idxmax()),
        "est-ratio-2024": float(first.max() / first.min()),
        "est-cagr-min": float(growth.min()),
        "est-cagr-max": float(growth.max()),
        "est-cagr-max-who": str(growth.idxmax()),
    }


def chart_years(estimates: pd.DataFrame, base_year: int, end_year: int) -> np.ndarray:
    """The years of the comparison chart: from the earliest base year (the report's at the latest) to a year past the end."""
    return np.arange(min(int(estimates["base_year"].min()), base_year), end_year + 2)


def base_years(estimates: pd.DataFrame) -> pd.Series:
    """Each publisher's base year, where its line on the comparison chart starts."""
    return estimates.set_index("publisher")["base_year"]


def lines_with_book(lines: pd.DataFrame, book: pd.Series, band: pd.DataFrame) -> pd.DataFrame:
    """The comparison chart's data: each estimate's line by year beside this book's scenario, P5 and P95 (4 decimals)."""
    data = lines.T.round(4).rename_axis("year")
    data["book_scenario_usd_m"] = book.round(4)
    data["book_p5_usd_m"] = band["P5"].round(4)
    data["book_p95_usd_m"] = band["P95"].round(4)
    return data


def outlier_notes(outliers: pd.DataFrame) -> list[str]:
    """A note per outlier for the chart it is left off: publisher, value and year."""
    return [f"Outlier, not shown: {row.publisher},\nUSD {row.base_value_usd_m:,.0f} million in {row.base_year}"
            for row in outliers.itertuples(index=False)]


def growth_range(result: MonteCarloResult, start: int, end: int) -> tuple[float, float, float]:
    """P5, median and P95 over the draws of the growth rate from ``start`` to ``end``, percent a year."""
    growth = 100 * ((result.value_in(end) / result.value_in(start)) ** (1 / (end - start)) - 1)
    low, mid, high = np.percentile(growth, [5, 50, 95])
    return float(low), float(mid), float(high)


def size_and_growth(estimates: pd.DataFrame, common: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each publisher's stated growth rate (``cagr_pct``) and its value in ``year`` (``size_<year>_usd_m``)."""
    growth = estimates.set_index("publisher")["cagr_pct"]
    return pd.DataFrame({"cagr_pct": growth, f"size_{year}_usd_m": common[year]}).rename_axis("publisher")


def values_in(common: pd.DataFrame, position: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each estimate's value in ``year`` (``value_<year>_usd_m``), smallest first, and its ``position`` against the range."""
    values = common[year].sort_values()
    return pd.DataFrame({f"value_{year}_usd_m": values, "position": position.loc[values.index, "position"]})


def outlier_values(estimates: pd.DataFrame, outliers: pd.DataFrame) -> dict[str, Any]:
    """The first outlier against what the report's publisher now implies for the outlier's year (empty: none).

    Returns
    -------
    dict
        ``est-outlier-who``, ``est-outlier-value``, ``est-outlier-year`` (text), ``est-outlier-ratio``
        (the outlier over the report's estimate brought to that year) and ``est-outlier-note``
        (Markdown, ending in a full stop).
    """
    if not len(outliers):
        return {}
    row = outliers.iloc[0]
    newer = estimates[estimates["source_id"] == REPORT_SOURCE_ID].iloc[0]
    same_year = extrapolate(pd.DataFrame([newer]), [int(row["base_year"])]).iloc[0, 0]
    note = str(row["note"]).strip()
    return {
        "est-outlier-who": str(row["publisher"]),
        "est-outlier-value": float(row["base_value_usd_m"]),
        "est-outlier-year": str(int(row["base_year"])),
        "est-outlier-ratio": float(row["base_value_usd_m"] / same_year),
        "est-outlier-note": Markdown(note if note.endswith(".") else note + "."),
    }
