"""Tests for infantile_spasms_market.model.sensitivity: variants are real model runs, re-validated."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model import arrays, sampling
from infantile_spasms_market.model.draws import set_draws
from infantile_spasms_market.model.sensitivity import (
    _plain,
    evaluate_changes,
    outcome,
    sweep,
    swings,
    tornado,
    with_values,
)
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.model.views import cagr, totals
from infantile_spasms_market.paths import PARAMS_DIR
from infantile_spasms_market.scenario.errors import ParameterError
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.parameters import Parameters

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


# --------------------------------------------------------------------------- known answers and exact words
def test_plain_turns_numpy_scalars_into_python_values_at_any_depth():
    plain = _plain({"a": np.float64(1.5), "b": {"c": np.int64(2), "d": "text"}, "e": [np.int64(3)]})
    assert plain == {"a": 1.5, "b": {"c": 2, "d": "text"}, "e": [np.int64(3)]}
    assert type(plain["a"]) is float and type(plain["b"]["c"]) is int
    assert type(_plain(np.bool_(True))) is bool


def test_a_refused_change_names_the_scenario_and_every_change(base):
    with pytest.raises(ParameterError, match=r"^invalid parameters in scenario 'base' with growth\.diagnosis=0\.5, growth\.access=0\.01:"):
        with_values(base, {"growth.diagnosis": 0.5, "growth.access": 0.01})


def test_an_outcome_in_another_year_is_that_years_total_and_the_growth_to_it(base):
    series = totals(market_table(base))
    result = outcome(base, 2027)
    assert set(result) == {"total_2027", "cagr"}
    assert result["total_2027"] == pytest.approx(series.loc[2027], rel=1e-12)
    assert result["cagr"] == pytest.approx((series.loc[2027] / series.loc[2025]) ** 0.5 - 1, rel=1e-12)
    with pytest.raises(ValueError, match=r"^year 2035 is outside the forecast \(2024-2030\)$"):
        outcome(base, 2035)


def test_each_variants_row_shows_its_changes_as_plain_values_then_its_outcome(base):
    result = evaluate_changes(base, [{"trends.novel_therapy.launch_year": np.int64(2029)}, {}], year=2028)
    assert list(result.columns) == ["trends.novel_therapy.launch_year", "total_2028", "cagr"]
    assert result.loc[0, "trends.novel_therapy.launch_year"] == 2029
    assert result.loc[0, "total_2028"] == pytest.approx(outcome(base, 2028)["total_2028"], rel=1e-12)  # novel therapies are off
    assert np.isnan(result.loc[1, "trends.novel_therapy.launch_year"])
    swept = sweep(base, "growth.access", [0.0], year=2026)
    assert list(swept.columns) == ["value", "total_2026", "cagr"]
    assert swept.loc[0, "total_2026"] == pytest.approx(outcome(with_values(base, {"growth.access": 0.0}), 2026)["total_2026"])


def test_swings_name_the_missing_distributions_and_those_that_exist(base):
    with pytest.raises(KeyError) as caught:
        swings(base, ["growth.awareness", "market.end_year"])
    known = ", ".join(base.uncertainty.distributions)
    assert caught.value.args[0] == (
        f"no distribution for growth.awareness, market.end_year in uncertainty.distributions; distributions exist for: {known}"
    )
    result = swings(base, ["growth.access", "growth.diagnosis"])
    assert list(result.index) == ["growth.access", "growth.diagnosis"], "in the order asked, not by swing"
    assert list(result.columns) == ["low", "base", "high", "total_low", "total_base", "total_high", "swing"]


def test_a_tornado_of_chosen_paths_has_their_rows_largest_swing_first(base):
    frame = tornado(base, paths=["regions.share_2024", "growth.prevalence", "growth.diagnosis"])
    assert list(frame.index) == ["growth.diagnosis", "growth.prevalence", "regions.share_2024"] and frame.index.name == "path"
    assert list(frame.columns) == ["kind", "low", "base", "high", "outcome_low", "outcome_base", "outcome_high", "swing"]
    row = frame.loc["growth.diagnosis"]
    assert (row["kind"], row["low"], row["base"], row["high"]) == ("triangular", 0.004, 0.012, 0.022)
    assert row["swing"] == pytest.approx(row["outcome_high"] - row["outcome_low"], rel=1e-12) and row["swing"] > 0
    assert frame["outcome_base"].to_numpy() == pytest.approx([181.94] * 3, abs=1e-9)
    assert frame.loc["regions.share_2024", "kind"] == "dirichlet"


def test_a_tornado_row_for_a_share_section_is_the_outcomes_p5_and_p95_over_its_draws_alone(base):
    """A dirichlet on the European first-line mix moves the bottom-up value: its ends are P5 and P95 of 2,000 draws."""
    path = "epidemiology.first_line_mix.europe"
    tree = base.model_dump()
    tree["uncertainty"]["distributions"] = {path: {"kind": "dirichlet", "concentration": 50, "rationale": "a loose mix"}}
    params = Parameters.model_validate(tree)
    row = tornado(params, "bottom_up").loc[path]
    centre = np.array(list(params.value_at(path).values()))
    shares = sampling.sample(params.uncertainty.distributions[path], 2000, sampling.stream(params.uncertainty.seed, path), centre)
    values = arrays.build(params, set_draws(params, 2000, {path: shares})).bottom_up_by_region.sum(axis=1)
    assert (row["outcome_low"], row["outcome_high"]) == pytest.approx(tuple(np.percentile(values, (5, 95))), rel=1e-12)
    assert row["outcome_low"] < row["outcome_base"] < row["outcome_high"]
    assert np.isnan(row["low"]) and np.isnan(row["base"]) and np.isnan(row["high"])


def test_every_outcome_is_measured_against_the_headline_given():
    """Another report (100 and 130 for 146.34 and 181.94) with the level sized bottom-up: the level is the bottom-up value
    over that report's base value, so each outcome, variant, swing and tornado row is this report's, not the data's."""
    other = replace(Headline.from_data(), base_value_usd_m=100.0, end_value_usd_m=130.0)
    params = load_parameters(PARAMS_DIR / "triangulated.yaml")
    end, path = other.end_year, "growth.diagnosis"

    def total(changes: dict) -> float:
        return float(totals(market_table(with_values(params, changes), other)).loc[end])

    series = totals(market_table(params, other))
    assert series.loc[end] != pytest.approx(totals(market_table(params)).loc[end], rel=1e-3), "the report given matters"
    assert outcome(params, headline=other) == {
        f"total_{end}": pytest.approx(series.loc[end], rel=1e-12),
        "cagr": pytest.approx(cagr(series, other.first_growth_year, end), rel=1e-12),
    }
    variants = evaluate_changes(params, [{"growth.access": 0.0}], headline=other)
    assert variants.loc[0, f"total_{end}"] == pytest.approx(total({"growth.access": 0.0}), rel=1e-12)
    low, high = sampling.ends(params.uncertainty.distributions[path])
    row = tornado(params, headline=other, paths=[path]).loc[path]
    assert (row["outcome_low"], row["outcome_base"], row["outcome_high"]) == pytest.approx(
        (total({path: low}), series.loc[end], total({path: high})), rel=1e-12)
    swung = swings(params, [path], headline=other).loc[path]
    assert (swung["total_low"], swung["total_base"], swung["total_high"]) == pytest.approx(
        (row["outcome_low"], row["outcome_base"], row["outcome_high"]), rel=1e-12)
