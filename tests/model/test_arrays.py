"""The model's inputs as arrays (``model/arrays.py``): each one is the scenario's value, or the bottom-up model's, in every draw."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.taxonomy import DRUG_IDS, ESTABLISHED_DRUG_IDS, REGION_IDS
from infantile_spasms_market.model import arrays
from infantile_spasms_market.model.bottomup import bottom_up_by_region
from infantile_spasms_market.model.draws import set_draws
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.parameters import Parameters

HEADLINE = Headline.from_data()


@pytest.fixture(scope="module")
def base() -> Parameters:
    return load_parameters()


def test_the_years_run_from_the_headlines_base_year_to_the_scenarios_last(base: Parameters):
    later = with_values(base, {"market.end_year": 2033})
    np.testing.assert_array_equal(arrays.model_years(later, HEADLINE), np.arange(2024, 2034))
    np.testing.assert_array_equal(arrays.model_years(base, replace(HEADLINE, base_year=2022)), np.arange(2022, 2031))


def test_a_scenario_draw_holds_the_scenarios_values(base: Parameters):
    built = arrays.scenario_draw(base, HEADLINE)
    inputs = built.inputs
    np.testing.assert_array_equal(inputs.years, np.arange(2024, 2031))
    assert inputs.cagr.shape == (1,) and inputs.cagr[0] == pytest.approx(0.012 + 0.014 + 0.002 + 0.0127 - 0.004, abs=1e-15)
    shares, differentials = base.value_at("regions.share_2024"), base.value_at("regions.growth_differential")
    np.testing.assert_array_equal(inputs.region_share_2024, [[shares[r] for r in REGION_IDS]])
    np.testing.assert_array_equal(inputs.region_growth, [[differentials[r] for r in REGION_IDS]])
    mix = base.value_at("segments.drug_mix_2024")
    np.testing.assert_array_equal(inputs.drug_mix_2024, [[[mix[r][d] for d in ESTABLISHED_DRUG_IDS] for r in REGION_IDS]])
    growth = base.value_at("segments.drug_growth_differential")
    np.testing.assert_array_equal(inputs.drug_growth, [[growth[d] for d in ESTABLISHED_DRUG_IDS]])
    liquid = base.value_at("segments.liquid_share")
    np.testing.assert_array_equal(built.liquid_share, [[liquid[d] for d in DRUG_IDS]])
    np.testing.assert_array_equal(inputs.cannibalisation, [base.trends.novel_therapy.cannibalisation])
    np.testing.assert_array_equal(inputs.novel_value, np.zeros((1, 7, len(REGION_IDS))))  # disabled in the base case
    np.testing.assert_array_equal(inputs.level, [1.0])  # the report's level


def test_a_scenario_draw_is_one_draw_of_every_parameter(base: Parameters):
    built = arrays.scenario_draw(base)
    assert built.parameters.n == 1 and built.parameters.drawn == {}
    assert built.bottom_up.value_usd_m.shape[0] == 1


def test_the_report_level_is_one_in_every_draw_and_the_bottom_up_level_the_bottom_up_value_over_the_reports(base: Parameters):
    state = set_draws(base, 3, {"epidemiology.incidence_per_1000": [0.25, 0.3, 0.4]})
    np.testing.assert_array_equal(arrays.build(base, state, HEADLINE).inputs.level, [1.0, 1.0, 1.0])
    # as test_properties does: the base case's incidence is not central in its range, so a validated copy refuses it
    sized = base.model_copy(update={"market": base.market.model_copy(update={"level": "bottom_up"})})
    built = arrays.build(sized, set_draws(sized, 3, {"epidemiology.incidence_per_1000": [0.25, 0.3, 0.4]}), HEADLINE)
    expected = built.bottom_up_by_region.sum(axis=1) / HEADLINE.base_value_usd_m
    np.testing.assert_allclose(built.inputs.level, expected, rtol=1e-12)
    assert expected[2] > expected[1] > expected[0], "more infants, more value"
    one = arrays.scenario_draw(sized, HEADLINE)
    np.testing.assert_allclose(one.inputs.level, [bottom_up_by_region(sized)["value_usd_m"].sum() / 146.34], rtol=1e-9)


def test_the_bottom_up_regional_split_is_each_regions_share_of_the_bottom_up_value_in_each_draw(base: Parameters):
    split = with_values(base, {"market.regional_split": "bottom_up"})
    one = arrays.scenario_draw(split, HEADLINE).inputs.region_share_2024
    by_region = bottom_up_by_region(split)["value_usd_m"].to_numpy()
    np.testing.assert_allclose(one, [by_region / by_region.sum()], rtol=1e-9)
    assert not np.allclose(one, arrays.scenario_draw(base, HEADLINE).inputs.region_share_2024, atol=0.01)
    state = set_draws(split, 2, {"countries.price_index.japan": [0.5, 2.0]})
    built = arrays.build(split, state, HEADLINE)
    values = built.bottom_up_by_region
    np.testing.assert_allclose(built.inputs.region_share_2024, values / values.sum(axis=1, keepdims=True), rtol=1e-12)
    assert built.inputs.region_share_2024[1, 2] > built.inputs.region_share_2024[0, 2], "a dearer Japan, a larger Asia-Pacific"


def test_draws_are_the_count_asked_for_from_the_seed_given_or_the_scenarios(base: Parameters):
    drawn = arrays.draw(base, 4, 2, HEADLINE)
    assert drawn.parameters.n == 4 and drawn.inputs.cagr.shape == (4,) and drawn.inputs.region_share_2024.shape == (4, 5)
    np.testing.assert_array_equal(arrays.draw_inputs(base, 4, 2).cagr, drawn.inputs.cagr)
    np.testing.assert_array_equal(arrays.draw(base, 4).inputs.cagr, arrays.draw(base, 4, base.uncertainty.seed).inputs.cagr)
    assert not np.array_equal(arrays.draw(base, 4, 3).inputs.cagr, drawn.inputs.cagr)
