"""Writes the long market table for download: CSV, Parquet and a data dictionary derived from it.

The dictionary's types come from the table's dtypes, its allowed values from the taxonomy (checked
against the table) and the year range from the table itself; only the one-line descriptions are
written here, and a column without one is an error rather than a blank row.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..inputs.headline import Headline
from ..paths import BOTTOM_UP_CSV, MARKET_TABLE
from .gallery import size_text
from ..inputs.taxonomy import (
    COUNTRIES,
    COUNTRIES_BY_REGION,
    DOSAGES,
    DRUG_TYPES,
    DRUGS,
    REGIONS,
    THERAPEUTIC_CLASSES,
    rest_of,
)

DICTIONARY_COLUMNS = ("column", "type", "unit", "description", "allowed_values")

# What each column means. Everything else in the dictionary is derived.
DESCRIPTIONS: dict[str, str] = {
    "year": "Calendar year ({base_year} is the report's base year; later years are the forecast)",
    "region": "Region, in the report's wording",
    "country": "Country named by the report, or the 'Rest of' row of its region",
    "drug": "Modelled drug group (id); its name and segments are in the taxonomy",
    "drug_type": "The report's drug-type segment of the drug group",
    "therapeutic_class": "The report's therapeutic-class segment of the drug group",
    "dosage": "The report's dosage segment: Liquid (injectables, oral solutions, powders for solution) or Solid (tablets)",
    "value_usd_m": "Sales value of the row (manufacturer level, as the report's market size)",
}

# Units by column-name suffix (the book's convention: column names carry their units).
UNIT_SUFFIXES: dict[str, str] = {"_usd_m": "USD million (nominal)", "_pct": "percent", "_usd": "USD"}


def _type_name(series: pd.Series) -> str:
    """Plain name of a column's type."""
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    if pd.api.types.is_string_dtype(series) or pd.api.types.is_object_dtype(series):
        return "text"
    return str(series.dtype)


def column_unit(column: str) -> str:
    """A column's unit, from its name (the book's convention: names carry units); ``label`` for text."""
    if column == "year":
        return "year"
    for suffix, unit in UNIT_SUFFIXES.items():
        if column.endswith(suffix):
            return unit
    return "label"


def _countries_in_order() -> list[str]:
    """Country names region by region, each region's 'Rest of' row last."""
    return [COUNTRIES[c] for r in REGIONS for c in (*COUNTRIES_BY_REGION[r], rest_of(r))]


def allowed_values(column: str, series: pd.Series) -> str:
    """What ``column`` may hold, from the taxonomy (labels) or the data (years, values).

    Raises
    ------
    ValueError
        When the table holds a label the taxonomy does not know (the dictionary would lie).
    """
    labels: dict[str, list[str]] = {
        "region": list(REGIONS.values()),
        "country": _countries_in_order(),
        "drug": list(DRUGS),
        "drug_type": list(DRUG_TYPES),
        "therapeutic_class": list(THERAPEUTIC_CLASSES),
        "dosage": list(DOSAGES.values()),
    }
    if column in labels:
        unknown = sorted(set(series.astype(str)) - set(labels[column]))
        if unknown:
            raise ValueError(f"column {column!r} holds values the taxonomy does not know: {', '.join(unknown)}")
        if column == "drug":
            return "; ".join(f"{d} ({DRUGS[d].name})" for d in labels[column])
        return "; ".join(labels[column])
    if column == "year":
        return f"{int(series.min())} to {int(series.max())}, every year"
    if pd.api.types.is_numeric_dtype(series):
        return ">= 0" if (series >= 0).all() else "any number"
    return "text"


def data_dictionary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per column of ``table``: column, type, unit, description, allowed values.

    Raises
    ------
    KeyError
        When a column has no description in :data:`DESCRIPTIONS`.
    """
    undocumented = [c for c in table.columns if c not in DESCRIPTIONS]
    if undocumented:
        raise KeyError(f"no description for column(s) {', '.join(undocumented)}: add them to export.DESCRIPTIONS")
    base_year = Headline.from_data().base_year
    rows = [
        (column, _type_name(table[column]), column_unit(column), DESCRIPTIONS[column].format(base_year=base_year),
         allowed_values(column, table[column]))
        for column in table.columns
    ]
    return pd.DataFrame(rows, columns=list(DICTIONARY_COLUMNS))


def export_market_table(table: pd.DataFrame, folder: Path | str) -> list[Path]:
    """Write ``market_table.csv``, ``market_table.parquet`` and ``market_table_dictionary.csv``.

    Parameters
    ----------
    table : DataFrame
        The long market table (:func:`infantile_spasms_market.market.market_table`).
    folder : path
        Where the files go (created when missing), e.g. ``<output_dir>/downloads/data``.

    Returns
    -------
    list of Path
        The three files written, in that order.
    """
    dictionary = data_dictionary(table)  # validates the columns before anything is written
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{MARKET_TABLE}.csv", folder / f"{MARKET_TABLE}.parquet", folder / f"{MARKET_TABLE}_dictionary.csv"]
    table.to_csv(paths[0], index=False)
    table.to_parquet(paths[1], index=False)
    dictionary.to_csv(paths[2], index=False)
    return paths


def export_bottom_up(bottom_up: pd.DataFrame, folder: Path | str) -> Path:
    """Write the bottom-up model by country as ``bottom_up.csv`` (country id kept as a column).

    Parameters
    ----------
    bottom_up : DataFrame
        :func:`infantile_spasms_market.epidemiology.bottom_up_by_country`, indexed by country id.
    folder : path
        Where the file goes (created when missing).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / BOTTOM_UP_CSV
    bottom_up.rename_axis("country_id").reset_index().to_csv(path, index=False)
    return path


def export_downloads(table: pd.DataFrame, bottom_up: pd.DataFrame, folder: Path | str) -> dict[str, Path]:
    """Write every data download (:func:`export_market_table`, :func:`export_bottom_up`) and read the table back.

    What a reader downloads must be exactly the table the book's figures come from: the CSV and the
    Parquet file are read back and compared with ``table`` value for value.

    Returns
    -------
    dict of Path
        ``csv``, ``parquet``, ``dictionary`` and ``bottom_up``.

    Raises
    ------
    AssertionError
        When a file read back differs from ``table`` (the message names the file).
    """
    csv_path, parquet_path, dictionary_path = export_market_table(table, folder)
    bottom_up_path = export_bottom_up(bottom_up, folder)
    for path, read in ((csv_path, pd.read_csv), (parquet_path, pd.read_parquet)):
        pd.testing.assert_frame_equal(read(path), table, check_exact=True, obj=path.name)
    return {"csv": csv_path, "parquet": parquet_path, "dictionary": dictionary_path, "bottom_up": bottom_up_path}


def download_facts(table: pd.DataFrame, paths: dict[str, Path], headline: Headline) -> dict[str, int | float]:
    """What the data chapter says about the downloaded table: its size, its contents, its totals beside the report's.

    Parameters
    ----------
    table : DataFrame
        The long market table.
    paths : dict of Path
        :func:`export_downloads`' files (the totals are summed from the Parquet file as downloaded).
    headline : Headline
        The report's years and values.

    Returns
    -------
    dict
        ``data-rows``, ``data-columns``, ``data-first-year``, ``data-last-year``, the numbers of
        ``data-regions``, ``-countries``, ``-drugs`` and ``-dosages``, the file sizes as text
        ``data-csv-size`` and ``data-parquet-size`` (:func:`.gallery.size_text`, as the downloads list gives them), the downloaded totals in the report's base and end
        years (``data-total-2024``, ``data-total-2030``) and the report's own (``data-report-2024``,
        ``data-report-2030``); keys named after the years the chapter's prose reports.
    """
    years = sorted(table["year"].unique())
    downloaded = pd.read_parquet(paths["parquet"]).groupby("year")["value_usd_m"].sum()
    return {
        "data-rows": int(len(table)),
        "data-columns": int(table.shape[1]),
        "data-first-year": int(years[0]),
        "data-last-year": int(years[-1]),
        **{f"data-{name}": int(table[column].nunique()) for name, column in
           (("regions", "region"), ("countries", "country"), ("drugs", "drug"), ("dosages", "dosage"))},
        "data-csv-size": size_text(paths["csv"].stat().st_size),  # as the downloads list writes it: decimal kB
        "data-parquet-size": size_text(paths["parquet"].stat().st_size),
        "data-total-2024": float(downloaded.loc[headline.base_year]),
        "data-total-2030": float(downloaded.loc[headline.end_year]),
        "data-report-2024": float(headline.base_value_usd_m),
        "data-report-2030": float(headline.end_value_usd_m),
    }


# --------------------------------------------------------------------------- country by segment cross-tables
# Country by segment cross-tables of the long market table, with totals, for the Excel data pack.

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


SIGNIFICANT = 3  # figures a full-precision number below 1 shows at least in the data pack (0.0354, not 0.04)


def value_format(values: pd.Series, as_shown: bool = False) -> str:
    """The number format of a column: ``General`` for numbers stored as the page shows them (no digits added), else two
    decimals, or more where the smallest non-zero value needs them to show :data:`SIGNIFICANT` figures (at most six)."""
    if as_shown:
        return "General"
    small = pd.to_numeric(values, errors="coerce").abs()
    small = small[(small > 0) & (small < 1)]
    decimals = 2 if small.empty else min(6, max(2, SIGNIFICANT - 1 - math.floor(math.log10(small.min()))))
    return "#,##0." + "0" * decimals
