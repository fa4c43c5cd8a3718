"""Tests for the build's editions step: which editions a build makes, their links, and the PDF-only command's output."""

from __future__ import annotations

import pytest

from infantile_spasms_market.bookbuild import editions
from infantile_spasms_market.bookbuild.options import BuildFailed
from infantile_spasms_market.bookbuild.build import check_pdf_output, default_pdf
from infantile_spasms_market.outputs import pdf
from infantile_spasms_market.paths import PDF_DIR, PROJECT_ROOT
from infantile_spasms_market.scenario.resolved import resolve


class Lines:
    def __init__(self):
        self.lines: list[str] = []

    def line(self, text: str) -> None:
        self.lines.append(text)


def manifest() -> dict:
    return {"scenario": {"name": "base", "title": "Base case", "overrides": []}}


def test_without_the_engine_the_build_says_so_once_and_plans_no_pdf(monkeypatch):
    monkeypatch.setattr(pdf, "engine_missing", lambda: "no chromium on the PATH; install it with apt-get install chromium")
    reporter, record = Lines(), manifest()
    planned = editions.plan(record, reporter)
    assert planned == record["editions"] == {"xlsx": "infantile-spasms-market-base.xlsx", "pdf": None}
    assert reporter.lines == ["PDF edition skipped: no chromium on the PATH; install it with apt-get install chromium"]
    assert editions.fingerprint() == "no-pdf"
    links = editions.links_markdown(planned)
    assert ".pdf" not in links and "../downloads/infantile-spasms-market-base.xlsx" in links


def test_with_the_engine_both_editions_are_planned_and_linked(monkeypatch):
    monkeypatch.setattr(pdf, "engine_missing", lambda: None)
    reporter, record = Lines(), manifest()
    planned = editions.plan(record, reporter)
    assert planned["pdf"] == "infantile-spasms-market-base.pdf" and not reporter.lines
    assert editions.fingerprint() == "pdf"
    links = editions.links_markdown(planned)
    assert 'href="../downloads/infantile-spasms-market-base.pdf"' in links
    assert 'href="../downloads/infantile-spasms-market-base.xlsx"' in links
    assert links.startswith('<p class="book-editions">')


def test_no_edition_no_line():
    assert editions.links_markdown({"pdf": None, "xlsx": None}) == ""


def test_pdf_only_output_defaults_and_checks():
    assert default_pdf(resolve(None, [])) == PDF_DIR / "infantile-spasms-market-base.pdf"
    overridden = default_pdf(resolve(None, ["growth.diagnosis=0.02"])).name
    assert overridden.startswith("infantile-spasms-market-base-set-") and overridden.endswith(".pdf")
    with pytest.raises(BuildFailed, match="must end in .pdf"):
        check_pdf_output(PDF_DIR / "book.html")
    with pytest.raises(BuildFailed, match="only go under _build/") as refused:
        check_pdf_output(PROJECT_ROOT / "data" / "book.pdf")
    assert refused.value.exit_code == 2


def test_a_missing_market_table_is_named(tmp_path):
    manifest = {"editions": {"xlsx": "b.xlsx", "pdf": None}}
    with pytest.raises(BuildFailed, match="market table downloads/data/market_table.parquet is missing"):
        editions.publish(tmp_path, tmp_path, manifest, type("R", (), {"step": lambda self, text: None})())


def test_an_overridden_build_names_its_editions_as_its_folder(monkeypatch):
    # a presenter's copy of an overridden base case is never called ...-base.pdf / .xlsx
    from infantile_spasms_market.bookbuild.publish import default_output, published_name

    monkeypatch.setattr(pdf, "engine_missing", lambda: None)
    scenario = resolve(None, ["growth.diagnosis=0.02"])
    name = published_name(scenario)
    assert name.startswith("base-set-") and default_output(scenario).parent.name == name
    record = {"scenario": {"name": "base", "published_as": name, "title": "Base case", "overrides": scenario.overrides}}
    planned = editions.plan(record, Lines())
    assert planned == {"xlsx": f"infantile-spasms-market-{name}.xlsx", "pdf": f"infantile-spasms-market-{name}.pdf"}
    assert default_pdf(scenario).name == planned["pdf"]


def test_no_pdf_plans_the_workbook_only_even_with_the_engine(monkeypatch):
    monkeypatch.setattr(pdf, "engine_missing", lambda: None)
    reporter, record = Lines(), manifest()
    assert editions.plan(record, reporter, pdf_wanted=False) == {"xlsx": "infantile-spasms-market-base.xlsx", "pdf": None}
    assert reporter.lines == ["PDF edition skipped: --no-pdf given"]
    assert editions.fingerprint(False) == "no-pdf" != editions.fingerprint(True)  # asking for the PDF again rebuilds the site


def test_the_command_line_passes_no_pdf_on():
    from infantile_spasms_market.cli import _parser as parser

    assert parser().parse_args(["build", "--no-pdf"]).pdf is False
    assert parser().parse_args(["build"]).pdf is True


def test_no_pdf_says_what_becomes_of_the_earlier_pdf():
    reporter, record = Lines(), manifest()
    previous = {"editions": {"xlsx": "infantile-spasms-market-base.xlsx", "pdf": "infantile-spasms-market-base.pdf"}}
    editions.plan(record, reporter, pdf_wanted=False, previous=previous)
    assert reporter.lines == ["PDF edition skipped: --no-pdf given; the earlier PDF (infantile-spasms-market-base.pdf) is "
                              "removed with the book this build replaces, as it would not match the new pages (build without "
                              "--no-pdf to print it again)"]


class Steps:
    """The editions step's parts, recording when each starts and ends: Chromium starts before the print document is
    written (it waits for that), and prints once the workbook has started."""

    def __init__(self, fail_datapack: bool = False, fail_document: bool = False) -> None:
        import threading

        self.events: list[str] = []
        self.chromium_started = threading.Event()
        self.datapack_started = threading.Event()
        self.chromium_stopped = threading.Event()
        self.fail_datapack, self.fail_document = fail_datapack, fail_document

    def install(self, monkeypatch, site) -> None:
        from infantile_spasms_market.outputs.print_document import Entry, PrintDocumentError

        def write_print_document(html, toc, cited, title):
            assert self.chromium_started.wait(10), "Chromium starts while the print document is written"
            if self.fail_document:
                raise PrintDocumentError("the page summary.html is missing")
            (html / editions.PRINT_FILE).write_text("<html></html>")
            self.events.append("print document written")
            return html / editions.PRINT_FILE, [Entry("summary", "Summary", None)], {}

        def print_given(given, printed=None, launched=None):
            self.events.append("chromium started")
            self.chromium_started.set()
            try:
                job = given()
            finally:
                self.chromium_stopped.set()
            self.events.append("printing")
            assert self.datapack_started.wait(10), "the workbook is written while Chromium prints"
            assert job.document.is_file() and job.anchors == ["summary"] and job.title == "B (Base)"
            if printed is not None:
                printed.set_result((b"%PDF", {"summary": 3}))
            self.events.append("printed")
            return b"%PDF", {"summary": 3}

        def write_datapack(source, html, manifest):
            self.events.append("datapack")
            self.datapack_started.set()
            if self.fail_datapack:
                raise ValueError("a table without rows")

        monkeypatch.setattr(editions, "write_print_document", write_print_document)
        monkeypatch.setattr(editions.pdf, "print_given", print_given)
        monkeypatch.setattr(editions.pdf, "write", lambda job, printed: job.output.write_bytes(printed))
        monkeypatch.setattr(editions, "write_datapack", write_datapack)
        monkeypatch.setattr(editions, "cited", lambda source, manifest: type("C", (), {"book_title": "B", "scenario": "Base", "author": "A"})())


def staged_site(tmp_path):
    from infantile_spasms_market.paths import DOWNLOADS, MARKET_PARQUET

    html = tmp_path / "html"
    (html / MARKET_PARQUET).parent.mkdir(parents=True)
    (html / MARKET_PARQUET).write_bytes(b"")
    (html / DOWNLOADS).mkdir(exist_ok=True)
    return html


class Reporter:
    def step(self, text):
        pass


def staged(tmp_path, monkeypatch, **failures) -> tuple:
    """A staged site, the editions' parts faked (``failures``: see :class:`Steps`), and a manifest planning both editions."""
    html, steps = staged_site(tmp_path), Steps(**failures)
    steps.install(monkeypatch, html)
    return html, steps, {"editions": {"pdf": "book.pdf", "xlsx": "book.xlsx"}, "source_date": {"epoch": 0}}


def test_chromium_starts_while_the_print_document_is_written_and_prints_while_the_workbook_is_written(tmp_path, monkeypatch):
    html, steps, record = staged(tmp_path, monkeypatch)
    editions.publish(tmp_path / "source", html, record, Reporter())
    assert steps.events[:2] == ["chromium started", "print document written"] and steps.events[-1] == "printed"
    assert (html / "downloads" / "book.pdf").read_bytes() == b"%PDF"
    assert not (html / editions.PRINT_FILE).exists(), "the print document is not published"


def test_a_failed_workbook_leaves_no_print_document_in_the_site(tmp_path, monkeypatch):
    html, steps, record = staged(tmp_path, monkeypatch, fail_datapack=True)
    with pytest.raises(BuildFailed, match="Excel data pack: a table without rows"):
        editions.publish(tmp_path / "source", html, record, Reporter())
    assert not (html / editions.PRINT_FILE).exists()


def test_a_failed_print_document_stops_chromium_and_writes_no_workbook(tmp_path, monkeypatch):
    from infantile_spasms_market.outputs.print_document import PrintDocumentError

    html, steps, record = staged(tmp_path, monkeypatch, fail_document=True)
    with pytest.raises(PrintDocumentError, match="summary.html is missing"):
        editions.publish(tmp_path / "source", html, record, Reporter())
    assert steps.chromium_stopped.wait(10), "Chromium no longer waits for a print document"
    assert "printing" not in steps.events and "datapack" not in steps.events
    assert not (html / editions.PRINT_FILE).exists()


def test_a_printer_started_with_the_plan_waits_for_its_job_and_stops_without_one(tmp_path, monkeypatch):
    monkeypatch.setattr(editions.pdf, "engine_missing", lambda: None)
    html, steps = staged_site(tmp_path), Steps()
    steps.install(monkeypatch, html)
    record = manifest()
    with editions.Printer() as printer:
        editions.plan(record, Lines(), printer=printer)
        assert printer.started and steps.chromium_started.wait(10), "Chromium starts with the plan, before the pages exist"
        record["source_date"] = {"epoch": 0}
        editions.publish(tmp_path / "source", html, record, Reporter(), printer)
    assert steps.events[0] == "chromium started" and steps.events[-1] == "printed"
    assert (html / "downloads" / record["editions"]["pdf"]).read_bytes() == b"%PDF"

    steps = Steps()
    steps.install(monkeypatch, html)
    with pytest.raises(BuildFailed, match="Sphinx failed"), editions.Printer() as printer:
        editions.plan(manifest(), Lines(), printer=printer)
        raise BuildFailed("Sphinx failed")  # the build stops before the print
    assert steps.chromium_stopped.is_set(), "Chromium is closed when the build stops"
    assert "printing" not in steps.events


def test_no_printer_starts_without_the_pdf(monkeypatch):
    with editions.Printer() as printer:
        editions.plan(manifest(), Lines(), pdf_wanted=False, printer=printer)
        assert not printer.started


@pytest.mark.browser
@pytest.mark.parametrize("id_arrives", ["before the build fails", "after the build fails"])
def test_a_build_that_fails_while_chromium_prints_stops_chromium(tmp_path, monkeypatch, id_arrives):
    """Chromium has its job (a page whose image never arrives: it would wait three minutes) when the build fails, as a
    data pack that fails does: leaving the printer stops Chromium's processes and its print, rather than waiting for it,
    also when the failure comes before Chromium's process id reaches the printer (review r24b: then nothing stopped it)."""
    import datetime as dt
    import time
    from concurrent.futures import wait
    import socket
    import threading

    import psutil

    if pdf.engine_missing():
        pytest.skip(pdf.engine_missing())
    never = socket.socket()  # accepts connections (its backlog) and never answers
    never.bind(("127.0.0.1", 0))
    never.listen(16)
    document = tmp_path / "print.html"
    document.write_text(f'<html><body><p>A page</p><img src="http://127.0.0.1:{never.getsockname()[1]}/figure.png"></body></html>')
    job = pdf.PrintJob(document, [], tmp_path / "book.pdf", "Book", "Author", dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    launched, browser = threading.Event(), []
    real = pdf.browser_process

    def noted(chromium):
        browser.append(psutil.Process(real(chromium)))
        launched.set()
        return browser[0].pid

    monkeypatch.setattr(pdf, "browser_process", noted)
    if id_arrives == "after the build fails":
        real_launched = editions.Printer._launched

        def late(self, pid):
            deadline = time.monotonic() + 60
            while not self._stopping and time.monotonic() < deadline:  # held until the build has failed
                time.sleep(0.01)
            real_launched(self, pid)

        monkeypatch.setattr(editions.Printer, "_launched", late)
    printer = editions.Printer()
    try:
        with pytest.raises(BuildFailed, match="Excel data pack"), printer:
            printer.give(job)
            assert launched.wait(60), "Chromium started"
            processes = [browser[0], *browser[0].children(recursive=True)]
            raise BuildFailed("Excel data pack: a table without rows")  # while Chromium loads the page to print
        wait([printer._printing], timeout=60)  # a loaded machine may take longer than the exit's own short wait
        left = [p.pid for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        assert not left, "Chromium's processes are stopped when the build fails"
        assert printer._printing.done(), "its print ended (failed), so the build's exit does not wait for it"
        assert not job.output.exists()
    finally:
        for process in browser[:1] + (browser[0].children(recursive=True) if browser and browser[0].is_running() else []):
            try:
                process.kill()  # had it not been stopped: not left loading for three minutes
            except psutil.Error:
                pass
        never.close()
