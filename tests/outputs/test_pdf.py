"""Tests for printing the PDF edition: finding the engine, reading chapter pages back, and a small print in Chromium."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from infantile_spasms_market.outputs import pdf
from infantile_spasms_market.outputs.citing import Cited
from infantile_spasms_market.outputs.print_document import write_print_document


def test_engine_missing_names_what_to_install(monkeypatch):
    monkeypatch.setenv(pdf.CHROMIUM_ENV, "/nowhere/chromium")
    assert pdf.find_chromium() is None
    reason = pdf.engine_missing()
    assert "/nowhere/chromium" in reason and "apt-get install chromium" in reason
    assert "\n" not in reason  # the build says it in one line


def test_find_chromium_takes_the_variable_first(monkeypatch, tmp_path):
    fake = tmp_path / "my-chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv(pdf.CHROMIUM_ENV, str(fake))
    assert pdf.find_chromium() == str(fake)


def test_anchor_pages_reads_named_destinations():
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(200, 200)
    writer.add_named_destination("intro", 0)
    writer.add_named_destination("document-notebooks/one", 2)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert pdf.anchor_pages(buffer.getvalue(), ["intro", "document-notebooks/one", "absent"]) == {
        "intro": 1, "document-notebooks/one": 3}


PAGE = """<!DOCTYPE html><html><head><title>t</title></head><body><article>
<section id="start"><h1>Start</h1><p>First page of text.</p>
<div class="toctree-wrapper">
<span id="document-notebooks/one"></span><section id="one"><h2>1. One</h2>
<figure id="fig-one"><img src="_images/x.png" alt="A red square"></figure>
<p>$$x^2 + 1$$</p></section>
<span id="document-notebooks/two"></span><section id="two"><h2>2. Two</h2><p>Last chapter.</p>
<table><thead><tr><th>Reconciliation</th><th>2030 (USD m)</th></tr></thead>
<tbody><tr><td><code>constant_cagr_2024_2030</code></td><td>181.94</td></tr></tbody></table></section>
</div></section></article></body></html>"""

RED_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db40000000049454e44ae426082"
)


@pytest.mark.browser
def test_a_small_book_prints_with_numbered_contents(tmp_path: Path):
    site = tmp_path / "single"
    (site / "notebooks").mkdir(parents=True)
    (site / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=notebooks/start.html" />')
    (site / "notebooks" / "start.html").write_text(PAGE)
    (site / "downloads" / "figures").mkdir(parents=True)
    (site / "downloads" / "figures" / "fig-one.png").write_bytes(RED_PNG)
    toc = tmp_path / "_toc.yml"
    toc.write_text("root: notebooks/start\nparts:\n  - caption: Part\n    chapters:\n      - file: notebooks/one\n      - file: notebooks/two\n")
    document, entries, _ = write_print_document(site, toc, Cited("Small Book", "Us", "Base", "2026-12-03"))
    output = tmp_path / "book.pdf"
    pages = pdf.print_pdf(document, output, [e.anchor for e in entries], title="Small Book (Base)", author="Us",
                          when=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc))
    reader = PdfReader(output)
    assert reader.metadata.title == "Small Book (Base)" and reader.metadata.author == "Us"
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20260102030405+00'00'"  # the source's date
    assert pages == {"start": 3, "document-notebooks/one": 4, "document-notebooks/two": 5}  # title, contents, one page each
    assert len(reader.pages) == pdf.page_count(output) == 5
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents and "1. One" in contents and "4" in contents and "5" in contents
    assert len(reader.pages[3].images) == 1  # the figure, at print resolution, embedded
    assert "4" in reader.pages[3].extract_text().split()  # the page number in the footer
    again = tmp_path / "again.pdf"
    pdf.print_pdf(document, again, [e.anchor for e in entries], title="Small Book (Base)", author="Us",
                  when=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc))
    assert again.read_bytes() == output.read_bytes()  # no print time, no version, no run-bound ids: same document, same bytes
