"""Other publishers' estimates against this book, on a small hand-made set of estimates."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.analysis import estimates as cmp
from infantile_spasms_market.analysis.estimates import (
    REPORT_SOURCE_ID,
    against_range,
    extrapolate,
    outliers,
    usable,
)

NAN = np.nan


@pytest.fixture
def estimates() -> pd.DataFrame:
    return pd.DataFrame({
        "publisher": ["Report", "Small", "Large", "Old page"],
        "base_year": [2024, 2023, 2024, 2022],
        "base_value_usd_m": [100.0, 50.0, 300.0, 3000.0],
        "forecast_year": [2030, NAN, NAN, NAN],
        "forecast_value_usd_m": [120.0, NAN, NAN, NAN],
        "cagr_pct": [0.0, 100.0, 10.0, 0.0],
        "cagr_period": ["2025-2030", "2023-2030", "2024-2030", "2022-2027"],
        "status": ["estimate", "estimate", "estimate", "outlier"],
        "note": ["", "", "", "  a units error  "],
        "source_id": [REPORT_SOURCE_ID, "s", "l", "old"],
    })


@pytest.fixture
def good(estimates) -> pd.DataFrame:
    return usable(estimates)


@pytest.fixture
def common(good) -> pd.DataFrame:
    return extrapolate(good, [2024, 2025])  # Small: 100 then 200; Large: 300 then 330


@pytest.fixture
def position(good) -> pd.DataFrame:
    return against_range(good, 2025, 150.0, 250.0)  # Report below, Small within, Large above


def test_comparison_table(good, common, position):
    table = cmp.comparison_table(good, common, position)
    assert list(table.columns) == ["Publisher", "Stated base (USD m)", "Stated forecast (USD m)", "Stated CAGR (%)",
                                   "2024 at its CAGR (USD m)", "2025 at its CAGR (USD m)", "Against this book's P5-P95 in 2025"]
    assert table.iloc[0].tolist() == ["Report", "100.00 (2024)", "120.00 (2030.0)", "0.00 (2025-2030)", "100.00", "100.00", "below"]
    assert table.iloc[1].tolist() == ["Small", "50.00 (2023)", "", "100.00 (2023-2030)", "100.00", "200.00", "within"]


def test_book_values(good):
    book = pd.Series([10.0, 20.0], index=[2024, 2030])
    band = pd.DataFrame({"P5": [9.0, 15.0], "P95": [11.0, 26.0]}, index=[2024, 2030])
    assert cmp.book_values(good, book, band, 2030) == {
        "est-n-estimates": 3, "est-book-2030": 20.0, "est-p5-2030": 15.0, "est-p95-2030": 26.0,
    }


def test_spread_values(good, common, position):
    values = cmp.spread_values(good, common, position)
    assert values.pop("est-outside-sentence").data == "Large lies above it; Report lies below it."
    assert values == {
        "est-n-within": 1, "est-min-2024": 100.0, "est-min-2024-who": "Report", "est-max-2024": 300.0,
        "est-max-2024-who": "Large", "est-ratio-2024": 3.0, "est-cagr-min": 0.0, "est-cagr-max": 100.0,
        "est-cagr-max-who": "Small",
    }


def test_outside_sentence_with_several_or_none_outside():
    position = pd.DataFrame({"position": ["above", "above", "within"]}, index=["A", "B", "C"])
    assert cmp.outside_sentence(position).data == "A and B lie above it."
    assert cmp.outside_sentence(position.assign(position="within")).data == "None lies outside it."


def test_chart_frames(good, common, position):
    assert cmp.chart_years(good, 2024, 2030).tolist() == list(range(2023, 2032))
    assert cmp.chart_years(good.iloc[[0]], 2024, 2030).tolist() == list(range(2024, 2032))
    sizes = cmp.size_and_growth(good, common, 2025)
    assert sizes.index.name == "publisher" and list(sizes.columns) == ["cagr_pct", "size_2025_usd_m"]
    assert sizes.loc["Large"].tolist() == pytest.approx([10.0, 330.0])
    at_end = cmp.values_in(common, position, 2025)
    assert at_end.index.tolist() == ["Report", "Small", "Large"]
    assert at_end["value_2025_usd_m"].tolist() == pytest.approx([100.0, 200.0, 330.0])
    assert at_end["position"].tolist() == ["below", "within", "above"]


def test_lines_with_book_puts_the_book_beside_each_line(good):
    lines = extrapolate(good, [2024, 2025])
    book = pd.Series([100.123456, 110.0], index=[2024, 2025])
    band = pd.DataFrame({"P5": [99.0, 100.0], "P95": [101.0, 120.0]}, index=[2024, 2025])
    data = cmp.lines_with_book(lines, book, band)
    assert data.index.name == "year" and data.index.tolist() == [2024, 2025]
    assert list(data.columns) == ["Report", "Small", "Large", "book_scenario_usd_m", "book_p5_usd_m", "book_p95_usd_m"]
    assert data.loc[2024, "book_scenario_usd_m"] == 100.1235 and data.loc[2025, "Small"] == 200.0


def test_outlier_notes_and_values(estimates, good):
    odd = outliers(estimates)
    assert cmp.outlier_notes(odd) == ["Outlier, not shown: Old page,\nUSD 3,000 million in 2022"]
    values = cmp.outlier_values(good, odd)
    assert values.pop("est-outlier-note").data == "a units error."
    assert values == {"est-outlier-who": "Old page", "est-outlier-value": 3000.0, "est-outlier-year": "2022",
                      "est-outlier-ratio": 30.0}  # the report's 100 at 0 % growth
    assert cmp.outlier_values(good, odd.iloc[:0]) == {}


def test_growth_range_over_the_draws():
    class Result:  # the one method growth_range reads from a MonteCarloResult
        def value_in(self, year):
            return {2025: np.full(21, 100.0), 2027: 100.0 * (1 + np.linspace(0, 0.2, 21)) ** 2}[year]

    low, mid, high = cmp.growth_range(Result(), 2025, 2027)
    assert (low, mid, high) == pytest.approx((1.0, 10.0, 19.0))


# --- what the mutation run found unpinned ----------------------------------------------------------

def test_every_missing_column_is_named_in_one_refusal(estimates):
    with pytest.raises(KeyError, match=r"other estimates lack the column\(s\) cagr_pct, status"):
        extrapolate(estimates.drop(columns=["cagr_pct", "status"]), [2030])


def test_extrapolated_rows_are_indexed_by_publisher(good):
    frame = extrapolate(good, [2024])
    assert frame.index.name == "publisher" and frame.index.tolist() == ["Report", "Small", "Large"]


def test_stated_points_are_each_publishers_base_and_forecast(estimates):
    points = cmp.stated_points(estimates)
    assert list(points.columns) == ["publisher", "year", "value_usd_m", "kind"]
    assert points.values.tolist() == [["Report", 2024, 100.0, "base"], ["Report", 2030, 120.0, "forecast"],
                                      ["Small", 2023, 50.0, "base"], ["Large", 2024, 300.0, "base"],
                                      ["Old page", 2022, 3000.0, "base"]]
    assert list(cmp.stated_points(estimates.iloc[:0]).columns) == ["publisher", "year", "value_usd_m", "kind"]


def test_a_value_on_either_end_of_the_range_is_within_it():
    assert cmp.position(2, 2, 3) == "within" and cmp.position(3, 2, 3) == "within"
    assert cmp.position(5, 5, 5) == "within"  # a range of one value is allowed
    assert cmp.position(4.999, 5, 5) == "below" and cmp.position(5.001, 5, 5) == "above"


def test_against_range_names_its_columns(good):
    frame = against_range(good, 2025, 150.0, 250.0)
    assert list(frame.columns) == ["value_usd_m", "position"]
    assert frame["value_usd_m"].tolist() == pytest.approx([100.0, 200.0, 330.0])


def test_the_comparison_takes_the_first_and_last_of_the_common_years(good):
    common = extrapolate(good, [2024, 2025, 2026])
    table = cmp.comparison_table(good, common, against_range(good, 2026, 150.0, 250.0))
    assert list(table.columns)[4:] == ["2024 at its CAGR (USD m)", "2026 at its CAGR (USD m)", "Against this book's P5-P95 in 2026"]
    assert table.loc[1, "2026 at its CAGR (USD m)"] == "400.00"


def test_no_estimate_within_the_range_counts_zero(good, common):
    outside = against_range(good, 2025, 1000.0, 2000.0)
    assert cmp.spread_values(good, common, outside)["est-n-within"] == 0


def test_the_books_band_is_beside_the_lines_to_four_decimals(good):
    lines = extrapolate(good, [2024]) + 0.000044  # 100.000044 is 100.0 to four decimals, not to five
    book = pd.Series([100.123456], index=[2024])
    band = pd.DataFrame({"P5": [99.123456], "P95": [101.123456]}, index=[2024])
    data = cmp.lines_with_book(lines, book, band)
    assert data.loc[2024].tolist() == [100.0, 100.0, 300.0, 100.1235, 99.1235, 101.1235]


def test_an_outliers_note_ending_in_a_full_stop_keeps_one(estimates, good):
    odd = outliers(estimates.assign(note="a units error."))
    assert cmp.outlier_values(good, odd)["est-outlier-note"].data == "a units error."


def test_as_published_takes_a_stated_value_only_where_both_its_year_and_value_are_given(good):
    # Report states 120 for 2030; Small states no forecast at all; Large states a forecast year but no value
    partial = good.assign(forecast_year=[2030, NAN, 2025])
    values, stated = cmp.as_published(partial, [2024, 2025, 2030])
    assert values.to_dict("index") == {
        "Report": {2024: 100.0, 2025: 100.0, 2030: 120.0},
        "Small": {2024: 100.0, 2025: 200.0, 2030: pytest.approx(50.0 * 2.0**7)},
        "Large": {2024: 300.0, 2025: pytest.approx(330.0), 2030: pytest.approx(300.0 * 1.1**6)},
    }
    assert stated.to_dict("index") == {
        "Report": {2024: True, 2025: False, 2030: True}, "Small": {2024: False, 2025: False, 2030: False},
        "Large": {2024: True, 2025: False, 2030: False},
    }
