"""The pricing section's numbers (analysis/pricing.py) with known answers: course costs by basis, the revenue cross-check
on a small revenue table, the cited sales, the bottom-up change, the calibration's table and numbers, the plausibility
points and findings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.analysis import pricing
from infantile_spasms_market.analysis.pricing import CALIBRATED, DERIVED
from infantile_spasms_market.inputs import load_table
from infantile_spasms_market.model.bottomup import bottom_up, bottom_up_by_country, price_calibration
from infantile_spasms_market.model.draws import set_draws
from infantile_spasms_market.model.pricing import PriceCalibration, course_cost_table
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.scenario.loading import load_parameters

ACTHAR = "H.P. Acthar Gel"


def same(numbers: dict, expected: dict) -> None:
    """The same keys in the same order; text and whole numbers exactly (an ``int``), other numbers to 1e-12."""
    assert list(numbers) == list(expected)
    for key, value in expected.items():
        if isinstance(value, (str, int)):
            assert numbers[key] == value and type(numbers[key]) is type(value), key
        else:
            assert numbers[key] == pytest.approx(value, rel=1e-12), key


@pytest.fixture(scope="module")
def base():
    return load_parameters()


# --------------------------------------------------------------------------- course costs
def test_course_costs_set_each_markets_calibrated_cost_beside_its_pack_priced_one(base):
    costs = pricing.course_costs(base)
    assert list(costs.columns) == ["group", "series", "value", "drug"]
    markets = ["United States", "Brazil", "Canada", "France", "India", "Italy", "Japan", "South Africa", "South Korea",
               "United Kingdom"]
    priced = {("United States", "acth"), ("United States", "vigabatrin"), ("Canada", "acth"), ("France", "vigabatrin"),
              ("Italy", "vigabatrin"), ("Japan", "acth"), ("Japan", "vigabatrin"), ("South Africa", "acth"),
              ("South Korea", "acth"), ("United Kingdom", "acth"), ("United Kingdom", "vigabatrin")}
    expected = []
    for market in markets:
        for drug, name in (("acth", "ACTH"), ("vigabatrin", "Vigabatrin")):
            if market != "United States":  # the US course of a pack-priced group is the reference itself
                expected.append((f"{name}, {market}", CALIBRATED, drug))
            if (market, drug) in priced:
                expected.append((f"{name}, {market}", DERIVED, drug))
    assert list(zip(costs["group"], costs["series"], costs["drug"])) == expected
    value = costs.set_index(["group", "series"])["value"]
    table = course_cost_table(base).set_index("product_id")["cost_per_course_usd"]
    assert value[("ACTH, United States", DERIVED)] == pytest.approx(table["acthar-gel-us"], rel=1e-12)
    assert value[("Vigabatrin, France", DERIVED)] == pytest.approx(table["sabril-granules-fr"], rel=1e-12)
    calibrated = bottom_up(base, set_draws(base, 1, {}), use_prices=False)
    japan = calibrated.country_ids.index("japan")
    assert value[("ACTH, Japan", CALIBRATED)] == pytest.approx(calibrated.cost_by_drug_usd[0, japan, 0], rel=1e-12)
    assert value[("Vigabatrin, India", CALIBRATED)] == pytest.approx(
        calibrated.cost_by_drug_usd[0, calibrated.country_ids.index("india"), 1], rel=1e-12)


def test_course_cost_numbers_are_keyed_by_drug_market_and_basis_to_the_cent():
    costs = pd.DataFrame([("ACTH, United States", DERIVED, 1234.5678, "acth"),
                          ("Vigabatrin, South Korea", CALIBRATED, 99.999, "vigabatrin")],
                         columns=["group", "series", "value", "drug"])
    assert pricing.course_cost_numbers(None, costs, prefix="x-") == {"x-acth-united-states-derived": 1234.57,
                                                                     "x-vigabatrin-south-korea-index": 100.0}
    assert list(pricing.course_cost_numbers(None, costs)) == ["acth-united-states-derived", "vigabatrin-south-korea-index"]


def test_the_pack_spread_is_the_count_and_the_least_most_and_mean_course_to_the_cent(base):
    table = course_cost_table(base)
    mine = table.loc[(table["market"] == "United Kingdom") & (table["drug_group"] == "oral_steroids"), "cost_per_course_usd"]
    assert pricing.pack_spread_numbers(base, "United Kingdom", "oral_steroids") == {
        "n": len(mine), "min": round(mine.min(), 2), "max": round(mine.max(), 2), "mean": round(mine.mean(), 2)}


def test_a_unit_price_ratio_is_the_first_products_price_per_unit_over_the_seconds():
    prices = pd.DataFrame({"product_id": ["a", "b"], "price_usd": [10.0, 30.0], "pack_quantity": [5.0, 3.0]})
    assert pricing.unit_price_ratio("a", "b", prices) == pytest.approx(0.2, rel=1e-12)
    assert pricing.unit_price_ratio("b", "a", prices) == pytest.approx(5.0, rel=1e-12)
    data = load_table("prices").set_index("product_id")
    per_unit = data["price_usd"] / data["pack_quantity"]
    assert pricing.unit_price_ratio("synacthen-depot-uk", "synacthen-uk") == pytest.approx(
        per_unit["synacthen-depot-uk"] / per_unit["synacthen-uk"], rel=1e-12)


# --------------------------------------------------------------------------- the revenue cross-check on a small table
@pytest.fixture(scope="module")
def revenue() -> pd.DataFrame:
    rows = [  # product, period, year, revenue_m, currency, source_id, measure
        (ACTHAR, "year", 2019, 300.0, "USD", "src-2019", "net sales as stated"),
        (ACTHAR, "Q1", 2021, 50.0, "USD", "src-q1", "net sales, a quarter"),
        (ACTHAR, "year", 2017, 1200.0, "USD", "src-2017", "sales as reported"),
        (ACTHAR, "fiscal year to 30 Sep", 2016, 800.0, "USD", "src-2016", "net sales, fiscal year"),
        (ACTHAR, "year", 2020, 200.0, "DKK", "src-dkk", "sales in kroner"),
        ("Sabril", "year", 2021, 100.0, "USD", "src-sabril", "sales of another product"),
        (ACTHAR, "year", 2015, 1000.0, "USD", "src-2015", "sales as reported"),
    ]
    return pd.DataFrame(rows, columns=["product", "period", "year", "revenue_m", "currency", "source_id", "measure"])


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    """A market table's rows that the cross-check reads: US ACTH worth 15 in 2024 (two rows) and 20 in 2025."""
    return pd.DataFrame([(2024, "United States", "acth", 10.0), (2024, "United States", "acth", 5.0),
                         (2024, "Canada", "acth", 100.0), (2024, "United States", "vigabatrin", 7.0),
                         (2025, "United States", "acth", 20.0), (2025, "United States", "vigabatrin", 8.0)],
                        columns=["year", "country", "drug", "value_usd_m"])


@pytest.fixture(scope="module")
def cited() -> pd.DataFrame:
    return pd.DataFrame({"drug_group": ["vigabatrin", "acth"], "months": [12, 6], "value_usd_m": [255.0, 250.0],
                         "covers": ["all oral solution", "the whole gel market"], "period_end": ["2020-02", "2020-03"]})


def test_yearly_sales_are_a_products_whole_years_in_dollars_oldest_first(revenue):
    sales = pricing.yearly_sales(revenue)
    assert list(sales.columns) == ["year", "period", "sales_usd_m", "source_id", "measure"]
    assert list(sales.index) == [0, 1, 2, 3]
    assert list(sales["year"]) == [2015, 2016, 2017, 2019]
    assert list(sales["sales_usd_m"]) == [1000.0, 800.0, 1200.0, 300.0]
    assert list(pricing.yearly_sales(revenue, "Sabril")["year"]) == [2021]
    calendar = pricing.calendar_sales(revenue)
    assert list(calendar["year"]) == [2015, 2017, 2019] and list(calendar.index) == [0, 1, 2]
    assert list(calendar.columns) == ["year", "period", "sales_usd_m", "source_id", "measure"]
    assert list(pricing.calendar_sales(revenue, "Sabril")["sales_usd_m"]) == [100.0]
    latest = pricing.latest_acthar(revenue)
    assert (latest["year"], latest["sales_usd_m"], latest["source_id"]) == (2019, 300.0, "src-2019")


def test_the_revenue_check_sets_the_models_us_acth_beside_the_latest_sales_at_each_share(base, revenue, table):
    check = pricing.revenue_check(base, table, revenue, 2024)  # shares 3, 10 and 25 %
    expected = pd.DataFrame({"low": [np.nan, 9.0], "point": [15.0, 30.0], "high": [np.nan, 75.0]},
                            index=["Model: ACTH, United States, 2024", "Acthar Gel sales 2019 x assumed infantile spasms share"])
    pd.testing.assert_frame_equal(check, expected, rtol=1e-12)
    numbers = pricing.revenue_numbers(base, check, revenue, 60.0, prefix="x-")
    same(numbers, {
        "x-acthar-sales": 300.0, "x-acthar-year": 2019, "x-acthar-source": "src-2019",
        "x-share-low": 3.0, "x-share-central": 10.0, "x-share-high": 25.0,
        "x-implied-low": 9.0, "x-implied-central": 30.0, "x-implied-high": 75.0, "x-model-us-acth": 15.0,
        "x-share-matching-model": 5.0, "x-matching-position": "within", "x-implied-central-of-total": 50.0,
        "x-implied-over-model": 2.0, "x-implied-low-over-model": 0.6, "x-implied-high-over-model": 5.0,
        "x-low-share-position": "below"})
    plain = pricing.revenue_numbers(base, check, revenue, 60.0)  # without a prefix: the same numbers under bare keys
    assert list(plain) == [key.removeprefix("x-") for key in numbers] and list(plain.values()) == list(numbers.values())


@pytest.mark.parametrize(("model", "matching", "low_share"), [(5.0, "below", "above"), (9.0, "within", "above"),
                                                              (75.0, "within", "below"), (80.0, "above", "below")])
def test_where_the_model_lies_against_the_shares_range(base, revenue, model, matching, low_share):
    table = pd.DataFrame({"year": [2024], "country": ["United States"], "drug": ["acth"], "value_usd_m": [model]})
    numbers = pricing.revenue_numbers(base, pricing.revenue_check(base, table, revenue, 2024), revenue, 60.0)
    assert (numbers["matching-position"], numbers["low-share-position"]) == (matching, low_share)


def test_the_revenue_series_sets_the_calendar_sales_and_the_central_share_beside_the_model(base, revenue, table):
    series = pricing.revenue_series(base, table, revenue)
    expected = pd.DataFrame({
        "series": ["Acthar Gel sales, all indications (as reported)"] * 3
        + ["Acthar Gel sales x the assumed infantile spasms share (10 %)"] * 3 + ["Model: ACTH value, United States"] * 2,
        "year": [2015, 2017, 2019, 2015, 2017, 2019, 2024, 2025],
        "value": [1000.0, 1200.0, 300.0, 100.0, 120.0, 30.0, 15.0, 20.0]})
    pd.testing.assert_frame_equal(series, expected, check_dtype=False, rtol=1e-12)
    odd = with_values(base, {"companies.acthar_sales_share_for_infantile_spasms.central": 0.104})  # 10.4 %, shown as 10
    assert set(pricing.revenue_series(odd, table, revenue)["series"]) == {
        "Acthar Gel sales, all indications (as reported)", "Acthar Gel sales x the assumed infantile spasms share (10 %)",
        "Model: ACTH value, United States"}
    us = pricing.us_value_by_year(table, "vigabatrin")
    assert us.to_dict() == {2024: 7.0, 2025: 8.0} and us.index.name == "year"


def test_the_revenue_series_numbers_quote_first_highest_and_latest_years(base, revenue, table):
    numbers = pricing.revenue_series_numbers(base, table, revenue, prefix="x-")
    same(numbers, {
        "x-acthar-first-year": 2015, "x-acthar-first": 1000.0, "x-acthar-highest-year": 2017, "x-acthar-highest": 1200.0,
        "x-acthar-net-years": "2019", "x-acthar-reported-years": "2015 and 2017",
        "x-acthar-last-year": 2019, "x-acthar-last": 300.0, "x-acthar-years": 3, "x-years-older": 5,
        "x-model-acth-first-year": 2024, "x-model-acth-first": 15.0, "x-model-acth-last-year": 2025, "x-model-acth-last": 20.0,
        "x-last-at-low": 9.0, "x-last-at-high": 75.0})
    assert "acthar-years" in pricing.revenue_series_numbers(base, table, revenue)


def test_the_models_last_year_is_the_last_of_three(base, revenue, table):
    """A forecast of three years: the last is the third (with two, the second is also the last)."""
    longer = pd.concat([table, pd.DataFrame([(2026, "United States", "acth", 26.0)], columns=table.columns)], ignore_index=True)
    numbers = pricing.revenue_series_numbers(base, longer, revenue)
    assert (numbers["model-acth-first-year"], numbers["model-acth-first"]) == (2024, 15.0)
    assert (numbers["model-acth-last-year"], numbers["model-acth-last"]) == (2026, 26.0)


def test_cited_sales_stand_beside_acthars_latest_and_the_models_us_value(base, revenue, table, cited):
    frame = pricing.cited_sales(base, table, cited, revenue, 2024)
    expected = pd.DataFrame([
        ("Vigabatrin, United States", "Sales the makers cite (12 months)", 255.0, "all oral solution; 12 months to 2020-02"),
        ("ACTH, United States", "Sales the makers cite (6 months)", 250.0, "the whole gel market; 6 months to 2020-03"),
        ("ACTH, United States", "Acthar Gel sales 2019", 300.0, "net sales as stated"),
        ("Vigabatrin, United States", "Model value 2024 (infantile spasms)", 7.0, "infantile spasms only, the model's prices"),
        ("ACTH, United States", "Model value 2024 (infantile spasms)", 15.0, "infantile spasms only, the model's prices"),
    ], columns=["group", "series", "value", "covers"])
    pd.testing.assert_frame_equal(frame, expected)


def test_the_cited_sales_numbers_set_each_figure_against_the_tables_us_value(table, cited):
    numbers = pricing.cited_sales_numbers(table, cited, 60.0, 2025, prefix="x-")
    same(numbers, {
        "x-vigabatrin-cited": 255.0, "x-vigabatrin-cited-end": "2020-02", "x-vigabatrin-cited-months": 12,
        "x-vigabatrin-model": 8.0, "x-vigabatrin-model-pct-of-cited": 800 / 255,
        "x-acth-cited": 250.0, "x-acth-cited-end": "2020-03", "x-acth-cited-months": 6,
        "x-acth-model": 20.0, "x-acth-model-pct-of-cited": 8.0,
        "x-cited-sum": 505.0, "x-cited-sum-over-total": 505 / 60, "x-model-us": 28.0, "x-model-us-pct-of-cited": 2800 / 505,
        "x-cited-sum-over-model-us": 505 / 28, "x-total": 60.0})
    assert "cited-sum" in pricing.cited_sales_numbers(table, cited, 60.0, 2025)


def test_the_cited_acth_market_against_acthars_sales_of_the_year_before_its_period_ends(revenue, cited):
    against = pricing.cited_against_acthar(cited, revenue, prefix="x-")
    same(against, {"x-acth-cited-acthar-year": 2019, "x-acth-cited-acthar-sales": 300.0,
                                     "x-acth-cited-off-acthar-pct": 100 * 50 / 300})  # 250 is 50 below 300
    assert list(pricing.cited_against_acthar(cited, revenue)) == ["acth-cited-acthar-year", "acth-cited-acthar-sales",
                                                                 "acth-cited-off-acthar-pct"]


# --------------------------------------------------------------------------- the bottom-up change
def test_the_bottom_up_change_is_each_priced_countrys_value_before_and_after_and_the_worlds(base):
    change = pricing.bottom_up_change(base)
    before, after = (bottom_up_by_country(base, use_prices=p).set_index("country")["value_usd_m"] for p in (False, True))
    assert list(change.columns) == ["index_only_usd_m", "with_prices_usd_m"]
    for country in ("Brazil", "Japan", "United Kingdom"):
        assert (change.loc[country, "index_only_usd_m"], change.loc[country, "with_prices_usd_m"]) == pytest.approx(
            (before[country], after[country]), rel=1e-12)
    assert change.loc["World"].tolist() == pytest.approx([before.sum(), after.sum()], rel=1e-12)  # every country, priced or not


def test_change_numbers_are_keyed_by_each_rows_name_before_and_after():
    change = pd.DataFrame({"index_only_usd_m": [1.5, 3.0], "with_prices_usd_m": [2.0, 4.5]}, index=["South Korea", "World"])
    assert pricing.change_numbers(change, prefix="x-") == {"x-south-korea-before": 1.5, "x-south-korea-after": 2.0,
                                                           "x-world-before": 3.0, "x-world-after": 4.5}
    assert list(pricing.change_numbers(change)) == ["south-korea-before", "south-korea-after", "world-before", "world-after"]


# --------------------------------------------------------------------------- the calibration's table and numbers
@pytest.fixture(scope="module")
def small() -> PriceCalibration:
    """A calibration of three observations in two groups, Japan's vigabatrin outside its interval."""
    obs = pd.DataFrame({
        "country_id": ["canada", "japan", "japan"], "country": ["Canada", "Japan", "Japan"],
        "drug_group": ["acth", "acth", "vigabatrin"], "cost_usd": [1500.0, 800.0, 3000.0],
        "us_cost_usd": [100000.0, 100000.0, 20000.0], "price_level": [0.75, 0.5, 0.5],
        "ratio": [0.015, 0.008, 0.15], "fitted_ratio": [0.012, 0.01, 0.1], "residual": [0.2, -0.2, 0.4],
        "pi_low_ratio": [0.00555, 0.004, 0.05], "pi_high_ratio": [0.0254, 0.02, 0.12], "inside": [True, True, False]})
    return PriceCalibration(obs, {"acth": np.log(0.02), "vigabatrin": np.log(0.2)}, {"acth": 2, "vigabatrin": 1},
                            0.5, 1, 6.0, 0.9, 1.1, 0.3, 0.95)


def test_the_calibration_table_prints_each_observation_in_percent_with_its_interval(small):
    expected = pd.DataFrame({
        "Country": ["Canada", "Japan", "Japan"], "Drug group": ["ACTH", "ACTH", "Vigabatrin"],
        "Course cost (USD)": [1500.0, 800.0, 3000.0], "Reference course (USD)": [100000.0, 100000.0, 20000.0],
        "Ratio to the US (%)": [1.5, 0.8, 15.0], "Price level (% of the US)": [75.0, 50.0, 50.0],
        "Fitted ratio (%)": [1.2, 1.0, 10.0],
        "90 % prediction interval (ratio, %)": ["0.56 to 2.5", "0.40 to 2.0", "5.0 to 12"]})  # 2.54: 1 % more prints 2.6
    pd.testing.assert_frame_equal(pricing.calibration_table(small), expected, rtol=1e-12)


def test_the_calibration_numbers_quote_the_fit_and_each_groups_ratio_and_reference(small):
    same(pricing.calibration_numbers(small, prefix="x-"), {
        "x-n-obs": 3, "x-n-countries": 2, "x-countries": "Canada, Japan", "x-dof": 1, "x-residual-sd": 0.5, "x-r2": 0.9,
        "x-free-slope": 1.1, "x-free-slope-se": 0.3, "x-free-r2": 0.95, "x-pi-level": 90.0, "x-pi-factor": np.exp(3.0),
        "x-n-inside": 2, "x-ratio-acth": 2.0, "x-reference-acth": 100000.0, "x-ratio-vigabatrin": 20.0,
        "x-reference-vigabatrin": 20000.0})
    assert "n-obs" in pricing.calibration_numbers(small)


# --------------------------------------------------------------------------- plausibility
def test_the_plausibility_points_are_the_calibrations_and_every_named_countrys(base):
    calibration = price_calibration(base)
    points, fit, countries = pricing.plausibility_points(base, calibration)
    obs = calibration.observations
    assert list(points.columns) == ["x", "y", "label", "group"]
    assert list(points["x"]) == pytest.approx(list(100 * obs["price_level"]), rel=1e-12)
    assert list(points["y"]) == pytest.approx(list(100 * obs["ratio"]), rel=1e-12)
    assert list(points["label"]) == list(obs["country"]) and set(points["group"]) == {"ACTH", "Vigabatrin", "Oral steroids"}
    assert list(fit.columns) == ["group", "x", "centre", "low", "high"] and list(fit.index) == list(range(75))
    grid = np.geomspace(0.1, 1.0, 25)
    for g, name in (("acth", "ACTH"), ("vigabatrin", "Vigabatrin"), ("oral_steroids", "Oral steroids")):
        line = fit[fit["group"] == name]
        assert list(line["x"]) == pytest.approx(list(100 * grid), rel=1e-12)
        assert line[["centre", "low", "high"]].to_numpy() == pytest.approx(
            100 * np.array([calibration.interval(g, level) for level in grid]), rel=1e-12)
    frame = bottom_up_by_country(base)
    named = [c for c in frame.index if not c.startswith("rest_of_")]
    assert list(countries.index) == named
    assert list(countries.columns) == ["x", "y", "cost_per_course_usd", "label", "group"]
    assert countries.loc["germany", "x"] == pytest.approx(100 * frame.loc["germany", "price_index"], rel=1e-12)
    assert countries.loc["germany", "y"] == pytest.approx(
        1e6 * frame.loc["germany", "value_usd_m"] / frame.loc["germany", "births"], rel=1e-12)
    assert countries.loc["germany", "cost_per_course_usd"] == frame.loc["germany", "cost_per_course_usd"]
    assert countries.loc["germany", "label"] == "Germany"
    assert countries.loc["united_states", "group"] == "Reference (United States: ACTH at its list price)"
    assert countries.loc["japan", "group"] == "Pack prices for some drug groups"
    assert countries.loc["germany", "group"] == "Calibrated price level only"


def test_the_plausibility_findings_name_what_breaks_each_check(small):
    countries = pd.DataFrame({
        "x": [100.0, 70.0, 60.0, 50.0, 40.0, 45.0], "y": [10.0, 12.0, 10.0, 2.0, 3.0, 11.0],
        "cost_per_course_usd": [1000.0, 1000.0, 1500.0, 400.0, 500.0, 100.0],
        "label": ["United States", "Canada", "Germany", "France", "Italy", "Japan"],
        "group": ["Reference (United States: ACTH at its list price)", "Pack prices for some drug groups",
                  "Calibrated price level only", "Calibrated price level only", "Calibrated price level only",
                  "Calibrated price level only"]},
        index=["united_states", "canada", "germany", "france", "italy", "japan"])
    findings = pricing.plausibility_findings(small, countries)
    assert findings == {
        "outside_interval": ["Japan (vigabatrin)"],
        "above_us_cost": ["Germany"],  # Canada's course equals the US's: not above it
        "above_us_value": ["Canada", "Japan"],  # Germany's value equals the US's
        "calibrated_order": ["europe: Italy, France, Germany"],  # France, at a higher level, cheaper than Italy
    }
    ordered = countries.assign(cost_per_course_usd=[1000.0, 1000.0, 900.0, 500.0, 400.0, 100.0])
    assert pricing.plausibility_findings(small, ordered)["calibrated_order"] == []
