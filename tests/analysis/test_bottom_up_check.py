"""Top-down against bottom-up by region."""

import pandas as pd
import pytest

from infantile_spasms_market.analysis import bottom_up_check
from infantile_spasms_market.inputs.taxonomy import REGIONS
from infantile_spasms_market.model.bottomup import bottom_up_by_region
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def params():
    return load_parameters()


@pytest.fixture(scope="module")
def top_down():
    return pd.Series([40.0, 30.0, 20.0, 6.0, 4.0], index=list(REGIONS.values()))


def test_comparison_ratios_patients_and_a_world_row(params, top_down):
    compare = bottom_up_check.comparison(params, top_down, 2010)
    bottom = bottom_up_by_region(params)
    assert list(compare.index) == [*REGIONS.values(), "World"]
    assert compare.index.name == "Region"
    assert list(compare.columns) == ["Top-down 2010 (USD m)", "Bottom-up (USD m)", "Top-down ÷ bottom-up",
                                     "Treated patients (bottom-up)", "Top-down USD per treated patient",
                                     "Bottom-up USD per treated patient"]
    europe = compare.loc["Europe"]
    assert europe["Top-down ÷ bottom-up"] == pytest.approx(30.0 / bottom.loc["Europe", "value_usd_m"])
    assert europe["Top-down USD per treated patient"] == pytest.approx(30e6 / bottom.loc["Europe", "treated_patients"])
    world = compare.loc["World"]
    assert world["Top-down 2010 (USD m)"] == pytest.approx(100.0)
    assert world["Bottom-up (USD m)"] == pytest.approx(bottom["value_usd_m"].sum())
    # the world's count rounds the world's total, as every other chapter does (not the sum of rounded regions)
    assert world["Treated patients (bottom-up)"] == round(bottom["treated_patients"].sum())


def test_chart_data_and_ratio_highlights(params, top_down):
    compare = bottom_up_check.comparison(params, top_down, 2010)
    chart = bottom_up_check.chart_data(compare, 2010)
    assert list(chart.columns) == ["top_down_2010_usd_m", "bottom_up_usd_m", "ratio"]
    assert list(chart.index) == list(REGIONS.values())
    ratios = chart["ratio"]
    highlights = bottom_up_check.ratio_highlights(compare)
    assert highlights["ratio-min-region"] == ratios.idxmin() and highlights["ratio-min"] == pytest.approx(ratios.min())
    assert highlights["ratio-max-region"] == ratios.idxmax() and highlights["ratio-max"] == pytest.approx(ratios.max())
    assert highlights["td-world"] == pytest.approx(100.0)
    assert highlights["ratio-world"] == pytest.approx(100.0 / highlights["bu-world"])
