"""Sphinx's state is kept between builds of one output: only changed pages are read and written again, and the pages
are exactly those a full build of the same source gives."""

from __future__ import annotations

import os
import shutil
import time

import pytest
from conftest import run_cli

from infantile_spasms_market.bookbuild.build import scenario_banner
from infantile_spasms_market.bookbuild.jupyterbook import (
    BANNER_TOKEN,
    TITLE_TOKEN,
    SiteState,
    build_html,
    copy_site,
    sync_tree,
)
from infantile_spasms_market.paths import SITE_STATE_FILE as STATE_FILE
from infantile_spasms_market.scenario.resolved import resolve


def test_syncing_keeps_the_time_of_unchanged_files(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    (source / "a").mkdir(parents=True)
    (source / "a" / "same.txt").write_text("same")
    (source / "changed.txt").write_text("new")
    (target / "a").mkdir(parents=True)
    (target / "a" / "same.txt").write_text("same")
    (target / "changed.txt").write_text("old")
    (target / "gone.txt").write_text("left over")
    old = time.time() - 1000
    for path in target.rglob("*.txt"):
        os.utime(path, (old, old))
    assert sync_tree(source, target) == 1
    assert (target / "a" / "same.txt").stat().st_mtime == old, "an unchanged file keeps its time: Sphinx does not read it again"
    assert (target / "changed.txt").read_text() == "new" and (target / "changed.txt").stat().st_mtime > old
    assert not (target / "gone.txt").exists()


def test_the_published_copy_carries_the_banner(tmp_path):
    html = tmp_path / "html"
    (html / "notebooks").mkdir(parents=True)
    (html / "notebooks" / "a.html").write_text(f"<div>{BANNER_TOKEN}</div>")
    (html / "logo.png").write_bytes(b"\x89PNG")
    (html / ".buildinfo").write_text("config hash")
    site = copy_site(html, tmp_path / "published", "Scenario: base with overrides x=1. Not the base case.")
    assert (site / "notebooks" / "a.html").read_text() == "<div>Scenario: base with overrides x=1. Not the base case.</div>"
    assert (site / "logo.png").read_bytes() == b"\x89PNG" and not (site / ".buildinfo").exists()
    assert BANNER_TOKEN in (html / "notebooks" / "a.html").read_text(), "Sphinx's own page is left as Sphinx wrote it"


def test_the_banner_and_title_are_text_not_markup(tmp_path):
    html = tmp_path / "html"
    html.mkdir()
    (html / "a.html").write_text(f"<title>Page - {TITLE_TOKEN}</title><div>{BANNER_TOKEN}</div>")  # element text, as Sphinx puts them
    site = copy_site(html, tmp_path / "published", "Scenario: the report's note set to <b>x & y</b>.", tab="<i>Base + x</i>")
    assert (site / "a.html").read_text() == (
        "<title>Page - &lt;i&gt;Base + x&lt;/i&gt;</title><div>Scenario: the report's note set to &lt;b&gt;x &amp; y&lt;/b&gt;.</div>")


def test_a_state_from_other_code_is_not_used(tmp_path):
    state = SiteState.for_output(tmp_path, tmp_path / "site")
    state.folder.mkdir(parents=True)
    (state.folder / STATE_FILE).write_text('{"key": "a"}')
    assert state.usable("a") and not state.usable("b")
    assert SiteState.for_output(tmp_path, tmp_path / "other").folder != state.folder


@pytest.mark.slow
def test_a_rebuild_reads_only_changed_pages_and_writes_what_a_full_build_writes(tmp_path, cache_dir):
    output = tmp_path / "site" / "html"
    state = SiteState.for_output(cache_dir, output)
    for value in (30, 40):
        result = run_cli("build", "--no-pdf", "--output", str(output), "--cache-dir", str(cache_dir),
                         "--set", f"companies.share_concentration={value}")
        assert result.returncode == 0, result.stderr
        if value == 30:
            pages = state.output / "_build" / "html" / "notebooks"
            written = {p.name: p.stat().st_mtime_ns for p in pages.glob("*.html")}
    again = {p.name: p.stat().st_mtime_ns for p in pages.glob("*.html")}
    assert again["landscape.html"] == written["landscape.html"], "a chapter that did not change is not written again"
    assert again["companies.html"] != written["companies.html"]
    banner = scenario_banner(resolve(None, ["companies.share_concentration=40"]))
    assert "(concentration) set to 40" in banner and banner in (output / "notebooks" / "landscape.html").read_text(encoding="utf-8")
    assert BANNER_TOKEN not in (output / "notebooks" / "landscape.html").read_text(encoding="utf-8")

    source = shutil.copytree(state.source, tmp_path / "same-source")
    full = build_html(source, tmp_path / "full", tmp_path / "full.log")
    assert not isinstance(full, Exception) and (full / "index.html").is_file(), full
    kept = state.output / "_build" / "html"
    files = sorted(p.relative_to(full) for p in full.rglob("*") if p.is_file() and p.name != ".buildinfo")
    assert files == sorted(p.relative_to(kept) for p in kept.rglob("*") if p.is_file() and p.name != ".buildinfo")
    different = [str(f) for f in files if (full / f).read_bytes() != (kept / f).read_bytes()]
    assert not different, f"the incremental build wrote other pages than a full build of the same source: {different}"


def test_the_cache_keeps_the_state_of_the_outputs_built_last(tmp_path):
    from infantile_spasms_market.bookbuild.jupyterbook import STATES_KEPT, prune

    folders = []
    for i in range(STATES_KEPT + 2):
        folder = tmp_path / f"state{i}"
        folder.mkdir()
        (folder / STATE_FILE).write_text("{}")
        os.utime(folder / STATE_FILE, (1000 + i, 1000 + i))
        folders.append(folder)
    running = tmp_path / "running"  # another build's, still without a state file
    running.mkdir()
    prune(tmp_path, keep=folders[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["running", folders[0].name, *(f.name for f in folders[-(STATES_KEPT - 1):])])


def test_what_earlier_builds_left_is_removed(tmp_path):
    from infantile_spasms_market.bookbuild.jupyterbook import tidy

    html, source = tmp_path / "html", tmp_path / "source"
    for path, text in {"notebooks/a.html": '<img src="../_images/new.png">', "_images/new.png": "", "_images/old.png": "",
                       "downloads/figures/kept.png": "", "downloads/figures/gone.png": ""}.items():
        (html / path).parent.mkdir(parents=True, exist_ok=True)
        (html / path).write_text(text)
    (source / "_site_extra" / "downloads" / "figures").mkdir(parents=True)
    (source / "_site_extra" / "downloads" / "figures" / "kept.png").write_text("")
    assert tidy(html, source) == ["_images/old.png", "downloads/figures/gone.png"]
    assert (html / "_images" / "new.png").is_file() and (html / "downloads" / "figures" / "kept.png").is_file()
