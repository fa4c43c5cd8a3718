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
