"""The scenario is resolved once by the build, written to one file, and read back by every chapter as it was."""

from __future__ import annotations

import pytest
import yaml

from infantile_spasms_market.chapter import open_chapter
from infantile_spasms_market.inputs import declared
from infantile_spasms_market.scenario.errors import ParameterError
from infantile_spasms_market.scenario.resolved import (
    is_resolved,
    override_words,
    read_scenario,
    resolve,
    write_resolved,
)


def test_a_resolved_file_reads_back_as_the_same_scenario(tmp_path):
    resolved = resolve("params/pessimistic.yaml", ["growth.access=0.01"])
    path = write_resolved(resolved, tmp_path / "resolved.yaml")
    again = read_scenario(path)
    assert again == resolved
    assert again.label == "pessimistic with --set growth.access=0.01"
    assert again.params.growth.access == 0.01 and not again.is_base
    assert is_resolved(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_a_chapter_given_the_resolved_file_sees_its_overrides(tmp_path):
    path = write_resolved(resolve(None, ["growth.diagnosis=0.02"]), tmp_path / "resolved.yaml")
    chapter = open_chapter(str(path), [], tmp_path)
    assert chapter.params.growth.diagnosis == 0.02
    assert chapter.overrides == ["growth.diagnosis=0.02"]
    assert chapter.label == "Base case + growth from diagnosis set to 0.02" and not chapter.is_base
    assert chapter.source("TechSci Research (2025) for the total") == (
        "Infantile spasms market book, scenario 'Base case + growth from diagnosis set to 0.02'; TechSci Research (2025) for the total"
    )


def test_figures_name_the_overrides_of_the_parameters_their_chapter_has_read(tmp_path):
    """An override of a parameter a chapter never read changes nothing it shows, and its figures do not name it:
    a chapter reused from a build without that override is then exactly what executing it would give."""
    overrides = ["growth.diagnosis=0.02", "companies.share_concentration=40"]
    chapter = open_chapter(str(write_resolved(resolve(None, overrides), tmp_path / "resolved.yaml")), [], tmp_path)
    early = chapter.source("TechSci Research (2025)")  # a source line written before anything was read
    assert chapter.label == "Base case" and "set to" not in early
    chapter.table  # noqa: B018 (the market model reads the growth components, not the company split)
    assert chapter.label == "Base case + growth from diagnosis set to 0.02"
    assert chapter.labelled(early) == chapter.source("TechSci Research (2025)") == (
        "Infantile spasms market book, scenario 'Base case + growth from diagnosis set to 0.02'; TechSci Research (2025)")
    assert chapter.params.companies.share_concentration == 40
    assert chapter.label == "Base case + 2 changes"
    assert chapter.labelled(chapter.source("x")) == chapter.source("x"), "a current label is left as it is"


def test_a_chapter_names_in_legends_the_overrides_it_read_and_in_the_title_all_of_them(tmp_path):
    overrides = ["growth.diagnosis=0.02", "companies.share_concentration=40"]
    chapter = open_chapter(str(write_resolved(resolve(None, overrides), tmp_path / "resolved.yaml")), [], tmp_path)
    early = f"This book, scenario '{chapter.scenario.display_name}'"  # a legend written before anything was read
    assert early == "This book, scenario 'Base case'" and "@overrides" not in declared.parameters_read()
    chapter.table  # noqa: B018 (reads the growth components)
    assert chapter.scenario.display_name == "Base case + growth from diagnosis set to 0.02"
    assert chapter.labelled(early) == "This book, scenario 'Base case + growth from diagnosis set to 0.02'"
    assert chapter.scenario.overrides == ["growth.diagnosis=0.02"]
    assert chapter.scenario.title == ("Base case: the report's figures, with growth from diagnosis set to 0.02; spread of the "
                                      "companies' shares (concentration) set to 40 (not the base case)")
    assert "@overrides" in declared.parameters_read(), "the title names every override: the chapter depends on all of them"
    assert chapter.scenario.overrides == overrides


def test_a_scenario_file_is_still_resolved_by_the_chapter(tmp_path):
    chapter = open_chapter("params/pessimistic.yaml", '["growth.access=0.01"]', tmp_path)
    assert chapter.params.scenario.name == "pessimistic" and chapter.params.growth.access == 0.01
    assert chapter.scenario.file == "params/pessimistic.yaml"


def test_overrides_cannot_be_added_to_a_resolved_file(tmp_path):
    path = write_resolved(resolve(), tmp_path / "resolved.yaml")
    with pytest.raises(ParameterError, match="is a resolved scenario: its overrides are fixed"):
        read_scenario(path, ["growth.access=0.01"])


def test_a_tampered_resolved_file_is_validated(tmp_path):
    path = write_resolved(resolve(), tmp_path / "resolved.yaml")
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    tree["parameters"]["growth"]["diagnosis"] = 0.9
    path.write_text(yaml.safe_dump(tree), encoding="utf-8")
    with pytest.raises(ParameterError, match=r"growth\.diagnosis: 0\.9 is not allowed; must be from -0\.2 to 0\.2"):
        read_scenario(path)


def test_a_scenario_file_without_a_name_is_named_after_itself(tmp_path):
    path = tmp_path / "My View.yaml"
    path.write_text("growth:\n  diagnosis: 0.02\n", encoding="utf-8")
    scenario = resolve(path).params.scenario
    assert scenario.name == "my-view" and scenario.title == "Scenario my-view (not the base case)"
    assert "gives no rationale" in scenario.rationale


def test_a_named_file_keeps_its_name_but_never_inherits_the_base_title(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("scenario:\n  name: fast\ngrowth:\n  diagnosis: 0.02\n", encoding="utf-8")
    scenario = resolve(path).params.scenario
    assert scenario.name == "fast" and scenario.title == "Scenario fast (not the base case)"


@pytest.mark.parametrize(
    ("text", "overrides", "message"),
    [
        ("scenario:\n  name: base\ngrowth:\n  diagnosis: 0.02\n", [], "'base' is reserved for params/base.yaml"),
        ("growth:\n  diagnosis: 0.02\n", ["scenario.name=base"], "--set cannot give it to"),
        ("scenario: yes\n", [], "expected a section"),
    ],
    ids=["a file calling itself base", "an override calling a file base", "a scenario that is not a section"],
)
def test_only_the_base_file_is_base(tmp_path, text, overrides, message):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError, match=message):
        resolve(path, overrides)


def test_a_file_name_that_cannot_be_a_name_is_refused_with_how_to_name_it(tmp_path):
    path = tmp_path / "2030.yaml"
    path.write_text("growth:\n  diagnosis: 0.02\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="gives no name and its file name cannot serve as one; add a section such as"):
        resolve(path)


# --- honest labels: the title every edition shows, and the name folders and files carry --------

def test_an_overridden_base_case_never_passes_for_the_base_case():
    title = resolve(None, ["growth.diagnosis=0.002"]).title
    assert title == "Base case: the report's figures, with growth from diagnosis set to 0.002 (not the base case)"
    assert resolve().title == "Base case: the report's figures"
    several = resolve("params/pessimistic.yaml", ["growth.access=0.01", "market.end_year=2032"]).title
    assert several == ("Pessimistic: price erosion and slower diagnosis, with growth from access set to 0.01; "
                       "last year of the forecast set to 2032")
    many = resolve(None, [f"growth.{g}=0.01" for g in ("diagnosis", "innovation", "access", "prevalence")]).title
    assert many.endswith(", with 4 parameters changed (not the base case)")


def test_a_name_or_title_set_on_the_command_line_is_no_change_of_assumptions():
    named = resolve(None, ["scenario.name=my-view", "scenario.title=My view", "growth.diagnosis=0.02"])
    assert named.title == "My view, with growth from diagnosis set to 0.02"
    assert resolve(None, ["scenario.title=Renamed"]).title == "Renamed (not the base case)"


def test_the_short_title_for_a_browser_tab():
    assert resolve().short_title == "Base case"
    assert resolve("params/pessimistic.yaml").short_title == "Pessimistic"
    assert resolve(None, ["growth.diagnosis=0.002"]).short_title == "Base case + growth from diagnosis set to 0.002"
    assert resolve(None, ["growth.diagnosis=0.002", "growth.access=0.02"]).short_title == "Base case + 2 changes"
    one_long = resolve(None, ["regions.growth_differential.north_america=0.012345"])
    assert len(override_words(one_long.overrides)[0]) > 50 and one_long.short_title == "Base case + 1 change"


@pytest.mark.parametrize("overrides, name", [
    ([], "base"),
    (["growth.diagnosis=0.002"], "base-set-growth.diagnosis=0.002"),
    (["growth.diagnosis=0.002", "market.end_year=2032"], "base-set-growth.diagnosis=0.002+market.end_year=2032"),
    (["growth.price_erosion=-0.01"], "base-set-growth.price_erosion=-0.01"),
])
def test_short_plain_overrides_name_the_folder_as_typed(overrides, name):
    assert resolve(None, overrides).published_name == name


def test_long_or_unusual_overrides_are_named_by_a_hash():
    spaced = resolve(None, ["regions.share_2024={north_america: 0.5, europe: 0.19, asia_pacific: 0.2, south_america: 0.06, "
                            "middle_east_africa: 0.05}"]).published_name
    long = resolve(None, [f"growth.{g}=0.0123456" for g in ("diagnosis", "innovation", "access")]).published_name
    for name in (spaced, long):
        assert name.startswith("base-set-") and len(name) == len("base-set-") + 8
    assert spaced != long


def test_a_published_scenario_file_is_what_params_and_build_read(tmp_path, capsys):
    """The build publishes the resolved scenario; `params --scenario` (and `build --scenario`) take it back as it is."""
    from infantile_spasms_market.cli import main

    published = write_resolved(resolve(None, ["growth.diagnosis=0.002"]), tmp_path / "scenario.yaml")
    assert main(["params", "--scenario", str(published), "--json"]) == 0
    assert '"diagnosis": 0.002' in capsys.readouterr().out
    assert main(["params", "--scenario", str(published), "--set", "growth.access=0.02"]) == 2
    assert "overrides are fixed" in capsys.readouterr().err
