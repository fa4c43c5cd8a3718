"""Tests for infantile_spasms_market.analysis.adoption: the Bass curve, its fit and the threshold year."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from infantile_spasms_market.analysis.adoption import (
    bass_uptake,
    fit_bass,
    year_reaching,
)
from infantile_spasms_market.model.novel import logistic_uptake


def test_bass_closed_form_solves_the_bass_equation():
    p, q, ceiling, launch = 0.04, 0.5, 0.3, 2028
    t = np.linspace(0, 12, 25)
    ode = solve_ivp(lambda _, f: (p + q * f / ceiling) * (ceiling - f), (0, 12), [0.0], t_eval=t, rtol=1e-10, atol=1e-12)
    assert bass_uptake(launch + t, p, q, ceiling, launch) == pytest.approx(ode.y[0], abs=1e-8)


def test_bass_is_zero_before_launch_and_tends_to_its_ceiling():
    curve = bass_uptake(np.array([2020, 2028, 2100]), 0.03, 0.4, 0.25, 2028)
    assert curve[0] == 0 and curve[1] == 0
    assert curve[2] == pytest.approx(0.25)


def test_bass_refuses_impossible_parameters():
    with pytest.raises(ValueError, match="p > 0"):
        bass_uptake(np.arange(3), 0.0, 0.4, 0.3, 0)


def test_fit_recovers_a_bass_curve():
    years = np.arange(2028, 2045)
    fit = fit_bass(years, bass_uptake(years, 0.02, 0.6, 0.3, 2028), 2028)
    assert (fit.p, fit.q, fit.ceiling) == pytest.approx((0.02, 0.6, 0.3), rel=1e-4)
    assert fit.rmse < 1e-8


def test_fit_to_the_model_logistic_follows_it_closely():
    years = np.arange(2028, 2045)
    path = logistic_uptake(years, 2028, 2034, 0.3)
    fit = fit_bass(years, path, 2028, ceiling=0.3)
    assert fit.ceiling == 0.3
    assert fit.q > fit.p > 0  # a slow start then spreading use: imitation dominates
    assert fit.rmse < 0.02
    assert fit(years) == pytest.approx(path, abs=0.04)


def test_fit_needs_three_years_from_launch():
    with pytest.raises(ValueError, match="at least three years"):
        fit_bass(np.array([2026, 2027, 2028, 2029]), np.array([0, 0, 0.1, 0.2]), 2028)


def test_year_reaching_interpolates():
    years = np.array([2030, 2031, 2032])
    assert year_reaching(years, np.array([0.0, 0.1, 0.3]), 0.2) == pytest.approx(2031.5)
    assert year_reaching(years, np.array([0.5, 0.6, 0.7]), 0.2) == 2030
    with pytest.raises(ValueError, match="never reaches 0.9"):
        year_reaching(years, np.array([0.0, 0.1, 0.3]), 0.9)
