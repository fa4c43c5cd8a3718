"""Views keep only the segments a table has, in the order they appear; tables and draws follow the headline, the count and the seed given."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model import arrays, montecarlo
from infantile_spasms_market.model.calibration import headline_totals
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.model.views import cagr, totals, view
from infantile_spasms_market.scenario.loading import load_parameters

HEADLINE = Headline.from_data()
COLUMNS = ["year", "region", "country", "drug", "drug_type", "therapeutic_class", "dosage", "value_usd_m"]


def test_a_view_shows_the_segments_present_in_the_order_they_come():
    regions = pd.Categorical(["Europe", "Asia-Pacific", "Europe"], categories=["Asia-Pacific", "Europe", "North America"])
    table = pd.DataFrame({"year": [2024, 2024, 2025], "region": regions, "value_usd_m": [1.0, 2.0, 3.0]})
    frame = view(table, "region")
    assert list(frame.columns) == ["Europe", "Asia-Pacific"], "an unused category became a column, or the order changed"
    assert list(frame.index) == [2024, 2025]
    assert frame.loc[2025, "Europe"] == 3.0 and np.isnan(frame.loc[2025, "Asia-Pacific"])


def test_views_totals_and_growth_of_a_small_table_have_known_answers():
    table = pd.DataFrame({
        "year": [2024, 2024, 2024, 2026, 2026],
        "region": ["Europe", "Europe", "Asia-Pacific", "Europe", "Asia-Pacific"],
        "value_usd_m": [60.0, 30.0, 10.0, 110.0, 11.0],
    })
    frame = view(table, "region")
    assert frame.loc[2024, "Europe"] == 90.0 and frame.loc[2026, "Asia-Pacific"] == 11.0, "rows of one year and region add up"
    assert frame.index.name == "year"
    series = totals(table)
    assert series.to_dict() == {2024: 100.0, 2026: 121.0} and series.name == "value_usd_m"
    assert cagr(series, 2024, 2026) == pytest.approx(0.1, rel=1e-12) and isinstance(cagr(series, 2024, 2026), float)
    assert cagr(pd.Series({2024: 121.0, 2025: 110.0, 2026: 100.0}), 2024, 2026) == pytest.approx(-1 / 11, rel=1e-12)


def test_drawn_inputs_follow_the_count_and_the_seed():
    params = load_parameters()
    inputs = arrays.draw_inputs(params, n=7, seed=3)
    assert inputs.cagr.shape == (7,) and inputs.region_share_2024.shape == (7, 5)
    np.testing.assert_array_equal(inputs.cagr, arrays.draw(params, 7, 3).inputs.cagr)
    assert not np.array_equal(inputs.cagr, arrays.draw_inputs(params, n=7, seed=4).cagr)
    np.testing.assert_array_equal(arrays.draw_inputs(params, n=7).cagr, arrays.draw_inputs(params, n=7, seed=params.uncertainty.seed).cagr)


def test_a_monte_carlo_run_uses_the_headline_it_is_given():
    """A headline whose base year is 2023 makes every draw start in 2023, at its base value."""
    headline = replace(HEADLINE, base_year=2023, base_value_usd_m=140.0)
    result = montecarlo.run(load_parameters(None, ["market.reconciliation=cagr_from_2024"]), n=5, seed=1, headline=headline)
    assert result.values.shape[:2] == (5, 2030 - 2023 + 1)
    assert list(result.years[:2]) == [2023, 2024]
    np.testing.assert_allclose(result.value_in(2023), 140.0, rtol=1e-12)
    assert result.scenario_total.loc[2023] == 140.0


def test_the_table_follows_the_headlines_years():
    """A headline whose base year is 2023: the table starts in 2023, at its base value, with the long table's columns."""
    headline = replace(HEADLINE, base_year=2023, base_value_usd_m=140.0)
    table = market_table(load_parameters(None, ["market.reconciliation=cagr_from_2024"]), headline)
    assert list(table.columns) == COLUMNS
    assert sorted(table["year"].unique()) == list(range(2023, 2031))
    assert table.loc[table["year"] == 2023, "value_usd_m"].sum() == pytest.approx(140.0, abs=1e-9)
    numbers = headline_totals(table, replace(HEADLINE, cagr_period=(2026, 2030)))
    assert set(numbers) == {"value_2024_usd_m", "value_2026_usd_m", "value_2030_usd_m", "cagr_2026_2030"}
