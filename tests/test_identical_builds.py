"""Same commit, same bytes: two clean builds of one commit, in two folders, publish identical files.

The working tree is copied twice (each copy its own git repository holding one commit made with
the same author, date and message, so both are the same commit), each copy builds with its own
empty cache into its own output folder, one after the other (so the clock moves between them),
and every published file is compared byte for byte. Only the files declared time-stamped on the
Reproducibility page (:data:`TIME_STAMPED`) may differ.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CHROMIUM, IN_CI, ROOT

from infantile_spasms_market.bookbuild.manifest import MANIFEST_FILE, file_hashes, verify
from infantile_spasms_market.paths import ROOT_VARIABLE
from infantile_spasms_market.reproducible import TIME_STAMPED

COMMIT_DATE = "2026-01-02T03:04:05Z"
# The kinds of file the book publishes; each must be among what the two builds compared.
KINDS = {".html", ".csv", ".json", ".parquet", ".png", ".svg", ".xlsx", ".pptx", ".ipynb", ".js"}


def _tracked_files() -> list[str]:
    run = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        pytest.skip(f"the project is not a git checkout ({run.stderr.strip()}): no commit to build twice")
    return [name for name in run.stdout.splitlines() if (ROOT / name).is_file()]


def _commit(project: Path, files: list[str]) -> str:
    """Copy the working tree's files into ``project`` and commit them there as one commit; its id."""
    for name in files:
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(project), "GIT_AUTHOR_DATE": COMMIT_DATE,
           "GIT_COMMITTER_DATE": COMMIT_DATE, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "the commit built twice"]):
        subprocess.run(["git", *command], cwd=project, check=True, env=env, capture_output=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, check=True, env=env, capture_output=True, text=True).stdout.strip()


def _build(folder: Path) -> Path:
    """A clean build of the commit in ``folder/project``, with its own code, cache and output; its site."""
    project = folder / "project"
    env = {k: v for k, v in os.environ.items() if k not in {ROOT_VARIABLE, "SOURCE_DATE_EPOCH", "PYTHONPATH"}}
    env["PYTHONPATH"] = str(project / "src")  # this copy's package, not the one installed from the repository
    site = folder / "site"
    run = subprocess.run(
        [sys.executable, "-m", "infantile_spasms_market", "build", "--output", str(site), "--cache-dir", str(folder / "cache")],
        cwd=project, env=env, capture_output=True, text=True, timeout=1800,
    )
    assert run.returncode == 0, f"build in {folder} failed:\n{run.stdout}\n{run.stderr}"
    summary = json.loads((site / MANIFEST_FILE).read_text(encoding="utf-8"))["summary"]
    assert summary["reused"] == 0 and summary["executed"] > 0, summary  # a clean build: every chapter executed here
    return site


@pytest.mark.slow
def test_two_clean_builds_of_one_commit_in_two_folders_publish_the_same_bytes(tmp_path):
    files = _tracked_files()
    folders = [tmp_path / "one", tmp_path / "another-folder"]
    commits = [_commit(folder / "project", files) for folder in folders]  # both copies before either build
    assert commits[0] == commits[1]
    first, second = (_build(folder) for folder in folders)

    a, b = file_hashes(first), file_hashes(second)
    assert sorted(set(a) ^ set(b)) == [], "the two builds publish different sets of files"
    differing = sorted(name for name in a if a[name] != b[name])
    assert differing == [], f"files that differ between two builds of one commit: {differing}"
    assert (first / MANIFEST_FILE).read_bytes() != b"" and MANIFEST_FILE in TIME_STAMPED  # the one file allowed to differ

    kinds = {Path(name).suffix for name in a}
    assert KINDS <= kinds, f"kinds of file not compared: {sorted(KINDS - kinds)}"
    if CHROMIUM or IN_CI:
        assert ".pdf" in kinds, "Chromium is here (or CI requires it) but no PDF was published to compare"

    for site in (first, second):
        _, own, other = verify(site, against=second if site == first else first)
        assert not own and not other, f"{site}: {own.lines()} {other.lines() if other else ''}"
    page = (first / "book" / "reproducibility.html").read_text(encoding="utf-8")
    assert len(TIME_STAMPED) <= 3 and all(name in page for name in TIME_STAMPED), "a time-stamped file is not declared on the page"
    assert COMMIT_DATE.replace("Z", "+00:00") in page and "the date of the git commit" in page
