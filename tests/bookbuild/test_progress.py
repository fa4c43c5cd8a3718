"""What the build tells the terminal: notebooks running and done, each step's time, an estimate of what is left."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from infantile_spasms_market.bookbuild.progress import Reporter, about, remaining_seconds


def reporter() -> tuple[Reporter, io.StringIO]:
    out = io.StringIO()
    return Reporter(Console(file=out, force_terminal=False, width=200)), out


def test_the_time_left_comes_from_last_times_shared_by_the_workers():
    expected = {"a": 10.0, "b": 6.0, "c": 4.0}
    assert remaining_seconds(expected, {}, ["a", "b", "c"], jobs=2) == pytest.approx(10.0)  # 20 s of work, 2 workers
    assert remaining_seconds(expected, {"a": 3.0}, ["b", "c"], jobs=2) == pytest.approx(8.5)
    assert remaining_seconds(expected, {"a": 3.0}, [], jobs=2) == pytest.approx(7.0), "never before the longest running ends"
    assert remaining_seconds({"a": 10.0, "new": None}, {}, ["a", "new"], jobs=1) == pytest.approx(20.0), "unknown: the mean"
    assert remaining_seconds({"a": None}, {}, ["a"], jobs=1) is None
    assert (about(None), about(0.2), about(40.4), about(300)) == ("", "almost done", "about 40 s left", "about 5 min left")


def test_running_notebooks_are_shown_and_each_end_says_what_is_left():
    rep, out = reporter()
    rep.plan(3, 11, 2, {"uncertainty": 10.0, "segments": 4.0, "new": None})
    rep.started("uncertainty")
    rep.started("segments")
    rep.finished("segments", 4.2)
    rep.started("new")
    rep.failed("new", 1.0)
    text = out.getvalue()
    assert "notebooks: 3 to execute, 11 reused from the cache (2 in parallel); about 10 s from their times last time" in text
    assert "run    uncertainty              (took 10.0 s last time)" in text
    assert [line.split()[1] for line in text.splitlines() if line.strip().startswith("run")] == ["uncertainty", "segments", "new"]
    ok = next(line for line in text.splitlines() if line.strip().startswith("ok"))
    assert "4.2 s" in ok and "1 of 3 done; running uncertainty; about" in ok
    failed = next(line for line in text.splitlines() if "FAILED" in line)
    assert "2 of 3 done; running uncertainty" in failed


def test_each_step_says_how_long_it_took_when_the_next_begins():
    rep, out = reporter()
    rep.plan(0, 14, 2, {})
    rep.step("assembling the site source")
    rep.step("building HTML with Jupyter Book", 9.04)
    rep.end_step()
    lines = out.getvalue().splitlines()
    assert lines[1] == "assembling the site source ..."
    assert lines[2].startswith("assembling the site source: ") and lines[2].endswith(" s")
    assert lines[3] == "building HTML with Jupyter Book ... (took 9.0 s last time)"
    assert lines[4].startswith("building HTML with Jupyter Book: ")
    rep.end_step()
    assert len(out.getvalue().splitlines()) == 5, "a step ends once"


def test_executing_the_notebooks_is_a_step_with_its_time():
    rep, out = reporter()
    rep.plan(1, 0, 1, {"a": None})
    rep.started("a")
    rep.finished("a", 0.5)
    rep.step("assembling the site source")
    assert any(line.startswith("executing notebooks: ") for line in out.getvalue().splitlines())
