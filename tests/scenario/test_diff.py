"""Tests for infantile_spasms_market.scenario.diff: which parameters a scenario changes from the base."""

from __future__ import annotations

import math

import pytest

from infantile_spasms_market.scenario.diff import flatten, parameter_changes
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def test_base_against_itself_changes_nothing(base):
    changes = parameter_changes(base, base)
    assert changes.empty
    assert list(changes.columns) == ["path", "base", "scenario"]


def test_overrides_are_listed_with_both_values(base):
    scenario = load_parameters(
        None,
        ["growth.innovation=0.03", "regions.share_2024.north_america=0.30", "regions.share_2024.europe=0.39"],
    )
    changes = parameter_changes(scenario, base).set_index("path")
    assert list(changes.index) == ["growth.innovation", "regions.share_2024.europe", "regions.share_2024.north_america"]
    assert changes.loc["growth.innovation", "base"] == pytest.approx(base.growth.innovation)
    assert changes.loc["growth.innovation", "scenario"] == pytest.approx(0.03)
    assert changes.loc["regions.share_2024.europe", "scenario"] == pytest.approx(0.39)
    assert changes.loc["regions.share_2024.north_america", "base"] == pytest.approx(base.regions.share_2024.north_america)


def test_descriptive_section_is_ignored_by_default_but_can_be_compared(base):
    renamed = load_parameters(None, ["scenario.name=other", "scenario.title=Another scenario"])
    assert parameter_changes(renamed, base).empty
    shown = parameter_changes(renamed, base, ignore=())
    assert set(shown["path"]) == {"scenario.name", "scenario.title"}


def test_non_numeric_and_boolean_changes_are_found(base):
    scenario = load_parameters(None, ["trends.novel_therapy.enabled=true", "market.reconciliation=cagr_from_2024"])
    changes = parameter_changes(scenario, base).set_index("path")
    assert changes.loc["trends.novel_therapy.enabled", "scenario"] is True
    assert changes.loc["trends.novel_therapy.enabled", "base"] is False
    assert changes.loc["market.reconciliation", "scenario"] == "cagr_from_2024"


def test_rounding_noise_is_not_a_change(base):
    noisy = math.nextafter(base.growth.diagnosis, 1.0)
    same = load_parameters(None, [f"growth.diagnosis={noisy!r}"])
    assert same.growth.diagnosis != base.growth.diagnosis  # the values differ in the last bit only
    assert parameter_changes(same, base).empty


def test_a_path_in_one_scenario_only_is_a_change(base):
    dropped = load_parameters(None, ["uncertainty.distributions={}"])
    changes = parameter_changes(dropped, base)
    assert not changes.empty
    assert changes["path"].str.startswith("uncertainty.distributions").all()
    assert changes["scenario"].isna().any()


def test_flatten_keeps_lists_and_empty_sections_as_leaves():
    assert flatten({"a": {"b": 1, "c": [1, 2]}, "d": {}}) == {"a.b": 1, "a.c": [1, 2], "d": {}}


def test_wrong_argument_types_are_named(base):
    with pytest.raises(TypeError, match="Parameters"):
        parameter_changes(base.resolved(), base)


def test_two_resolved_trees_compare_as_two_scenarios():
    """What the "What changed" page compares: two builds' manifests, every section included."""
    old = {"a": {"x": 1, "y": [1, 2]}, "b": 0.1 + 0.2}
    new = {"a": {"x": 2, "y": [1, 2], "z": True}, "b": 0.3}
    rows = parameter_changes(new, old, ignore=())
    assert [tuple(r) for r in rows.itertuples(index=False)] == [("a.x", 1, 2), ("a.z", None, True)]
