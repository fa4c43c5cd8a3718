"""Tests for infantile_spasms_market.model.sensitivity: variants are real model runs, re-validated."""

from __future__ import annotations

import numpy as np
import pytest

from infantile_spasms_market.model.sensitivity import (
    evaluate_changes,
    outcome,
    sweep,
    swings,
    with_values,
)
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.model.views import totals
from infantile_spasms_market.scenario.errors import ParameterError
from infantile_spasms_market.scenario.loading import load_parameters

GROWTH = ("growth.diagnosis", "growth.innovation", "growth.prevalence", "growth.access", "growth.price_erosion")


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def test_with_values_sets_paths_and_leaves_the_original(base):
    changed = with_values(base, {"growth.diagnosis": 0.02, "trends.novel_therapy.launch_year": np.int64(2030)})
    assert changed.growth.diagnosis == 0.02
    assert changed.trends.novel_therapy.launch_year == 2030
    assert base.growth.diagnosis == 0.012 and base.trends.novel_therapy.launch_year == 2028


def test_with_values_matches_the_override_machinery(base):
    via_overrides = load_parameters(None, ["growth.access=0.02", "epidemiology.diagnosed_share.europe=0.5"])
    via_changes = with_values(base, {"growth.access": 0.02, "epidemiology.diagnosed_share.europe": 0.5})
    assert via_changes == via_overrides


def test_with_values_revalidates(base):
    with pytest.raises(ParameterError, match=r"growth\.diagnosis: 0\.5 is not allowed; must be from"):
        with_values(base, {"growth.diagnosis": 0.5})
    with pytest.raises(ParameterError, match="peak_year"):
        with_values(base, {"trends.novel_therapy.launch_year": 2040})


def test_with_values_names_an_unknown_path(base):
    with pytest.raises(KeyError, match="growth.awareness"):
        with_values(base, {"growth.awareness": 0.01})


def test_outcome_is_the_model_total(base):
    series = totals(market_table(base))
    result = outcome(base)
    assert result["total_2030"] == pytest.approx(series.loc[2030])
    assert result["cagr"] == pytest.approx(base.growth_rate, abs=1e-9)


def test_sweep_moves_the_total_with_the_growth_component(base):
    result = sweep(base, "growth.diagnosis", [0.0, 0.012, 0.024])
    assert list(result.columns) == ["value", "total_2030", "cagr"]
    assert result["total_2030"].is_monotonic_increasing
    # The components add up to the CAGR: each step of 0.012 moves the CAGR by 0.012.
    assert np.diff(result["cagr"].to_numpy()) == pytest.approx([0.012, 0.012], abs=1e-9)
    assert result.loc[1, "total_2030"] == pytest.approx(outcome(base)["total_2030"])


def test_evaluate_changes_runs_joint_changes(base):
    enabled = {"trends.novel_therapy.enabled": True}
    result = evaluate_changes(base, [{}, enabled, {**enabled, "trends.novel_therapy.price_per_patient_usd": 0.0}])
    assert result.loc[1, "total_2030"] > result.loc[0, "total_2030"]
    # A free therapy adds nothing and takes nothing (cannibalisation is a share of its sales).
    assert result.loc[2, "total_2030"] == pytest.approx(result.loc[0, "total_2030"])


def test_swings_need_a_distribution(base):
    with pytest.raises(KeyError, match="no distribution for market.end_year in uncertainty.distributions"):
        swings(base, ["market.end_year"])


def test_swings_span_each_range_one_at_a_time(base):
    result = swings(base, GROWTH)
    assert list(result.index) == list(GROWTH)
    assert (result["total_low"] < result["total_base"]).all()
    assert (result["total_high"] > result["total_base"]).all()
    assert result["total_base"].nunique() == 1
    low_diag = sweep(base, "growth.diagnosis", [0.004])["total_2030"].iloc[0]
    assert result.loc["growth.diagnosis", "total_low"] == pytest.approx(low_diag)
    assert tuple(result.loc["growth.diagnosis", ["low", "high"]]) == (0.004, 0.022)  # the distribution's ends
