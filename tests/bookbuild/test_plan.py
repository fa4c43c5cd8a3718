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
    before = {n.name: n.key for n in plan.plan(scenario, options, cache)[0]}
    real = hashing.file_hash
    monkeypatch.setattr(hashing, "file_hash", lambda p: "edited" if p.name == "events.csv" else real(p))
    after = {n.name: n.key for n in plan.plan(scenario, options, cache)[0]}
    changed = sorted(name for name in before if before[name] != after[name])
    readers = sorted(
        n.stem for n in plan.toc_notebooks() if any(fnmatch.fnmatchcase("data/events.csv", p) for p in plan.declared_reads(n))
    )
    assert changed == readers and set(readers) == {"companies", "data", "drivers", "landscape", "trends"}  # data lists every file's locators


def test_a_scenario_change_changes_every_key(tmp_path):
    cache = NotebookCache(tmp_path)
    base = plan.plan(resolve(), BuildOptions(), cache)[0]
    other = plan.plan(resolve(None, ["growth.diagnosis=0.02"]), BuildOptions(), cache)[0]
    assert all(a.key != b.key for a, b in zip(base, other))
