"""The drug groups behind the segments: their tables and the alternative filing of ACTH."""

import math

import pandas as pd
import pytest

from infantile_spasms_market.analysis.segments import (
    alternative_class_leader,
    drug_groups_table,
    drug_mix_table,
)
from infantile_spasms_market.inputs.taxonomy import DRUGS, REGIONS
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def params():
    return load_parameters()


def test_drug_groups_table_one_row_per_group_in_percent(params):
    table = drug_groups_table(params).set_index("Drug group")
    assert list(table.index) == [d.name for d in DRUGS.values()]
    acth = DRUGS["acth"].name
    assert table.loc[acth, "Drug type"] == "ACTH"
    assert table.loc[acth, "Liquid share (%)"] == pytest.approx(100 * params.segments.liquid_share.acth)
    growth = table.loc[acth, "Growth against its region (% a year)"]
    assert growth == pytest.approx(100 * params.segments.drug_growth_differential.acth)
    assert math.isnan(table.loc[DRUGS["novel_therapies"].name, "Growth against its region (% a year)"])


def test_drug_mix_table_rows_are_regions_that_add_up_to_100(params):
    mix = drug_mix_table(params)
    assert mix.index.name == "Region" and list(mix.index) == list(REGIONS.values())
    assert "ACTH" in mix.columns and "Vigabatrin" in mix.columns
    assert mix.sum(axis=1).to_numpy() == pytest.approx(100.0)


def test_alternative_class_leader_moves_acth_to_others():
    table = pd.DataFrame({
        "year": [2010] * 3,
        "drug": ["acth", "vigabatrin", "others"],
        "therapeutic_class": ["Corticosteroids", "Anticonvulsants", "Others"],
        "value_usd_m": [50.0, 30.0, 10.0],
    })
    assert alternative_class_leader(table, 2010) == "Others"
    assert alternative_class_leader(table.assign(value_usd_m=[10.0, 30.0, 10.0]), 2010) == "Anticonvulsants"
