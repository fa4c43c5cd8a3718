"""The book's other editions, made in the build beside the HTML: the Excel data pack, and the PDF when Chromium is here.

Both go into the site's ``downloads/`` and are linked from the front page and the Figures page.
The PDF is printed from Sphinx's ``singlehtml`` build of the same assembled source (no second
execution, no second copy of the prose), built while the HTML is; without its engine the build
says so in one line and publishes the site without the PDF or its link.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..inputs.headline import Headline
from ..inputs.register import load_register
from ..outputs import book_tables, datapack, pdf
from ..outputs.citing import Cited
from ..outputs.print_document import EDITIONS_CLASS, write_print_document
from ..paths import CONFIG_NAME, DATA_DIR, DOWNLOADS, MARKET_PARQUET, TOC_NAME, edition_file, toc_documents
from . import jupyterbook
from .manifest import published_as
from .options import BuildFailed


def pdf_name(scenario: str) -> str:
    """The PDF's file name for a scenario, e.g. ``infantile-spasms-market-base.pdf``."""
    return edition_file(scenario, ".pdf")


def plan(manifest: dict[str, Any], reporter, pdf_wanted: bool = True, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """Decide which editions this build makes, record it in ``manifest["editions"]``; one line when the PDF is skipped.

    ``previous``: the manifest of the book this build replaces. Its PDF, if it has one, goes with it
    (it would not match the new pages), and the line says so.
    """
    missing = pdf.engine_missing() if pdf_wanted else "--no-pdf given"
    if missing:
        earlier = ((previous or {}).get("editions") or {}).get("pdf")
        then = (f"; the earlier PDF ({earlier}) is removed with the book this build replaces, as it would not match "
                "the new pages (build without --no-pdf to print it again)" if earlier else "")
        reporter.line(f"PDF edition skipped: {missing}{then}")
    name = published_as(manifest)
    manifest["editions"] = {"xlsx": datapack.workbook_name(name), "pdf": None if missing else pdf_name(name)}
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


@dataclass
class PdfSource:
    """The ``singlehtml`` build running beside the HTML build (no process when the PDF is skipped)."""

    process: subprocess.Popen | None
    source: Path
    output: Path
    log: Path

    @classmethod
    def start(cls, source: Path, output: Path, log: Path, editions: dict[str, Any]) -> PdfSource:
        """Start ``jupyter-book build --builder singlehtml`` on ``source`` when the PDF is planned.

        Its output goes to files in ``output`` (not pipes, which would stall it while the HTML builds).
        """
        if not editions.get("pdf"):
            return cls(None, source, output, log)
        output.mkdir(parents=True, exist_ok=True)
        with open(output / "stdout.txt", "w") as stdout, open(output / "stderr.txt", "w") as stderr:
            process = subprocess.Popen(jupyterbook.command(source, output, "singlehtml"), stdout=stdout, stderr=stderr, text=True)
        return cls(process, source, output, log)

    def wait(self) -> Path:
        """The finished ``singlehtml`` folder; :class:`BuildFailed` when Sphinx failed."""
        assert self.process is not None
        self.process.wait()
        stdout, stderr = ((self.output / name).read_text(errors="replace") for name in ("stdout.txt", "stderr.txt"))
        run = subprocess.CompletedProcess(self.process.args, self.process.returncode, stdout, stderr)
        folder = jupyterbook.outcome(self.source, self.output, self.log, run, "singlehtml")
        if isinstance(folder, jupyterbook.SphinxFailure):
            raise BuildFailed("PDF edition: " + folder.message())
        return folder

    def stop(self) -> None:
        """Stop the build if it still runs (the HTML build failed or the build was interrupted)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> PdfSource:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


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
    tables = book_tables.read_tables(html, toc_documents(source / TOC_NAME))
    market = pd.read_parquet(html / MARKET_PARQUET)
    register = load_register()
    sheets = datapack.sheets(tables, market, register, DATA_DIR, (headline.base_year, headline.end_year),
                             against_base(manifest))
    return datapack.write_datapack(html / DOWNLOADS / manifest["editions"]["xlsx"], cited(source, manifest), sheets)


def print_book(single: Path, source: Path, manifest: dict[str, Any], output: Path) -> dict[str, int]:
    """Print the ``singlehtml`` build to ``output``; the page each chapter starts on."""
    c = cited(source, manifest)
    document, entries, _ = write_print_document(single, source / TOC_NAME, c)
    try:
        return pdf.print_pdf(document, output, [e.anchor for e in entries], title=f"{c.book_title} ({c.scenario})",
                             author=c.author, when=dt.datetime.fromtimestamp(manifest["source_date"]["epoch"], dt.timezone.utc))
    except pdf.PdfError as exc:
        raise BuildFailed(f"PDF edition: {exc}") from None


def publish(job: PdfSource, html: Path, manifest: dict[str, Any], reporter) -> None:
    """Write the data pack and (when planned) the PDF into the staged site ``html``."""
    reporter.step("writing the Excel data pack")
    if not (html / MARKET_PARQUET).is_file():
        raise BuildFailed(f"Excel data pack: the market table {MARKET_PARQUET} is missing (the data chapter writes it)")
    try:
        write_datapack(job.source, html, manifest)
    except (KeyError, ValueError) as exc:
        raise BuildFailed(f"Excel data pack: {exc}") from None
    if job.process is not None:
        reporter.step("printing the PDF edition")
        single = job.wait()
        print_book(single, job.source, manifest, html / DOWNLOADS / manifest["editions"]["pdf"])
