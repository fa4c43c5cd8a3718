"""Counts, gaps and ranges the chapters quote instead of typing them."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.analysis import evidence
from infantile_spasms_market.inputs.headline import Headline

HEADLINE = Headline(base_year=2010, end_year=2013, cagr_period=(2011, 2013), base_value_usd_m=100.0,
                    end_value_usd_m=140.0, cagr=0.10)


def test_compounding_gap_is_published_end_minus_the_base_grown_at_the_rate():
    gap = evidence.compounding_gap(HEADLINE, prefix="g-")
    assert gap["g-at-rate-2013"] == pytest.approx(133.1)
    assert gap["g-gap-2013"] == pytest.approx(6.9)
    assert gap["g-gap-2013-pct"] == pytest.approx(100 * 6.9 / 140)
    assert gap["g-n-reconciliations"] == 3


def test_us_incidence_counts_ranges_by_their_midpoint():
    estimates = pd.DataFrame({
        "setting": ["Atlanta, USA", "United States", "Finland", "New York, USA"],
        "incidence_per_1000_low": [None, 0.2, 0.38, None],
        "incidence_per_1000_central": [0.29, None, None, 0.34],
        "incidence_per_1000_high": [None, 0.4, 0.42, None],
    })
    assert evidence.us_incidence(estimates) == pytest.approx({"us-n": 3, "us-low": 0.29, "us-high": 0.34, "us-mean": 0.31})
    with pytest.raises(ValueError, match="no estimate set in the United States"):
        evidence.us_incidence(estimates.iloc[2:3])


def test_north_america_ratio_scales_with_incidence():
    assert evidence.north_america_at_incidence(0.8, 0.25, 0.3) == {"na-ratio-at-us-pct": pytest.approx(96.0)}


def test_pipeline_counts_trials_and_candidates():
    pipeline = pd.DataFrame({"candidate": ["cannabidiol (Epidiolex)", "cannabidiol oral solution", "ganaxolone"]})
    assert evidence.pipeline_counts(pipeline, prefix="p-") == {"p-pipeline-trials": 3, "p-pipeline-candidates": 2}


def test_years_between_approvals_for_infantile_spasms_only():
    approved = pd.DataFrame({"date": pd.to_datetime(["2009-08-21", "2010-10-15", "2021-10-29", "2024-06-17"]),
                             "for_infantile_spasms": [True, True, False, True]})
    assert evidence.years_between_approvals(approved) == {"years-between-is-approvals": 15}


def test_report_position_sets_the_report_apart():
    position = pd.DataFrame({"position": ["within", "within", "above", "below"]}, index=["Report", "A", "B", "C"])
    assert evidence.report_position(position, "Report") == {"n-others": 3, "n-others-within": 1, "report-position": "within"}


def test_report_publisher_is_the_row_stating_the_headline_value():
    estimates = pd.DataFrame({"publisher": ["Report", "Other"], "base_year": [2010, 2010], "base_value_usd_m": [100.0, 90.0]})
    assert evidence.report_publisher(estimates, HEADLINE) == "Report"
    with pytest.raises(ValueError, match="0 rows"):
        evidence.report_publisher(estimates.iloc[1:], HEADLINE)


def test_glue_keys_have_no_prefix_unless_one_is_given():
    assert set(evidence.compounding_gap(HEADLINE)) == {"at-rate-2013", "gap-2013", "gap-2013-pct", "n-reconciliations"}
    pipeline = pd.DataFrame({"candidate": ["ganaxolone"]})
    assert evidence.pipeline_counts(pipeline) == {"pipeline-trials": 1, "pipeline-candidates": 1}


def test_a_candidate_is_the_first_word_of_its_name():
    pipeline = pd.DataFrame({"candidate": ["vigabatrin tablets", "vigabatrin powder", "ganaxolone oral"]})
    assert evidence.pipeline_counts(pipeline)["pipeline-candidates"] == 2


def test_no_estimate_in_the_united_states_is_refused_naming_the_file():
    finland = pd.DataFrame({"setting": ["Finland"], "incidence_per_1000_low": [0.38],
                            "incidence_per_1000_central": [None], "incidence_per_1000_high": [0.42]})
    with pytest.raises(ValueError, match=r"^incidence_estimates\.csv has no estimate set in the United States$"):
        evidence.us_incidence(finland)


def test_only_a_row_stating_the_headline_value_to_the_cent_is_the_reports():
    estimates = pd.DataFrame({"publisher": ["Report", "Close"], "base_year": [2010, 2010], "base_value_usd_m": [100.0, 100.5]})
    assert evidence.report_publisher(estimates, HEADLINE) == "Report"
