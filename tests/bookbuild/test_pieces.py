"""Unit tests of the build pipeline's pieces: hashing, cache keys and decisions, overrides, staging and swap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infantile_spasms_market.bookbuild import hashing
from infantile_spasms_market.bookbuild.cache import NotebookCache, notebook_key
from infantile_spasms_market.bookbuild.execute import NotebookFailure, finish_notebook
from infantile_spasms_market.bookbuild.manifest import render_markdown
from infantile_spasms_market.bookbuild.plan import toc_notebooks
from infantile_spasms_market.scenario.errors import ParameterError
from infantile_spasms_market.scenario.loading import apply_overrides, parse_override


def _notebook(path: Path, source: str, outputs: list | None = None, tags: list[str] | None = None) -> Path:
    cell = {"cell_type": "code", "source": source, "metadata": {"tags": tags or []}, "outputs": outputs or [],
            "execution_count": 3 if outputs else None, "id": "a"}
    path.write_text(json.dumps({"cells": [cell], "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4,
                                "nbformat_minor": 5}))
    return path


# --- hashing -------------------------------------------------------------------------------------

def test_notebook_hash_ignores_outputs_and_counts(tmp_path):
    clean = _notebook(tmp_path / "a.ipynb", "x = 1")
    executed = _notebook(tmp_path / "b.ipynb", "x = 1", outputs=[{"output_type": "stream", "text": "hi"}])
    assert hashing.notebook_source_hash(clean) == hashing.notebook_source_hash(executed)


@pytest.mark.parametrize("change", [{"source": "x = 2"}, {"tags": ["remove-cell"]}])
def test_notebook_hash_changes_with_source_or_tags(tmp_path, change):
    base = _notebook(tmp_path / "a.ipynb", "x = 1")
    other = _notebook(tmp_path / "b.ipynb", change.get("source", "x = 1"), tags=change.get("tags"))
    assert hashing.notebook_source_hash(base) != hashing.notebook_source_hash(other)


def test_digest_is_independent_of_key_order():
    assert hashing.digest({"a": 1, "b": [1, 2]}) == hashing.digest({"b": [1, 2], "a": 1})
    assert hashing.digest({"a": 1}) != hashing.digest({"a": 2})


def test_tree_hashes_are_relative_sorted_and_skip_pycache(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("a")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.pyc").write_text("junk")
    hashes = hashing.tree_hashes(tmp_path)
    assert list(hashes) == ["b.txt", "sub/a.txt"]
    assert hashes["b.txt"] == hashing.sha256_bytes(b"b")


# --- cache keys and decisions ---------------------------------------------------------------------

BASE_INPUTS = {"source_hash": "s", "reads": {"data/x.csv": "1"}, "package_hash": "p", "versions": {"pandas": "3"}}


@pytest.mark.parametrize(
    "field, value",
    [
        ("source_hash", "s2"),
        ("reads", {"data/x.csv": "2"}),
        ("reads", {"data/x.csv": "1", "data/y.csv": "1"}),
        ("package_hash", "p2"),
        ("versions", {"pandas": "2"}),
    ],
)
def test_cache_key_changes_with_every_dependency(field, value):
    assert notebook_key(**BASE_INPUTS) != notebook_key(**{**BASE_INPUTS, field: value})


def test_cache_key_is_stable():
    assert notebook_key(**BASE_INPUTS) == notebook_key(**dict(BASE_INPUTS))


def test_cache_stores_whole_entries_only(tmp_path):
    cache = NotebookCache(tmp_path / "cache")
    key = "ab" * 32
    assert not cache.has(key)
    workdir = tmp_path / "cache" / "builds" / "run"
    (workdir / "downloads").mkdir(parents=True)
    (workdir / "notebook.ipynb").write_text("{}")
    (workdir / "downloads" / "fig.csv").write_text("a,b\n1,2\n")
    entry = cache.store(key, workdir, {"seconds": 1.5})
    assert cache.has(key) and entry == cache.entry(key)
    assert cache.meta(key)["seconds"] == 1.5
    assert not workdir.exists()
    assert cache.damage(key) is None
    (entry / "downloads" / "fig.csv").write_text("a,b\n1,3\n")
    assert cache.damage(key) == "downloads/fig.csv changed"
    (entry / "downloads" / "fig.csv").write_text("a,b\n1,2\n")
    (entry / "notebook.ipynb").unlink()
    assert cache.damage(key) == "notebook.ipynb is missing"


def test_cache_without_meta_is_not_trusted(tmp_path):
    cache = NotebookCache(tmp_path)
    entry = cache.entry("cd" * 32)
    entry.mkdir(parents=True)
    (entry / "notebook.ipynb").write_text("{}")  # an interrupted copy: no meta.json
    assert not cache.has("cd" * 32)


def test_toc_lists_existing_notebooks():
    notebooks = toc_notebooks()
    assert notebooks and all(p.suffix == ".ipynb" and p.is_file() for p in notebooks)


# --- overrides -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, keys, value",
    [
        ("growth.diagnosis=0.02", ["growth", "diagnosis"], 0.02),
        ("market.end_year=2032", ["market", "end_year"], 2032),
        ("trends.novel_therapy.enabled=true", ["trends", "novel_therapy", "enabled"], True),
        ("scenario.title=My high case", ["scenario", "title"], "My high case"),
        ("scenario.title='a: b'", ["scenario", "title"], "a: b"),
        ("regions.share_2024={north_america: 1.0}", ["regions", "share_2024"], {"north_america": 1.0}),
    ],
)
def test_parse_override_reads_yaml_values(text, keys, value):
    assert parse_override(text) == (keys, value)


def test_override_value_is_never_evaluated():
    keys, value = parse_override("scenario.title=__import__('os').system('false')")
    assert value == "__import__('os').system('false')"


@pytest.mark.parametrize(
    "text, message",
    [
        ("growth.diagnosis", "--set 'growth.diagnosis': expected dotted.name=value, e.g. market.end_year=2032"),
        ("=1", "--set '=1': expected dotted.name=value, e.g. market.end_year=2032"),
        ("growth..diagnosis=1", "--set 'growth..diagnosis=1': empty part in the name 'growth..diagnosis'"),
        ("growth.diagnosis=", "--set growth.diagnosis: a value is required after '=' (empty and null are not values)"),
        ("growth.diagnosis=[1", "--set growth.diagnosis: value '[1' is not valid YAML (expected ',' or ']', but got '<stream end>')"),
    ],
)
def test_bad_override_syntax_is_named(text, message):
    with pytest.raises(ParameterError) as err:
        parse_override(text)
    assert err.value.problems == [message]


def test_apply_overrides_does_not_touch_the_input():
    tree = {"growth": {"diagnosis": 0.01}}
    assert apply_overrides(tree, ["growth.diagnosis=0.02"]) == {"growth": {"diagnosis": 0.02}}
    assert tree == {"growth": {"diagnosis": 0.01}}


# --- execution reports and the manifest page -------------------------------------------------------------

def test_failure_message_names_notebook_cell_and_error():
    failure = NotebookFailure("segments", 4, "total = table.sum()", "KeyError: 'x'", [f"line {i}" for i in range(30)])
    text = failure.message()
    assert text.startswith("segments, cell 4 (total = table.sum()) failed: KeyError: 'x'")
    assert "line 29" in text and "line 5" not in text  # short traceback: the last lines only
    assert "line 0" in failure.message(debug=True)


def test_injected_parameters_cell_is_hidden_and_shows_the_scenario_file_not_the_build_paths(tmp_path):
    path = _notebook(tmp_path / "n.ipynb", "# Parameters\nscenario = '/tmp/cache/scenarios/ab12.yaml'\noutput_dir = '/tmp/cache/builds/1-x/data-y'\n",
                     tags=["injected-parameters"])
    finish_notebook(path, {"scenario": "params/pessimistic.yaml", "overrides": ["growth.diagnosis=0.02"]})
    cell = json.loads(path.read_text())["cells"][0]
    assert cell["metadata"]["tags"] == ["injected-parameters", "remove-cell"]
    assert cell["id"] == "injected-parameters"  # papermill gives it a random id
    assert "/tmp" not in cell["source"]
    assert cell["source"].endswith('scenario = "params/pessimistic.yaml"\noverrides = ["growth.diagnosis=0.02"]\n')


MANIFEST = {
    "scenario": {"name": "base", "title": "Base", "file": "params/base.yaml", "overrides": ["growth.diagnosis=0.02"]},
    "git": {"commit": "abc", "dirty": True},
    "built_at": "2026-11-23T09:41:07+00:00",
    "source_date": {"epoch": 1767323045, "date": "2026-01-02", "time": "2026-01-02T03:04:05+00:00", "origin": "git commit"},
    "python": "3.11.7",
    "summary": {"executed": 1, "reused": 0},
    "notebooks": [{"name": "segments", "status": "executed", "seconds": 3.21, "key": "f" * 64}],
    "data": {"live_births.csv": "0" * 64},
    "versions": {"pandas": "3.1.1"},
    "parameters": {"growth": {"diagnosis": 0.02}},
}


def test_manifest_page_shows_scenario_notebooks_and_data():
    page = render_markdown(MANIFEST)
    for text in ("`growth.diagnosis=0.02`", "`abc (with uncommitted changes)`", "| `segments` | `ffffffffffff` |",
                 "`live_births.csv`", "| pandas | 3.1.1 |", "diagnosis: 0.02", "2026-01-02T03:04:05+00:00 (the date of the git commit)"):
        assert text in page


@pytest.mark.parametrize("run", [{"built_at": "2026-12-25T23:59:59+00:00"}, {"notebooks": [{**MANIFEST["notebooks"][0], "status": "reused", "seconds": 0.4}]},
                                 {"summary": {"executed": 0, "reused": 1}}], ids=["clock", "cache", "counts"])
def test_manifest_page_is_the_same_whenever_and_however_the_commit_is_built(run):
    """Times, durations and what the cache held stay in manifest.json: the page depends on the commit only."""
    assert render_markdown({**MANIFEST, **run}) == render_markdown(MANIFEST)
    assert "2026-11-23" not in render_markdown(MANIFEST) and "3.2" not in render_markdown(MANIFEST)


def test_banner_names_scenario_and_overrides():
    from infantile_spasms_market.bookbuild.build import scenario_banner
    from infantile_spasms_market.scenario.resolved import resolve

    assert scenario_banner(resolve()) is None
    assert scenario_banner(resolve(None, ["growth.diagnosis=0.02"])) == (
        "Scenario: Base case: the report's figures, with growth from diagnosis set to 0.02 (not the base case)."
    )
    other = resolve(None, ["scenario.name=alt", "scenario.title=Alternative"])
    assert scenario_banner(other) == (
        "Scenario: Alternative. Not the base case."
    )
    assert scenario_banner(resolve("params/pessimistic.yaml")) == (
        "Scenario: Pessimistic: price erosion and slower diagnosis. Not the base case.")


@pytest.mark.parametrize(
    "error, retried",
    [
        (RuntimeError("Kernel died before replying to kernel_info"), True),
        (RuntimeError("Kernel didn't respond in 60 seconds"), True),
        (ValueError("deliberate failure in a cell"), False),
        (RuntimeError("something else"), False),
    ],
)
def test_only_kernel_start_failures_are_retried(error, retried):
    from infantile_spasms_market.bookbuild.execute import is_kernel_start_failure

    assert is_kernel_start_failure(error) is retried
