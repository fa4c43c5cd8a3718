"""Tests for the Monte Carlo run: seeded draws, every declared path handled, the base reproduced, claims per draw."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.taxonomy import COUNTRIES, DRUG_IDS
from infantile_spasms_market.model import arrays, montecarlo, sampling, sensitivity
from infantile_spasms_market.model.bottomup import bottom_up_by_region
from infantile_spasms_market.model.claims import check_claims, claim_holds
from infantile_spasms_market.model.draws import (
    NOT_DRAWABLE,
    UnsupportedDistribution,
    draw_parameters,
    feeds,
    numeric_leaves,
    set_draws,
)
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.model.topdown import evaluate, market_table
from infantile_spasms_market.model.views import totals
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.parameters import Parameters
from infantile_spasms_market.scenario.uncertainty import Distribution

NOVEL_ON = ["trends.novel_therapy.enabled=true"]
INPUT_FIELDS = ("cagr", "region_share_2024", "region_growth", "drug_mix_2024", "drug_growth", "novel_value", "cannibalisation")


@pytest.fixture(scope="module")
def base() -> Parameters:
    return load_parameters()


@pytest.fixture(scope="module")
def headline() -> Headline:
    return Headline.from_data()


@pytest.fixture(scope="module")
def base_run(base: Parameters) -> montecarlo.MonteCarloResult:
    return montecarlo.run(base)


def with_distributions(params: Parameters, distributions: dict[str, dict]) -> Parameters:
    """``params`` with its distributions replaced (validated like a scenario file)."""
    tree = params.model_dump()
    tree["uncertainty"]["distributions"] = distributions
    return Parameters.model_validate(tree)


# --------------------------------------------------------------------------- no draws reproduces the model
@pytest.mark.parametrize("overrides", [[], NOVEL_ON, NOVEL_ON + ["countries.price_index.japan=0.8", "epidemiology.incidence_per_1000=0.4"]])
def test_undrawn_inputs_are_the_scenario_values(overrides: list[str]):
    params = load_parameters(None, overrides)
    built = arrays.build(params, set_draws(params, 1, {}))
    np.testing.assert_array_equal(built.inputs.years, np.arange(2024, params.market.end_year + 1))
    assert built.inputs.cagr[0] == pytest.approx(sum(params.growth.model_dump().values()), rel=1e-15)
    np.testing.assert_array_equal(built.inputs.region_share_2024[0], list(params.regions.share_2024.model_dump().values()))
    np.testing.assert_array_equal(built.inputs.drug_mix_2024[0, 1], list(params.segments.drug_mix_2024.europe.model_dump().values()))
    np.testing.assert_array_equal(built.liquid_share[0], list(params.segments.liquid_share.model_dump().values()))
    np.testing.assert_allclose(built.bottom_up_by_region[0], bottom_up_by_region(params)["value_usd_m"].to_numpy(), rtol=1e-12)


def test_scenario_total_is_the_market_tables_total(base: Parameters, base_run):
    expected = totals(market_table(base))
    np.testing.assert_allclose(base_run.scenario_total.to_numpy(), expected.to_numpy(), rtol=1e-12)
    assert base_run.scenario_total.name == "value_usd_m" and base_run.scenario_total.index.name == "year"


def test_a_run_records_the_seed_given_and_every_country_in_the_taxonomys_order(base: Parameters):
    result = montecarlo.run(base, n=20, seed=base.uncertainty.seed + 1)
    assert result.seed == base.uncertainty.seed + 1
    assert result.country_ids == tuple(COUNTRIES)
    assert result.country_values(result.end_year).shape == (20, len(COUNTRIES))


# --------------------------------------------------------------------------- seeds
def test_same_seed_gives_identical_results(base: Parameters):
    first, second = montecarlo.run(base, n=500, seed=7), montecarlo.run(base, n=500, seed=7)
    np.testing.assert_array_equal(first.values, second.values)
    assert first.claims.equals(second.claims)


def test_different_seed_gives_different_results(base: Parameters):
    first, second = montecarlo.run(base, n=500, seed=7), montecarlo.run(base, n=500, seed=8)
    assert not np.allclose(first.value_at_end, second.value_at_end)


def test_default_draws_and_seed_come_from_the_parameters(base: Parameters, base_run):
    assert base_run.n == base.uncertainty.draws
    assert base_run.seed == base.uncertainty.seed
    np.testing.assert_array_equal(montecarlo.run(base, n=200).value_at_end, montecarlo.run(base, n=200, seed=base.uncertainty.seed).value_at_end)


def test_adding_a_distribution_leaves_the_others_draws_unchanged(base: Parameters):
    extra = {**{p: d.model_dump(exclude_none=True) for p, d in base.uncertainty.distributions.items()},
             "growth.access": {"kind": "uniform", "low": 0.0, "high": 0.02, "rationale": "a replaced distribution"},
             "regions.growth_differential.europe": {"kind": "uniform", "low": -0.01, "high": 0.01, "rationale": "an added distribution"}}
    before = draw_parameters(base, 300)
    after = draw_parameters(with_distributions(base, extra), 300)
    np.testing.assert_array_equal(before.drawn["growth.diagnosis"], after.drawn["growth.diagnosis"])
    assert not np.array_equal(before.drawn["growth.access"], after.drawn["growth.access"])


# --------------------------------------------------------------------------- summaries
def test_percentiles_are_ordered_in_every_year(base_run):
    table = base_run.percentiles
    assert list(table.columns) == ["P5", "P25", "P50", "P75", "P95"]
    assert (table.diff(axis=1).iloc[:, 1:] >= 0).all().all()
    assert (table["P95"] - table["P5"]).loc[2030] > 0


def test_base_draws_are_centred_near_the_base_value(base_run):
    summary = base_run.summary()
    assert summary["scenario"] == pytest.approx(181.94, abs=1e-9)
    assert summary["P50"] == pytest.approx(summary["scenario"], rel=0.03)
    assert summary["P5"] < summary["scenario"] < summary["P95"]
    # 2024 and 2025 are the report's own figures under bridge_2025: no spread there.
    assert np.ptp(base_run.value_in(2024)) == pytest.approx(0, abs=1e-9)


def test_the_median_follows_the_mean_growth_of_the_distributions(base: Parameters, base_run):
    mean_growth = sum(
        (d.low + d.mode + d.high) / 3 for p, d in base.uncertainty.distributions.items() if p.startswith("growth.")
    )
    expected = base_run.scenario_total.loc[2025] * (1 + mean_growth) ** 5
    assert np.median(base_run.value_at_end) == pytest.approx(expected, rel=0.005)


def test_ten_thousand_draws_run_in_one_call(base: Parameters):
    """The book's draw count runs vectorised in one call; its speed is measured in ``make bench`` (bench_model)."""
    result = montecarlo.run(base, n=10_000)
    assert result.n == 10_000 and len(result.value_at_end) == 10_000


# --------------------------------------------------------------------------- every declared path
# What each drawn parameter moves, where and which way: tests/model/test_draw_targets.py.
def test_every_base_distribution_is_drawn(base: Parameters):
    state = draw_parameters(base, 100)
    for path, dist in base.uncertainty.distributions.items():
        leaves = [p for p in state.drawn if p == path or p.startswith(path + ".")]
        assert leaves, f"{path} was not drawn"
        assert all(np.ptp(state.drawn[p]) > 0 for p in leaves), path


def test_every_numeric_parameter_is_drawable_or_named_as_not():
    params = load_parameters(None, NOVEL_ON)
    for path in numeric_leaves(params):
        if path in NOT_DRAWABLE:
            with pytest.raises(UnsupportedDistribution, match=path.replace(".", r"\.")):
                feeds(path)
        else:
            assert feeds(path)


@pytest.mark.parametrize(
    "path, change",
    [
        ("epidemiology.courses_per_treated_patient", 2.5),
        ("epidemiology.course_length_14d_units.vigabatrin", 6.0),
        ("epidemiology.assumed_course_cost_usd.others", 5000.0),
        ("epidemiology.first_line_mix.europe", {"acth": 0.5, "vigabatrin": 0.2, "oral_steroids": 0.2, "other_anticonvulsants": 0.05, "others": 0.05}),
    ],
)
def test_bottom_up_only_parameters_do_not_move_the_top_down_table(base: Parameters, path: str, change):
    """What parameter_draws.FEEDS says: these feed the bottom-up value only, not the market table."""
    assert "bottom-up value only" in feeds(path if not isinstance(change, dict) else path + ".acth")
    changed = with_values(base, {path: change})
    keys = ["year", "region", "drug", "dosage"]  # the country split may move where prices set course costs
    before = market_table(base).groupby(keys)["value_usd_m"].sum()
    after = market_table(changed).groupby(keys)["value_usd_m"].sum()
    np.testing.assert_allclose(after, before, rtol=1e-12)
    assert not np.isclose(bottom_up_by_region(changed)["value_usd_m"].sum(), bottom_up_by_region(base)["value_usd_m"].sum())


@pytest.mark.parametrize("path", sorted(NOT_DRAWABLE))
def test_an_unsupported_path_raises_naming_it(base: Parameters, path: str):
    value = float(base.value_at(path))
    params = with_distributions(base, {path: {"kind": "uniform", "low": value, "high": value + 1, "rationale": "cannot be drawn"}})
    escaped = re.escape(path)
    with pytest.raises(UnsupportedDistribution, match=rf"uncertainty\.distributions\.{escaped}: cannot be drawn"):
        montecarlo.run(params, n=10)
    with pytest.raises(UnsupportedDistribution, match=path.replace(".", r"\.")):
        sensitivity.tornado(params)


def test_a_path_drawn_twice_raises(base: Parameters):
    params = with_distributions(base, {
        "regions.share_2024": {"kind": "dirichlet", "concentration": 100, "rationale": "whole section"},
        "regions.share_2024.europe": {"kind": "uniform", "low": 0.2, "high": 0.3, "rationale": "one share again"},
    })
    with pytest.raises(UnsupportedDistribution, match=r"regions\.share_2024\.europe is drawn twice"):
        draw_parameters(params, 10)


# --------------------------------------------------------------------------- shares
def test_dirichlet_draws_sum_to_one_and_centre_on_the_scenario(base: Parameters):
    state = draw_parameters(base, 5000, seed=3)
    shares = state.stack("regions.share_2024", list(base.value_at("regions.share_2024")))
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(shares.mean(axis=0), list(base.value_at("regions.share_2024").values()), atol=0.005)


def test_a_single_drawn_share_keeps_its_value_and_the_rest_absorb(base: Parameters):
    params = with_distributions(base, {"regions.share_2024.europe": {"kind": "uniform", "low": 0.1, "high": 0.4, "rationale": "one share drawn"}})
    state = draw_parameters(params, 1000, seed=5)
    keys = list(base.value_at("regions.share_2024"))
    shares = state.stack("regions.share_2024", keys)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_array_equal(shares[:, keys.index("europe")], state.drawn["regions.share_2024.europe"])
    ratio = shares[:, keys.index("north_america")] / shares[:, keys.index("asia_pacific")]
    np.testing.assert_allclose(ratio, 0.44 / 0.20, rtol=1e-12)


def test_drawn_shares_that_cannot_fit_raise(base: Parameters):
    params = with_distributions(base, {
        "regions.share_2024.europe": {"kind": "uniform", "below": 0.0, "above": 0.6, "rationale": "too large together"},
        "regions.share_2024.north_america": {"kind": "uniform", "below": 0.0, "above": 0.5, "rationale": "too large together"},
    })
    with pytest.raises(UnsupportedDistribution, match="add up to more than 1"):
        draw_parameters(params, 100)


# --------------------------------------------------------------------------- distributions
@pytest.mark.parametrize(
    "spec",
    [
        {"kind": "triangular", "low": 0.0, "mode": 0.01, "high": 0.04},
        {"kind": "uniform", "low": -0.02, "high": 0.03},
        {"kind": "normal", "mean": 0.01, "sd": 0.02, "low": -0.01, "high": 0.05},
    ],
)
def test_sampled_quantiles_match_the_distributions_quantiles(spec: dict):
    dist = Distribution(rationale="a test distribution", **spec)
    draws = sampling.sample(dist, 200_000, np.random.default_rng(0))
    assert draws.min() >= spec["low"] and draws.max() <= spec["high"]
    for q in (0.05, 0.5, 0.95):
        assert np.quantile(draws, q) == pytest.approx(sampling.quantile(dist, q), abs=0.002 * (spec["high"] - spec["low"]) + 1e-4)


def test_tornado_ends_of_a_normal_are_its_p5_and_p95():
    dist = Distribution(kind="normal", mean=0.0, sd=1.0, low=-10.0, high=10.0, rationale="nearly untruncated")
    low, high = sampling.ends(dist)
    assert low == pytest.approx(-1.6448536, abs=1e-6) and high == pytest.approx(1.6448536, abs=1e-6)


# --------------------------------------------------------------------------- claims
@pytest.mark.parametrize(
    "overrides",
    [
        [],
        ["segments.drug_mix_2024.north_america.acth=0.106", "segments.drug_mix_2024.north_america.vigabatrin=0.888"],
        ["segments.liquid_share.acth=0.1", "segments.liquid_share.vigabatrin=0.1"],
        ["regions.share_2024.north_america=0.25", "regions.share_2024.europe=0.44"],
        ["regions.growth_differential.asia_pacific=0.15"],
        ["segments.drug_growth_differential.acth=0.1"],
        NOVEL_ON + ["trends.novel_therapy.launch_year=2025", "trends.novel_therapy.peak_year=2027"],
    ],
)
def test_claims_per_draw_agree_with_check_claims(overrides: list[str], headline: Headline):
    params = load_parameters(None, overrides)
    built = arrays.build(params, set_draws(params, 1, {}))
    values = evaluate(built.inputs, headline, params.market.reconciliation)
    per_draw = claim_holds(values, built.liquid_share, built.inputs.years, headline)
    expected = {c.claim: c.holds for c in check_claims(market_table(params, headline))}
    assert {k: bool(v[0]) for k, v in per_draw.items()} == expected


def test_claim_probabilities_are_frequencies(base: Parameters):
    params = with_distributions(base, {"regions.share_2024": {"kind": "dirichlet", "concentration": 8, "rationale": "very loose split"}})
    result = montecarlo.run(params, n=2000, seed=11)
    north_america = result.claims.set_index("claim").filter(like="North America", axis=0)
    probability = float(north_america["probability"].iloc[0])
    assert 0 < probability < 1
    assert bool(north_america["holds_in_scenario"].iloc[0]) is True
    assert set(result.claims["claim"]) == {c.claim for c in check_claims(market_table(base))}


# --------------------------------------------------------------------------- tornado
def test_tornado_swings_match_full_model_runs(base: Parameters):
    frame = sensitivity.tornado(base)
    assert list(frame.index) == sorted(frame.index, key=lambda p: -abs(frame.loc[p, "swing"]))
    assert set(frame.index) == set(base.uncertainty.distributions)
    row = frame.loc["growth.innovation"]
    for end in ("low", "high"):
        expected = totals(market_table(with_values(base, {"growth.innovation": row[end]}))).loc[2030]
        assert row[f"outcome_{end}"] == pytest.approx(expected, rel=1e-12)
    # Under bridge_2025 the regional split does not move the global total.
    assert frame.loc["regions.share_2024", "swing"] == 0
    assert np.isnan(frame.loc["regions.share_2024", "low"])


def test_tornado_of_the_bottom_up_value_moves_with_incidence(base: Parameters):
    frame = sensitivity.tornado(base, outcome="bottom_up")
    row = frame.loc["epidemiology.incidence_per_1000"]
    expected = bottom_up_by_region(with_values(base, {"epidemiology.incidence_per_1000": 0.6}))["value_usd_m"].sum()
    assert row["outcome_high"] == pytest.approx(expected, rel=1e-12)
    assert frame.index[0] == "epidemiology.incidence_per_1000"
    with pytest.raises(ValueError, match="unknown outcome"):
        sensitivity.tornado(base, outcome="total_2031")


# --------------------------------------------------------------------------- what a run says, on a hand-made run (known answers)
def hand_made_run(weights: np.ndarray | None = None) -> montecarlo.MonteCarloResult:
    """Four draws, two years, every region's value in one segment: the totals are 1, 2, 3, 4 (2024) and 10, 20, 30, 40 (2030).

    Each draw's value sits in North America (region 0) and Europe (region 1) by halves.
    """
    values = np.zeros((4, 2, 5, 1))
    for year, scale in ((0, 1.0), (1, 10.0)):
        values[:, year, 0, 0] = values[:, year, 1, 0] = scale * np.arange(1, 5) / 2
    scenario = pd.Series([3.0, 25.0], index=pd.Index([2024, 2030], name="year"))
    return montecarlo.MonteCarloResult(
        scenario="hand-made", seed=0, years=np.array([2024, 2030]), values=values, liquid_share=np.zeros((4, 1)),
        bottom_up_by_region=np.zeros((4, 5)), draws={}, scenario_total=scenario, claims=pd.DataFrame(), end_year=2030,
        country_ids=("united_states", "germany") if weights is not None else (), country_weights=weights,
    )


def test_the_summary_of_a_year_is_its_draws_mean_sd_percentiles_and_the_share_below_the_scenario():
    run = hand_made_run()
    summary = run.summary(2024)  # a year other than the last
    assert summary["mean"] == pytest.approx(2.5) and summary["sd"] == pytest.approx(np.sqrt(5 / 3))  # sample sd (n - 1)
    assert [summary[f"P{p}"] for p in (5, 50, 95)] == pytest.approx([1.15, 2.5, 3.85])
    assert summary["scenario"] == 3.0
    assert summary["share_below_scenario"] == 0.5  # 1 and 2 lie below 3; 3 itself does not
    assert run.summary()["mean"] == pytest.approx(25.0) and run.summary()["scenario"] == 25.0  # the last forecast year


def test_country_values_and_percentiles_are_the_regions_value_times_the_countrys_share():
    weights = np.array([[0.5, 0.1], [0.5, 0.2], [0.5, 0.3], [0.5, 0.4]])  # the United States' and Germany's shares by draw
    run = hand_made_run(weights)
    np.testing.assert_allclose(run.country_values(2030), [[2.5, 0.5], [5.0, 2.0], [7.5, 4.5], [10.0, 8.0]])
    ranges = run.country_percentiles((2024, 2030), percentiles=(0, 100))
    assert ranges.index.name == "country_id" and list(ranges.index) == ["united_states", "germany"]
    assert ranges.columns.names == ["year", "percentile"]
    assert list(ranges.columns) == [(2024, "P0"), (2024, "P100"), (2030, "P0"), (2030, "P100")]
    np.testing.assert_allclose(ranges.loc["germany"], [0.05, 0.8, 0.5, 8.0])
    np.testing.assert_allclose(ranges.loc["united_states"], [0.25, 1.0, 2.5, 10.0])


def test_a_run_without_country_weights_has_no_country_values():
    with pytest.raises(ValueError, match=r"^this run kept no country weights$"):
        hand_made_run().country_values(2030)


def test_a_run_keeps_each_draws_liquid_share_by_drug_group(base: Parameters):
    spread = {"kind": "uniform", "low": 0.7, "high": 0.95, "rationale": "a reason long enough for the model"}
    params = with_distributions(base, {"segments.liquid_share.vigabatrin": spread})
    result = montecarlo.run(params, n=50)
    assert result.liquid_share.shape == (50, len(DRUG_IDS))
    vigabatrin = DRUG_IDS.index("vigabatrin")
    np.testing.assert_array_equal(result.liquid_share[:, vigabatrin], result.draws["segments.liquid_share.vigabatrin"])
    for d, drug in enumerate(DRUG_IDS):
        if d != vigabatrin:
            assert (result.liquid_share[:, d] == getattr(base.segments.liquid_share, drug)).all(), drug
