"""Tests for the scenario files in params/ and for scenarios.compare."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from infantile_spasms_market.analysis import claims as claim_tables
from infantile_spasms_market.analysis import scenarios
from infantile_spasms_market.model.claims import check_claims
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.model.views import totals
from infantile_spasms_market.paths import BASE_SCENARIO, PARAMS_DIR
from infantile_spasms_market.scenario import loading
from infantile_spasms_market.scenario.diff import flatten
from infantile_spasms_market.scenario.errors import ParameterError

SCENARIO_FILES = loading.scenario_files()
OTHER_FILES = SCENARIO_FILES[1:]


@pytest.fixture(scope="module")
def loaded():
    return loading.load_all()


@pytest.fixture(scope="module")
def comparison(loaded):
    return scenarios.compare(loaded)


def test_base_comes_first_then_at_least_three_scenarios():
    assert SCENARIO_FILES[0] == BASE_SCENARIO
    assert len(OTHER_FILES) >= 3
    assert [p.name for p in OTHER_FILES] == sorted(p.name for p in OTHER_FILES)
    assert all(p.name not in loading.NOT_SCENARIOS for p in SCENARIO_FILES)


@pytest.mark.parametrize("path", OTHER_FILES, ids=[p.stem for p in OTHER_FILES])
def test_a_scenario_file_holds_only_what_differs_from_base(path: Path):
    base = flatten(yaml.safe_load(BASE_SCENARIO.read_text(encoding="utf-8")))
    scenario = flatten(yaml.safe_load(path.read_text(encoding="utf-8")))
    repeated = [p for p, v in scenario.items() if not p.startswith("scenario.") and p in base and base[p] == v]
    assert not repeated, f"{path.name} repeats base values: {repeated}"
    changes = [p for p in scenario if not p.startswith(("scenario.", "uncertainty."))]
    assert changes, f"{path.name} changes no assumption"


@pytest.mark.parametrize("path", OTHER_FILES, ids=[p.stem for p in OTHER_FILES])
def test_a_scenario_says_who_it_is_and_why(path: Path, loaded):
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(tree["scenario"]) == {"name", "title", "rationale"}
    params = loaded[tree["scenario"]["name"]]
    assert params.scenario.name == path.stem, "the scenario name is the file name (its build folder)"
    assert len(params.scenario.rationale.split()) >= 40, "a rationale a strategist would accept takes a paragraph"


@pytest.mark.parametrize("name", [p.stem for p in SCENARIO_FILES])
def test_each_scenarios_values_lie_inside_its_distributions(name: str, loaded):
    """A scenario that moves a parameter moves its distribution too, so its Monte Carlo run is about it."""
    params = loaded[name]
    for path, dist in params.uncertainty.distributions.items():
        if dist.kind == "dirichlet":
            continue
        value = params.value_at(path)
        assert dist.low <= value <= dist.high, f"{name}: {path} = {value} outside [{dist.low}, {dist.high}]"
        changed = name != "base" and value != loaded["base"].value_at(path)
        if changed and dist.kind == "triangular":
            assert dist.mode == pytest.approx(value), f"{name}: {path} changed to {value} but its mode is {dist.mode}"


def test_load_all_is_keyed_by_scenario_name(loaded):
    assert all(params.scenario.name == name for name, params in loaded.items())
    assert list(loaded)[0] == "base"


def test_compare_reports_values_growth_and_claims(comparison, loaded):
    assert list(comparison.index) == list(loaded)
    assert {"title", "value_2024_usd_m", "value_2025_usd_m", "value_2030_usd_m", "cagr_2025_2030_pct"} <= set(comparison.columns)
    claims = claim_tables.claim_columns(comparison)
    assert claims == [c.claim for c in check_claims(market_table(loaded["base"]))]
    base = comparison.loc["base"]
    assert base["value_2024_usd_m"] == pytest.approx(146.34, abs=1e-9)
    assert base["value_2030_usd_m"] == pytest.approx(181.94, abs=1e-9)
    assert base["cagr_2025_2030_pct"] == pytest.approx(3.67, abs=1e-9)
    assert base[claims].all()
    for name, params in loaded.items():
        series = totals(market_table(params))
        assert comparison.loc[name, "value_2030_usd_m"] == pytest.approx(series.loc[2030], rel=1e-12)
        expected = {c.claim: c.holds for c in check_claims(market_table(params))}
        assert comparison.loc[name, claims].to_dict() == expected


def test_scenarios_span_the_base(comparison):
    values = comparison["value_2030_usd_m"]
    assert values["optimistic"] > values["base"] > values["pessimistic"]
    assert values["acth_generic_erosion"] < values["base"]


def test_trajectories_are_the_totals(loaded):
    frame = scenarios.trajectories(loaded)
    assert list(frame.columns) == list(loaded)
    pd.testing.assert_series_equal(frame["base"], totals(market_table(loaded["base"])), check_names=False)


def test_duplicate_scenario_names_are_an_error(tmp_path: Path):
    shutil.copy2(BASE_SCENARIO, tmp_path / "base.yaml")
    shutil.copy2(PARAMS_DIR / "optimistic.yaml", tmp_path / "optimistic.yaml")
    shutil.copy2(PARAMS_DIR / "optimistic.yaml", tmp_path / "optimistic_copy.yaml")
    with pytest.raises(ValueError, match=r"scenario name 'optimistic' is used by both optimistic\.yaml and optimistic_copy\.yaml"):
        loading.load_all(tmp_path)


def test_an_invalid_scenario_file_names_its_problem(tmp_path: Path):
    shutil.copy2(BASE_SCENARIO, tmp_path / "base.yaml")
    (tmp_path / "bad.yaml").write_text("scenario: {name: bad}\nregions:\n  share_2024:\n    europe: 0.9\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="share_2024"):
        loading.load_all(tmp_path)


def test_a_folder_without_base_is_an_error(tmp_path: Path):
    shutil.copy2(PARAMS_DIR / "optimistic.yaml", tmp_path / "optimistic.yaml")
    with pytest.raises(FileNotFoundError, match="no base.yaml"):
        loading.scenario_files(tmp_path)
