"""The long market table as the data chapter shows it: a country's largest rows, and proof that every view sums to the total."""

from __future__ import annotations

import pandas as pd

from ..inputs.taxonomy import DRUGS, SEGMENTATIONS
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


def as_typed(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of the long table as the page shows them: what a reader types in pandas, in code format.

    Column names and the drug ids (the ``drug`` column's values) are code; the columns with one
    value in every row (``year``, ``region``, ``country`` of :func:`largest_rows`) are left out,
    since the caption names them.
    """
    constant = [c for c in ("year", "region", "country") if c in rows and rows[c].nunique() == 1]
    shown = rows.drop(columns=constant)
    if "drug" in shown:
        shown["drug"] = [f"`{d}`" for d in shown["drug"]]
    return shown.rename(columns=lambda c: f"`{c.split(' ')[0]}`" + (c[len(c.split(' ')[0]):]))


def dictionary_as_typed(dictionary: pd.DataFrame) -> pd.DataFrame:
    """The data dictionary (:func:`..outputs.export.data_dictionary`) for the page: column names and drug ids in code format."""
    shown = dictionary.copy()
    drug = shown["column"] == "drug"
    shown.loc[drug, "allowed_values"] = "; ".join(f"`{d}` ({DRUGS[d].name})" for d in DRUGS)
    shown["column"] = [f"`{c}`" for c in shown["column"]]
    return shown


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
