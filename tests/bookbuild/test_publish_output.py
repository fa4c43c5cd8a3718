"""Where a book may be published: never over a folder the tool did not write, never into the project's sources."""

from __future__ import annotations

import json

import pytest

from infantile_spasms_market.bookbuild.options import BuildFailed
from infantile_spasms_market.bookbuild.publish import (
    GENERATOR,
    MANIFEST_FILE,
    check_output,
    default_output,
)
from infantile_spasms_market.bookbuild.manifest import file_hashes
from infantile_spasms_market.paths import PROJECT_ROOT
from infantile_spasms_market.scenario.resolved import resolve

CACHE = PROJECT_ROOT / ".cache"


def _book(folder, extra=()):
    (folder / "book").mkdir(parents=True)
    (folder / "index.html").write_text("<html></html>")
    (folder / "book" / "page.html").write_text("<html></html>")
    manifest = {"generator": GENERATOR, "site_key": "k", "published_files": file_hashes(folder)}
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    for name in extra:
        (folder / name).write_text("a user's file")
    return folder


@pytest.mark.parametrize("state", ["missing", "empty", "a published book"])
def test_a_new_empty_or_published_folder_is_accepted(tmp_path, state):
    output = tmp_path / "html"
    if state == "empty":
        output.mkdir()
    elif state == "a published book":
        _book(output)
    check_output(output, CACHE)


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: (p.mkdir(), (p / "notes.txt").write_text("mine")), r"is not empty and holds no book published by this tool \(notes.txt\)"),
        (lambda p: _book(p, ["notes.txt"]), r"holds files the published book did not include \(notes.txt\)"),
        (lambda p: p.write_text("a file"), "is a file, not a folder"),
    ],
    ids=["a user's folder", "a book with a user's file added", "a file"],
)
def test_a_folder_the_tool_did_not_write_is_refused(tmp_path, make, why):
    output = tmp_path / "html"
    make(output)
    with pytest.raises(BuildFailed, match=why) as caught:
        check_output(output, CACHE)
    assert caught.value.exit_code == 2 and str(caught.value).startswith(f"refusing to publish the book into {output}: ")


@pytest.mark.parametrize(
    ("target", "why"),
    [
        (PROJECT_ROOT, "it is the project's own folder"),
        (PROJECT_ROOT.parent, "it contains the project"),
        (PROJECT_ROOT / "params", r"it is inside the project's sources \(params/\)"),
        (PROJECT_ROOT / "data" / "site", r"it is inside the project's sources \(data/\)"),
        (PROJECT_ROOT / "notebooks", r"it is inside the project's sources \(notebooks/\)"),
        (CACHE / "site", "it overlaps the cache folder"),
    ],
)
def test_the_project_its_sources_and_the_cache_are_refused(target, why):
    with pytest.raises(BuildFailed, match=why):
        check_output(target, CACHE)


def test_inside_the_project_only_the_build_folder_is_accepted():
    check_output(PROJECT_ROOT / "_build" / "some-new-folder-for-a-test" / "html", CACHE)


def test_each_scenario_is_published_in_its_own_folder():
    build = PROJECT_ROOT / "_build"
    assert default_output(resolve()) == build / "html"
    assert default_output(resolve("params/pessimistic.yaml")) == build / "scenarios" / "pessimistic" / "html"
    overridden = default_output(resolve(None, ["growth.diagnosis=0.02"]))
    assert overridden.parent.parent == build / "scenarios" and overridden.parent.name.startswith("base-set-")
    assert overridden != default_output(resolve(None, ["growth.diagnosis=0.03"]))


# --- no clash with the shipped scenarios ---------------------------------------------------------

def _scenario_file(folder, name, text="growth:\n  diagnosis: 0.002\n"):
    path = folder / name
    path.write_text(text)
    return path


def test_a_users_file_named_like_a_shipped_scenario_is_refused_with_what_to_rename(tmp_path):
    from infantile_spasms_market.bookbuild.publish import check_own_name

    with pytest.raises(BuildFailed) as refused:
        check_own_name(resolve(_scenario_file(tmp_path, "pessimistic.yaml")))
    message = str(refused.value)
    assert refused.value.exit_code == 2
    assert "the name of the shipped scenario params/pessimistic.yaml" in message
    assert "_build/scenarios/pessimistic" in message and "rename the file (e.g. to my-pessimistic.yaml)" in message


def test_a_users_file_calling_itself_like_a_shipped_scenario_is_refused(tmp_path):
    from infantile_spasms_market.bookbuild.publish import check_own_name

    copied = _scenario_file(tmp_path, "copy.yaml", "scenario:\n  name: optimistic\n  title: My optimistic view\n")
    with pytest.raises(BuildFailed, match=r"change its 'scenario: name: optimistic' to a name of its own \(e.g. my-optimistic\)"):
        check_own_name(resolve(copied))


def test_shipped_scenarios_and_names_of_ones_own_are_accepted(tmp_path):
    from infantile_spasms_market.bookbuild.publish import check_own_name

    for scenario in ("params/pessimistic.yaml", "params/triangulated.yaml", None):
        check_own_name(resolve(scenario))
    check_own_name(resolve(_scenario_file(tmp_path, "my-view.yaml")))
    check_own_name(resolve("params/pessimistic.yaml", ["growth.access=0.01"]))


def test_a_users_file_named_like_a_shipped_scenario_is_refused_with_overrides_too(tmp_path):
    # the shipped scenario with the same --set publishes into _build/scenarios/pessimistic-set-growth.access=0.01
    from infantile_spasms_market.bookbuild.publish import check_own_name

    with pytest.raises(BuildFailed, match=r"that scenario's folder \(_build/scenarios/pessimistic-set-growth.access=0.01\)"):
        check_own_name(resolve(_scenario_file(tmp_path, "pessimistic.yaml"), ["growth.access=0.01"]))


def test_every_shipped_scenario_publishes_under_its_own_name():
    from infantile_spasms_market.scenario.loading import scenario_files, shipped_names

    names = shipped_names()
    assert names["base"].name == "base.yaml" and names["triangulated"].name == "triangulated.yaml"
    assert sorted(p.name for p in names.values()) == sorted(p.name for p in scenario_files())
