"""Tests for the generated parameter table and the distributions table."""

from __future__ import annotations

import pytest

from infantile_spasms_market.model.draws import numeric_leaves
from infantile_spasms_market.scenario.diff import flatten
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.analysis.parameter_table import (
    allowed_range,
    distribution_table,
    parameter_rows,
    parameter_table,
    source_ids,
)
from infantile_spasms_market.scenario.parameters import Parameters
from infantile_spasms_market.scenario.sections import (
    Epidemiology,
    Growth,
    Market,
    Regions,
    Segments,
)


@pytest.fixture(scope="module")
def base() -> Parameters:
    return load_parameters()


@pytest.fixture(scope="module")
def table(base: Parameters):
    return parameter_table(base)


def test_columns_and_one_row_per_documented_parameter(table):
    assert list(table.columns) == ["path", "description", "value", "unit", "allowed", "rationale", "basis", "derived_from", "source"]
    assert table["path"].is_unique
    assert "growth.diagnosis" in set(table["path"]) and "segments.drug_mix_2024" in set(table["path"])
    assert not any(p.startswith("scenario.") or p.startswith("uncertainty.distributions") for p in table["path"])


def test_every_parameter_is_covered_by_a_row(base: Parameters, table):
    leaves = flatten({k: v for k, v in base.model_dump().items() if k not in ("scenario",)})
    paths = list(table["path"])
    uncovered = [
        leaf for leaf in leaves
        if not leaf.startswith("uncertainty.distributions") and not any(leaf == p or leaf.startswith(p + ".") for p in paths)
    ]
    assert not uncovered


def test_every_row_has_unit_and_rationale(table):
    assert (table["unit"].str.len() > 0).all()
    assert (table["rationale"].str.len() >= 10).all()
    assert (table["description"].str.len() > 0).all()


def test_values_are_the_scenarios(table):
    scenario = load_parameters(None, ["growth.diagnosis=0.02", "regions.share_2024.europe=0.2", "regions.share_2024.asia_pacific=0.25"])
    changed = parameter_table(scenario).set_index("path")["value"]
    assert changed["growth.diagnosis"] == "0.02"
    assert "Europe 0.2," in changed["regions.share_2024"]  # keys as display names
    assert table.set_index("path").loc["growth.diagnosis", "value"] == "0.012"


def test_allowed_ranges_come_from_the_model():
    assert allowed_range(Growth, "diagnosis") == "from -0.2 to 0.2"
    assert allowed_range(Market, "reconciliation") == "one of bridge_2025, cagr_from_2024, constant_cagr_2024_2030"
    assert allowed_range(Market, "end_year") == "from 2030 to 2040"
    assert allowed_range(Regions, "share_2024") == "each from 0 to 1; shares sum to 1"
    assert allowed_range(Segments, "drug_mix_2024") == "each from 0 to 1; shares sum to 1 in each section"
    assert allowed_range(Segments, "drug_growth_differential") == "each from -0.3 to 0.3"
    assert allowed_range(Epidemiology, "incidence_per_1000") == "greater than 0 and at most 2"


def test_sources_come_from_the_model(table):
    sources = table.set_index("path")["source"]
    assert sources["epidemiology.incidence_per_1000"] == "jia-2018"
    assert sources["growth.diagnosis"] == ""
    assert source_ids("techsci-2025; jia-2018") == ["techsci-2025", "jia-2018"]
    assert source_ids("") == []


def test_rows_follow_the_models_order(base: Parameters):
    paths = [r.path for r in parameter_rows(base)]
    sections = [p.split(".")[0] for p in paths]
    assert sections == sorted(sections, key=list(Parameters.model_fields).index)


def test_distribution_table_lists_every_distribution(base: Parameters):
    frame = distribution_table(base)
    assert list(frame["path"]) == list(base.uncertainty.distributions)
    row = frame.set_index("path").loc["growth.diagnosis"]
    assert (row["low"], row["centre"], row["high"]) == (0.004, 0.012, 0.022)
    assert row["scenario_value"] == "0.012"
    assert frame.set_index("path").loc["regions.share_2024", "concentration"] == 300
    assert (frame["rationale"].str.len() >= 10).all()


def test_every_numeric_leaf_has_a_row(base: Parameters, table):
    paths = list(table["path"])
    for leaf in numeric_leaves(base):
        assert any(leaf == p or leaf.startswith(p + ".") for p in paths), leaf


def test_every_parameter_source_is_in_the_data_register():
    from infantile_spasms_market import inputs
    from infantile_spasms_market.scenario.loading import load_parameters

    registered = {source["id"] for source in inputs.load_register()["sources"]}
    cited = {sid for text in parameter_table(load_parameters())["source"] for sid in source_ids(text)}
    assert cited and cited <= registered, f"parameter sources missing from data/register.yaml: {sorted(cited - registered)}"
