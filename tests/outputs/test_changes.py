"""Tests for the "What changed" page: a build set beside the published book it replaces."""

from __future__ import annotations

import copy

import pytest

from infantile_spasms_market.outputs.changes import (
    HEADLINE_LABELS,
    code_version,
    data_changes,
    headline_numbers,
    headline_rows,
    render,
)
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def base_headline() -> dict:
    return headline_numbers(load_parameters())


def manifest(headline: dict, **changes) -> dict:
    record = {
        "built_at": "2026-12-03T08:00:00+00:00",
        "scenario": {"name": "base", "title": "Base case", "file": "params/base.yaml", "overrides": []},
        "parameters": {"growth": {"diagnosis": 0.01, "price_erosion": -0.005}, "market": {"end_year": 2030}},
        "data": {"live_births.csv": "a" * 64, "events.csv": "b" * 64},
        "git": {"commit": "1234567890abcdef", "dirty": False},
        "package_hash": "f" * 64,
        "headline": headline,
    }
    record.update(changes)
    return record


def test_headline_numbers_are_the_reports_in_the_base(base_headline):
    assert base_headline["years"] == {"base": 2024, "first": 2025, "end": 2030}
    numbers = base_headline["numbers"]
    assert set(numbers) == set(HEADLINE_LABELS)
    assert numbers["value-base"] == pytest.approx(146.34) and numbers["value-end"] == pytest.approx(181.94)
    assert numbers["cagr"] == pytest.approx(3.67, abs=0.005)
    assert numbers["region-leader"] == "North America"


def test_a_first_build_says_so(base_headline):
    text = render(None, manifest(base_headline))
    assert "first build" in text and "|" not in text


def test_a_changed_parameter_and_the_moved_numbers_are_named(base_headline):
    moved = copy.deepcopy(base_headline)
    moved["numbers"]["value-end"] = 190.0
    moved["numbers"]["region-leader"] = "Europe"
    new = manifest(moved, built_at="2026-12-04T08:00:00+00:00",
                   parameters={"growth": {"diagnosis": 0.02, "price_erosion": -0.005}, "market": {"end_year": 2030}},
                   scenario={"name": "base", "title": "Base case", "file": "params/base.yaml", "overrides": ["growth.diagnosis=0.02"]})
    text = render(manifest(base_headline), new)
    assert "| `growth.diagnosis` | `0.01` | `0.02` |" in text
    assert "price_erosion" not in text
    assert "No data file changed." in text
    assert "`growth.diagnosis=0.02`" in text
    assert "| Market value, end year (USD million) | 181.94 | 190.00 | +8.06 |" in text
    assert "| Largest region, base year | North America | Europe | changed |" in text
    assert "| Market value, base year (USD million) | 146.34 | 146.34 | +0.00 |" in text


def test_data_changes_by_hash():
    old = {"a.csv": "1" * 64, "b.csv": "2" * 64, "c.csv": "3" * 64}
    new = {"a.csv": "1" * 64, "b.csv": "9" * 64, "d.csv": "4" * 64}
    rows = dict(data_changes(old, new))
    assert set(rows) == {"b.csv", "c.csv", "d.csv"}
    assert rows["c.csv"] == "removed" and rows["d.csv"] == "added" and rows["b.csv"].startswith("changed (`222222222222`")


def test_code_version_and_an_old_manifest_without_numbers(base_headline):
    assert code_version({"git": {"commit": "abcdef1234567890", "dirty": True}}) == "commit `abcdef123456` with uncommitted changes"
    old = manifest(base_headline)
    del old["headline"]
    text = render(old, manifest(base_headline))
    assert "does not record its headline numbers" in text
    assert all(row[3] == "not recorded" for row in headline_rows(None, base_headline))
