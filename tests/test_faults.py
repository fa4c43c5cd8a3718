"""Faults a user or the machine can cause lose nothing: folders the tool does not own, Ctrl-C, SIGTERM, kill -9
(also between the two renames that publish a book), a damaged cache entry, a full disk, a chapter run alone.

Each case asserts the exit code, the message, that the published book is byte for byte unchanged,
and that nothing is left behind (no lock or staging folder beside the output, no workspace in the
cache, no process).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from conftest import copy_project, run_cli, seeded_cache, tree_digest

pytestmark = pytest.mark.slow

STOP_SECONDS = 3.0  # the build's own budget is 2 s; a loaded CI machine gets a second more
EXECUTING = "  run  "  # the progress line of a chapter that starts executing
MARK = "ISM_FAULT_TEST_BUILD"  # in a build's environment, so its kernels' and Chromium's processes can be found


def running(mark: str, but: int | None = None) -> list[str]:
    """The processes still running (not zombies) whose environment holds ``mark`` (a build's, as its children inherit it)."""
    left = []
    for process in psutil.process_iter(["pid", "name"]):
        try:
            if process.pid != but and process.environ().get(MARK) == mark and process.status() != psutil.STATUS_ZOMBIE:
                left.append(f"{process.info['name']} ({process.pid})")
        except psutil.Error:
            pass
    return left


def read_until(build: subprocess.Popen, text: str) -> list[str]:
    """The build's error output, read line by line up to the first line holding ``text`` (the build goes on)."""
    lines = []
    for line in build.stderr:
        lines.append(line)
        if text in line:
            return lines
    raise AssertionError(f"the build ended before saying {text!r}:\n{''.join(lines)}")


@dataclass(frozen=True)
class Published:
    """A project copy, its cache and the book built from it (the book every case must leave as it was)."""

    root: Path
    env: dict[str, str]
    output: Path
    cache: Path

    def build(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return run_cli("build", "--output", str(self.output), "--cache-dir", str(self.cache), *args, env=self.env, **kwargs)

    def start(self, *args: str, script: str | None = None, mark: str = "") -> subprocess.Popen:
        """A build in the background, as a terminal starts it (Ctrl-C's default behaviour restored); ``script``: run
        instead of ``-m infantile_spasms_market``; ``mark``: set in its environment, so its processes can be found."""
        command = [sys.executable, *(["-c", script] if script else ["-m", "infantile_spasms_market"]), "build",
                   "--output", str(self.output), "--cache-dir", str(self.cache), *args]
        return subprocess.Popen(command, cwd=self.root, env={**os.environ, **self.env, MARK: mark}, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    @contextmanager
    def page_changed(self):
        """A sentence added to a page while the block runs: the site is built again (its chapters are cached)."""
        page = self.root / "book" / "about.md"
        original = page.read_text(encoding="utf-8")
        page.write_text(original + "\nA change, so that the site is built again.\n", encoding="utf-8")
        try:
            yield
        finally:
            page.write_text(original, encoding="utf-8")

    def nothing_left(self) -> None:
        assert sorted(p.name for p in self.output.parent.iterdir()) == [self.output.name], "nothing beside the output"
        assert not list((self.cache / "builds").iterdir()), "no build workspace left in the cache"
        assert not [p.name for p in self.cache.rglob("*.tmp")], "no temporary file left in the cache (results, figures)"

    def left_by_a_killed_kernel(self) -> Path:
        """A result half written by a kernel killed in an earlier build (the build that follows removes it)."""
        left = self.cache / "results" / "00" / ".00killed.4242.tmp"
        left.parent.mkdir(parents=True, exist_ok=True)
        left.write_bytes(b"half")
        return left


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, built_site: Path, cache_dir: Path) -> Published:
    base = tmp_path_factory.mktemp("faults")
    seeded_cache(base / "cache", built_site, cache_dir)  # the session's chapters: only Sphinx runs again
    root = base / "project"
    env = copy_project(root)
    book = Published(root, env, base / "site" / "html", base / "cache")
    result = book.build()
    assert result.returncode == 0, f"the clean build failed:\n{result.stderr}"
    return book


def _refused(result: subprocess.CompletedProcess, why: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "refusing to publish the book into" in result.stderr and why in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# --- folders the tool does not own ---------------------------------------------------------------

def test_a_users_folder_is_never_replaced(published: Published, tmp_path: Path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes")
    result = run_cli("build", "--output", str(folder), "--cache-dir", str(published.cache), env=published.env)
    _refused(result, "holds no book published by this tool (notes.txt)")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"] and (folder / "notes.txt").read_text() == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"], "no lock or staging folder beside it"


@pytest.mark.parametrize("target", ["params", "data", "notebooks", "book", ".", ".."])
def test_the_projects_sources_and_its_parents_are_refused(published: Published, target: str):
    before = tree_digest(published.root / "params")
    result = run_cli("build", "--output", target, "--cache-dir", str(published.cache), env=published.env, cwd=published.root)
    _refused(result, "project")
    assert tree_digest(published.root / "params") == before


def test_a_published_book_with_a_users_file_added_is_refused(published: Published, tmp_path: Path):
    copy = tmp_path / "html"
    shutil.copytree(published.output, copy)
    (copy / "my-notes.txt").write_text("mine")
    before = tree_digest(copy)
    result = run_cli("build", "--output", str(copy), "--cache-dir", str(published.cache), "--force", env=published.env)
    _refused(result, "holds files the published book did not include (my-notes.txt)")
    assert tree_digest(copy) == before


# --- interruptions -------------------------------------------------------------------------------

@pytest.mark.parametrize(("signum", "code", "name"), [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "SIGTERM")])
def test_an_interrupted_build_stops_at_once_and_keeps_the_book(published: Published, signum, code, name):
    before = tree_digest(published.output)
    build = published.start("--force", "--jobs", "2")
    said = read_until(build, EXECUTING)  # on a loaded machine, planning alone can take several seconds
    time.sleep(3)  # notebooks are executing
    published.left_by_a_killed_kernel()  # as one of this build's kernels, stopped while it writes, leaves
    processes = psutil.Process(build.pid).children(recursive=True)
    start = time.perf_counter()
    build.send_signal(signum)
    _, stderr = build.communicate(timeout=60)
    stderr = "".join(said) + stderr
    seconds = time.perf_counter() - start
    assert build.returncode == code, stderr
    assert seconds < STOP_SECONDS, f"took {seconds:.1f} s to stop"
    assert f"interrupted ({name}): " in stderr and "the published book is unchanged" in stderr, stderr
    assert "Traceback" not in stderr
    assert tree_digest(published.output) == before
    published.nothing_left()
    assert not [p.pid for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], "workers or kernels left running"


PRINTING = "printing the PDF edition"
PHASES = {"Sphinx": "building HTML with Jupyter Book", "the print": PRINTING}


@pytest.mark.parametrize("phase", [pytest.param(phase, marks=[pytest.mark.browser] if phase == "the print" else [])
                                   for phase in sorted(PHASES)])  # the print needs Chromium: skipped without it
@pytest.mark.parametrize(("signum", "code", "name"), [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "SIGTERM")])
def test_an_interrupt_while_sphinx_builds_or_chromium_prints_keeps_the_book(published: Published, signum, code, name, phase):
    before, mark = tree_digest(published.output), uuid.uuid4().hex
    with published.page_changed():
        build = published.start(mark=mark)
        said = read_until(build, PHASES[phase])
        if phase == "the print":  # Chromium has the print document (its job) once the document is in the staged site
            deadline = time.monotonic() + 300
            while (not any(published.cache.rglob("print.html")) and not any(published.output.parent.glob("*/print.html"))
                   and build.poll() is None and time.monotonic() < deadline):
                time.sleep(0.05)
            time.sleep(0.5)
            assert build.poll() is None and running(mark, but=build.pid), "the build prints"
        build.send_signal(signum)
        _, stderr = build.communicate(timeout=120)
    stderr = "".join(said) + stderr
    assert build.returncode == code, stderr
    assert f"interrupted ({name}): " in stderr and "the published book is unchanged" in stderr, stderr
    assert "Traceback" not in stderr
    assert not running(mark), "no kernel, worker or Chromium process left"
    assert tree_digest(published.output) == before
    published.nothing_left()


FAILING_DATAPACK = """
import sys
from infantile_spasms_market.bookbuild import editions
def write_datapack(source, html, manifest):
    raise ValueError("a table without rows (injected)")
editions.write_datapack = write_datapack
from infantile_spasms_market.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.browser
def test_a_data_pack_that_fails_while_chromium_prints_stops_chromium(published: Published):
    before, mark = tree_digest(published.output), uuid.uuid4().hex
    with published.page_changed():
        build = published.start(script=FAILING_DATAPACK, mark=mark)
        said = read_until(build, "error: ")  # the data pack is written while Chromium prints; it fails at once
        left_then = running(mark, but=build.pid)
        _, stderr = build.communicate(timeout=300)
    stderr = "".join(said) + stderr
    assert build.returncode == 1, stderr
    assert PRINTING in stderr and "error: Excel data pack: a table without rows (injected)" in stderr, stderr
    assert "Traceback" not in stderr
    assert not left_then, f"Chromium's print is stopped before the build reports its failure: {left_then}"
    assert not running(mark)
    assert tree_digest(published.output) == before
    published.nothing_left()


def test_after_kill_9_the_next_build_removes_what_was_left(published: Published):
    before = tree_digest(published.output)
    build = published.start("--force", "--jobs", "2")
    read_until(build, EXECUTING)
    time.sleep(3)
    processes = psutil.Process(build.pid).children(recursive=True)
    build.send_signal(signal.SIGKILL)
    build.wait()
    time.sleep(3)  # workers die with the build; kernels notice their parent is gone
    assert not [p.pid for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert list((published.cache / "builds").iterdir()), "a killed build cannot clean up after itself"
    published.left_by_a_killed_kernel()  # as its kernels may leave
    result = published.build()
    assert result.returncode == 0, result.stderr
    assert tree_digest(published.output) == before
    published.nothing_left()


DIE_BETWEEN_RENAMES = """
import os, sys
real = os.replace
def replace(source, target):
    real(source, target)
    if str(target).endswith("previous"):  # the published book moved aside, the new one not yet in place
        os._exit(137)
os.replace = replace
from infantile_spasms_market.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_build_killed_between_its_two_renames_is_undone(published: Published):
    before = tree_digest(published.output)
    page = published.root / "book" / "about.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nOne more sentence, so that the site is built again.\n", encoding="utf-8")
    try:
        died = subprocess.run(
            [sys.executable, "-c", DIE_BETWEEN_RENAMES, "build", "--output", str(published.output), "--cache-dir", str(published.cache)],
            env={**os.environ, **published.env}, capture_output=True, text=True, timeout=900,
        )
        assert died.returncode == 137 and not published.output.exists(), died.stderr
    finally:
        page.write_text(original, encoding="utf-8")
    result = published.build()
    assert result.returncode == 0, result.stderr
    assert f"restored the previous book in {published.output}" in result.stderr
    assert "Nothing changed" in result.stderr, "the restored book is the one the project describes"
    assert tree_digest(published.output) == before
    published.nothing_left()


# --- the cache and the disk ----------------------------------------------------------------------

def test_a_damaged_cache_entry_is_executed_again_not_published(published: Published):
    before = tree_digest(published.output)
    damaged = next(published.cache.joinpath("notebooks").rglob("fig-segments-drug-type.csv"))
    damaged.write_text("year,nonsense\n2024,1\n")
    page = published.root / "book" / "about.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nA change, so that the site is assembled again.\n", encoding="utf-8")
    try:
        result = published.build()
    finally:
        page.write_text(original, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "cache entry of segments was damaged on disk (downloads/figures/fig-segments-drug-type.csv changed): executing it again" in result.stderr
    published_csv = "downloads/figures/fig-segments-drug-type.csv"
    assert tree_digest(published.output)[published_csv] == before[published_csv], "the damaged file was not published"
    assert published.cache.joinpath("notebooks").rglob("fig-segments-drug-type.csv").__next__().read_text().startswith("year,")
    assert published.build().returncode == 0  # back to the project as it is
    published.nothing_left()


FULL_DISK = """
import errno, sys
from infantile_spasms_market.bookbuild import cache
def store(self, key, workdir, meta):
    raise OSError(errno.ENOSPC, "No space left on device", str(self.entry(key)))
cache.NotebookCache.store = store
from infantile_spasms_market.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_full_disk_stops_the_build_clearly(published: Published):
    before = tree_digest(published.output)
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, "build", "--force", "--output", str(published.output), "--cache-dir", str(published.cache)],
        env={**os.environ, **published.env}, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 1, result.stderr
    assert "error: could not write " in result.stderr and "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(published.output) == before
    published.nothing_left()


def test_a_cache_that_cannot_be_written_is_named(published: Published, tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = run_cli("build", "--output", str(published.output), "--cache-dir", str(blocker / "cache"), env=published.env)
    assert result.returncode == 1 and f"cannot write to {blocker / 'cache'}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# --- a chapter run on its own ---------------------------------------------------------------------

@pytest.mark.parametrize("cwd", [".", "notebooks"])
def test_a_chapter_run_alone_writes_nothing_into_the_sources(published: Published, tmp_path: Path, cwd: str):
    sources = {name: tree_digest(published.root / name) for name in ("data", "params", "notebooks", "book")}
    top = sorted(p.name for p in published.root.iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "papermill", str(published.root / "notebooks" / "segments.ipynb"), str(tmp_path / "out.ipynb"),
         "-p", "scenario", "params/pessimistic.yaml", "--log-level", "ERROR"],
        cwd=published.root / cwd, env={**os.environ, **published.env}, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert {name: tree_digest(published.root / name) for name in sources} == sources
    assert sorted(p.name for p in published.root.iterdir() if p.name != "_build") == [n for n in top if n != "_build"]
    figures = published.root / "_build" / "chapter-downloads" / "pessimistic" / "downloads" / "figures"
    assert (figures / "fig-segments-drug-type.csv").is_file(), "a chapter run alone writes into its scenario's own folder"


def test_a_misspelt_papermill_parameter_stops_the_chapter_before_it_writes(published: Published, tmp_path: Path):
    downloads = published.root / "_build" / "chapter-downloads"
    before = tree_digest(downloads) if downloads.is_dir() else {}
    result = subprocess.run(
        [sys.executable, "-m", "papermill", str(published.root / "notebooks" / "segments.ipynb"), str(tmp_path / "out.ipynb"),
         "-p", "scenaro", "params/pessimistic.yaml", "--log-level", "ERROR"],
        cwd=published.root, env={**os.environ, **published.env}, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode != 0, "papermill ran the base case on a misspelt parameter"
    assert "papermill -p scenaro: not a parameter of this chapter (did you mean 'scenario'?)" in result.stderr + result.stdout
    assert (tree_digest(downloads) if downloads.is_dir() else {}) == before, "nothing written"
