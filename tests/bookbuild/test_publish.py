"""Publishing: the finished site replaces the output by two journaled renames; a lock per output keeps builds apart."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from infantile_spasms_market.bookbuild.publish import (
    BuildLocked,
    build_lock,
    recover,
    recover_all,
    swap_in,
)
from infantile_spasms_market.bookbuild.workspace import Workspace


def _site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text)
    return folder


def test_swap_replaces_the_site_and_leaves_nothing_beside_it(tmp_path):
    output, cache = _site(tmp_path / "out" / "html", "old"), tmp_path / "cache"
    with Workspace.open(cache) as workspace:
        swap_in(_site(workspace.folder("built") / "site", "new"), output, workspace, cache)
    assert (output / "index.html").read_text() == "new"
    assert [p.name for p in output.parent.iterdir()] == ["html"]
    assert not list((cache / "builds").iterdir()) and not list((cache / "publish").iterdir())


def test_first_publish_needs_no_previous_site(tmp_path):
    output, cache = tmp_path / "out" / "html", tmp_path / "cache"
    with Workspace.open(cache) as workspace:
        swap_in(_site(tmp_path / "built", "new"), output, workspace, cache)
    assert (output / "index.html").read_text() == "new"


def test_a_swap_a_dead_build_left_half_done_is_undone(tmp_path):
    output, cache = tmp_path / "html", tmp_path / "cache"
    previous = _site(tmp_path / "cache" / "builds" / "123-dead" / "staging" / "previous", "old")
    journal = cache / "publish" / "x.json"
    journal.parent.mkdir(parents=True)
    journal.write_text(json.dumps({"output": str(output), "previous": str(previous)}))
    assert recover_all(cache) == [output]
    assert (output / "index.html").read_text() == "old" and not journal.exists()
    assert recover(output, cache) is False


def test_second_build_waits_then_refuses_clearly(tmp_path):
    output, cache = tmp_path / "html", tmp_path / "cache"
    held, release = threading.Event(), threading.Event()

    def hold():
        with build_lock(output, cache, wait_seconds=1):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    start = time.perf_counter()
    with pytest.raises(BuildLocked, match="another build is writing .*gave up after waiting 0.3 s"):
        with build_lock(output, cache, wait_seconds=0.3):
            pass
    assert time.perf_counter() - start >= 0.3
    release.set()
    thread.join()
    with build_lock(output, cache, wait_seconds=1):  # free again
        pass
    assert not any(p.name.endswith(".lock") for p in tmp_path.iterdir()), "the lock lives in the cache, not beside the output"
