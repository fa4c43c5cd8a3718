"""What the triangulation chapter reports from a reconciliation frame, on a small hand-made frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.analysis import triangulation as tri
from infantile_spasms_market.analysis.incidence import IncidenceRange

NAN = np.nan


@pytest.fixture
def frame() -> pd.DataFrame:
    """Two regions and Global: Europe out of reach by diagnosis, North America reachable."""
    return pd.DataFrame(
        {
            "bottom_up_usd_m": [60.0, 20.0, 80.0],
            "top_down_usd_m": [50.0, 50.0, 100.0],
            "ratio": [1.2, 0.4, 0.8],
            "bottom_up_share_pct": [75.0, 25.0, 100.0],
            "top_down_share_pct": [50.0, 50.0, 100.0],
            "diagnosed_share": [0.9, 0.5, NAN],
            "diagnosed_share_needed": [0.75, NAN, NAN],
            "price_level_needed": [0.8333, 2.5, NAN],
            "incidence_needed": [NAN, NAN, 0.5],
        },
        index=pd.Index(["North America", "Europe", "Global"], name="region"),
    )


def test_headline_values_name_the_closest_and_furthest_region(frame):
    values = tri.headline_values(frame, 2024)
    assert values == {
        "tri-year": "2024", "tri-bottom-up-global": 80.0, "tri-top-down-global": 100.0, "tri-ratio-global-pct": 80.0,
        "tri-closest": "North America", "tri-closest-ratio-pct": pytest.approx(120.0),
        "tri-lowest": "Europe", "tri-lowest-ratio-pct": pytest.approx(40.0),
    }
    assert tri.regions(frame) == ["North America", "Europe"]


def test_levers_table_formats_values_and_marks_levers_out_of_reach(frame):
    table = tri.levers_table(frame)
    assert table.index.name == "Region"
    assert table.loc["North America"].tolist() == ["50.00", "60.00", "120", "90", "75", "0.83", ""]
    assert table.loc["Europe"].tolist() == ["50.00", "20.00", "40", "50", "out of reach", "2.50", ""]
    assert table.loc["Global"].tolist() == ["100.00", "80.00", "80", "", "", "", "0.500"]


def test_lever_sentences(frame):
    values = tri.lever_sentences(frame)
    assert values["tri-diagnosis-sentence"].data.startswith("In Europe even diagnosing every case would not close the gap")
    assert values["tri-diagnosis-reachable"].data == "Where it can, the diagnosed share would have to change by -15 points in North America."
    assert values["tri-price-range"] == "0.83 to 2.50"
    reachable = frame.assign(diagnosed_share_needed=[0.75, 0.6, NAN], price_level_needed=NAN)
    values = tri.lever_sentences(reachable)
    assert values["tri-diagnosis-sentence"].data == "In every region a diagnosed share within the possible range would close the gap."
    assert values["tri-diagnosis-reachable"].data.endswith("-15 points in North America and +10 points in Europe.")
    assert values["tri-price-range"] == "out of reach"


def test_the_price_sentence_is_grammatical_when_a_region_already_above_cannot_be_brought_down(frame):
    # a reader found "closes each gap with a factor of out of reach", and North America "out of reach" at 103 %
    above = frame.assign(bottom_up_usd_m=[51.5, 20.0, 71.5], ratio=[1.03, 0.4, 0.715], price_level_needed=[NAN, 2.5, NAN])
    sentence = tri.lever_sentences(above)["tri-price-sentence"].data
    assert sentence == ("closes the gap in Europe with a factor of 2.50; it cannot close it where the bottom-up is already "
                        "above the top-down (103 % in North America): even a factor of zero leaves it above, because the "
                        "factor moves only the price levels, not the course costs taken from published prices.")
    assert "of out of reach" not in sentence
    assert tri.levers_table(above).loc["North America", "Price factor needed"] == "out of reach (above even at 0)"
    assert tri.levers_table(above).loc["Europe", "Diagnosed needed (%)"] == "out of reach"  # short, not above


@pytest.mark.parametrize(("factors", "ratios", "says"), [
    ([0.8333, 2.5], [1.2, 0.4], "closes the gap in every region with factors from 0.83 to 2.50."),
    ([NAN, NAN], [0.9, 0.4], "cannot close the gap in North America and Europe, where even the highest allowed factor "
                             "leaves the bottom-up short."),
    ([NAN, NAN], [1.2, 0.4], "cannot close the gap where the bottom-up is already above the top-down (120 % in North "
                             "America): even a factor of zero leaves it above, because the factor moves only the price "
                             "levels, not the course costs taken from published prices; it cannot close it in Europe, "
                             "where even the highest allowed factor leaves the bottom-up short."),
])
def test_the_price_sentence_reads_for_every_mix_of_regions(frame, factors, ratios, says):
    changed = frame.assign(price_level_needed=[*factors, NAN], ratio=[*ratios, 0.8])
    sentence = tri.lever_sentences(changed)["tri-price-sentence"].data
    assert sentence == says and "out of reach" not in sentence


@pytest.mark.parametrize(("high", "word"), [(0.6, "inside"), (0.45, "outside")])
def test_incidence_values_judge_the_needed_incidence_against_the_published_range(frame, high, word):
    values = tri.incidence_values(frame, 0.4, IncidenceRange(0.2, 0.3, high))
    assert {k: v for k, v in values.items() if k != "tri-incidence-verdict"} == {
        "tri-incidence-now": 0.4, "tri-incidence-needed": 0.5, "tri-incidence-low": 0.2, "tri-incidence-high": high,
    }
    assert values["tri-incidence-verdict"].data.startswith(f"{word} the range of published estimates")


@pytest.mark.parametrize(("drawn", "says"), [((0.24, 0.42), "but above every incidence the book's own estimate draws (0.240 to 0.420)"),
                                             ((0.55, 0.7), "but below every incidence"),
                                             ((0.3, 0.55), "so the two global totals agree within")])
def test_a_needed_incidence_the_own_estimate_never_draws_is_named_so(frame, drawn, says):
    # a reader found "the totals agree within what epidemiology can tell apart" here against the front page's
    # "the report lies above the own estimate's range": both hold only once the drawn range is said
    verdict = tri.incidence_values(frame, 0.4, IncidenceRange(0.2, 0.3, 0.6), drawn)["tri-incidence-verdict"].data
    assert verdict.startswith("inside the range of published estimates") and says in verdict


def test_others_verdict_leaves_out_the_report_and_outliers():
    estimates = pd.DataFrame({
        "publisher": ["Report", "A", "B", "Old"], "base_year": [2024, 2024, 2023, 2022],
        "base_value_usd_m": [500.0, 90.0, 100.0, 3000.0], "forecast_year": [NAN] * 4, "forecast_value_usd_m": [NAN] * 4,
        "cagr_pct": [0.0, 0.0, 50.0, 0.0], "status": ["estimate", "estimate", "estimate", "outlier"],
        "source_id": [tri.REPORT_SOURCE_ID, "a", "b", "old"],
    })
    assert tri.others_verdict(estimates, 120.0, 2024).data.endswith("sit on both sides of it")  # 90 and 150
    assert tri.others_verdict(estimates, 80.0, 2024).data.endswith("all sit above it")
    assert tri.others_verdict(estimates, 200.0, 2024).data.endswith("all sit below it")


def test_north_america_values(frame):
    values = tri.north_america_values(frame)
    assert values["tri-na-direction"].data == "more North American value, and less elsewhere,"
    assert values["tri-na-condition"].data == "as much as"
    assert (values["tri-na-ratio-pct"], values["tri-na-share-bottom-up"], values["tri-na-share-top-down"]) == (
        pytest.approx(120.0), 75.0, 50.0)
    values = tri.north_america_values(frame.assign(bottom_up_share_pct=[40.0, 60.0, 100.0]))
    assert values["tri-na-condition"].data == "less than"


def test_incidence_sweep_runs_the_model_over_the_grid():
    from infantile_spasms_market.model.bottomup import bottom_up_by_region
    from infantile_spasms_market.scenario.loading import load_parameters

    params = load_parameters()
    frame = pd.DataFrame({"top_down_usd_m": [100.0], "incidence_needed": [0.5]}, index=["Global"])
    curve = tri.incidence_sweep(params, frame, IncidenceRange(0.25, 0.4, 0.6), points=3)
    assert curve["incidence_per_1000"].tolist() == pytest.approx([0.2, 0.415, 0.63])  # 0.8 x 0.25 to 1.05 x 0.6
    assert curve["top_down_usd_m"].tolist() == [100.0] * 3
    at_base = bottom_up_by_region(params)["value_usd_m"].sum()
    scale = curve["incidence_per_1000"] / params.epidemiology.incidence_per_1000
    assert curve["bottom_up_usd_m"].tolist() == pytest.approx((at_base * scale).tolist())  # linear in the incidence


# --- what the mutation run found unpinned ----------------------------------------------------------

def test_the_closest_region_is_the_one_nearest_parity(frame):
    near = frame.assign(ratio=[1.8, 0.9, 0.8])  # 0.9 is nearer 1 than 1.8 is (1.8 would be nearer 2)
    assert tri.headline_values(near, 2024)["tri-closest"] == "Europe"


def test_levers_table_names_its_columns(frame):
    assert list(tri.levers_table(frame).columns) == [
        "Top-down (USD m)", "Bottom-up (USD m)", "Ratio (%)", "Diagnosed now (%)", "Diagnosed needed (%)",
        "Price factor needed", "Incidence needed (per 1,000 births)"]


def test_lever_sentences_with_no_region_reachable_by_diagnosis_and_a_large_change(frame):
    values = tri.lever_sentences(frame.assign(diagnosed_share_needed=NAN))
    assert values["tri-diagnosis-reachable"].data == ""
    moved = tri.lever_sentences(frame.assign(diagnosed_share=[0.3, 0.5, NAN], diagnosed_share_needed=[0.9, NAN, NAN]))
    assert moved["tri-diagnosis-reachable"].data == "Where it can, the diagnosed share would have to change by +60 points in North America."


@pytest.mark.parametrize("needed", [0.2, 0.6])
def test_a_needed_incidence_on_either_end_of_the_published_range_is_inside_it(frame, needed):
    values = tri.incidence_values(frame.assign(incidence_needed=[NAN, NAN, needed]), 0.4, IncidenceRange(0.2, 0.3, 0.6))
    assert values["tri-incidence-verdict"].data.startswith("inside the range of published estimates")


def test_an_estimate_equal_to_the_top_down_value_sits_on_neither_side():
    estimates = pd.DataFrame({
        "publisher": ["A", "B"], "base_year": [2024, 2024], "base_value_usd_m": [100.0, 150.0],
        "forecast_year": [NAN] * 2, "forecast_value_usd_m": [NAN] * 2, "cagr_pct": [0.0, 0.0],
        "status": ["estimate", "estimate"], "source_id": ["a", "b"],
    })
    assert tri.others_verdict(estimates, 100.0, 2024).data.endswith("all sit above it")  # A equals it
    assert tri.others_verdict(estimates, 150.0, 2024).data.endswith("all sit below it")  # B equals it


def test_north_america_with_a_smaller_or_equal_bottom_up_share_would_lose_value(frame):
    for share in (40.0, 50.0):  # below, then equal to, its top-down share of 50 %
        values = tri.north_america_values(frame.assign(bottom_up_share_pct=[share, 100 - share, 100.0]))
        assert values["tri-na-direction"].data == "less North American value, and more elsewhere,"


def test_the_incidence_sweep_has_25_points_unless_told():
    from infantile_spasms_market.scenario.loading import load_parameters

    frame = pd.DataFrame({"top_down_usd_m": [100.0], "incidence_needed": [0.5]}, index=["Global"])
    assert len(tri.incidence_sweep(load_parameters(), frame, IncidenceRange(0.25, 0.4, 0.6))) == 25
