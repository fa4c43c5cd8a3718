"""Tests for infantile_spasms_market.analysis.diagnosis_gap: lifting regions to a benchmark's shares."""

from __future__ import annotations

import pytest

from infantile_spasms_market.analysis.diagnosis_gap import (
    benchmark_changes,
    closing_the_gap,
)
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def test_benchmark_changes_lift_and_never_lower(base):
    raised = with_values(base, {"epidemiology.diagnosed_share.europe": 0.99})
    changes = benchmark_changes(raised)
    diagnosed = changes["epidemiology.diagnosed_share"]
    assert diagnosed["middle_east_africa"] == raised.epidemiology.diagnosed_share.north_america
    assert diagnosed["europe"] == 0.99
    assert changes["epidemiology.treated_share"]["asia_pacific"] == raised.epidemiology.treated_share.north_america


def test_benchmark_must_be_a_region(base):
    with pytest.raises(KeyError, match="unknown benchmark region 'usa'"):
        benchmark_changes(base, "usa")


def test_closing_the_gap_adds_patients_outside_the_benchmark(base):
    gap = closing_the_gap(base)
    assert gap.loc["North America", "added_patients"] == pytest.approx(0)
    assert gap.loc["North America", "added_value_usd_m"] == pytest.approx(0)
    others = gap.drop(index=["North America", "Global"])
    assert (others["added_patients"] > 0).all()
    assert gap.loc["Global", "added_value_usd_m"] == pytest.approx(gap.drop(index="Global")["added_value_usd_m"].sum())
    assert (gap["treated_patients_at_benchmark"] <= gap["incident_cases"] + 1e-9).all()


def test_closing_the_gap_matches_setting_shares_by_hand(base):
    na_d, na_t = base.epidemiology.diagnosed_share.north_america, base.epidemiology.treated_share.north_america
    expected_rate = na_d * na_t
    gap = closing_the_gap(base)
    rate = gap["treated_patients_at_benchmark"] / gap["incident_cases"]
    assert rate.drop(index="Global").to_numpy() == pytest.approx(expected_rate)


def test_the_gap_chart_leaves_out_the_world_and_puts_the_first_region_on_top():
    import pandas as pd

    from infantile_spasms_market.analysis.diagnosis_gap import gap_chart_data

    gap = pd.DataFrame({"added_patients": [1.0, 2.0, 3.0], "added_value_usd_m": [0.1, 0.2, 0.3], "other": [0, 0, 0]},
                       index=["North", "South", "Global"])
    assert gap_chart_data(gap).to_dict("index") == {"South": {"added_patients": 2.0, "added_value_usd_m": 0.2},
                                                    "North": {"added_patients": 1.0, "added_value_usd_m": 0.1}}
    assert gap_chart_data(gap).index.tolist() == ["South", "North"]


def test_closing_the_gap_to_another_benchmark_and_the_infants_still_untreated(base):
    gap = closing_the_gap(base, "europe")
    assert gap.loc["Europe", "added_patients"] == pytest.approx(0)
    assert (gap.drop(index=["Europe", "Global"])["added_patients"] >= -1e-9).all()
    assert gap["added_patients"].drop(index="Global").max() > 0
    assert gap["untreated_at_benchmark"].to_numpy() == pytest.approx(
        (gap["incident_cases"] - gap["treated_patients_at_benchmark"]).to_numpy())
    assert (gap["untreated_at_benchmark"] > 0).all()
