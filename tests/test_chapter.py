"""open_chapter: the one call a notebook makes, and how it reads what papermill passes it."""

from __future__ import annotations

import pytest

from infantile_spasms_market.chapter import (
    open_chapter,
    override_list,
    resolve_scenario_path,
)
from infantile_spasms_market.paths import PROJECT_ROOT
from infantile_spasms_market.scenario.errors import ParameterError


@pytest.mark.parametrize(
    "given, expected",
    [
        (None, []),
        ("", []),
        (["growth.diagnosis=0.02"], ["growth.diagnosis=0.02"]),
        ('["growth.diagnosis=0.02", "market.end_year=2032"]', ["growth.diagnosis=0.02", "market.end_year=2032"]),
        ("growth.diagnosis=0.02", ["growth.diagnosis=0.02"]),
    ],
)
def test_overrides_from_papermill_strings_or_lists(given, expected):
    assert override_list(given) == expected


def test_override_string_that_is_not_a_list_is_refused():
    with pytest.raises(ParameterError, match=r"overrides: '\[1' is not a list of dotted.name=value strings"):
        override_list("[1")


def test_scenario_paths_resolve_against_the_project():
    assert resolve_scenario_path("params/base.yaml").resolve() == (PROJECT_ROOT / "params" / "base.yaml").resolve()
    assert resolve_scenario_path(None) is None


def test_open_chapter_applies_overrides(tmp_path):
    chapter = open_chapter("params/base.yaml", '["growth.diagnosis=0.02"]', tmp_path)
    assert chapter.params.growth.diagnosis == 0.02
    assert not chapter.is_base, "the base file with an override is not the base case"
    assert open_chapter("params/base.yaml", [], tmp_path).is_base
