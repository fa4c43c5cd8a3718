"""A build's scratch space lives in the cache, is removed when the build ends, and by the next build after a kill -9."""

from __future__ import annotations

import subprocess
import sys

from infantile_spasms_market.bookbuild.workspace import Workspace, remove_stale


def test_a_workspace_is_removed_when_it_closes(tmp_path):
    with Workspace.open(tmp_path) as workspace:
        folder = workspace.folder("segments")
        (folder / "notebook.ipynb").write_text("{}")
        assert workspace.root.parent == tmp_path / "builds"
    assert not workspace.root.exists()


def test_a_running_builds_workspace_is_kept_and_a_dead_ones_removed(tmp_path):
    with Workspace.open(tmp_path) as running:
        dead = subprocess.run(
            [sys.executable, "-c",
             "import os, sys; from infantile_spasms_market.bookbuild.workspace import Workspace; "
             f"w = Workspace.open({str(tmp_path)!r}); print(w.root); os._exit(0)"],  # dies holding its workspace
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        assert remove_stale(tmp_path / "builds") == [type(running.root)(dead)]
        assert running.root.exists()
