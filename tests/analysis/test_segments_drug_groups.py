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


def test_a_group_patients_take_but_the_drug_mix_rounds_to_zero_is_explained_with_its_small_value(params):
    """US oral steroids are 0.000 in the market table: the note says why, from the course costs and the first-line mix."""
    from infantile_spasms_market.analysis.segments import rounded_out
    from infantile_spasms_market.analysis.wording import significant
    from infantile_spasms_market.model.bottomup import bottom_up_by_country, us_course_cost_usd

    note = rounded_out(params)
    mix = params.epidemiology.first_line_mix.north_america
    cost = us_course_cost_usd(params)
    value = pd.Series(mix.model_dump()) * cost
    share = value["oral_steroids"] / value.sum()
    us = bottom_up_by_country(params).loc["united_states", "value_usd_m"]
    assert params.segments.drug_mix_2024.north_america.oral_steroids == 0 and 0 < share < 0.0005
    assert note.startswith("In North America the market table holds no value for oral steroids in any year, though "
                           f"{100 * mix.oral_steroids:.0f} % of first-line patients take them: at USD {cost['oral_steroids']:,.0f} "
                           f"a course, against USD {cost['acth']:,.0f} for ACTH")
    assert f"{100 * share:.2g} % of the region's value (about USD {significant(1e6 * us * share, 2)} a year in the United States)" in note


@pytest.mark.parametrize("overrides", [
    # the drug mix gives oral steroids a share: nothing is rounded out
    ["segments.drug_mix_2024.north_america.oral_steroids=0.001", "segments.drug_mix_2024.north_america.acth=0.887"],
    # no first-line patient takes them: a zero share is no rounding
    ["epidemiology.first_line_mix.north_america.oral_steroids=0.0", "epidemiology.first_line_mix.north_america.acth=0.674"],
])
def test_no_note_when_no_group_is_rounded_out(overrides):
    from infantile_spasms_market.analysis.segments import rounded_out

    assert rounded_out(load_parameters(None, overrides)) == ""
