"""Tests for other publishers' estimates: extrapolation at their own CAGR, outliers kept apart, position against a range."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market import inputs
from infantile_spasms_market.analysis.estimates import (
    against_range,
    extrapolate,
    outliers,
    position,
    stated_points,
    usable,
)


@pytest.fixture(scope="module")
def estimates() -> pd.DataFrame:
    return inputs.load_table("other_estimates")


def test_extrapolation_reproduces_the_base_year_and_grows_at_the_stated_rate(estimates):
    frame = extrapolate(estimates, [2024, 2030])
    techsci = frame.loc["TechSci Research"]
    assert techsci[2024] == pytest.approx(146.34)
    assert techsci[2030] == pytest.approx(146.34 * 1.0367**6)  # 181.67: the report states 181.94
    coherent = frame.loc["Coherent Market Insights"]
    assert coherent[2024] == pytest.approx(111.1 * 1.031**7)


def test_extrapolation_is_close_to_each_stated_forecast(estimates):
    """Growing the base value at the stated CAGR lands within a few percent of each publisher's own forecast."""
    frame = extrapolate(usable(estimates), range(2017, 2032))
    for row in usable(estimates).itertuples():
        if pd.notna(row.forecast_value_usd_m):
            assert frame.loc[row.publisher, int(row.forecast_year)] == pytest.approx(row.forecast_value_usd_m, rel=0.03)


def test_the_outlier_is_kept_apart(estimates):
    assert list(outliers(estimates)["publisher"]) == ["TechSci Research (older page)"]
    assert "TechSci Research (older page)" not in set(usable(estimates)["publisher"])


def test_stated_points(estimates):
    points = stated_points(estimates)
    older = points[points["publisher"] == "TechSci Research (older page)"]
    assert list(older["kind"]) == ["base"]  # no forecast value stated
    assert set(points["kind"]) == {"base", "forecast"}


def test_position_against_a_range(estimates):
    assert position(1, 2, 3) == "below" and position(2.5, 2, 3) == "within" and position(4, 2, 3) == "above"
    with pytest.raises(ValueError, match="above high"):
        position(1, 3, 2)
    frame = against_range(estimates, 2030, 170.0, 200.0)
    assert frame.loc["TechSci Research", "position"] == "within"
    assert frame.loc["Strategic Market Research", "position"] == "above"


def test_a_missing_column_is_named(estimates):
    with pytest.raises(KeyError, match="cagr_pct"):
        extrapolate(estimates.drop(columns="cagr_pct"), [2030])


def test_base_years_where_each_line_starts():
    from infantile_spasms_market.analysis.estimates import base_years

    frame = pd.DataFrame({"publisher": ["A", "B"], "base_year": [2022, 2024]})
    assert base_years(frame).to_dict() == {"A": 2022, "B": 2024}
