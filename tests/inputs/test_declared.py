"""A running chapter may read only the input files it declared; outside a chapter every read is allowed."""

from __future__ import annotations

import pytest

from infantile_spasms_market.inputs import declared
from infantile_spasms_market.inputs.reading import load_record, load_table


def test_nothing_declared_means_every_read_is_allowed():
    declared.forget()
    assert len(load_table("events")) > 0


def test_an_undeclared_read_names_the_file_and_the_fix():
    declared.declare(["data/events.csv"])
    assert len(load_table("events")) > 0
    assert load_record("report_headline")["base_year"] == 2024  # the model's own inputs are always allowed
    with pytest.raises(declared.UndeclaredInput, match=r"reads data/pipeline.csv but does not declare it: add 'data/pipeline.csv'"):
        load_table("pipeline")


def test_patterns_cover_groups_of_files():
    declared.declare(["params/*.yaml"])
    declared.check("params/pessimistic.yaml")
    with pytest.raises(declared.UndeclaredInput):
        declared.check("data/events.csv")


# --- parameters read ---------------------------------------------------------------------------------
from infantile_spasms_market.model.draws import numeric_leaves  # noqa: E402
from infantile_spasms_market.model.sensitivity import with_values  # noqa: E402
from infantile_spasms_market.model.topdown import market_table  # noqa: E402
from infantile_spasms_market.scenario.loading import load_parameters  # noqa: E402


def test_a_field_read_from_the_tracked_scenario_is_recorded_by_its_path():
    params, other = load_parameters(), load_parameters()
    declared.track(params)
    assert params.growth.diagnosis == 0.012 and params.segments.drug_mix_2024.europe.acth > 0
    assert other.growth.access > 0 and other.market.model_dump()  # another scenario's reads are not this chapter's
    assert declared.parameters_read() == ["growth.diagnosis", "segments.drug_mix_2024.europe.acth"]


@pytest.mark.parametrize("read_whole", [
    lambda s: s.model_dump(), lambda s: s.model_dump_json(), lambda s: dict(s), lambda s: s == s.model_copy(), lambda s: repr(s),
    lambda s: hash(s), lambda s: vars(s),
])
def test_a_section_read_whole_records_every_parameter_in_it(read_whole):
    params = load_parameters()
    declared.track(params)
    read_whole(params.regions.share_2024)
    assert declared.parameters_read() == ["regions.share_2024"]
    params.model_dump()
    assert declared.parameters_read() == [""], "the whole scenario"


def test_nothing_is_recorded_outside_a_chapter_or_while_paused():
    params = load_parameters()
    assert params.growth.diagnosis and declared.recorded() is None
    declared.track(params)
    with declared.unrecorded():
        params.model_dump()
    assert declared.recorded() == []


def test_the_model_records_the_parameters_it_uses_not_the_bulk_it_takes():
    params = load_parameters()
    declared.track(params)
    leaves = numeric_leaves(params)  # every numeric parameter, taken unrecorded
    assert declared.parameters_read() == []
    assert leaves["growth.diagnosis"] == 0.012 and declared.parameters_read() == ["growth.diagnosis"]
    market_table(params)
    read = declared.parameters_read()
    assert {"growth.access", "regions.share_2024.europe", "segments.liquid_share.acth"} <= set(read)
    assert not any(p.startswith(("companies", "uncertainty", "scenario.")) for p in read), "the market table reads none of these"
    assert "trends.novel_therapy.peak_uptake" not in read, "the base scenario's novel therapy is off: its uptake is never read"


def test_a_changed_copy_reads_as_the_scenario_where_it_kept_the_scenario_values():
    params = load_parameters()
    declared.track(params)
    copy = with_values(params, {"epidemiology.diagnosed_share.europe": 0.5})
    # validating the copy read the section it changed and the distributions
    assert declared.parameters_read() == ["epidemiology.diagnosed_share", "uncertainty.distributions"]
    assert copy.epidemiology.diagnosed_share.europe == 0.5 and copy.market.end_year == params.market.end_year
    assert declared.parameters_read() == ["epidemiology.diagnosed_share", "market.end_year", "uncertainty.distributions"]
    market_table(with_values(copy, {"growth.diagnosis": 0.02}))  # a copy of a copy, through the model
    assert {"growth", "regions.share_2024.europe"} <= set(declared.parameters_read())


def test_the_own_estimate_reads_as_the_scenario_path_by_path_whatever_the_scenario_changed():
    from infantile_spasms_market.analysis.own_estimate import estimate_params

    recorded = []
    for overrides in ([], ["companies.share_concentration=40"], ["trends.novel_therapy.peak_uptake=0.4"]):
        declared.forget()
        params = load_parameters(None, overrides)
        declared.track(params)
        estimate = estimate_params(params)  # compared with the base case whole, yet not a read of the whole scenario
        recorded.append(declared.parameters_read())
        assert "" not in recorded[-1] and not any(p.startswith(("companies", "trends")) for p in recorded[-1])
        assert estimate.companies.share_concentration == params.companies.share_concentration  # it follows the scenario
        assert "companies.share_concentration" in declared.parameters_read()  # read there: a read of the scenario's value
    assert recorded[0] == recorded[1] == recorded[2], "what a run reads does not depend on what the scenario changed"
    # what validating the estimate reads: the sections the own estimate's file departs from the base in, the distributions
    assert {"market", "epidemiology", "market.level", "uncertainty.distributions"} & set(recorded[0]) == {
        "market", "epidemiology", "uncertainty.distributions"}


def test_paths_are_kept_minimal():
    assert declared.minimal(["growth.access", "growth", "regions.share_2024.europe", "@overrides"]) == [
        "@overrides", "growth", "regions.share_2024.europe"]
    assert declared.minimal(["growth", ""]) == [""]
    assert declared.overlaps("growth.diagnosis", "growth") and declared.overlaps("", "market.level")
    assert not declared.overlaps("growth.diagnosis", "growth.diagnosis_extra") and not declared.overlaps("@overrides", "")


def test_the_model_s_bulk_leaves_record_every_way_they_are_read():
    params = load_parameters()
    declared.track(params)
    leaves = numeric_leaves(params)
    assert "growth.access" in leaves and len(leaves) > 50 and declared.parameters_read() == []  # the names are the schema's
    copied = dict(leaves)
    assert copied["growth.access"] == params.growth.access
    assert len(declared.parameters_read()) == len(leaves), "a copy reads every value"
