"""A novel therapy's sales: uptake along a logistic curve among the eligible share of treated patients."""

from __future__ import annotations

import numpy as np

from ..inputs.taxonomy import REGION_IDS
from ..scenario.parameters import Parameters
from .draws import ParameterDraws

PREFIX = "trends.novel_therapy."
PEAK_FRACTION = 0.95
"""The share of its peak the uptake curve reaches in the peak year."""


def logistic_uptake(years: np.ndarray, launch_year, peak_year, peak) -> np.ndarray:
    """Share of eligible patients treated: zero before launch, :data:`PEAK_FRACTION` of ``peak`` at ``peak_year``.

    ``launch_year``, ``peak_year`` and ``peak`` are numbers or arrays of draws (n,); the result
    has the shape of the draws followed by the years: (Y,) or (n, Y).
    """
    years = np.asarray(years, dtype=float)
    launch, top, peak = (np.asarray(v, dtype=float)[..., None] for v in (launch_year, peak_year, peak))
    midpoint = (launch + top) / 2
    steepness = np.log(PEAK_FRACTION / (1 - PEAK_FRACTION)) / (top - midpoint)
    uptake = peak / (1 + np.exp(-steepness * (years - midpoint)))
    return np.where(years >= launch, uptake, 0.0)


def novel_value(params: Parameters, state: ParameterDraws, priced_patients: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Sales of the scenario's novel therapy by draw, year and region (n, Y, R), USD million; zeros when disabled.

    ``priced_patients`` (n, R) are the treated patients weighted by their country's price index:
    what a region can pay for a new therapy.
    """
    if not params.trends.novel_therapy.enabled:
        return np.zeros((state.n, len(years), len(REGION_IDS)))
    launch, peak = state.value(PREFIX + "launch_year"), state.value(PREFIX + "peak_year")
    bad = int(np.count_nonzero(peak <= launch))
    if bad:
        raise ValueError(f"{PREFIX}peak_year is not after {PREFIX}launch_year in {bad} draws: narrow their distributions")
    uptake = logistic_uptake(years, launch, peak, state.value(PREFIX + "peak_uptake"))  # (n, Y)
    per_region = priced_patients * state.value(PREFIX + "eligible_share_of_treated")[:, None]
    return uptake[:, :, None] * per_region[:, None, :] * state.value(PREFIX + "price_per_patient_usd")[:, None, None] / 1e6
