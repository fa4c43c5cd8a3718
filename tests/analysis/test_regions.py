"""Countries within their regions: the country table, the named countries and the prose's figures."""

import math

import pandas as pd
import pytest

from infantile_spasms_market.analysis import regions
from infantile_spasms_market.inputs.taxonomy import (
    COUNTRIES,
    COUNTRY_REGION,
    MODELLED_COUNTRIES,
    REGION_IDS,
    REGIONS,
)

YEARS = (2010, 2011, 2013)


def table(odd_one_out: str | None = None) -> pd.DataFrame:
    """Every country worth its position in COUNTRIES (USD m), growing at its region's rate (2 % a year per region rank)."""
    rows = []
    for position, (country, name) in enumerate(COUNTRIES.items(), start=1):
        region = COUNTRY_REGION[country]
        rate = 0.02 * (REGION_IDS.index(region) + 1) + (0.01 if country == odd_one_out else 0.0)
        for year in range(2010, 2014):
            rows.append((year, REGIONS[region], name, position * (1 + rate) ** (year - 2010)))
    return pd.DataFrame(rows, columns=["year", "region", "country", "value_usd_m"])


def test_country_table_region_by_region_rest_of_last_with_shares_of_the_region():
    frame = regions.country_table(table(), YEARS)
    assert list(frame.columns) == ["Region", "Country", "2010 (USD m)", "2013 (USD m)", "CAGR 2011-2013 (%)",
                                   "Share of region 2010 (%)"]
    assert len(frame) == len(COUNTRIES)
    europe = frame[frame["Region"] == "Europe"]
    assert europe["Country"].iloc[-1] == "Rest of Europe"
    assert europe["Country"].iloc[0] == "Germany"
    assert europe["CAGR 2011-2013 (%)"].to_numpy() == pytest.approx(4.0)
    assert frame.groupby("Region")["Share of region 2010 (%)"].sum().to_numpy() == pytest.approx(100.0)
    germany = list(COUNTRIES).index("germany") + 1
    assert europe["2010 (USD m)"].iloc[0] == pytest.approx(germany)


def test_country_without_value_gets_no_growth_rate():
    values = table()
    values.loc[values["country"] == "Rest of Europe", "value_usd_m"] = 0.0
    frame = regions.country_table(values, YEARS).set_index("Country")
    assert math.isnan(frame.loc["Rest of Europe", "CAGR 2011-2013 (%)"])


def test_a_country_growing_at_another_rate_than_its_region_is_an_error():
    with pytest.raises(ValueError, match="Spain"):
        regions.country_table(table(odd_one_out="spain"), YEARS)


def test_shown_names_each_region_once():
    shown = regions.shown(regions.country_table(table(), YEARS))
    assert shown["Region"].tolist()[:4] == ["North America", "", "", ""]
    assert (shown["Region"] != "").sum() == len(REGIONS)


def test_named_countries_and_their_chart_data():
    frame = regions.country_table(table(), YEARS)
    named = regions.named_countries(frame)
    assert len(named) == len(MODELLED_COUNTRIES) and not named["Country"].str.startswith("Rest of").any()
    chart = regions.country_chart_data(frame, 2010, 2013)
    assert list(chart.columns) == ["Region", "Country", "value_2010_usd_m", "value_2013_usd_m"]
    assert chart["value_2013_usd_m"].is_monotonic_increasing
    assert list(chart.index) != list(range(len(chart)))  # the country table's row numbers are kept


def test_country_highlights():
    frame = regions.country_table(table(), YEARS)
    world = frame["2010 (USD m)"].sum()
    named = regions.named_countries(frame)
    top = named.sort_values("2010 (USD m)").iloc[-1]
    highlights = regions.country_highlights(frame, world, 2010)
    assert highlights["top-country"] == top["Country"] == "UAE"  # the last named country in COUNTRIES
    assert highlights["second-country"] == "Saudi Arabia"
    assert highlights["top-country-world-share"] == pytest.approx(100 * top["2010 (USD m)"] / world)
    assert highlights["rest-share"] == pytest.approx(100 * (1 - named["2010 (USD m)"].sum() / world))
