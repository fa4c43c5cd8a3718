"""Tests for analysis.adoption.logistic_and_bass: the model's logistic and the Bass curve fitted to it, by year and on a fine grid."""

from __future__ import annotations

import numpy as np
import pytest

from infantile_spasms_market.analysis.adoption import logistic_and_bass
from infantile_spasms_market.model.novel import logistic_uptake


def test_yearly_and_smooth_curves():
    fit, yearly, smooth = logistic_and_bass(2028, 2034, 0.3, years_after_peak=5, lead=1, points=50)
    assert yearly.index.name == "year" and list(yearly.index) == list(range(2028, 2040))
    assert list(yearly.columns) == ["logistic_share", "bass_share"]
    np.testing.assert_allclose(yearly["logistic_share"], logistic_uptake(np.arange(2028, 2040), 2028, 2034, 0.3))
    np.testing.assert_allclose(yearly["bass_share"], fit(np.arange(2028, 2040)))
    assert len(smooth) == 50 and smooth.index[0] == 2027 and smooth.index[-1] == 2039
    assert (smooth.loc[:2027.99] == 0).all().all()
    assert fit.ceiling == 0.3 and fit.launch_year == 2028
    assert fit.rmse < 0.01  # a Bass curve follows a logistic closely
    assert yearly.loc[2034, "logistic_share"] == pytest.approx(0.95 * 0.3)
