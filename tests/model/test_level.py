"""Tests for the book's own level: percentiles of a value among draws, the level drawn from the bottom-up, its drivers."""

from __future__ import annotations

import numpy as np
import pytest

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.reading import load_table
from infantile_spasms_market.model import montecarlo
from infantile_spasms_market.model.bottomup import bottom_up_by_country
from infantile_spasms_market.model.level import (
    LEVEL_GROUPS,
    global_bottom_up,
    group_paths,
    level_drivers,
    percentile_of,
)
from infantile_spasms_market.paths import PARAMS_DIR
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.parameters import Parameters

TRIANGULATED = PARAMS_DIR / "triangulated.yaml"


@pytest.fixture(scope="module")
def headline() -> Headline:
    return Headline.from_data()


@pytest.fixture(scope="module")
def triangulated() -> Parameters:
    return load_parameters(TRIANGULATED)


def without_draws(params: Parameters) -> Parameters:
    """``params`` with no uncertainty distribution: every draw is the scenario itself."""
    return params.model_copy(update={"uncertainty": params.uncertainty.model_copy(update={"distributions": {}})})


@pytest.mark.parametrize(("value", "expected"), [(0.0, 0.0), (50.5, 50.0), (100.5, 100.0), (25.5, 25.0)])
def test_percentile_of_a_value_among_the_integers_1_to_100(value, expected):
    assert percentile_of(np.arange(1, 101), value) == pytest.approx(expected)


def test_percentile_of_counts_ties_half_and_matches_a_uniform_distribution():
    assert percentile_of(np.array([1.0, 2.0, 3.0]), 2.0) == pytest.approx(50.0)
    draws = np.random.default_rng(1).uniform(0, 10, size=200_000)
    assert percentile_of(draws, 8.0) == pytest.approx(80.0, abs=0.5)
    with pytest.raises(ValueError, match="no values"):
        percentile_of(np.array([]), 1.0)


def test_degenerate_draws_give_the_bottom_up_central_value(triangulated, headline):
    params = without_draws(triangulated)
    result = montecarlo.run(params, n=64, headline=headline)
    central = float(bottom_up_by_country(params)["value_usd_m"].sum())
    values = result.value_in(headline.base_year)
    assert np.percentile(values, 50) == pytest.approx(central, rel=1e-12)
    assert np.ptp(values) == pytest.approx(0.0, abs=1e-9)
    assert float(result.scenario_total.loc[headline.base_year]) == pytest.approx(central, rel=1e-12)


def test_the_triangulated_level_is_drawn_and_the_base_level_is_not(triangulated, headline):
    spread = montecarlo.run(triangulated, n=500, headline=headline).percentiles.loc[headline.base_year]
    assert spread["P95"] - spread["P5"] > 10  # USD million: the fan has width in the base year
    base = montecarlo.run(load_parameters(), n=200, headline=headline)
    assert np.ptp(base.value_in(headline.base_year)) == pytest.approx(0.0, abs=1e-9)
    assert base.scenario_total.loc[headline.base_year] == pytest.approx(146.34)
    assert base.scenario_total.loc[headline.end_year] == pytest.approx(181.94)


def test_the_level_scales_the_report_path(triangulated, headline):
    result = montecarlo.run(triangulated, n=100, headline=headline)
    report = montecarlo.run(load_parameters(), n=100, headline=headline)  # same seeds, same growth draws
    factor = global_bottom_up(triangulated, n=100) / headline.base_value_usd_m
    np.testing.assert_allclose(result.totals, report.totals * factor[:, None], rtol=1e-10)


def test_level_drivers_rank_groups_by_their_share_of_the_variance(triangulated):
    drivers = level_drivers(triangulated, n=2000)
    shares = drivers["variance_share_pct"]
    assert list(shares) == sorted(shares, reverse=True)
    assert ((shares > 0) & (shares <= 100)).all()
    # First-order shares of a product: about 100, much less where inputs amplify each other, as the price-level
    # errors do (lognormal, multiplying every other input of the countries they draw).
    assert 10 < shares.sum() <= 105
    assert drivers.loc["epidemiology.diagnosed_share", "distributions"] == 5
    assert set(drivers.index) <= {g for g in drivers.index if group_paths(triangulated, g)}


def test_one_group_drawn_alone_has_the_whole_variance(triangulated):
    only = {"epidemiology.incidence_per_1000": triangulated.uncertainty.distributions["epidemiology.incidence_per_1000"]}
    params = triangulated.model_copy(update={"uncertainty": triangulated.uncertainty.model_copy(update={"distributions": only})})
    drivers = level_drivers(params, n=500)
    assert list(drivers.index) == ["epidemiology.incidence_per_1000"]
    assert drivers["variance_share_pct"].iloc[0] == pytest.approx(100.0)


def test_the_triangulated_incidence_covers_the_published_estimates(triangulated):
    data = load_table("incidence_estimates")
    points = data["incidence_per_1000_central"].dropna()
    assert triangulated.epidemiology.incidence_per_1000 == pytest.approx(float(np.median(points)))
    dist = triangulated.uncertainty.distributions["epidemiology.incidence_per_1000"]
    figures = data[["incidence_per_1000_low", "incidence_per_1000_central", "incidence_per_1000_high"]]
    assert dist.low == pytest.approx(float(np.nanmin(figures.to_numpy(dtype=float))))
    studies = figures[data["kind"] != "review"]  # one review's worldwide upper end (0.60) is left out, and said so
    assert dist.high == pytest.approx(float(np.nanmax(studies.to_numpy(dtype=float))))
    assert dist.mode == triangulated.epidemiology.incidence_per_1000


# --- known answers for each step of the drivers' table (mutation testing found these unchecked) ------------------------

def _only(params: Parameters, paths: list[str], **changes) -> Parameters:
    """``params`` with just these distributions declared (each optionally replaced by ``changes[path]``)."""
    declared = params.uncertainty.distributions
    chosen = {p: changes.get(p, declared[p]) for p in paths}
    return params.model_copy(update={"uncertainty": params.uncertainty.model_copy(update={"distributions": chosen})})


def test_percentile_of_refuses_no_values_in_these_words():
    with pytest.raises(ValueError, match=r"^no values to place a value among$"):
        percentile_of([], 1.0)


def test_the_global_bottom_up_draws_with_the_seed_given(triangulated):
    from infantile_spasms_market.model.bottomup import bottom_up
    from infantile_spasms_market.model.draws import draw_parameters

    seed = triangulated.uncertainty.seed + 17
    values = global_bottom_up(triangulated, n=50, seed=seed)
    expected = bottom_up(triangulated, draw_parameters(triangulated, 50, seed)).value_usd_m.sum(axis=1)
    np.testing.assert_allclose(values, expected, rtol=1e-12)
    assert not np.allclose(values, global_bottom_up(triangulated, n=50))  # another seed, other draws


def test_each_row_of_the_drivers_is_its_group_drawn_alone_with_the_seed_given(triangulated):
    seed, n = triangulated.uncertainty.seed + 5, 400
    drivers = level_drivers(triangulated, n=n, seed=seed)
    full = global_bottom_up(triangulated, n=n, seed=seed)
    for group, row in drivers.iterrows():
        alone = global_bottom_up(triangulated, only=group_paths(triangulated, group), n=n, seed=seed)
        p5, p95 = np.percentile(alone, [5, 95])
        assert row["p5_usd_m"] == pytest.approx(p5) and row["p95_usd_m"] == pytest.approx(p95), group
        assert row["width_usd_m"] == pytest.approx(p95 - p5), group
        assert row["variance_share_pct"] == pytest.approx(100 * alone.var() / full.var()), group
        assert row["distributions"] == len(group_paths(triangulated, group))


def test_a_group_without_distributions_is_skipped_and_the_groups_after_it_are_not(triangulated):
    drawn = [g for g in LEVEL_GROUPS if group_paths(triangulated, g)]
    first, last = drawn[0], drawn[-1]
    assert LEVEL_GROUPS.index(last) - LEVEL_GROUPS.index(first) > 1
    paths = [*group_paths(triangulated, first), *group_paths(triangulated, last)]
    drivers = level_drivers(_only(triangulated, paths), n=300)  # every group between the two has none now
    assert set(drivers.index) == {first, last}


def test_a_level_that_does_not_vary_gives_every_group_a_share_of_zero(triangulated):
    paths = group_paths(triangulated, "epidemiology.incidence_per_1000")
    drivers = level_drivers(_only(triangulated, paths), n=1)  # one draw: no variance at all
    assert drivers["variance_share_pct"].tolist() == [0.0]


def test_a_level_that_varies_by_less_than_one_squared_million_still_has_its_shares(triangulated):
    incidence = triangulated.uncertainty.distributions["epidemiology.incidence_per_1000"]
    centre = triangulated.epidemiology.incidence_per_1000
    narrow = incidence.model_copy(update={"low": centre * 0.9999, "mode": centre, "high": centre * 1.0001})
    params = _only(triangulated, ["epidemiology.incidence_per_1000"], **{"epidemiology.incidence_per_1000": narrow})
    assert 0 < global_bottom_up(params, n=300).var() < 1
    assert level_drivers(params, n=300)["variance_share_pct"].iloc[0] == pytest.approx(100.0)


def test_no_group_drawn_gives_an_empty_table_with_the_columns(triangulated):
    drivers = level_drivers(_only(triangulated, []), n=10)
    assert drivers.empty and drivers.index.name == "group"
    assert list(drivers.columns) == ["distributions", "p5_usd_m", "p95_usd_m", "width_usd_m", "variance_share_pct"]
