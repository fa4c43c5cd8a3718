"""Sphinx in two processes writes the pages one process writes; a stopped Jupyter Book leaves no process; bibtex formats
its entries again only when they change."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest

from infantile_spasms_market.bookbuild import sphinx_extensions
from infantile_spasms_market.bookbuild.jupyterbook import RUN_JUPYTER_BOOK, build_html, run_code, run_jupyter_book


def test_extensions_that_declare_nothing_are_declared_parallel_safe_and_no_other():
    silent = SimpleNamespace(parallel_read_safe=None, parallel_write_safe=None)
    reads_only = SimpleNamespace(parallel_read_safe=True, parallel_write_safe=None)
    unsafe = SimpleNamespace(parallel_read_safe=None, parallel_write_safe=False)
    other = SimpleNamespace(parallel_read_safe=None, parallel_write_safe=None)
    app = SimpleNamespace(extensions={"sphinx_multitoc_numbering": silent, "sphinx_external_toc": reads_only,
                                      "sphinx_jupyterbook_latex": unsafe, "someone_elses": other})
    sphinx_extensions.declare_parallel_safe(app, "env", ["a"])
    assert (silent.parallel_read_safe, silent.parallel_write_safe) == (True, True)
    assert (reads_only.parallel_read_safe, reads_only.parallel_write_safe) == (True, True)
    assert unsafe.parallel_write_safe is False, "an extension that says it is unsafe stays unsafe"
    assert (other.parallel_read_safe, other.parallel_write_safe) == (None, None), "only the extensions read for it are declared"


def test_one_job_runs_jupyter_book_as_it_is_and_more_pass_the_jobs_to_sphinx():
    assert run_code(1) == RUN_JUPYTER_BOOK
    assert "jobs=2" in run_code(2) and run_code(2).endswith("main()")


class Domain:
    """sphinxcontrib-bibtex's domain as the cached formatting sees it."""

    def __init__(self, entries: dict) -> None:
        self.entries = entries
        self.env = SimpleNamespace()
        self.bibliographies = {"key": SimpleNamespace(style="plain", labelprefix="")}

    def get_sorted_entries(self, bibliography_key, docnames):
        return iter(self.entries.items())


def entry(title: str, author: str = "Doe, J."):
    from pybtex.database import Entry, Person

    return Entry("article", fields={"title": title, "year": "2020"}, persons={"author": [Person(author)]})


def test_the_bibliography_is_formatted_again_only_when_its_entries_change(monkeypatch):
    calls = []

    def formatted(self, bibliography_key, docnames, tooltips, tooltips_style):
        calls.append(list(self.entries))
        return iter([(key, f"formatted {e.fields['title']} by {e.persons['author'][0]}", None) for key, e in self.entries.items()])

    monkeypatch.setattr(sphinx_extensions, "_original_formatted_entries", formatted)
    domain = Domain({"a": entry("A"), "b": entry("B")})
    first = list(sphinx_extensions._get_formatted_entries(domain, "key", ["doc"], True, ""))
    again = list(sphinx_extensions._get_formatted_entries(domain, "key", ["doc"], True, ""))
    assert first == again == [("a", "formatted A by Doe, J.", None), ("b", "formatted B by Doe, J.", None)]
    assert len(calls) == 1, "nothing changed: the entries are not formatted again"
    domain.entries["b"] = entry("B", author="Roe, R.")
    assert list(sphinx_extensions._get_formatted_entries(domain, "key", ["doc"], True, ""))[1][1] == "formatted B by Roe, R."
    domain.entries["c"] = entry("C")
    assert len(list(sphinx_extensions._get_formatted_entries(domain, "key", ["doc"], True, ""))) == 3
    list(sphinx_extensions._get_formatted_entries(domain, "key", ["doc"], False, ""))
    assert len(calls) == 4, "an author changed, an entry cited, the tooltips setting: each formats them again"


def test_a_stopped_jupyter_book_run_leaves_no_process_of_its_own(tmp_path):
    started = tmp_path / "worker.pid"
    # Stands for Jupyter Book: it forks a worker (as Sphinx does to read pages) and keeps running.
    code = (f"import pathlib, subprocess, time; worker = subprocess.Popen(['sleep', '120']); "
            f"pathlib.Path({str(started)!r}).write_text(str(worker.pid)); time.sleep(120)")

    def interrupt_once_started():
        deadline = time.monotonic() + 30
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGUSR1)

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGUSR1, stop)
    try:
        threading.Thread(target=interrupt_once_started, daemon=True).start()
        with pytest.raises(KeyboardInterrupt):
            run_jupyter_book([sys.executable, "-c", code])
    finally:
        signal.signal(signal.SIGUSR1, previous)
    worker = int(started.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _running(worker):
        time.sleep(0.05)
    assert not _running(worker), "the worker Jupyter Book started is stopped with it"


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def small_book(folder: Path, pages: int = 7) -> Path:
    """A book of ``pages`` pages (Sphinx reads in parallel from six on) with the book's own extension, numbered figures and sections."""
    folder.mkdir(parents=True)
    (folder / "_config.yml").write_text(
        "title: Small\nauthor: Test\nexecute:\n  execute_notebooks: 'off'\nonly_build_toc_files: true\n"
        "sphinx:\n  extra_extensions: [infantile_spasms_market.bookbuild.sphinx_extensions]\n  config:\n    numfig: true\n",
        encoding="utf-8")
    (folder / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nparts:\n  - caption: Chapters\n    numbered: true\n    chapters:\n"
        + "".join(f"      - file: page{i}\n" for i in range(1, pages)), encoding="utf-8")
    (folder / "index.md").write_text("# Small book\n\nSee {numref}`table-1`.\n", encoding="utf-8")
    for i in range(1, pages):
        (folder / f"page{i}.md").write_text(
            f"# Page {i}\n\n## Part {i}\n\nText of page {i}; see {{ref}}`part-{i}` and {{numref}}`table-{i}`.\n\n"
            f"(part-{i})=\n## Labelled part {i}\n\n```{{table}} Table {i}\n:name: table-{i}\n\n| a | b |\n|---|---|\n| {i} | 2 |\n```\n",
            encoding="utf-8")
    return folder


@pytest.mark.slow
def test_pages_read_and_written_in_two_processes_are_the_pages_one_process_writes(tmp_path):
    source = small_book(tmp_path / "book")
    sites = {}
    for jobs in (1, 2):
        site = build_html(source, tmp_path / f"out{jobs}", tmp_path / f"jobs{jobs}.log", jobs=jobs)
        assert isinstance(site, Path), site.message()  # with two jobs, a serial fallback is a warning: an error here
        sites[jobs] = site
    files = sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*") if p.is_file() and p.name != ".buildinfo")
    assert files == sorted(p.relative_to(sites[2]) for p in sites[2].rglob("*") if p.is_file() and p.name != ".buildinfo")
    different = [str(f) for f in files if (sites[1] / f).read_bytes() != (sites[2] / f).read_bytes()]
    assert not different, f"two processes wrote other bytes than one: {different}"


def test_jupyter_book_and_the_chapter_kernels_collect_garbage_less_often():
    import subprocess
    import sys

    from infantile_spasms_market.bookbuild import kernel_side, kernels

    code = kernel_side.collect_less_often_code()
    assert code in RUN_JUPYTER_BOOK and code in run_code(2) and code in kernels.WARM_UP
    shown = subprocess.run([sys.executable, "-c", f"{code}; import gc; print(gc.get_threshold())"],
                           capture_output=True, text=True, check=True).stdout
    assert shown.strip() == repr(kernel_side.GC_THRESHOLDS)
