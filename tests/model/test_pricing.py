"""Course costs derived from pack prices, and how the bottom-up model uses them in place of the price index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from infantile_spasms_market.inputs import load_table
from infantile_spasms_market.inputs.files import DataFileError
from infantile_spasms_market.inputs.taxonomy import ESTABLISHED_DRUG_IDS, MODELLED_COUNTRIES
from infantile_spasms_market.model.bottomup import bottom_up, bottom_up_by_country
from infantile_spasms_market.model.draws import set_draws
from infantile_spasms_market.analysis.pricing import OUTSIDE_INTERVAL_REASONS, pack_spread_numbers
from infantile_spasms_market.model.bottomup import price_calibration
from infantile_spasms_market.model.pricing import (
    OFF_LABEL_GROUPS,
    anchored_groups,
    course_cost_table,
    dose_values,
    fx_year,
    price_levels,
    priced_products,
)
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def test_every_price_in_usd_is_its_local_price_at_the_rate_of_its_year():
    prices, rates = load_table("prices"), load_table("exchange_rates")
    for row in prices.itertuples():
        if row.currency == "USD":
            assert pd.isna(row.fx_year) and row.price_usd == row.price_local, row.product_id
            continue
        mine = rates[rates["currency"] == row.currency].set_index("year")["units_per_usd"]
        year = None if pd.isna(row.price_date) else row.price_date.year
        assert row.fx_year == fx_year(year, list(mine.index)), row.product_id
        assert row.price_usd == pytest.approx(row.price_local / mine[row.fx_year], rel=2e-3), row.product_id


def test_the_rate_year_is_the_price_year_else_the_nearest_else_the_latest():
    assert fx_year(2021, [2015, 2021, 2023]) == 2021
    assert fx_year(2016, [2015, 2017, 2023]) == 2017  # a tie goes to the later year
    assert fx_year(2024, [2015, 2017, 2023]) == 2023
    assert fx_year(2010, [2015, 2017]) == 2015
    assert fx_year(None, [2015, 2023, 2017]) == 2023
    assert fx_year(float("nan"), [2015, 2023, 2017]) == fx_year(pd.NA, [2015, 2023]) == 2023  # an undated price read from a table
    with pytest.raises(DataFileError, match=r"^exchange_rates\.csv: no rate for the currency$"):
        fx_year(2021, [])


def test_without_the_united_states_no_group_is_anchored_on_its_prices():
    anchored = anchored_groups(["canada", "germany"], np.ones((1, 2, len(ESTABLISHED_DRUG_IDS))))
    assert anchored.dtype == bool and list(anchored) == [False] * len(ESTABLISHED_DRUG_IDS)


def test_every_price_names_a_product_and_every_product_a_company():
    products = load_table("products")
    assert set(load_table("prices")["product_id"]) <= set(products["product_id"])
    assert set(products["company_id"]) <= set(load_table("companies")["company_id"])
    assert products["product_id"].is_unique


def test_a_course_is_the_price_per_unit_times_the_dose_for_the_infant_times_the_days(base):
    table = course_cost_table(base).set_index("product_id")
    weight, weeks = base.pricing.infant_weight_kg, base.epidemiology.course_length_14d_units.vigabatrin
    # Sabril in Japan: 1,487 yen a 500 mg sachet (2016, at the 2017 rate), at 100 mg/kg/day for 14 x 13 days.
    expected = 1487 / 112.0986 / 500 * 100 * weight * 14 * weeks
    assert table.loc["sabril-jp", "cost_per_course_usd"] == pytest.approx(expected, rel=1e-3)
    # Cortrosyn Z: 0.5 mg every 2 days over the ACTH course length.
    acth_days = 14 * base.epidemiology.course_length_14d_units.acth
    assert table.loc["cortrosyn-z-jp", "cost_per_course_usd"] == pytest.approx(1897 / 140.5001 / 0.5 * 0.25 * acth_days, rel=1e-3)
    # Prednisolone in India: 3.04 rupees a 40 mg tablet, 40 mg a day over the oral steroid course.
    steroid_days = 14 * base.epidemiology.course_length_14d_units.oral_steroids
    assert table.loc["prednisolone-tab-40mg-in", "cost_per_course_usd"] == pytest.approx(3.04 / 82.5708 * steroid_days, rel=1e-3)
    assert table.loc["acthar-gel-us", "used_in_model"] and table.loc["sabril-jp", "used_in_model"]
    # Acthar Gel in the US: its list price per unit, 150 U/m2/day for the infant's body surface, the ACTH course length.
    assert table.loc["acthar-gel-us", "cost_per_course_usd"] == pytest.approx(
        38_892 / 400 * 150 * base.pricing.infant_bsa_m2 * acth_days, rel=1e-12)


def test_derived_costs_replace_the_calibrated_cost_only_where_a_price_applies(base):
    model = bottom_up(base, set_draws(base, 1, {}))
    japan, germany = model.country_ids.index("japan"), model.country_ids.index("germany")
    vigabatrin, steroids = ESTABLISHED_DRUG_IDS.index("vigabatrin"), ESTABLISHED_DRUG_IDS.index("oral_steroids")
    costs = course_cost_table(base).set_index("product_id")["cost_per_course_usd"]
    assert model.cost_by_drug_usd[0, japan, vigabatrin] == pytest.approx(costs["sabril-jp"])
    assert model.priced[japan, vigabatrin] and not model.priced[japan, steroids] and not model.priced[germany].any()
    index_only = bottom_up(base, set_draws(base, 1, {}), use_prices=False)
    assert model.cost_by_drug_usd[0, germany] == pytest.approx(index_only.cost_by_drug_usd[0, germany])
    assert model.value_usd_m[0, japan] != pytest.approx(index_only.value_usd_m[0, japan])


def test_an_unpriced_cost_is_the_reference_course_times_the_group_ratio_times_the_price_level(base):
    model = bottom_up(base, set_draws(base, 1, {}))
    us, germany = model.country_ids.index("united_states"), model.country_ids.index("germany")
    ratio = base.pricing.outside_us_log_ratio.model_dump()
    level = base.countries.price_index.germany
    for d, group in enumerate(ESTABLISHED_DRUG_IDS):
        expected = model.cost_by_drug_usd[0, us, d] * np.exp(ratio[group]) * level
        assert model.cost_by_drug_usd[0, germany, d] == pytest.approx(expected, rel=1e-12), group
    error = with_values(base, {"countries.price_level_error": {**base.countries.price_level_error.model_dump(), "germany": 1.0}})
    moved = bottom_up(error, set_draws(error, 1, {}))
    assert moved.cost_by_drug_usd[0, germany] == pytest.approx(np.e * model.cost_by_drug_usd[0, germany])
    assert moved.cost_by_drug_usd[0, us] == pytest.approx(model.cost_by_drug_usd[0, us])


def test_the_price_index_no_longer_moves_a_priced_cost_and_the_weight_does(base):
    heavier = with_values(base, {"pricing.infant_weight_kg": base.pricing.infant_weight_kg * 2})
    index = base.countries.price_index.model_dump()
    pricier = with_values(base, {"countries.price_index": {**index, "japan": index["japan"] * 2}})
    before = bottom_up(base, set_draws(base, 1, {}))
    japan, vigabatrin = before.country_ids.index("japan"), ESTABLISHED_DRUG_IDS.index("vigabatrin")
    assert bottom_up(pricier, set_draws(pricier, 1, {})).cost_by_drug_usd[0, japan, vigabatrin] == pytest.approx(
        before.cost_by_drug_usd[0, japan, vigabatrin])
    assert bottom_up(heavier, set_draws(heavier, 1, {})).cost_by_drug_usd[0, japan, vigabatrin] == pytest.approx(
        2 * before.cost_by_drug_usd[0, japan, vigabatrin])


def test_the_united_states_is_priced_by_its_pack_price_and_the_calibration_whatever_the_index_says(base):
    frame, index_only = bottom_up_by_country(base), bottom_up_by_country(base, use_prices=False)
    assert frame.loc["united_states", "value_usd_m"] == pytest.approx(index_only.loc["united_states", "value_usd_m"])
    assert np.isclose(frame["value_usd_m"].sum(), index_only["value_usd_m"].sum()) is np.False_


# --------------------------------------------------------------------------- the price-level calibration
@pytest.fixture(scope="module")
def calibration(base):
    return price_calibration(base)


def test_the_price_index_is_the_icp_health_price_level(base):
    levels = load_table("price_levels").set_index("area_id")["price_level_us_100"] / 100
    index = base.countries.price_index.model_dump()
    for country in MODELLED_COUNTRIES:
        assert index[country] == pytest.approx(levels[country], abs=5e-5), country
    # A "rest of" row takes its World Bank regions' level (the geometric mean of two).
    assert index["rest_of_europe"] == pytest.approx(levels["wb_europe_central_asia"], abs=5e-5)
    assert index["rest_of_asia_pacific"] == pytest.approx(
        np.sqrt(levels["wb_east_asia_pacific"] * levels["wb_south_asia"]), abs=5e-5)
    assert price_levels()["united_states"] == 1.0


def test_the_group_ratios_are_the_mean_excess_over_the_price_level(base, calibration):
    obs = calibration.observations
    assert set(obs["country_id"]) >= {"france", "italy", "japan", "canada", "india"}
    assert "united_states" not in set(obs["country_id"])
    ratios = base.pricing.outside_us_log_ratio.model_dump()
    for group, rows in obs.groupby("drug_group"):
        expected = float(np.mean(np.log(rows["cost_usd"] / rows["us_cost_usd"]) - np.log(rows["price_level"])))
        assert calibration.log_ratio[group] == pytest.approx(expected)
        assert ratios[group] == pytest.approx(expected, abs=5e-5), group  # base.yaml holds the calibration
    assert ratios["other_anticonvulsants"] == ratios["others"] == 0.0  # no pack price: priced at the price level


def test_the_residual_spread_and_interval_follow_the_t_distribution(calibration):
    obs = calibration.observations
    groups = obs["drug_group"].nunique()
    assert calibration.dof == len(obs) - groups
    excess = np.log(obs["ratio"]) - np.log(obs["price_level"])
    residual = excess - obs["drug_group"].map(calibration.log_ratio)
    assert calibration.residual_sd == pytest.approx(np.sqrt((residual**2).sum() / calibration.dof))
    assert calibration.t == pytest.approx(stats.t.ppf(0.95, calibration.dof))
    point, low, high = calibration.interval("vigabatrin", 0.5)
    half = calibration.t * calibration.residual_sd * np.sqrt(1 + 1 / calibration.n["vigabatrin"])
    assert point == pytest.approx(np.exp(calibration.log_ratio["vigabatrin"]) * 0.5)
    assert (np.log(high / point), np.log(point / low)) == pytest.approx((half, half))


def test_every_pack_priced_observation_lies_in_its_interval_or_is_explained(calibration):
    outside = calibration.observations.loc[~calibration.observations["inside"]]
    unexplained = [(r.country_id, r.drug_group) for r in outside.itertuples()
                   if (r.country_id, r.drug_group) not in OUTSIDE_INTERVAL_REASONS]
    assert unexplained == []
    assert all(len(reason) > 20 for reason in OUTSIDE_INTERVAL_REASONS.values())


def test_the_declared_spread_matches_the_prediction_interval(base, calibration):
    declared = base.uncertainty.distributions
    scale = calibration.spread_scale
    for group, n in calibration.n.items():
        dist = declared[f"pricing.outside_us_log_ratio.{group}"]
        assert dist.kind == "normal" and dist.mean == pytest.approx(calibration.log_ratio[group], abs=5e-5)
        assert dist.sd == pytest.approx(scale * calibration.residual_sd / np.sqrt(n), abs=5e-4)
        assert (dist.low, dist.high) == pytest.approx((dist.mean - 1.645 * dist.sd, dist.mean + 1.645 * dist.sd), abs=1e-3)
    errors = [p for p in declared if p.startswith("countries.price_level_error.")]
    assert sorted(errors) == sorted(f"countries.price_level_error.{c}" for c in base.countries.price_index.model_dump())
    for path in errors:
        assert declared[path].mean == 0 and declared[path].sd == pytest.approx(scale * calibration.residual_sd, abs=5e-4)
    # Together the two normals spread a new country's log ratio as widely as the t-based interval.
    total = np.sqrt(declared[errors[0]].sd ** 2 + declared["pricing.outside_us_log_ratio.vigabatrin"].sd ** 2)
    assert 1.645 * total == pytest.approx(calibration.t * calibration.prediction_sd("vigabatrin"), rel=1e-3)


def test_the_free_slope_is_reported_beside_the_fixed_one(calibration):
    assert np.isfinite(calibration.free_slope) and calibration.free_slope_se > 0
    assert 0 <= calibration.r2 <= 1 and 0 <= calibration.free_r2 <= 1


def test_the_pack_spread_brackets_the_mean_the_model_uses(base):
    numbers = pack_spread_numbers(base, "United Kingdom", "oral_steroids", prefix="x-")
    table = course_cost_table(base)
    mine = table[(table["market"] == "United Kingdom") & (table["drug_group"] == "oral_steroids")]
    assert numbers["x-n"] == len(mine) > 1
    assert numbers["x-min"] < numbers["x-mean"] < numbers["x-max"]
    assert numbers["x-mean"] == pytest.approx(mine["cost_per_course_usd"].mean(), abs=0.01)
    with pytest.raises(ValueError, match="no pack price of vigabatrin in Argentina"):
        pack_spread_numbers(base, "Argentina", "vigabatrin")


def test_the_prices_doses_and_price_levels_are_read_from_the_projects_files(data: Path):
    """Read from a copy of data/ (a new version of the files: mutmut's process had reused what it read before)."""
    used = priced_products()
    assert "sabril-powder-us" in set(used["product_id"])  # vigabatrin for infants, labelled for them
    assert not {"sabril-tablets-us", "vigabatrin-tablets-teva-us"} & set(used["product_id"])  # tablets for adults
    infant_form = (used["labelled_for_infantile_spasms"] == "yes") & (used["dosage"] == "Liquid")
    assert (infant_form | used["drug_group"].isin(OFF_LABEL_GROUPS)).all()
    assert set(used["product_id"]) <= set(load_table("prices")["product_id"]) and list(used.index) == list(range(len(used)))
    dosing = load_table("dosing").drop_duplicates(["drug", "parameter"])  # the first row of each pair
    assert dose_values() == {(row.drug, row.parameter): float(row.value) for row in dosing.itertuples()}
    levels = load_table("price_levels").set_index("area_id")["price_level_us_100"] / 100
    read = price_levels()
    assert read.name == "price_level" and read["united_states"] == 1.0
    assert read["france"] == pytest.approx(levels["france"], rel=1e-12)
    assert read["rest_of_asia_pacific"] == pytest.approx(np.sqrt(levels["wb_east_asia_pacific"] * levels["wb_south_asia"]), rel=1e-12)
    # an edited file is read again: what was read is reused only while the files it came from are unchanged
    for name, old, new in (("dosing.csv", "acth,daily dose for infantile spasms,150,", "acth,daily dose for infantile spasms,1500,"),
                           ("price_levels.csv", "Canada,CAN,2021,\"ICP price level index, health\",72.371,",
                            "Canada,CAN,2021,\"ICP price level index, health\",80.0,")):
        path = data / name
        assert old in path.read_text(encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert dose_values()[("acth", "daily dose for infantile spasms")] == 1500.0
    assert price_levels()["canada"] == pytest.approx(0.8, rel=1e-12)
    given = load_table("price_levels").assign(price_level_us_100=lambda t: t["price_level_us_100"].where(t["area_id"] != "canada", 90.0))
    assert price_levels(given)["canada"] == pytest.approx(0.9, rel=1e-12)  # levels given are the ones used
