"""Reading a scenario, checked against answers written out here: names made from file names, the hint a file that
calls itself ``base`` gets, a base file that does not validate, merges that never alias the base, YAML that cannot
be read, and a chapter reading a scenario file it did not declare."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import infantile_spasms_market
from infantile_spasms_market.inputs import declared
from infantile_spasms_market.inputs.declared import UndeclaredInput
from infantile_spasms_market.scenario.errors import ParameterError
from infantile_spasms_market.paths import PROJECT_ROOT
from infantile_spasms_market.scenario.loading import (
    deep_merge,
    load_base,
    load_parameters,
    name_from_file,
    override_list,
    scenario_path,
    scenario_section,
)


@pytest.mark.parametrize(
    ("file_name", "name"),
    [
        ("My View.yaml", "my-view"),
        ("--Odd__name--.yaml", "odd__name"),  # separators at either end go, inner ones stay
        ("_x.yaml", "x"),
        ("a   b---c.yaml", "a-b-c"),  # runs of separators become one
        ("Ärger über Preise.yaml", "rger-ber-preise"),
        ("a" * 39 + " b" + "c" * 10 + ".yaml", "a" * 39),  # cut to 40 characters, then no trailing separator
        ("b" * 45 + ".yaml", "b" * 40),
        ("123 view.yaml", None),  # a name starts with a letter
        ("---.yaml", None),
    ],
)
def test_a_scenario_name_is_made_from_the_file_name(file_name, name):
    assert name_from_file(Path("/anywhere") / file_name) == name


def test_a_file_that_gives_no_name_is_named_and_titled_after_itself():
    section = scenario_section(None, Path("/x/high-uptake.yaml"), "x/high-uptake.yaml")
    assert section == {
        "name": "high-uptake",
        "title": "Scenario high-uptake (not the base case)",
        "rationale": "Built from x/high-uptake.yaml, which gives no rationale; what it changes from the base is listed on the front page.",
    }
    assert scenario_section({"name": "mine", "title": "Mine"}, Path("/x/other.yaml"), "other.yaml")["title"] == "Mine"


@pytest.mark.parametrize(
    ("file_name", "suggestion"),
    [("pessimistic-2.yaml", "'pessimistic-2'"), ("123.yaml", "'my-view'"), ("base.yaml", "'my-view'")],
)
def test_a_file_calling_itself_base_is_told_a_name_of_its_own(file_name, suggestion):
    with pytest.raises(ParameterError) as caught:
        scenario_section({"name": "base"}, Path("/x") / file_name, file_name)
    message = str(caught.value)
    assert f"scenario.name: 'base' is reserved for params/base.yaml, the report's figures; {file_name} changes" in message
    assert f"give it a name of its own (e.g. {suggestion})" in message


def test_a_base_file_that_does_not_validate_names_the_file_and_the_parameter(tmp_path):
    tree = (ROOT / "params" / "base.yaml").read_text(encoding="utf-8")
    base = tmp_path / "base.yaml"
    base.write_text(tree.replace("diagnosis: 0.012", "diagnosis: 0.9"), encoding="utf-8")
    with pytest.raises(ParameterError) as caught:
        load_base(base)
    message = str(caught.value)
    assert str(base) in message
    assert "growth.diagnosis: 0.9 is not allowed; must be from -0.2 to 0.2" in message  # the range comes from the parameter model


def test_a_merge_never_aliases_a_section_of_the_base():
    base = {"growth": {"diagnosis": 0.01}, "regions": {"share": {"europe": 0.2}}}
    merged = deep_merge(base, {"regions": {"share": {"europe": 0.3}}})
    merged["growth"]["diagnosis"] = 0.5
    merged["regions"]["share"]["asia"] = 0.1
    assert base == {"growth": {"diagnosis": 0.01}, "regions": {"share": {"europe": 0.2}}}


# --------------------------------------------------------------------------- reading a scenario file
def test_a_scenario_file_without_a_rationale_says_which_file_it_came_from(tmp_path):
    path = tmp_path / "cheaper-acth.yaml"
    path.write_text("growth:\n  price_erosion: -0.01\n", encoding="utf-8")
    params = load_parameters(path)
    assert params.scenario.name == "cheaper-acth"
    assert params.scenario.rationale.startswith(f"Built from {path}, which gives no rationale")


def test_a_scenario_that_is_not_a_section_is_refused_with_a_message():
    with pytest.raises(ParameterError, match=r"scenario: .*'oops'"):
        load_parameters(None, ["scenario=oops"])


def test_yaml_that_cannot_be_read_at_all_is_named_without_a_position(tmp_path):
    path = tmp_path / "bell.yaml"
    path.write_text("growth:\n  diagnosis: 0.01\x07\n", encoding="utf-8")
    with pytest.raises(ParameterError) as caught:
        load_parameters(path)
    assert f"{path}: malformed YAML: unacceptable character #x0007: special characters are not allowed" in str(caught.value)


def test_a_scenario_file_reads_the_same_under_any_locale(tmp_path):
    # A Windows machine (cp1252) or a plain C locale (ASCII) must read the same scenario as the book's build.
    path = tmp_path / "cafe.yaml"
    path.write_text("scenario:\n  title: Café – a view\ngrowth:\n  diagnosis: 0.01\n", encoding="utf-8")
    assert load_parameters(path).scenario.title == "Café – a view"  # here, and below in a child process with an ASCII locale
    source = Path(infantile_spasms_market.__file__).parents[1]  # the package under test (a mutant's copy under mutmut)
    code = (
        "import locale, sys\n"
        "from infantile_spasms_market.scenario.loading import load_parameters\n"
        "print(locale.getpreferredencoding(False), ascii(load_parameters(sys.argv[1]).scenario.title))\n"
    )
    env = {**os.environ, "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0", "PYTHONPATH": str(source)}
    run = subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True)  # cwd: mutmut finds its config
    assert run.returncode == 0, run.stderr
    encoding, title = run.stdout.strip().split(" ", 1)
    if encoding.replace("-", "").lower() == "utf8":
        pytest.skip("this platform's C locale is UTF-8: no other default encoding to try")
    assert title == ascii("Café – a view")


def test_a_chapter_may_read_only_the_scenario_files_it_declares(tmp_path):
    declared.declare(["params/base.yaml"])
    with pytest.raises(UndeclaredInput, match="this chapter reads params/pessimistic.yaml but does not declare it"):
        load_parameters(ROOT / "params" / "pessimistic.yaml")
    assert load_parameters().scenario.name == "base"


# --------------------------------------------------------------------------- what papermill passes a chapter
@pytest.mark.parametrize(
    "given, expected",
    [
        (None, []),
        ("", []),
        (["growth.diagnosis=0.02"], ["growth.diagnosis=0.02"]),
        ('["growth.diagnosis=0.02", "market.end_year=2032"]', ["growth.diagnosis=0.02", "market.end_year=2032"]),
        ("growth.diagnosis=0.02", ["growth.diagnosis=0.02"]),
        ('  ["growth.diagnosis=0.02"]', ["growth.diagnosis=0.02"]),  # a list however it is indented
    ],
)
def test_overrides_from_papermill_strings_or_lists(given, expected):
    assert override_list(given) == expected


def test_override_string_that_is_not_a_list_is_refused():
    with pytest.raises(ParameterError, match=r"overrides: '\[1' is not a list of dotted.name=value strings"):
        override_list("[1")


def test_scenario_paths_resolve_against_the_project():
    assert scenario_path("params/base.yaml").resolve() == (PROJECT_ROOT / "params" / "base.yaml").resolve()
    assert scenario_path(None) is None and scenario_path("") is None


def test_a_scenario_path_is_kept_as_given_when_it_exists_else_taken_from_the_project(tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)
    assert scenario_path("params/base.yaml") == Path("params/base.yaml")  # it exists where papermill runs: as given
    monkeypatch.chdir(tmp_path)  # papermill's work folder
    assert scenario_path("params/base.yaml") == PROJECT_ROOT / "params" / "base.yaml"
    assert scenario_path("params/missing.yaml") == Path("params/missing.yaml")  # named as the user gave it
    assert scenario_path(tmp_path / "missing.yaml") == tmp_path / "missing.yaml"


def test_a_file_called_base_elsewhere_without_a_name_is_told_to_name_itself():
    with pytest.raises(ParameterError) as caught:
        scenario_section(None, Path("/x/base.yaml"), "x/base.yaml")
    assert caught.value.problems == [
        "scenario.name: x/base.yaml gives no name and its file name cannot serve as one; "
        "add a section such as 'scenario:\\n  name: my-view' (lower case letters, digits, - and _)"]


def test_two_files_of_one_size_and_time_are_each_read_as_themselves(tmp_path):
    # the parsed YAML is kept per file version; two files alike in size and modification time are still two files
    from infantile_spasms_market.scenario.loading import read_yaml

    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text("market: {end_year: 2031}\n", encoding="utf-8")
    second.write_text("market: {end_year: 2032}\n", encoding="utf-8")
    stamp = first.stat().st_mtime_ns
    for path in (first, second):
        os.utime(path, ns=(stamp, stamp))
    assert read_yaml(first) == {"market": {"end_year": 2031}}
    assert read_yaml(second) == {"market": {"end_year": 2032}}


def test_a_file_rewritten_is_read_again(tmp_path):
    # a new version of a file (another size, or the same size at another time) is parsed again, never served from before
    from infantile_spasms_market.scenario.loading import read_yaml

    path = tmp_path / "scenario.yaml"
    path.write_text("market: {end_year: 2031}\n", encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    assert read_yaml(path) == {"market": {"end_year": 2031}}
    path.write_text("market: {end_year: 2032}\n", encoding="utf-8")
    os.utime(path, ns=(2 * 10**18, 2 * 10**18))
    assert read_yaml(path) == {"market": {"end_year": 2032}}, "the same size at another time"
    path.write_text("market: {end_year: 2033, start_year: 2024}\n", encoding="utf-8")
    os.utime(path, ns=(2 * 10**18, 2 * 10**18))
    assert read_yaml(path) == {"market": {"end_year": 2033, "start_year": 2024}}, "another size at the same time"
