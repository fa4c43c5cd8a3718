"""Course costs derived from pack prices, and how the bottom-up model uses them in place of the price index."""

from __future__ import annotations

import numpy as np
import pytest

from infantile_spasms_market.inputs import load_table
from infantile_spasms_market.inputs.taxonomy import ESTABLISHED_DRUG_IDS
from infantile_spasms_market.model.bottomup import bottom_up, bottom_up_by_country
from infantile_spasms_market.model.draws import set_draws
from infantile_spasms_market.model.pricing import course_cost_table
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def test_every_price_in_usd_is_its_local_price_at_the_yearly_rate():
    prices, rates = load_table("prices"), load_table("exchange_rates")
    latest = rates.sort_values("year").groupby("currency").tail(1).set_index("currency")["units_per_usd"]
    for row in prices.itertuples():
        rate = 1.0 if row.currency == "USD" else latest[row.currency]
        assert row.price_usd == pytest.approx(row.price_local / rate, abs=0.006), row.product_id


def test_every_price_names_a_product_and_every_product_a_company():
    products = load_table("products")
    assert set(load_table("prices")["product_id"]) <= set(products["product_id"])
    assert set(products["company_id"]) <= set(load_table("companies")["company_id"])
    assert products["product_id"].is_unique


def test_a_course_is_the_price_per_unit_times_the_dose_for_the_infant_times_the_days(base):
    table = course_cost_table(base).set_index("product_id")
    weight, weeks = base.pricing.infant_weight_kg, base.epidemiology.course_length_14d_units.vigabatrin
    # Sabril in Japan: 1,487 yen a 500 mg sachet, at 100 mg/kg/day for 14 x 13 days.
    expected = 1487 / 140.511 / 500 * 100 * weight * 14 * weeks
    assert table.loc["sabril-jp", "cost_per_course_usd"] == pytest.approx(expected, rel=1e-3)
    # Cortrosyn Z: 0.5 mg every 2 days over the ACTH course length.
    acth_days = 14 * base.epidemiology.course_length_14d_units.acth
    assert table.loc["cortrosyn-z-jp", "cost_per_course_usd"] == pytest.approx(1897 / 140.511 / 0.5 * 0.25 * acth_days, rel=1e-3)
    assert not table.loc["acthar-gel-us", "used_in_model"] and table.loc["sabril-jp", "used_in_model"]


def test_derived_costs_replace_the_index_only_where_a_price_applies(base):
    model = bottom_up(base, set_draws(base, 1, {}))
    japan, germany = model.country_ids.index("japan"), model.country_ids.index("germany")
    vigabatrin, steroids = ESTABLISHED_DRUG_IDS.index("vigabatrin"), ESTABLISHED_DRUG_IDS.index("oral_steroids")
    costs = course_cost_table(base).set_index("product_id")["cost_per_course_usd"]
    assert model.cost_by_drug_usd[0, japan, vigabatrin] == pytest.approx(costs["sabril-jp"])
    assert model.priced[japan, vigabatrin] and not model.priced[japan, steroids] and not model.priced[germany].any()
    index_only = bottom_up(base, set_draws(base, 1, {}), use_prices=False)
    assert model.cost_by_drug_usd[0, germany] == pytest.approx(index_only.cost_by_drug_usd[0, germany])
    assert model.value_usd_m[0, japan] < index_only.value_usd_m[0, japan]


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


def test_the_united_states_keeps_its_study_prices(base):
    frame, index_only = bottom_up_by_country(base), bottom_up_by_country(base, use_prices=False)
    assert frame.loc["united_states", "value_usd_m"] == pytest.approx(index_only.loc["united_states", "value_usd_m"])
    assert np.isclose(frame["value_usd_m"].sum(), index_only["value_usd_m"].sum()) is np.False_
