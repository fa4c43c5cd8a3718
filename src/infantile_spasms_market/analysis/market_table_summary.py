"""The long market table as the data chapter shows it: a country's largest rows, and proof that every view sums to the total."""

from __future__ import annotations

import pandas as pd

from ..inputs.taxonomy import SEGMENTATIONS
from ..model.views import totals, view

TOLERANCE_USD = 1.0  # a view further than a dollar from the total does not add up


def largest_rows(table: pd.DataFrame, country: str, year: int, n: int = 6) -> pd.DataFrame:
    """The ``n`` largest rows of ``country`` in ``year``, largest first, as a reader sees them in the download.

    The year is shown as text (a year, not a quantity: no thousands separator) and the value
    column's header names its unit (``value_usd_m (USD m)``).
    """
    rows = table[(table["country"] == country) & (table["year"] == year)]
    rows = rows.sort_values("value_usd_m", ascending=False).head(n).reset_index(drop=True)
    rows["year"] = rows["year"].astype(str)
    return rows.rename(columns={"value_usd_m": "value_usd_m (USD m)"})


def view_gaps(table: pd.DataFrame) -> pd.DataFrame:
    """The largest gap in any year between the sum of each view's segments and the total, in US dollars.

    Returns
    -------
    DataFrame
        Indexed by the view's name (``SEGMENTATIONS``): ``largest_gap_usd``.

    Raises
    ------
    AssertionError
        When a view is more than :data:`TOLERANCE_USD` from the total in some year.
    """
    total = totals(table)
    gaps = pd.DataFrame({SEGMENTATIONS[by]: (view(table, by).sum(axis=1) - total).abs() * 1e6 for by in SEGMENTATIONS})
    largest = gaps.max().rename("largest_gap_usd").to_frame()
    if (largest["largest_gap_usd"] > TOLERANCE_USD).any():
        raise AssertionError(f"a view does not sum to the total:\n{largest}")
    return largest
