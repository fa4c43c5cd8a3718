"""Countries within their regions: the country table, the named countries and the prose's figures."""

import math

import pandas as pd
import pytest

from infantile_spasms_market.analysis import regions
from infantile_spasms_market.analysis.wording import significant
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


# --------------------------------------------------------------------------- the split, the ranges and the plausibility check
@pytest.fixture(scope="module")
def base_case():
    from infantile_spasms_market.model.montecarlo import run
    from infantile_spasms_market.model.topdown import market_table
    from infantile_spasms_market.scenario.loading import load_parameters

    params = load_parameters()
    return params, market_table(params), run(params, n=400)


def test_the_split_sets_the_assumed_shares_beside_the_bottom_up_ones(base_case):
    params, market, _ = base_case
    split = regions.split_comparison(params, market, 2024)
    assert split["Top-down share (%)"].to_numpy() == pytest.approx(
        [100 * v for v in params.regions.share_2024.model_dump().values()])
    assert split["Bottom-up share (%)"].sum() == pytest.approx(100)
    assert split["Difference (points)"].to_numpy() == pytest.approx(
        (split["Bottom-up share (%)"] - split["Top-down share (%)"]).to_numpy())
    numbers = regions.split_numbers(split)
    assert numbers["na-bu-share"] + numbers["rest-bu-share"] == pytest.approx(100)


def test_country_ranges_bracket_the_draws_and_add_up_to_the_regions(base_case):
    params, market, result = base_case
    ranges = regions.country_ranges(result, market, (2024, 2030))
    assert list(ranges["Country"]) == list(regions.country_table(market, (2024, 2025, 2030))["Country"])
    for year in (2024, 2030):
        assert (ranges[f"{year} P5"] <= ranges[f"{year} P50"]).all() and (ranges[f"{year} P50"] <= ranges[f"{year} P95"]).all()
    # Each draw's country values add up to its region's value.
    values = result.country_values(2030)
    region_values = result.values[:, list(result.years).index(2030)].sum(axis=-1)
    for r, region in enumerate(REGION_IDS):
        members = [i for i, c in enumerate(result.country_ids) if COUNTRY_REGION[c] == region]
        assert values[:, members].sum(axis=1) == pytest.approx(region_values[:, r])
    printed = regions.ranges_for_print(ranges)
    assert printed.loc[0, "2024 P50"] == significant(ranges.loc[0, "2024 P50"], regions.RANGE_FIGURES)
    download = regions.ranges_for_download(ranges)
    assert "value_2030_p95_usd_m" in download.columns and download.columns[0] == "region"
    # The country table prints each value and its range with the CSV's figures.
    table = regions.with_ranges(regions.country_table(market, (2024, 2025, 2030)), ranges, (2024, 2030))
    columns = list(table.columns)
    assert columns[columns.index("2030 (USD m)") + 1] == "2030 P5 to P95 (USD m)"
    us = table.set_index("Country").loc["United States"]
    row = download.set_index("country").loc["United States"]
    shown = [float(v.replace(",", "")) for v in us["2030 P5 to P95 (USD m)"].split(" to ")]
    assert shown == [row["value_2030_p5_usd_m"], row["value_2030_p95_usd_m"]]
    small = table.set_index("Country").loc["Colombia", "2024 (USD m)"]
    assert len(small.replace(",", "").replace(".", "").lstrip("0")) == regions.RANGE_FIGURES  # three figures, however small
    with pytest.raises(ValueError, match="different countries"):
        regions.with_ranges(table.iloc[1:], ranges, (2024, 2030))


def test_the_printed_country_table_gives_each_countrys_value_per_live_birth(base_case):
    """Table 2.2's value per live birth: the base-year value over the bottom-up births, so the split's artefact shows."""
    from infantile_spasms_market.model.bottomup import bottom_up_by_country

    params, market, result = base_case
    countries = regions.country_table(market, (2024, 2025, 2030))
    printed = regions.countries_for_print(countries, params, regions.country_ranges(result, market, (2024, 2030)),
                                          (2024, 2030)).set_index("Country")
    columns = list(printed.columns)
    assert columns.index("2024 per live birth (USD)") == columns.index("Course costs from") - 1
    births = bottom_up_by_country(params).set_index("country")["births"]
    values = countries.set_index("Country")["2024 (USD m)"]
    for country in ("United States", "Canada", "United Kingdom", "Rest of Europe"):
        assert printed.loc[country, "2024 per live birth (USD)"] == significant(
            1e6 * values[country] / births[country], regions.RANGE_FIGURES)
    assert printed.loc["Rest of North America", "2024 per live birth (USD)"] == "", "no births counted: no value per birth"
    per_birth = 1e6 * values / births.reindex(values.index)
    assert per_birth["Canada"] < per_birth["United Kingdom"] < per_birth["United States"], "the artefact the column shows"


def test_range_numbers_and_chart_data_describe_the_named_countries(base_case):
    params, market, result = base_case
    ranges = regions.country_ranges(result, market, (2024, 2030))
    numbers = regions.range_numbers(ranges, 2030, result.n)
    named = regions.named_countries(ranges)
    width = named["2030 P95"] / named["2030 P5"]
    assert numbers["widest-factor"] == pytest.approx(width.max())
    assert numbers["widest-country"] == named.loc[width.idxmax(), "Country"]
    us = named.set_index("Country").loc["United States"]
    assert (numbers["us-p5"], numbers["us-p95"]) == (us["2030 P5"], us["2030 P95"])
    assert numbers["n-outside-us"] == len(named) - 1 and 0 <= numbers["median-below"] <= numbers["n-outside-us"]
    assert numbers["mc-draws"] == "400"
    plotted = regions.range_chart_data(ranges, 2030)
    assert list(plotted.columns) == ["2030 P5", "2030 P50", "2030 P95"] and plotted["2030 P50"].is_monotonic_increasing
    assert set(plotted.index) == set(named["Country"])


def test_region_numbers_glue_the_regions_section(base_case):
    from infantile_spasms_market.analysis import segments
    from infantile_spasms_market.analysis.wording import MarkdownText
    from infantile_spasms_market.inputs.headline import Headline

    params, market, _ = base_case
    headline = Headline.from_data()
    values = regions.region_values(market)
    assert list(values.columns) == list(REGIONS.values())
    summary = segments.segment_summary(values, headline.key_years)
    numbers = regions.region_numbers(market, headline, summary, headline.key_years)
    assert numbers["n-regions"] == len(REGIONS) and numbers["named-countries"] == len(headline.report_countries)
    assert numbers["largest"] == summary.index[0] and numbers["claim-holds"] in ("holds", "does not hold")
    assert isinstance(numbers["rationale-share"], MarkdownText) and numbers["rationale-share"]
    assert regions.evidence_numbers(params) == {"incidence": params.epidemiology.incidence_per_1000,
                                                "courses": params.epidemiology.courses_per_treated_patient}
    assert regions.split_choice(params) == "the assumed shares (`regions.share_2024`)"
    bottom_up = params.model_copy(update={"market": params.market.model_copy(update={"regional_split": "bottom_up"})})
    assert regions.split_choice(bottom_up) == "the bottom-up split"


def test_significant_keeps_two_figures_whatever_the_size():
    assert [significant(v) for v in (0.02349, 1.58, 25.2, 1234.5, 0.0)] == ["0.023", "1.6", "25", "1,200", "0"]


def test_the_plausibility_checks_hold_in_the_base_case(base_case):
    from infantile_spasms_market.analysis import pricing
    from infantile_spasms_market.model.bottomup import price_calibration

    params = base_case[0]
    calibration = price_calibration(params)
    points, fit, countries = pricing.plausibility_points(params, calibration)
    assert set(countries.index) == set(MODELLED_COUNTRIES)
    findings = pricing.plausibility_findings(calibration, countries)
    assert findings == {"outside_interval": [], "above_us_cost": [], "above_us_value": [], "calibrated_order": []}
    numbers = regions.plausibility_numbers(calibration, countries)
    assert {k: v for k, v in numbers.items() if k.startswith("check-")} == {
        "check-outside-interval": "none", "check-above-us-cost": "none", "check-above-us-value": "none",
        "check-calibrated-order": "none"}
    assert numbers["us-cost-multiple"] > 1
    assert list(regions.plausibility_download(countries).columns[:2]) == ["price_level_pct_of_us", "value_per_birth_usd"]
    # The example: an infant's course in India costs less than one in Japan.
    assert countries.loc["india", "cost_per_course_usd"] < countries.loc["japan", "cost_per_course_usd"]
    assert len(points) == len(calibration.observations) and set(fit["group"]) == set(points["group"])


def test_a_calibrated_country_out_of_order_is_reported(base_case):
    from infantile_spasms_market.analysis import pricing
    from infantile_spasms_market.model.bottomup import price_calibration

    params = base_case[0]
    calibration = price_calibration(params)
    countries = pricing.plausibility_points(params, calibration)[2].copy()
    countries.loc["germany", "cost_per_course_usd"] = 10 * countries.loc["united_kingdom", "cost_per_course_usd"]
    findings = pricing.plausibility_findings(calibration, countries)
    assert findings["calibrated_order"] and findings["calibrated_order"][0].startswith("europe")
    countries.loc["germany", "cost_per_course_usd"] = 1e9
    assert pricing.plausibility_findings(calibration, countries)["above_us_cost"] == ["Germany"]


def test_the_plausibility_figures_panels_share_the_price_level_axis():
    points, fit, countries = pd.DataFrame({"x": [1.0]}), pd.DataFrame({"x": [2.0]}), pd.DataFrame({"x": [3.0]})
    (left, left_options), (right, right_options) = regions.plausibility_panels(points, fit, countries)
    assert left is points and right is countries and left_options["fit"] is fit and "fit" not in right_options
    assert left_options["xlabel"] == right_options["xlabel"] == "Price level (% of the US, log)"
