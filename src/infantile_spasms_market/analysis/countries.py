"""Countries within their regions: the book's country table, the named countries, and the figures the prose quotes."""

from __future__ import annotations

import pandas as pd

from ..inputs.taxonomy import (
    COUNTRIES,
    COUNTRY_REGION,
    NAMED_COUNTRIES,
    REGIONS,
    rest_of,
)
from ..model.views import cagr, view

GROWTH_TOLERANCE = 1e-9  # percent a year


def country_table(table: pd.DataFrame, years: tuple[int, int, int]) -> pd.DataFrame:
    """Each country's value, growth and share of its region, region by region, its "rest of" row last.

    Parameters
    ----------
    table : DataFrame
        The long market table.
    years : (int, int, int)
        The base year, the first growth year and the end year.

    Returns
    -------
    DataFrame
        Columns ``Region``, ``Country``, ``<base> (USD m)``, ``<end> (USD m)``, ``CAGR <first>-<end> (%)``
        (NaN for a country without value in the first growth year) and ``Share of region <base> (%)``.

    Raises
    ------
    ValueError
        If a country grows at another rate than its region (the split inside a region is fixed in
        the base year, and the prose says so).
    """
    base, first, end = years
    regions = view(table, "region")[list(REGIONS.values())]
    countries = view(table, "country")
    country_cagr = {c: 100 * cagr(countries[c], first, end) for c in countries.columns if countries[c].loc[first] > 0}
    region_cagr = {r: 100 * cagr(regions[r], first, end) for r in regions.columns}
    region_of = {COUNTRIES[c]: REGIONS[COUNTRY_REGION[c]] for c in COUNTRIES}
    off = {c: g for c, g in country_cagr.items() if abs(g - region_cagr[region_of[c]]) > GROWTH_TOLERANCE}
    if off:
        raise ValueError(f"countries growing at another rate than their region: {off}")
    rows = []
    for region_id, region in REGIONS.items():
        members = [c for c in COUNTRIES if COUNTRY_REGION[c] == region_id and c != rest_of(region_id)]
        for country_id in [*members, rest_of(region_id)]:
            name = COUNTRIES[country_id]
            series = countries[name]
            rows.append({
                "Region": region,
                "Country": name,
                f"{base} (USD m)": series.loc[base],
                f"{end} (USD m)": series.loc[end],
                f"CAGR {first}-{end} (%)": country_cagr.get(name, float("nan")),
                f"Share of region {base} (%)": 100 * series.loc[base] / regions.loc[base, region],
            })
    return pd.DataFrame(rows)


def shown(countries: pd.DataFrame) -> pd.DataFrame:
    """A :func:`country_table` for print: each region's name on its first row only."""
    return countries.assign(Region=countries["Region"].where(~countries["Region"].duplicated(), ""))


def named_countries(countries: pd.DataFrame) -> pd.DataFrame:
    """The rows of a :func:`country_table` for the countries the report names (no "rest of" rows), index kept."""
    return countries[countries["Country"].isin([COUNTRIES[c] for c in NAMED_COUNTRIES])]


def country_chart_data(countries: pd.DataFrame, base: int, end: int) -> pd.DataFrame:
    """The named countries, smallest end value first: ``Region``, ``Country``, ``value_<base>_usd_m``, ``value_<end>_usd_m``."""
    named = named_countries(countries).sort_values(f"{end} (USD m)")
    return named[["Region", "Country", f"{base} (USD m)", f"{end} (USD m)"]].rename(
        columns={f"{base} (USD m)": f"value_{base}_usd_m", f"{end} (USD m)": f"value_{end}_usd_m"})


def country_highlights(countries: pd.DataFrame, world: float, base: int) -> dict[str, object]:
    """The two largest named countries in the base year and the unnamed countries' share, for glue.

    Parameters
    ----------
    countries : DataFrame
        A :func:`country_table`.
    world : float
        The world's value in the base year (USD million).
    base : int
        The base year.

    Returns
    -------
    dict
        ``top-country``, ``top-country-value``, ``top-country-world-share``, ``second-country``,
        ``second-country-value`` and ``rest-share`` (percent of the world outside the named countries).
    """
    named = named_countries(countries)
    value = f"{base} (USD m)"
    top, second = (named.sort_values(value, ascending=False).iloc[i] for i in (0, 1))
    return {
        "top-country": str(top["Country"]),
        "top-country-value": float(top[value]),
        "top-country-world-share": float(100 * top[value] / world),
        "second-country": str(second["Country"]),
        "second-country-value": float(second[value]),
        "rest-share": float(100 * (1 - named[value].sum() / world)),
    }
