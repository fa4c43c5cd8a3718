"""The assumptions log as the methodology chapter shows it, on a small hand-made log."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.analysis import assumptions as summary


@pytest.fixture
def log() -> pd.DataFrame:
    return pd.DataFrame({
        "path": ["growth.access", "regions.share_2024", "market.end_year", "epidemiology.incidence_per_1000", "growth.innovation"],
        "quality": ["red", "red", "amber", "green", "red"],
        "impact": ["red", "split only", "not measured", "red", "amber"],
        "swing_total_pct": [9.62, 0.0, np.nan, 0.0, 2.0],
        "swing_bottom_up_pct": [0.0, 0.0, np.nan, 160.6, 0.0],
        "source": ["", "", "", "jia-2018", ""],
        "reasoning": ["No data on access_gains", "Assumed split", "Follows the report", "Measured", "Guess"],
    })


def test_listing_names_each_assumption_and_folds_the_ratings_into_one_column(log):
    listing = summary.assumptions_listing(log, 2030)
    assert list(listing.columns) == ["Assumption", "Rating and measured swing", "Why this rating"]
    assert listing.iloc[0].tolist() == [
        "Growth from access", "Evidence red<br>Impact red<br>2030 total 9.6 %<br>bottom-up 0.0 %",
        "No data on access_gains"]
    assert listing.iloc[2, 1] == "Evidence amber<br>Impact not measured"  # no swing when none was measured


def test_matrix_counts_every_combination_in_a_fixed_order(log):
    matrix = summary.quality_impact_matrix(log)
    assert matrix.index.tolist() == ["Evidence red", "Evidence amber", "Evidence green"]
    assert matrix.columns.tolist() == ["Impact: red", "Impact: amber", "Impact: green", "Impact: split only", "Impact: not measured"]
    assert matrix.to_numpy().tolist() == [[1, 1, 0, 1, 0], [0, 0, 0, 0, 1], [1, 0, 0, 0, 0]]


def test_values(log):
    values = summary.assumptions_values(log)
    assert values.pop("met-research-first").data == "Growth from access"
    assert values == {
        "met-n-red": 3, "met-n-amber": 1, "met-n-green": 1, "met-n-measured": 4, "met-n-assumptions": 5,
        "met-impact-red-pct": 5.0, "met-impact-amber-pct": 1.0,
    }
    none = summary.assumptions_values(log.assign(impact="green"))
    assert none["met-research-first"].data == "none"


def test_chart_data_sorts_by_the_larger_swing_and_names_the_end_year(log):
    data = summary.impact_chart_data(log, 2031)
    assert data.index.name == "assumption" and list(data.columns) == ["quality", "swing_total_2031_pct", "swing_bottom_up_pct"]
    # the larger swings: 0.0, 2.0, 9.62, 160.6; market.end_year is not measured
    assert data.index.tolist() == ["Regional shares, 2024", "Growth from innovation", "Growth from access",
                                   "Incidence per 1,000 live births"]
    # equal swings: paths in reverse order
    tied = summary.impact_chart_data(log.assign(swing_total_pct=[1.0, 1.0, np.nan, 1.0, 1.0], swing_bottom_up_pct=0.0), 2030)
    assert tied.index.tolist() == ["Regional shares, 2024", "Growth from innovation", "Growth from access",
                                   "Incidence per 1,000 live births"]
