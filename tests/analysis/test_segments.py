"""Segment views: summaries, leaders, pace and shares, and how the shares shift."""

import pandas as pd
import pytest

from infantile_spasms_market.analysis import segments
from infantile_spasms_market.model.views import view

YEARS = (2010, 2011, 2013)
ACTH = "ACTH"


def table() -> pd.DataFrame:
    """ACTH flat at 30 (corticosteroid, liquid), vigabatrin 10 growing 10 % a year (anticonvulsant, solid)."""
    rows = []
    for year in range(2010, 2014):
        rows.append((year, ACTH, "Corticosteroids", "Liquid", "North America", 30.0))
        rows.append((year, "Vigabatrin", "Anticonvulsants", "Solid", "Europe", 10.0 * 1.1 ** (year - 2010)))
    return pd.DataFrame(rows, columns=["year", "drug_type", "therapeutic_class", "dosage", "region", "value_usd_m"])


def test_ordered_view_keeps_the_reports_order_and_only_segments_present():
    assert list(segments.ordered_view(table(), "drug_type").columns) == ["Vigabatrin", ACTH]
    assert list(segments.ordered_view(table(), "dosage").columns) == ["Liquid", "Solid"]


def test_leader_and_its_share():
    assert segments.leader(table(), "drug_type", 2010) == (ACTH, pytest.approx(75.0))


def test_segment_summary_values_growth_and_shares_largest_first():
    summary = segments.segment_summary(view(table(), "drug_type"), YEARS)
    assert summary.index.name == "Drug type"
    assert list(summary.index) == [ACTH, "Vigabatrin"]
    assert list(summary.columns) == ["2010 (USD m)", "2011 (USD m)", "2013 (USD m)", "CAGR 2011-2013 (%)",
                                     "Share 2010 (%)", "Share 2013 (%)"]
    assert summary.loc["Vigabatrin", "CAGR 2011-2013 (%)"] == pytest.approx(10.0)
    assert summary.loc[ACTH, "CAGR 2011-2013 (%)"] == pytest.approx(0.0)
    assert summary.loc[ACTH, "Share 2010 (%)"] == pytest.approx(75.0)
    assert summary.loc[ACTH, "Share 2013 (%)"] == pytest.approx(100 * 30 / (30 + 13.31))


def test_highlights_name_the_leader_and_the_fastest():
    summary = segments.segment_summary(view(table(), "drug_type"), YEARS)
    assert segments.highlights(summary, YEARS) == {
        "leader": ACTH,
        "leader-share": pytest.approx(75.0),
        "leader-share-2013": pytest.approx(100 * 30 / 43.31),
        "fastest": "Vigabatrin",
        "fastest-cagr": pytest.approx(10.0),
    }
    assert set(segments.highlights(summary, YEARS, leader="largest")) == {
        "largest", "largest-share", "largest-share-2013", "fastest", "fastest-cagr"}


def test_segment_shares_and_pace():
    summary = segments.segment_summary(view(table(), "drug_type"), YEARS)
    assert segments.segment_shares(summary, ACTH, YEARS) == {
        "share": pytest.approx(75.0), "share-2013": pytest.approx(100 * 30 / 43.31)}
    assert segments.segment_pace(summary, ACTH, 3.0, YEARS) == {"cagr": pytest.approx(0.0), "vs-market": "slower than"}
    assert segments.segment_pace(summary, "Vigabatrin", 3.0, YEARS)["vs-market"] == "faster than"


def test_values_by_segment_two_years_smallest_end_value_first():
    values = segments.values_by_segment(table(), ["drug_type", "region"], 2010, 2013)
    assert list(values.columns) == ["segmentation", "segment", "value_2010_usd_m", "value_2013_usd_m"]
    assert list(values["segment"]) == ["Vigabatrin", ACTH, "Europe", "North America"]
    assert values["value_2013_usd_m"].tolist() == pytest.approx([13.31, 30.0, 13.31, 30.0])


def test_share_shift_in_the_reports_order_reversed_shares_add_to_100():
    shifts = segments.share_shift(table(), 2010, 2013)
    assert list(shifts.columns) == ["segmentation", "segment", "share_2010_pct", "share_2013_pct"]
    assert list(shifts["segmentation"].unique()) == ["therapeutic_class", "drug_type", "dosage"]
    assert list(shifts.loc[shifts["segmentation"] == "drug_type", "segment"]) == [ACTH, "Vigabatrin"]
    sums = shifts.groupby("segmentation")[["share_2010_pct", "share_2013_pct"]].sum()
    assert sums.to_numpy() == pytest.approx(100.0)
    assert segments.losing_share(shifts) == ["Corticosteroids", ACTH, "Liquid"]


def test_shift_story_when_the_leader_loses_most():
    story = segments.shift_story(table(), 2010, 2013)
    assert story["shift-loser"] == ACTH
    # the shares as the chart writes them (75.0 -> 69.3), and their difference: what a reader subtracting the labels gets
    assert (story["shift-loser-from"], story["shift-loser-to"]) == (75.0, round(100 * 30 / 43.31, 1)) == (75.0, 69.3)
    assert story["shift-loser-points"] == 5.7
    assert story["shift-meaning"].startswith("The drug type that dominates in 2010 is the one losing ground: "
                                             "the growth is in Vigabatrin.")


def test_shift_story_when_the_leader_does_not_lose_most():
    growing = table().assign(value_usd_m=lambda t: t["value_usd_m"].where(t["drug_type"] == "Vigabatrin",
                                                                          30.0 * 1.2 ** (t["year"] - 2010)))
    story = segments.shift_story(growing, 2010, 2013)
    assert story["shift-loser"] == "Vigabatrin"
    assert story["shift-meaning"] == ("The drug type that dominates in 2010, ACTH, is not the one "
                                      "losing most; the gains go to ACTH.")



def test_the_segment_parameters_rationales_are_the_parameter_models_in_markdown():
    from infantile_spasms_market.analysis.wording import MarkdownText
    from infantile_spasms_market.scenario.fields import field_rationale
    from infantile_spasms_market.scenario.sections import Segments

    texts = segments.rationales()
    assert set(texts) == set(segments.RATIONALES) and all(isinstance(t, MarkdownText) for t in texts.values())
    assert texts["liquid"] == field_rationale(Segments, "liquid_share")
