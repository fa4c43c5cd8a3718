"""The book's other editions, made in the build beside the HTML: the Excel data pack, and the PDF when Chromium is here.

Both go into the site's ``downloads/`` and are linked from the front page and the Figures page.
The PDF is printed from the pages of the same build's HTML site (no second execution, no second
Sphinx build, no second copy of the prose), while the data pack is written; without its engine
the build says so in one line and publishes the site without the PDF or its link.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import psutil
import yaml

from ..analysis.parameter_table import parameter_values
from ..inputs.headline import Headline
from ..inputs.register import load_register
from ..outputs import book_tables, datapack, pdf
from ..outputs.citing import Cited
from ..outputs.deck import read_key_numbers
from ..outputs.print_document import EDITIONS_CLASS, write_print_document
from ..paths import CONFIG_NAME, DATA_DIR, DOWNLOADS, MARKET_PARQUET, PRINT_FILE, TOC_NAME, edition_file, toc_documents
from ..scenario.parameters import Parameters
from .manifest import published_as
from .options import BuildFailed


def pdf_name(scenario: str) -> str:
    """The PDF's file name for a scenario, e.g. ``infantile-spasms-market-base.pdf``."""
    return edition_file(scenario, ".pdf")


def plan(manifest: dict[str, Any], reporter, pdf_wanted: bool = True, previous: dict[str, Any] | None = None,
         printer: Printer | None = None) -> dict[str, Any]:
    """Decide which editions this build makes, record it in ``manifest["editions"]``; one line when the PDF is skipped.

    ``previous``: the manifest of the book this build replaces. Its PDF, if it has one, goes with it
    (it would not match the new pages), and the line says so. ``printer``: started when the PDF is
    printed (Chromium starts while the source is assembled and Sphinx builds the pages).
    """
    missing = pdf.engine_missing() if pdf_wanted else "--no-pdf given"
    if missing:
        earlier = ((previous or {}).get("editions") or {}).get("pdf")
        then = (f"; the earlier PDF ({earlier}) is removed with the book this build replaces, as it would not match "
                "the new pages (build without --no-pdf to print it again)" if earlier else "")
        reporter.line(f"PDF edition skipped: {missing}{then}")
    name = published_as(manifest)
    manifest["editions"] = {"xlsx": datapack.workbook_name(name), "pdf": None if missing else pdf_name(name)}
    if printer is not None and not missing:
        printer.start()
    return manifest["editions"]


def fingerprint(pdf_wanted: bool = True) -> str:
    """What the site key must also hold: whether this build prints the PDF (a book built without it is not up to date once it can, or is asked to)."""
    return "pdf" if pdf_wanted and pdf.engine_missing() is None else "no-pdf"


def links_markdown(editions: dict[str, Any]) -> str:
    """The editions' links (front page and Figures page, both one folder below the site root); left out of the PDF."""
    links = []
    if editions.get("pdf"):
        links.append(f'<a href="../{DOWNLOADS}/{editions["pdf"]}" download>the whole book as a PDF ({editions["pdf"]})</a>')
    if editions.get("xlsx"):
        links.append(f'<a href="../{DOWNLOADS}/{editions["xlsx"]}" download>every table and the market data as an Excel '
                     f'workbook ({editions["xlsx"]})</a>')
    return f'<p class="{EDITIONS_CLASS}">Download ' + " and ".join(links) + ".</p>\n" if links else ""


def cited(source: Path, manifest: dict[str, Any]) -> Cited:
    """What the editions' title page and cover cite, from the assembled ``_config.yml`` and the manifest."""
    return Cited.of(yaml.safe_load((source / CONFIG_NAME).read_text(encoding="utf-8")), manifest)


def against_base(manifest: dict[str, Any]) -> datapack.Sheet | None:
    """The data pack's "Scenario against the base" sheet for a build that is not the base case (None for the base)."""
    from ..outputs.changes import headline_numbers
    from ..scenario.diff import parameter_changes
    from ..scenario.loading import load_parameters

    scenario = manifest["scenario"]
    if scenario["name"] == "base" and not scenario.get("overrides"):
        return None
    base = load_parameters()
    changes = list(parameter_changes(manifest["parameters"], base.resolved()).itertuples(index=False, name=None))
    return datapack.against_base(headline_numbers(base), manifest["headline"], changes)


def write_datapack(source: Path, html: Path, manifest: dict[str, Any]) -> Path:
    """The Excel data pack into the site's downloads, from the built pages, the published market table and the register."""
    headline = Headline.from_data()
    documents = toc_documents(source / TOC_NAME)
    tables = book_tables.read_tables(html, documents)
    market = pd.read_parquet(html / MARKET_PARQUET)
    register = load_register()
    parameters = parameter_values(Parameters.model_validate(manifest["parameters"])) if manifest.get("parameters") else None
    sheets = datapack.sheets(tables, market, register, DATA_DIR, (headline.base_year, headline.end_year), against_base(manifest),
                             key_record=read_key_numbers(html), headline=headline, parameters=parameters, root=documents[0])
    return datapack.write_datapack(html / DOWNLOADS / manifest["editions"]["xlsx"], cited(source, manifest), sheets)


class Printer:
    """Chromium started ahead, in a thread of its own, waiting for its print job (:class:`.pdf.PrintJob`).

    Started while the site's source is assembled (:func:`plan`), Chromium is ready by the time the
    print document is written, and waits meanwhile without taking a core. Used as a context: left
    without a job (a failed or stopped build), it closes Chromium; left by an exception while Chromium
    prints (the data pack, the site's dates or the swap failed, Ctrl-C), it stops Chromium's processes,
    as the print is of no use and the build would otherwise wait for it to end before exiting.
    """

    STOP_SECONDS = 1.5  # how long leaving waits for Chromium to close (a stopped build has two seconds in all)

    def __init__(self) -> None:
        self._job: Future = Future()
        self._printed: Future = Future()
        self._browser: Future = Future()  # Chromium's browser process id, once it runs
        self._thread: ThreadPoolExecutor | None = None
        self._printing: Future | None = None
        self._stopping = False  # left by an exception: a Chromium whose id arrives now is stopped as it arrives

    def start(self) -> None:
        """Start Chromium, unless it is started already."""
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf")
            self._printing = self._thread.submit(pdf.print_given, self._job.result, self._printed, self._launched)

    def _launched(self, pid: int) -> None:
        try:
            self._browser.set_result(psutil.Process(pid))  # psutil checks it is still that process before signalling it
        except psutil.Error:
            return
        if self._stopping:  # the build failed before Chromium's id arrived: stop it now (each side sees the other's mark)
            self._stop_chromium()

    @property
    def started(self) -> bool:
        return self._thread is not None

    def give(self, job: pdf.PrintJob) -> None:
        """Hand Chromium its job: it prints while the caller goes on."""
        self.start()
        self._job.set_result(job)

    def result(self) -> dict[str, int]:
        """Wait for the print, write the PDF; the page each chapter starts on (:class:`BuildFailed` when Chromium failed)."""
        wait([self._printed, self._printing], return_when=FIRST_COMPLETED)
        try:
            printed, pages = (self._printed if self._printed.done() else self._printing).result()
        except pdf.PdfError as exc:
            raise BuildFailed(f"PDF edition: {exc}") from None
        pdf.write(self._job.result(), printed)  # while Chromium closes
        return pages

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        if not self._job.done():  # no print document (a failed or stopped build): Chromium stops waiting for it
            self._job.set_exception(BuildFailed("PDF edition: nothing to print"))
            if self._printing is not None:
                wait([self._printing], timeout=self.STOP_SECONDS)
        elif exc_type is not None and self._printing is not None and not self._printing.done():
            self._stopping = True
            self._stop_chromium()  # its print fails at once (Chromium closed), and its thread ends
            wait([self._printing], timeout=self.STOP_SECONDS)
        if self._thread is not None:
            self._thread.shutdown(wait=False, cancel_futures=True)

    def _stop_chromium(self) -> None:
        """End Chromium's browser process and its children (renderers, GPU, zygotes): SIGTERM, then SIGKILL.

        Before Chromium's id has arrived there is nothing to stop here: :meth:`_launched` stops it as the id arrives.
        """
        if not self._browser.done():
            return
        browser = self._browser.result()
        try:
            processes = [browser, *browser.children(recursive=True)]
        except psutil.Error:
            return  # closed already
        for process in processes:
            try:
                process.terminate()
            except psutil.Error:
                pass
        _, alive = psutil.wait_procs(processes, timeout=self.STOP_SECONDS / 2)
        for process in alive:
            try:
                process.kill()
            except psutil.Error:
                pass


def print_book(site: Path, source: Path, manifest: dict[str, Any], output: Path,
               meanwhile: Callable[[], None] | None = None, printer: Printer | None = None) -> dict[str, int]:
    """Print the built HTML ``site`` (the pages of ``source``'s table of contents) to ``output``; the page each chapter starts on.

    Chromium (``printer``'s, started ahead, or one started now in a thread of its own) is given the
    print document once Python has written it into the site, and prints it while Python runs
    ``meanwhile`` (the data pack), each on its own core. The print document is removed from the
    site once printed, or when anything fails.
    """
    c = cited(source, manifest)
    title = f"{c.book_title} ({c.scenario})"
    when = dt.datetime.fromtimestamp(manifest["source_date"]["epoch"], dt.timezone.utc)
    with nullcontext(printer) if printer is not None else Printer() as chromium:
        chromium.start()
        try:
            document, entries, _ = write_print_document(site, source / TOC_NAME, c, title)
            chromium.give(pdf.PrintJob(document, [e.anchor for e in entries], output, title, c.author, when))
            if meanwhile is not None:
                meanwhile()
            return chromium.result()
        finally:
            (Path(site) / PRINT_FILE).unlink(missing_ok=True)


def publish(source: Path, html: Path, manifest: dict[str, Any], reporter, printer: Printer | None = None) -> None:
    """Write the data pack and (when planned) print the PDF into the staged site ``html`` (with ``printer``'s Chromium, when
    started ahead).

    Chromium prints while Python writes the workbook (:func:`print_book`).
    """
    if not (html / MARKET_PARQUET).is_file():
        raise BuildFailed(f"Excel data pack: the market table {MARKET_PARQUET} is missing (the data chapter writes it)")
    pdf_file = manifest["editions"].get("pdf")
    reporter.step("writing the Excel data pack" + (" and printing the PDF edition" if pdf_file else ""))

    def datapack() -> None:
        try:
            write_datapack(source, html, manifest)
        except (KeyError, ValueError) as exc:
            raise BuildFailed(f"Excel data pack: {exc}") from None

    if pdf_file:
        print_book(html, source, manifest, html / DOWNLOADS / pdf_file, meanwhile=datapack, printer=printer)
    else:
        datapack()
