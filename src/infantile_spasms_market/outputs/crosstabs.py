"""Country by segment cross-tables of the long market table, with totals, for the Excel data pack."""

from __future__ import annotations

import pandas as pd

from ..inputs.taxonomy import COUNTRIES, COUNTRIES_BY_REGION, REGIONS, rest_of

SEGMENTATIONS = {"drug_type": "drug type", "therapeutic_class": "class", "dosage": "dosage"}  # short: sheet names have 31 characters
TOTAL = "Total"


def _country_order() -> list[tuple[str, str]]:
    """(region, country) names region by region, each region's 'Rest of' row last."""
    return [(REGIONS[r], COUNTRIES[c]) for r in REGIONS for c in (*COUNTRIES_BY_REGION[r], rest_of(r))]


def country_crosstab(table: pd.DataFrame, by: str, year: int) -> pd.DataFrame:
    """Value (USD million) by country and segment of ``by`` in ``year``, with a total column and a total row.

    Parameters
    ----------
    table : DataFrame
        The long market table (``year``, ``region``, ``country``, segment columns, ``value_usd_m``).
    by : str
        The segmentation: ``drug_type``, ``therapeutic_class`` or ``dosage``.
    year : int
        A year of the table.

    Returns
    -------
    DataFrame
        Columns ``Region``, ``Country``, one per segment (in the table's order of first appearance)
        and ``Total``; one row per country, region by region, then a ``Total`` row whose last cell
        is the market's value in ``year``.

    Raises
    ------
    KeyError
        When ``year`` is not in the table or ``by`` is not one of its columns.
    """
    if by not in table.columns:
        raise KeyError(f"the market table has no column {by!r}")
    rows = table[table["year"] == year]
    if rows.empty:
        raise KeyError(f"the market table has no year {year}")
    segments = list(dict.fromkeys(rows[by]))
    pivot = rows.pivot_table(index=["region", "country"], columns=by, values="value_usd_m", aggfunc="sum", fill_value=0.0)
    order = [key for key in _country_order() if key in pivot.index]
    order += [key for key in pivot.index if key not in order]  # a country the taxonomy does not list still shows
    pivot = pivot.reindex(order)[segments]
    pivot[TOTAL] = pivot.sum(axis=1)
    pivot.loc[(TOTAL, ""), :] = pivot.sum(axis=0)
    frame = pivot.reset_index().rename(columns={"region": "Region", "country": "Country"})
    frame.columns.name = None
    return frame
