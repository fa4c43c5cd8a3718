"""analysis.regions: top-down against bottom-up by region."""

import pytest

from infantile_spasms_market.analysis import regions
from infantile_spasms_market.inputs.taxonomy import REGIONS
from infantile_spasms_market.model.bottomup import (
    bottom_up_by_region,
    compare_with_top_down,
)
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.model.views import view
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def params():
    return load_parameters()


@pytest.fixture(scope="module")
def table(params):
    return market_table(params)


def test_comparison_ratios_patients_and_a_world_row(params, table):
    compare = regions.comparison(params, table, 2024)
    bottom = bottom_up_by_region(params)
    top_down = view(table, "region").loc[2024]
    assert list(compare.index) == [*REGIONS.values(), "World"]
    assert compare.index.name == "Region"
    assert list(compare.columns) == ["Top-down 2024 (USD m)", "Bottom-up (USD m)", "Bottom-up (% of top-down)",
                                     "Treated patients (bottom-up)", "Top-down USD per treated patient",
                                     "Bottom-up USD per treated patient"]
    europe = compare.loc["Europe"]
    assert europe["Top-down 2024 (USD m)"] == pytest.approx(top_down["Europe"])
    assert europe["Bottom-up (% of top-down)"] == pytest.approx(100 * bottom.loc["Europe", "value_usd_m"] / top_down["Europe"])
    assert europe["Top-down USD per treated patient"] == pytest.approx(1e6 * top_down["Europe"] / bottom.loc["Europe", "treated_patients"])
    world = compare.loc["World"]
    assert world["Top-down 2024 (USD m)"] == pytest.approx(146.34)
    assert world["Bottom-up (USD m)"] == pytest.approx(bottom["value_usd_m"].sum())
    # the world's count rounds the world's total, as every other chapter does (not the sum of rounded regions)
    assert world["Treated patients (bottom-up)"] == round(bottom["treated_patients"].sum())


def test_the_percentage_is_the_model_comparison_times_100(params, table):
    compare = regions.comparison(params, table, 2024)
    model = compare_with_top_down(params, table, 2024)
    names = list(REGIONS.values())
    assert (compare.loc[names, "Bottom-up (% of top-down)"] / model.loc[names, "ratio"]).to_numpy() == pytest.approx(100.0)


def test_chart_data_and_ratio_highlights(params, table):
    compare = regions.comparison(params, table, 2024)
    chart = regions.chart_data(compare, 2024)
    assert list(chart.columns) == ["top_down_2024_usd_m", "bottom_up_usd_m", "bottom_up_pct_of_top_down"]
    assert list(chart.index) == list(REGIONS.values())
    ratios = chart["bottom_up_pct_of_top_down"]
    highlights = regions.ratio_highlights(compare)
    assert highlights["bu-pct-min-region"] == ratios.idxmin() and highlights["bu-pct-min"] == pytest.approx(ratios.min())
    assert highlights["bu-pct-max-region"] == ratios.idxmax() and highlights["bu-pct-max"] == pytest.approx(ratios.max())
    assert highlights["td-world"] == pytest.approx(146.34)
    assert highlights["bu-pct-world"] == pytest.approx(100 * highlights["bu-world"] / 146.34)
