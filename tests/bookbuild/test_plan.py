"""Each chapter declares what it reads; its cache key hashes exactly that, so one data file re-executes only its readers."""

from __future__ import annotations

import fnmatch
import json

import pytest

from infantile_spasms_market.bookbuild import hashing, plan
from infantile_spasms_market.bookbuild.cache import NotebookCache
from infantile_spasms_market.bookbuild.options import BuildFailed, BuildOptions
from infantile_spasms_market.inputs.declared import ALWAYS_READ
from infantile_spasms_market.paths import PROJECT_ROOT
from infantile_spasms_market.scenario.resolved import resolve


def _notebook(tmp_path, code: str):
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "source": code}]}), encoding="utf-8")
    return path


def test_the_chapters_declare_their_reads():
    reads = {n.stem: plan.declared_reads(n) for n in plan.toc_notebooks()}
    assert reads["landscape"] == ("data/events.csv", "data/key_players.csv", "data/pipeline.csv")
    assert reads["segments"] == ()
    assert reads["scenarios"] == ("params/*.yaml",)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("x = 1", "no open_chapter"),
        ("chapter = open_chapter(scenario, reads=FILES)", "must be a literal list"),
    ],
)
def test_a_chapter_whose_reads_are_unknown_is_refused(tmp_path, code, message):
    with pytest.raises(BuildFailed, match=message):
        plan.declared_reads(_notebook(tmp_path, code))


def test_a_declared_file_that_does_not_exist_is_refused(tmp_path):
    path = _notebook(tmp_path, "chapter = open_chapter(scenario, reads=['data/evnts.csv'])")
    with pytest.raises(BuildFailed, match="names 'data/evnts.csv', which matches no file"):
        plan.input_hashes(path, plan.declared_reads(path))


def test_the_model_inputs_are_always_hashed():
    hashes = plan.input_hashes(PROJECT_ROOT / "notebooks" / "segments.ipynb", ())
    assert list(hashes) == sorted(ALWAYS_READ)


def test_changing_one_data_file_changes_only_its_readers_keys(tmp_path, monkeypatch):
    scenario, options = resolve(), BuildOptions()
    cache = NotebookCache(tmp_path)
    before = {n.name: n.static_key for n in plan.plan(scenario, options, cache)[0]}
    real = hashing.file_hash
    monkeypatch.setattr(hashing, "file_hash", lambda p: "edited" if p.name == "events.csv" else real(p))
    after = {n.name: n.static_key for n in plan.plan(scenario, options, cache)[0]}
    changed = sorted(name for name in before if before[name] != after[name])
    readers = sorted(
        n.stem for n in plan.toc_notebooks() if any(fnmatch.fnmatchcase("data/events.csv", p) for p in plan.declared_reads(n))
    )
    assert changed == readers and set(readers) == {"companies", "data", "drivers", "landscape", "trends"}  # data lists every file's locators


def test_a_run_is_keyed_on_the_values_of_the_parameters_it_read():
    def key(scenario, read):
        return plan.key_after_run("static", scenario, read)[0]

    base, read = resolve(), ["growth.diagnosis", "regions.share_2024"]
    assert key(base, read) == key(resolve("params/base.yaml"), list(reversed(read)))
    assert key(base, read) != key(resolve(None, ["growth.diagnosis=0.02"]), read), "a value it read changed"
    assert key(base, read) == key(resolve(None, ["growth.access=0.02"]), read), "a parameter it never read changed"
    assert key(base, read) != key(resolve(None, ["growth.diagnosis=0.012"]), read), \
        "the same value set by --set: its figures name the override"
    assert key(base, read) != key(resolve(None, ["regions.share_2024.europe=0.29", "regions.share_2024.north_america=0.40"]), read)
    assert key(base, read) != key(base, [*read, "growth.access"]) and key(base, None) == key(base, [""])
    assert key(base, ["@overrides"]) != key(resolve(None, ["growth.access=0.02"]), ["@overrides"]), "it listed the overrides"
    assert plan.key_after_run("static", base, ["growth", "growth.access"])[1] == ["growth"]


def test_a_stored_run_is_found_for_a_scenario_with_the_same_values_where_it_read(tmp_path):
    cache, scenario = NotebookCache(tmp_path / "cache"), resolve()
    key, read = plan.key_after_run("static", scenario, ["growth.innovation"])
    run = tmp_path / "run"
    run.mkdir()
    (run / "notebook.ipynb").write_text("{}")
    cache.store(key, run, {"seconds": 1})
    cache.remember_read_set("static", read)
    assert plan.cached_run("static", resolve(None, ["growth.diagnosis=0.02"]), cache) == (key, ["growth.innovation"])
    assert plan.cached_run("static", resolve(None, ["growth.innovation=0.02"]), cache) is None
    assert plan.cached_run("other", scenario, cache) is None
