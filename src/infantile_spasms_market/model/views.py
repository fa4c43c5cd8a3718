"""Views of the long market table: by segmentation, the total by year, and growth between two years."""

from __future__ import annotations

import pandas as pd


def view(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Values by year (rows) and one segmentation (columns), in USD million."""
    if by not in table.columns:
        raise KeyError(f"cannot view the market by {by!r}; columns: {', '.join(table.columns)}")
    return table.pivot_table(index="year", columns=by, values="value_usd_m", aggfunc="sum", observed=True, sort=False)


def totals(table: pd.DataFrame) -> pd.Series:
    """Global value by year, USD million."""
    return table.groupby("year")["value_usd_m"].sum()


def cagr(series: pd.Series, start: int, end: int) -> float:
    """Compound annual growth rate between two years of a yearly series."""
    return float((series.loc[end] / series.loc[start]) ** (1 / (end - start)) - 1)
