"""The report-consistency table with readable columns, and the values the methodology chapter cites from it."""

from __future__ import annotations

import pytest

from infantile_spasms_market.analysis import claims
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model.calibration import consistency_check


@pytest.fixture
def headline() -> Headline:
    return Headline(base_year=2020, end_year=2023, cagr_period=(2021, 2023), base_value_usd_m=100.0,
                    end_value_usd_m=121.0, cagr=0.05)


def test_table_names_its_columns_by_the_headline_years(headline):
    table = claims.consistency_table(consistency_check(headline), headline)
    assert table.index.name == "Reconciliation"
    assert list(table.columns) == ["2020 (USD m)", "2021 (USD m)", "2023 (USD m)", "Growth 2021 (%)",
                                   "CAGR 2021-2023 (%)", "CAGR 2020-2023 (%)"]
    assert table.loc["Stated rate from 2024", "2023 (USD m)"] == pytest.approx(100 * 1.05**3)
    assert not any("_" in name for name in table.index)  # readers see the reconciliations' labels, not their code names


def test_values_cite_the_report_the_naive_path_and_the_bridge(headline):
    values = claims.consistency_values(consistency_check(headline), headline)
    bridge_first = 121.0 / 1.05**2  # the end value brought back at the stated rate
    assert values == pytest.approx({
        "met-rep-2024": 100.0, "met-rep-2030": 121.0, "met-rep-cagr": 5.0,
        "met-naive-2030": 100 * 1.05**3, "met-bridge-2025": bridge_first, "met-bridge-growth": bridge_first - 100.0,
    })
