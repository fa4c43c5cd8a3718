"""Runs ``jupyter-book build`` (execution off, nitpicky, warnings are errors) on an assembled source tree.

A build of the book's site reads and writes its pages in as many processes as the build has
jobs (Sphinx's ``-j``, which Jupyter Book's command line does not pass on: :func:`run_code`). A
build of the book's site keeps Sphinx's state for its output folder in the cache
(:class:`SiteState`): the source tree is synchronised into it, only the files whose content changed
get a new time, and Sphinx reads and writes again only the pages that changed. The state is kept
only after a build that succeeded with warnings as errors; a failed or interrupted build leaves
none, so the next build of that output is a full one and every page is checked again.
"""

from __future__ import annotations

import filecmp
from html import escape
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..paths import CACHE_SITE_STATES, DOWNLOADS, JUPYTER_BOOK_OUTPUT, SITE_EXTRA, SITE_INDEX, SITE_STATE_FILE, STATIC_DIR
from . import hashing
from .kernel_side import collect_less_often_code, skip_unused_imports_code

WARNING_LINE = re.compile(r"(WARNING|ERROR|CRITICAL)[:\]]")
RUN_JUPYTER_BOOK = f"{skip_unused_imports_code()}; {collect_less_often_code()}; from jupyter_book.cli.main import main; main()"


def run_code(jobs: int = 1) -> str:
    """The Python that runs ``jupyter-book``'s command line, its Sphinx reading and writing in ``jobs`` processes.

    ``jupyter-book build`` calls :func:`jupyter_book.sphinx.build_sphinx` with its own configuration
    and no ``jobs``; the same call with ``jobs`` is made by giving that function the argument first.
    """
    if jobs <= 1:
        return RUN_JUPYTER_BOOK
    return (f"{skip_unused_imports_code()}; {collect_less_often_code()}; import functools, jupyter_book.sphinx as s; "
            f"s.build_sphinx = functools.partial(s.build_sphinx, jobs={int(jobs)}); from jupyter_book.cli.main import main; main()")


@dataclass(frozen=True)
class SphinxFailure:
    """Jupyter Book exited non-zero: its warnings (made errors) and where the full log is."""

    warnings: list[str]
    log: Path
    returncode: int

    def message(self, limit: int = 20) -> str:
        shown = self.warnings[:limit] or ["(no warning lines found; see the log)"]
        more = f"\n  ... and {len(self.warnings) - limit} more" if len(self.warnings) > limit else ""
        return (
            f"jupyter-book build failed (exit {self.returncode}); warnings are errors in this book:\n"
            + "\n".join(f"  {w}" for w in shown)
            + more
            + f"\n  full log: {self.log}"
        )


def command(source: Path, output: Path, builder: str = "html", *, fresh: bool = True, jobs: int = 1) -> list[str]:
    """The ``jupyter-book build`` command line for ``source`` (with Sphinx's ``builder``).

    ``fresh``: a new environment, every page read (``--all``); else Sphinx reads what changed.
    ``jobs``: Sphinx's processes (:func:`run_code`); 1, as ``jupyter-book`` itself runs, unless the build says.
    """
    return [
        sys.executable, "-c", run_code(jobs), "build", str(source), "--path-output", str(output), "--builder", builder,
        "--warningiserror", "--nitpick", "--keep-going", *(["--all"] if fresh else []), "--quiet",
    ]


def outcome(source: Path, output: Path, log: Path, run: subprocess.CompletedProcess, builder: str = "html") -> Path | SphinxFailure:
    """Log a finished ``jupyter-book build``; its output folder, or a :class:`SphinxFailure`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(f"$ {' '.join(run.args)}\n\n{run.stdout}\n{run.stderr}", encoding="utf-8")
    html = output / JUPYTER_BOOK_OUTPUT / builder
    if run.returncode != 0 or not (html / SITE_INDEX).is_file():
        lines = (run.stdout + "\n" + run.stderr).splitlines()
        warnings = [line.replace(str(source) + "/", "") for line in lines if WARNING_LINE.search(line)]
        return SphinxFailure(warnings, log, run.returncode or 1)
    return html


def run_jupyter_book(arguments: list[str]) -> subprocess.CompletedProcess:
    """Run a ``jupyter-book`` command line to its end, its output captured.

    In a process group of its own: when the build stops (Ctrl-C, SIGTERM, an error), Jupyter Book
    and the processes Sphinx forked to read and write pages are all stopped at once, and none goes
    on writing into the cache.
    """
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate()
    except BaseException:
        stop_group(process)
        raise
    return subprocess.CompletedProcess(arguments, process.returncode, stdout, stderr)


def stop_group(process: subprocess.Popen) -> None:
    """Kill ``process`` and every process of its group (Sphinx's workers), and reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()


def build_html(source: Path, output: Path, log: Path, builder: str = "html", jobs: int = 1) -> Path | SphinxFailure:
    """Build ``source`` into ``output/_build/<builder>`` with Sphinx in ``jobs`` processes; that folder, or a :class:`SphinxFailure`."""
    run = run_jupyter_book(command(source, output, builder, jobs=jobs))
    return outcome(source, output, log, run, builder)


STATES_KEPT = 3  # outputs whose Sphinx state the cache keeps (the most recently built): each is the size of a site
BANNER_TOKEN = "ism-scenario-banner-placeholder"
"""What Sphinx writes where the scenario banner goes; the banner's text replaces it in the published copy, so builds of
one output with different overrides share Sphinx's pages instead of rewriting every page for a new banner."""
TITLE_TOKEN = "ism-scenario-title-placeholder"
"""The same for the scenario's short title in every page's ``<title>`` and sidebar: a title in Sphinx's configuration
would make each build with other overrides a new configuration, and Sphinx would read every page again."""


@dataclass(frozen=True)
class SiteState:
    """Sphinx's source tree, environment and pages of the last successful build of one output folder."""

    folder: Path

    @classmethod
    def for_output(cls, cache_dir: Path, output: Path) -> SiteState:
        return cls(Path(cache_dir) / CACHE_SITE_STATES / hashing.digest(str(Path(output).resolve()))[:16])

    @property
    def source(self) -> Path:
        return self.folder / "source"

    @property
    def output(self) -> Path:
        return self.folder / "out"

    def usable(self, key: str) -> bool:
        """Whether the last build of this output succeeded with the same code and libraries (``key``)."""
        try:
            return json.loads((self.folder / SITE_STATE_FILE).read_text(encoding="utf-8")).get("key") == key
        except (OSError, ValueError):
            return False


def sync_tree(source: Path, target: Path) -> int:
    """Make ``target`` hold the files of ``source``: changed ones copied (with a new time), the same ones left as they were,
    the others removed. How many were copied."""
    copied, wanted = 0, set()
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        relative = path.relative_to(source)
        wanted.add(relative)
        dest = target / relative
        if dest.is_file() and dest.stat().st_size == path.stat().st_size and filecmp.cmp(path, dest, shallow=False):
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        copied += 1
    for path in sorted((p for p in target.rglob("*") if p.is_file()), reverse=True) if target.is_dir() else []:
        if path.relative_to(target) not in wanted:
            path.unlink()
    return copied


IMAGE_REFERENCE = re.compile(r"_images/([^\"'\s)?#]+)")


def tidy(html: Path, source: Path) -> list[str]:
    """Remove what earlier builds left that this one no longer has (Sphinx adds, never removes); what was removed.

    Images Sphinx copied for pages as they were (``_images/``, named by their content), and the
    downloads the source no longer holds.
    """
    used = {m for page in html.rglob("*.html") for m in IMAGE_REFERENCE.findall(page.read_text(encoding="utf-8"))}
    stale = [p for p in (html / "_images").glob("*") if p.is_file() and p.name not in used] if (html / "_images").is_dir() else []
    kept = source / SITE_EXTRA / DOWNLOADS
    stale += [p for p in (html / DOWNLOADS).rglob("*") if p.is_file() and not (kept / p.relative_to(html / DOWNLOADS)).is_file()]
    for path in stale:
        path.unlink()
    return sorted(p.relative_to(html).as_posix() for p in stale)


def copy_site(html: Path, dest: Path, banner: str | None, tab: str | None = None) -> Path:
    """Copy the built site to ``dest`` (for publishing), with the scenario banner in place of :data:`BANNER_TOKEN` and
    its short title in place of :data:`TITLE_TOKEN`, both as text (escaped: an override's value is the reader's own)."""
    shutil.copytree(html, dest, copy_function=shutil.copyfile, ignore=shutil.ignore_patterns(".buildinfo"))
    replace = {token: escape(text, quote=False) for token, text in ((BANNER_TOKEN, banner), (TITLE_TOKEN, tab)) if text is not None}
    if replace:
        for page in dest.rglob("*.html"):
            text = original = page.read_text(encoding="utf-8")
            for token, value in replace.items():
                text = text.replace(token, value)
            if text != original:
                page.write_text(text, encoding="utf-8")
    return dest


def build_site(source: Path, state: SiteState, key: str, staging: Path, log: Path, banner: str | None = None,
               tab: str | None = None, jobs: int = 1) -> Path | SphinxFailure:
    """Build the assembled ``source`` with the output's kept :class:`SiteState`; a copy of the site in ``staging``.

    ``key`` names the code and libraries: a state from other ones is not used. The state is
    removed when the build fails, and marked usable only once it succeeded. ``jobs``: Sphinx's processes.
    """
    fresh = not state.usable(key)
    if fresh:
        shutil.rmtree(state.folder, ignore_errors=True)
    state.folder.mkdir(parents=True, exist_ok=True)
    (state.folder / SITE_STATE_FILE).unlink(missing_ok=True)  # until this build succeeds
    sync_tree(source, state.source)
    for stylesheet in (state.output / JUPYTER_BOOK_OUTPUT / "html" / STATIC_DIR.name).glob("mystnb.*.css"):
        # myst-nb writes it after the pages; left there, Sphinx would add its checksum to the pages it writes again
        # (?v=...), which a full build's pages lack
        stylesheet.unlink()
    run = run_jupyter_book(command(state.source, state.output, fresh=fresh, jobs=jobs))
    html = outcome(state.source, state.output, log, run)
    if isinstance(html, SphinxFailure):
        shutil.rmtree(state.folder, ignore_errors=True)
        return html
    if not fresh:
        tidy(html, state.source)
    site = copy_site(html, staging / "html", banner, tab)
    (state.folder / SITE_STATE_FILE).write_text(json.dumps({"key": key, "fresh": fresh}), encoding="utf-8")
    prune(state.folder.parent, keep=state.folder)
    return site


def prune(states: Path, keep: Path) -> None:
    """Remove the states of all but the :data:`STATES_KEPT` outputs built last (``keep`` stays)."""
    def built(folder: Path) -> float:
        try:
            return (folder / SITE_STATE_FILE).stat().st_mtime
        except OSError:
            return 0.0

    folders = sorted((f for f in states.iterdir() if f.is_dir() and f != keep), key=built, reverse=True)
    for folder in folders[STATES_KEPT - 1:]:
        if built(folder):  # one without a state file may be another build's, running now: its own build removes it if it fails
            shutil.rmtree(folder, ignore_errors=True)
