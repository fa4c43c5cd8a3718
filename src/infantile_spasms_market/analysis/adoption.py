"""Uptake curves for a new therapy: the Bass diffusion model, fitted to any uptake path with scipy.

The market model takes a novel therapy up along a logistic curve
(:func:`~.market.logistic_uptake`). The Bass model says the same thing in the terms launch
planners use: ``p`` is the share of the remaining eligible patients reached each year without
prior use (innovation: guidelines, specialist centres), ``q`` how fast use spreads from those
already treated (imitation: experience, word of mouth). Fitting one to the other shows what
``p`` and ``q`` the logistic assumption implies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import curve_fit

from ..model.novel import logistic_uptake


def bass_uptake(years: np.ndarray, p: float, q: float, ceiling: float, launch_year: float) -> np.ndarray:
    """Cumulative Bass uptake (share of eligible patients) by year; zero before ``launch_year``.

    ``F(t) = ceiling x (1 - exp(-(p+q)t)) / (1 + (q/p) exp(-(p+q)t))`` with ``t`` the years since
    launch, the solution of ``dF/dt = (p + q F / ceiling)(ceiling - F)`` with ``F(0) = 0``.
    """
    if p <= 0 or q < 0 or ceiling < 0:
        raise ValueError(f"Bass parameters need p > 0, q >= 0 and ceiling >= 0 (got p={p}, q={q}, ceiling={ceiling})")
    elapsed = np.clip(np.asarray(years, dtype=float) - launch_year, 0, None)
    decay = np.exp(-(p + q) * elapsed)
    return ceiling * (1 - decay) / (1 + (q / p) * decay)


@dataclass(frozen=True)
class BassFit:
    """A Bass curve fitted to an uptake path, with how closely it follows it."""

    p: float
    q: float
    ceiling: float
    launch_year: float
    rmse: float  # root mean square error on the fitted years, same unit as the uptake

    def __call__(self, years: np.ndarray) -> np.ndarray:
        """The fitted curve at ``years``."""
        return bass_uptake(years, self.p, self.q, self.ceiling, self.launch_year)


def fit_bass(years: np.ndarray, uptake: np.ndarray, launch_year: float, ceiling: float | None = None) -> BassFit:
    """Least-squares Bass curve through ``uptake`` (years from ``launch_year`` on).

    Parameters
    ----------
    years, uptake : arrays
        The path to follow, e.g. the model's logistic uptake by year.
    launch_year : float
        Year of launch (the Bass curve starts at zero there).
    ceiling : float, optional
        Fix the long-run uptake (e.g. the logistic's peak); fitted when not given.

    Raises
    ------
    ValueError
        When fewer than three years from launch on are given, or the fit does not converge.
    """
    years = np.asarray(years, dtype=float)
    uptake = np.asarray(uptake, dtype=float)
    if years.shape != uptake.shape:
        raise ValueError(f"years and uptake differ in length ({years.size} and {uptake.size})")
    keep = years >= launch_year
    if keep.sum() < 3:
        raise ValueError(f"need at least three years from the launch ({launch_year:g}) to fit a Bass curve; got {int(keep.sum())}")
    x, y = years[keep], uptake[keep]
    top = float(y.max())
    if top <= 0:
        raise ValueError("uptake is zero in every year from the launch: nothing to fit")
    try:
        if ceiling is None:
            (p, q, fitted_ceiling), _ = curve_fit(
                lambda t, p, q, m: bass_uptake(t, p, q, m, launch_year),
                x, y, p0=(0.03, 0.4, top), bounds=([1e-6, 0.0, top * 0.5], [1.0, 5.0, max(1.0, top * 2)]),
            )
        else:
            (p, q), _ = curve_fit(
                lambda t, p, q: bass_uptake(t, p, q, ceiling, launch_year),
                x, y, p0=(0.03, 0.4), bounds=([1e-6, 0.0], [1.0, 5.0]),
            )
            fitted_ceiling = ceiling
    except RuntimeError as exc:
        raise ValueError(f"the Bass fit did not converge: {exc}") from exc
    residuals = bass_uptake(x, p, q, fitted_ceiling, launch_year) - y
    return BassFit(float(p), float(q), float(fitted_ceiling), float(launch_year), float(np.sqrt(np.mean(residuals**2))))


def year_reaching(years: np.ndarray, uptake: np.ndarray, level: float) -> float:
    """First (fractional) year an increasing uptake path reaches ``level``, by linear interpolation.

    Raises
    ------
    ValueError
        When the path never reaches ``level``.
    """
    years = np.asarray(years, dtype=float)
    uptake = np.asarray(uptake, dtype=float)
    above = np.nonzero(uptake >= level)[0]
    if above.size == 0:
        raise ValueError(f"uptake never reaches {level:g} (maximum {uptake.max():g} by {years.max():g})")
    i = int(above[0])
    if i == 0:
        return float(years[0])
    y0, y1 = uptake[i - 1], uptake[i]
    return float(years[i - 1] + (level - y0) / (y1 - y0) * (years[i] - years[i - 1]))


def logistic_and_bass(
    launch_year: int, peak_year: int, peak: float, *, years_after_peak: int = 7, lead: int = 2, points: int = 400
) -> tuple[BassFit, pd.DataFrame, pd.DataFrame]:
    """The model's logistic uptake (:func:`..model.novel.logistic_uptake`) and the Bass curve fitted to it.

    Parameters
    ----------
    launch_year, peak_year, peak
        The logistic curve: launch, the year it reaches 95 % of ``peak``, and ``peak`` (a share).
    years_after_peak : int
        How far past the peak year both curves run.
    lead : int
        Years before the launch the fine grid starts (to show the curves flat at zero).
    points : int
        Points of the fine grid.

    Returns
    -------
    fit : BassFit
        Fitted by least squares to the logistic's yearly values, its ceiling fixed at ``peak``.
    yearly : DataFrame
        Indexed by ``year`` (launch year to ``years_after_peak`` after the peak year):
        ``logistic_share`` and ``bass_share``.
    smooth : DataFrame
        The same two curves on ``points`` years from ``lead`` years before the launch (for drawing).
    """
    annual = np.arange(launch_year, peak_year + years_after_peak + 1)
    logistic = logistic_uptake(annual, launch_year, peak_year, peak)
    fit = fit_bass(annual, logistic, launch_year, ceiling=peak)
    fine = np.linspace(launch_year - lead, peak_year + years_after_peak, points)
    yearly = pd.DataFrame({"logistic_share": logistic, "bass_share": fit(annual)}, index=pd.Index(annual, name="year"))
    smooth = pd.DataFrame(
        {"logistic_share": logistic_uptake(fine, launch_year, peak_year, peak), "bass_share": fit(fine)},
        index=pd.Index(fine, name="year"),
    )
    return fit, yearly, smooth
