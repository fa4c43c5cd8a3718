"""Tests for params/assumptions_log.yaml and the assumptions log the methodology chapter prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from infantile_spasms_market.analysis.assumptions import (
    LOG_FILE,
    AssumptionsLogError,
    LogEntry,
    assumption_paths,
    assumptions_log,
    check_log,
    load_log,
    measured_impact,
)
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.parameters import Parameters


@pytest.fixture(scope="module")
def base() -> Parameters:
    return load_parameters()


@pytest.fixture(scope="module")
def entries() -> list[LogEntry]:
    return load_log()


def test_the_log_rates_every_assumption_of_the_model_and_nothing_else(entries, base: Parameters):
    assert check_log(entries, base) == []
    assert [e.path for e in entries] == assumption_paths(base)


def test_every_rated_path_is_a_parameter(entries, base: Parameters):
    for entry in entries:
        base.value_at(entry.path)  # raises KeyError for a path that does not exist


def test_an_unknown_path_is_reported(entries, base: Parameters):
    broken = entries + [LogEntry(path="growth.telepathy", quality="red", reasoning="a parameter the model does not have")]
    assert "growth.telepathy: not a parameter of the model" in " ".join(check_log(broken, base))


def test_a_duplicate_rating_is_reported_a_missing_one_is_not(entries, base: Parameters):
    problems = check_log(entries[1:] + entries[-1:], base)
    assert problems == [f"{entries[-1].path}: rated twice"]  # the missing one is rated by its basis (unrated)


def test_unverified_or_unsourced_assumptions_are_never_green(entries, base: Parameters):
    green = [LogEntry(path=e.path, quality="green", reasoning=e.reasoning) for e in entries]
    problems = check_log(green, base)
    assert "epidemiology.diagnosed_share: rated green but its rationale says it is unverified" in problems
    assert "growth.diagnosis: rated green but the model calls it an assumption" in problems
    assert not any(p.startswith("epidemiology.incidence_per_1000") for p in problems)


def test_a_malformed_log_names_the_entry(tmp_path: Path):
    bad = tmp_path / "log.yaml"
    bad.write_text("- path: growth.diagnosis\n  quality: purple\n  reasoning: long enough reasoning here\n", encoding="utf-8")
    with pytest.raises(AssumptionsLogError, match=r"entry 0\.quality"):
        load_log(bad)
    with pytest.raises(AssumptionsLogError, match="not found"):
        load_log(tmp_path / "missing.yaml")


def test_impact_is_measured_from_the_tornado(base: Parameters):
    impact = measured_impact(base)
    assert set(impact.index) <= set(assumption_paths(base))
    assert impact.loc["growth.innovation", "swing_total_pct"] > impact.loc["growth.prevalence", "swing_total_pct"] > 0
    assert impact.loc["epidemiology.incidence_per_1000", "swing_total_pct"] == 0
    assert impact.loc["epidemiology.incidence_per_1000", "swing_bottom_up_pct"] > 0


def test_the_printed_log_joins_quality_and_impact(base: Parameters, entries):
    frame = assumptions_log(base, entries)
    assert list(frame["path"]) == [e.path for e in entries]
    rows = frame.set_index("path")
    assert rows.loc["growth.innovation", "impact"] == "red"
    assert rows.loc["regions.share_2024", "impact"] == "split only"
    assert rows.loc["countries.price_index", "impact"] == "not measured"
    assert rows.loc["epidemiology.incidence_per_1000", "quality"] == "green"


def test_a_parameter_the_log_does_not_judge_is_rated_by_its_declared_basis(base: Parameters, entries):
    left_out = {e.path: e for e in entries if e.path in ("market.reconciliation", "epidemiology.incidence_per_1000")}
    frame = assumptions_log(base, [e for e in entries if e.path not in left_out]).set_index("path")
    assert list(frame.index[-2:]) == list(left_out)  # after the judged ones, in the model's order
    assert frame.loc["market.reconciliation", "quality"] == "red"  # an assumption
    assert frame.loc["epidemiology.incidence_per_1000", "quality"] == "green"  # sourced, not unverified
    assert frame.loc["market.reconciliation", "reasoning"].startswith("Not judged in the log yet: rated by its basis (assumption).")


def test_the_log_file_is_where_the_module_looks():
    assert LOG_FILE.name == "assumptions_log.yaml" and LOG_FILE.is_file()


def test_the_evidence_rating_of_one_assumption_is_the_logs_or_its_basis(base: Parameters, entries):
    from infantile_spasms_market.analysis.assumptions import evidence_rating

    judged = {e.path: e.quality for e in entries}
    assert evidence_rating("growth.innovation", base) == judged["growth.innovation"]
    assert evidence_rating("market.reconciliation", base, [e for e in entries if e.path != "market.reconciliation"]) == "red"
    with pytest.raises(KeyError, match="uncertainty.draws: not an assumption"):
        evidence_rating("uncertainty.draws", base)
