"""Quantiles, ends and draws of the uncertainty distributions, against scipy's own distributions (known answers)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from infantile_spasms_market.model import sampling
from infantile_spasms_market.scenario.uncertainty import Distribution

WHY = "a reason long enough for the model"
TRIANGULAR = Distribution(kind="triangular", low=2.0, mode=3.0, high=7.0, rationale=WHY)
NORMAL = Distribution(kind="normal", mean=5.0, sd=2.0, low=2.0, high=9.0, rationale=WHY)
DIRICHLET = Distribution(kind="dirichlet", concentration=50.0, rationale=WHY)
QS = np.array([0.0, 0.05, 0.15, 0.2, 0.25, 0.5, 0.8, 0.95, 1.0])  # the triangular's mode is its 0.2 quantile: 0.05 and 0.15 lie below it


def test_triangular_quantiles_are_scipys_away_from_zero():
    c = (TRIANGULAR.mode - TRIANGULAR.low) / (TRIANGULAR.high - TRIANGULAR.low)
    expected = stats.triang.ppf(QS, c, loc=TRIANGULAR.low, scale=TRIANGULAR.high - TRIANGULAR.low)
    np.testing.assert_allclose(sampling.quantile(TRIANGULAR, QS), expected, rtol=1e-12)


def test_truncated_normal_quantiles_are_scipys_with_the_truncation_points_at_the_ends():
    a, b = (NORMAL.low - NORMAL.mean) / NORMAL.sd, (NORMAL.high - NORMAL.mean) / NORMAL.sd
    expected = stats.truncnorm.ppf(QS, a, b, loc=NORMAL.mean, scale=NORMAL.sd)
    np.testing.assert_allclose(sampling.quantile(NORMAL, QS), expected, rtol=1e-9)
    assert sampling.quantile(NORMAL, 0.0) == pytest.approx(NORMAL.low) and sampling.quantile(NORMAL, 1.0) == pytest.approx(NORMAL.high)


def test_a_single_quantile_is_a_float_and_several_an_array():
    assert type(sampling.quantile(TRIANGULAR, 0.5)) is float
    assert isinstance(sampling.quantile(TRIANGULAR, [0.5, 0.6]), np.ndarray)


@pytest.mark.parametrize("q", [0.0, 1.0, [0.0, 1.0]])
def test_the_quantiles_0_and_1_are_allowed(q):
    sampling.quantile(TRIANGULAR, q)


@pytest.mark.parametrize("q", [-0.01, 1.01, 1.5, [0.5, 1.5], [-0.5, 0.5]])
def test_a_quantile_outside_0_to_1_is_refused_naming_it(q):
    with pytest.raises(ValueError, match=r"^quantiles must lie in \[0, 1\], got "):
        sampling.quantile(TRIANGULAR, q)


def test_a_dirichlet_has_no_quantiles_and_no_ends_in_these_words():
    with pytest.raises(ValueError, match=r"^a dirichlet distribution has no scalar quantiles$"):
        sampling.quantile(DIRICHLET, 0.5)
    with pytest.raises(ValueError, match=r"^a dirichlet distribution has no low and high value: it moves a whole share section$"):
        sampling.ends(DIRICHLET)
    with pytest.raises(ValueError, match=r"^a dirichlet distribution needs the scenario's shares as its centre$"):
        sampling.sample(DIRICHLET, 3, np.random.default_rng(0))


def test_the_ends_of_a_normal_are_its_5th_and_95th_percentiles():
    low, high = sampling.ends(NORMAL)
    a, b = (NORMAL.low - NORMAL.mean) / NORMAL.sd, (NORMAL.high - NORMAL.mean) / NORMAL.sd
    assert (low, high) == pytest.approx(tuple(stats.truncnorm.ppf([0.05, 0.95], a, b, loc=NORMAL.mean, scale=NORMAL.sd)))
    assert sampling.ends(TRIANGULAR) == (2.0, 7.0)


def test_truncated_normal_draws_stay_between_the_truncation_points_and_follow_scipy():
    draws = sampling.sample(NORMAL, 100_000, np.random.default_rng(3))
    assert draws.min() >= NORMAL.low and draws.max() <= NORMAL.high
    a, b = (NORMAL.low - NORMAL.mean) / NORMAL.sd, (NORMAL.high - NORMAL.mean) / NORMAL.sd
    assert stats.kstest(draws, stats.truncnorm(a, b, loc=NORMAL.mean, scale=NORMAL.sd).cdf).pvalue > 0.001


@pytest.mark.parametrize("n", [0, -3])
def test_fewer_than_one_draw_is_refused_naming_the_number(n):
    with pytest.raises(ValueError, match=rf"^the number of draws must be at least 1, got {n}$"):
        sampling.sample(TRIANGULAR, n, np.random.default_rng(0))


def test_a_dirichlet_draws_around_the_centres_proportions_with_its_concentration():
    centre = np.array([0.5, 0.0, 0.3, 0.2])
    draws = sampling.sample(DIRICHLET, 5, np.random.default_rng(7), centre)
    expected = np.random.default_rng(7).dirichlet(DIRICHLET.concentration * np.array([0.5, 0.3, 0.2]), size=5)
    np.testing.assert_allclose(draws[:, [0, 2, 3]], expected, rtol=1e-12)
    assert (draws[:, 1] == 0).all()  # a share of zero stays zero
    # the same shares in percent: the same proportions, the same draws
    np.testing.assert_allclose(sampling.sample(DIRICHLET, 5, np.random.default_rng(7), 100 * centre), draws, rtol=1e-12)


@pytest.mark.parametrize("spec", [{"kind": "triangular", "mode": 3.0}, {"kind": "uniform"}, {"kind": "normal", "mean": 3.0, "sd": 1.0}])
def test_a_distribution_narrowed_to_one_value_gives_that_value_everywhere(spec):
    dist = Distribution(low=3.0, high=3.0, rationale=WHY, **spec)
    assert sampling.quantile(dist, 0.3) == 3.0 and type(sampling.quantile(dist, 0.3)) is float
    np.testing.assert_array_equal(sampling.quantile(dist, np.array([0.0, 0.5, 1.0])), [3.0, 3.0, 3.0])
    assert sampling.ends(dist) == (3.0, 3.0)
    np.testing.assert_array_equal(sampling.sample(dist, 4, np.random.default_rng(0)), np.full(4, 3.0))


UNIFORM = Distribution(kind="uniform", low=2.0, high=7.0, rationale=WHY)


@pytest.mark.parametrize(
    ("dist", "scipy_dist"),
    [
        (TRIANGULAR, stats.triang(0.2, loc=2.0, scale=5.0)),
        (UNIFORM, stats.uniform(loc=2.0, scale=5.0)),
        (NORMAL, stats.truncnorm(-1.5, 2.0, loc=5.0, scale=2.0)),
    ],
)
def test_draws_are_n_values_from_the_distribution(dist, scipy_dist):
    assert sampling.sample(dist, 3, np.random.default_rng(1)).shape == (3,)
    draws = sampling.sample(dist, 20_000, np.random.default_rng(2))
    assert draws.shape == (20_000,) and draws.min() >= dist.low and draws.max() <= dist.high
    assert stats.kstest(draws, scipy_dist.cdf).pvalue > 0.001
