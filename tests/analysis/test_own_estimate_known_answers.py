"""The own estimate's numbers, chart data and driver tables on hand-made inputs with known answers (no Monte Carlo run).

The front page, the deck and the data pack print these numbers: each key, each percentile and each column is checked
against a value worked out by hand, so a wrong percentile, growth formula or column name cannot pass.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market import labels
from infantile_spasms_market.analysis import own_estimate
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model.montecarlo import MonteCarloResult

YEARS = np.array([2024, 2025, 2030])
# five draws of the global total (rows) in 2024, 2025 and 2030
TOTALS = np.array([
    [80.0, 84.0, 110.0],
    [90.0, 95.0, 120.0],
    [100.0, 104.0, 125.0],
    [110.0, 115.0, 135.0],
    [140.0, 140.0, 150.0],
])
# the report: 80 in 2024 and 120 in 2030, growing from 2025
HEADLINE = Headline(2024, 2030, (2025, 2030), 80.0, 120.0, 0.03)
# two usable estimates (one brought from 2023 at 10 % a year) and an outlier, which is never data
ESTIMATES = pd.DataFrame({
    "publisher": ["Flat Ltd", "Older Inc", "Outlier plc"], "base_year": [2024, 2023, 2024],
    "base_value_usd_m": [50.0, 100.0, 5000.0], "forecast_year": [2030, 2030, 2030],
    "forecast_value_usd_m": [50.0, 194.87, 6000.0], "cagr_pct": [0.0, 10.0, 3.0],
    "cagr_period": ["2024-2030", "2023-2030", "2024-2030"], "status": ["estimate", "estimate", "outlier"],
})


def hand_made_run() -> MonteCarloResult:
    """Five draws: the totals above, held in one region and segment; the scenario's own path is 100, 104, 130."""
    return MonteCarloResult(
        scenario="hand-made", seed=0, years=YEARS, values=TOTALS[:, :, None, None], liquid_share=np.zeros((5, 1)),
        bottom_up_by_region=np.zeros((5, 1)), draws={}, claims=pd.DataFrame(), end_year=2030,
        scenario_total=pd.Series([100.0, 104.0, 130.0], index=pd.Index(YEARS, name="year")),
    )


def test_the_own_estimates_numbers_are_the_runs_path_percentiles_and_growth():
    values = own_estimate.estimate_values(hand_made_run(), HEADLINE, ESTIMATES)
    growth = [100 * ((end / first) ** (1 / 5) - 1) for first, end in zip(TOTALS[:, 1], TOTALS[:, 2])]  # by draw, 2025-2030
    assert values == pytest.approx({
        "central-2024": 100.0, "bu-pct": 125.0,  # 100 of the report's 80
        "cagr": 100 * ((130 / 104) ** (1 / 5) - 1), "draws": 5,
        "value-2024": 100.0, "p5-2024": 82.0, "p95-2024": 134.0,  # P5 = 80 + 0.2 x 10, P95 = 110 + 0.8 x 30
        "report-pctile-2024": 10.0,  # 80 ties the lowest draw: half of one draw in five
        "value-2030": 130.0, "p5-2030": 112.0, "p95-2030": 147.0,
        "report-pctile-2030": 30.0,  # 120: one draw below, one tied
        "cagr-p5": float(np.percentile(growth, 5)), "cagr-p95": float(np.percentile(growth, 95)),
        "published-low": 50.0, "published-high": 110.0, "published-n": 2,  # the outlier is no estimate
    })
    assert sorted(growth)[0] < values["cagr-p5"] < sorted(growth)[1] and sorted(growth)[-2] < values["cagr-p95"] < sorted(growth)[-1]


def test_the_own_estimates_numbers_read_the_estimates_file_when_given_none():
    values = own_estimate.estimate_values(hand_made_run(), HEADLINE, prefix="x-")
    assert (values["x-published-low"], values["x-published-high"]) == (pytest.approx(135.0), pytest.approx(257.5))
    assert all(key.startswith("x-") for key in values)


def test_the_chart_shows_the_own_estimate_with_its_range_then_the_estimates_smallest_first():
    shown = own_estimate.chart_data(hand_made_run(), HEADLINE, ESTIMATES)
    expected = pd.DataFrame(
        {"low": [82.0, np.nan, np.nan], "point": [100.0, 50.0, 110.0], "high": [134.0, np.nan, np.nan]},
        index=pd.Index(["This book's own estimate, 2024 (P5 to P95)", "Flat Ltd", "Older Inc"], name="estimate"),
    )
    pd.testing.assert_frame_equal(shown, expected, check_exact=False, rtol=1e-12)


def test_the_own_estimates_path_is_the_scenario_between_p5_and_p95_of_the_draws():
    path = own_estimate.path(hand_made_run())
    expected = pd.DataFrame({"central": [100.0, 104.0, 130.0], "low": [82.0, 86.2, 112.0], "high": [134.0, 135.0, 147.0]},
                            index=pd.Index(YEARS, name="year"))
    pd.testing.assert_frame_equal(path, expected, check_exact=False, rtol=1e-12)


# --------------------------------------------------------------------------- the level's drivers
GROUPS = ["epidemiology.incidence_per_1000", "epidemiology.treated_share", "pricing.outside_us_log_ratio"]


def drivers(n: int = 3) -> pd.DataFrame:
    """The first ``n`` of three groups as :func:`..model.level.level_drivers` gives them, the largest share first."""
    return pd.DataFrame({
        "distributions": [1, 5, 3], "p5_usd_m": [81.23456, 90.5, 99.0], "p95_usd_m": [150.98765, 120.25, 101.0],
        "width_usd_m": [69.75309, 29.75, 2.0], "variance_share_pct": [61.26, 30.5, 2.04],
    }, index=pd.Index(GROUPS, name="group")).iloc[:n]


def test_the_drivers_table_shows_display_names_whole_counts_and_rounded_values():
    table = own_estimate.drivers_table(drivers())
    expected = pd.DataFrame({
        "Input (drawn alone)": [labels.name(g) for g in GROUPS], "Distributions": [1, 5, 3],
        "P5 (USD m)": [81.23, 90.5, 99.0], "P95 (USD m)": [150.99, 120.25, 101.0], "Share of the variance (%)": [61.3, 30.5, 2.0],
    })
    pd.testing.assert_frame_equal(table, expected)
    assert table["Distributions"].dtype.kind == "i", "a count of distributions reads 5, not 5.0"


def test_the_driver_chart_has_the_largest_share_last_by_display_name():
    chart = own_estimate.driver_chart_data(drivers())
    expected = pd.Series([2.04, 30.5, 61.26], index=pd.Index([labels.name(g) for g in reversed(GROUPS)], name="input"),
                         name="variance_share_pct")
    pd.testing.assert_series_equal(chart, expected)


def test_the_two_largest_drivers_and_the_sum_of_the_shares():
    assert own_estimate.driver_values(drivers()) == {
        "driver-1": labels.name(GROUPS[0]), "driver-1-pct": 61.26, "driver-2": labels.name(GROUPS[1]), "driver-2-pct": 30.5,
        "drivers-n": 3, "drivers-sum-pct": pytest.approx(93.8),
    }
    assert own_estimate.driver_values(drivers(2), prefix="p-")["p-drivers-n"] == 2  # two groups are enough to rank
    with pytest.raises(ValueError, match="^at least two groups of inputs must be drawn to rank them$"):
        own_estimate.driver_values(drivers(1))
