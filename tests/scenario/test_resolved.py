"""The scenario is resolved once by the build, written to one file, and read back by every chapter as it was."""

from __future__ import annotations

import pytest
import yaml

from infantile_spasms_market.chapter import open_chapter
from infantile_spasms_market.scenario.errors import ParameterError
from infantile_spasms_market.scenario.resolved import (
    is_resolved,
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
    assert chapter.label == "base with --set growth.diagnosis=0.02" and not chapter.is_base
    assert chapter.source("TechSci Research (2025) for the total") == (
        "Infantile spasms market book, scenario 'base with --set growth.diagnosis=0.02'; TechSci Research (2025) for the total"
    )


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
    with pytest.raises(ParameterError, match=r"growth\.diagnosis: 0\.9 is out of range; must be from -0\.2 to 0\.2"):
        read_scenario(path)
