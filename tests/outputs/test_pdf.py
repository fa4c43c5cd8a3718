"""Tests for printing the PDF edition: finding the engine, reading chapter pages back, and a small print in Chromium."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

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


PAGE = """<!DOCTYPE html><html><head><title>t</title></head><body><article class="bd-article">{body}</article></body></html>"""
PAGES = {
    "notebooks/start": '<section id="start"><h1>Start</h1><div class="key-findings"><p>A key number.</p></div>'
                       "<p>First page of text.</p></section>",
    "notebooks/one": '<section id="one"><h1>1. One</h1><figure id="fig-one"><img src="../_images/x.png" alt="A red square">'
                     "</figure><p>$$x^2 + 1$$</p></section>",
    "notebooks/two": '<section id="two"><h1>2. Two</h1><p>Last chapter.</p>'
                     "<table><thead><tr><th>Reconciliation</th><th>2030 (USD m)</th></tr></thead>"
                     "<tbody><tr><td><code>constant_cagr_2024_2030</code></td><td>181.94</td></tr></tbody></table></section>",
}
RED_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="#ff0000"/></svg>'


def small_book(tmp_path: Path) -> tuple[Path, Path]:
    """A built site of three pages (the figure's SVG in its downloads) and its table of contents."""
    site = tmp_path / "site"
    for document, body in PAGES.items():
        (site / document).parent.mkdir(parents=True, exist_ok=True)
        (site / f"{document}.html").write_text(PAGE.format(body=body))
    (site / "downloads" / "figures").mkdir(parents=True)
    (site / "downloads" / "figures" / "fig-one.svg").write_text(RED_SVG)
    toc = tmp_path / "_toc.yml"
    toc.write_text("root: notebooks/start\nparts:\n  - caption: Part\n    chapters:\n      - file: notebooks/one\n      - file: notebooks/two\n")
    return site, toc


WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


@pytest.mark.browser
def test_a_small_book_prints_with_numbered_contents(tmp_path: Path, monkeypatch):
    spliced = []
    splice = pdf.spliced_front
    monkeypatch.setattr(pdf, "spliced_front", lambda *args: spliced.append(splice(*args)) or spliced[-1])
    site, toc = small_book(tmp_path)
    document, entries, _ = write_print_document(site, toc, Cited("Small Book", "Us", "Base", "2026-12-03"), "Small Book (Base)")
    output = tmp_path / "book.pdf"
    pages = pdf.print_pdf(document, output, [e.anchor for e in entries], title="Small Book (Base)", author="Us", when=WHEN)
    reader = PdfReader(output)
    assert reader.metadata.title == "Small Book (Base)" and reader.metadata.author == "Us"
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20260102030405+00'00'"  # the source's date
    # title, contents, the key findings on a page of their own (the front page's, after the contents), then the chapters
    assert pages == {"key-findings": 3, "document-notebooks/start": 4, "document-notebooks/one": 5, "document-notebooks/two": 6}
    assert len(reader.pages) == pdf.page_count(output) == 6
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents and "1. One" in contents and {"3", "4", "5", "6"} <= set(contents.split())
    assert "000" not in contents  # the placeholder the book was printed with
    assert "A key number." in reader.pages[2].extract_text() and "A key number." not in reader.pages[3].extract_text()
    # the page number in the footer, which the text layer joins to the running footer's scenario line ("5Scenario: ...")
    assert re.search(r"(?<!\d)5(?!\d)", reader.pages[4].extract_text())
    assert b"1 0 0 rg" in reader.pages[4].get_contents().get_data()  # the figure drawn as a vector (red), not a picture
    assert not reader.pages[4].images
    links = [a.get_object()["/Dest"] for a in reader.pages[1]["/Annots"]]
    assert links == [f"/{e.anchor}" for e in entries], "each contents line still links to its chapter"
    assert len(spliced) == 1 and spliced[0] is not None, "the numbered contents were put in place, not printed with the book again"
    again = tmp_path / "again.pdf"
    pdf.print_pdf(document, again, [e.anchor for e in entries], title="Small Book (Base)", author="Us",
                  when=WHEN)
    assert again.read_bytes() == output.read_bytes()  # no print time, no version, no run-bound ids: same document, same bytes


def test_an_update_adds_objects_after_the_file():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    original = buffer.getvalue()
    reader = PdfReader(io.BytesIO(original))
    info = DictionaryObject({NameObject("/Title"): TextStringObject("A title"), NameObject("/Author"): TextStringObject("An author")})
    number = int(reader.trailer["/Size"])
    updated = pdf.updated(original, reader, {number: pdf.serialised(info)}, number)
    assert updated.startswith(original), "the file before the update is kept byte for byte"
    reader = PdfReader(io.BytesIO(updated))
    assert reader.metadata.title == "A title" and reader.metadata.author == "An author" and len(reader.pages) == 1


def test_front_pages_that_do_not_lay_out_the_same_are_not_spliced():
    def printed(texts: list[bytes]) -> bytes:
        writer = PdfWriter()
        for text in texts:
            page = writer.add_blank_page(200, 200)
            content = b"/P <</MCID 0 >>BDC BT /F1 12 Tf (" + text + b") Tj ET EMC"
            from pypdf.generic import DecodedStreamObject
            stream = DecodedStreamObject()
            stream.set_data(content)
            page[NameObject("/Contents")] = writer._add_object(stream)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    book = printed([b"title", b"000", b"chapter"])
    assert pdf.spliced_front(book, printed([b"title", b"3"])) is not None
    lost_item = printed([b"title", b"3"]).replace(b"/P <</MCID 0 >>BDC BT /F1 12 Tf (3) Tj ET EMC", b"BT (3) Tj ET")
    assert pdf.spliced_front(book, lost_item) is None, "its tagged structure would point at nothing"
    assert pdf.spliced_front(book, printed([b"title", b"3", b"x"])) is None, "as many pages as the book: not a front"


@pytest.mark.browser
def test_when_the_front_pages_cannot_be_put_in_place_the_book_is_printed_again_numbered(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(pdf, "spliced_front", lambda *args: None)
    site, toc = small_book(tmp_path)
    document, entries, _ = write_print_document(site, toc, Cited("Small Book", "Us", "Base", "2026-12-03"), "Small Book (Base)")
    output = tmp_path / "book.pdf"
    pdf.print_pdf(document, output, [e.anchor for e in entries], title="Small Book (Base)", author="Us", when=WHEN)
    reader = PdfReader(output)
    contents = reader.pages[1].extract_text().split()
    assert "4" in contents and "5" in contents and "000" not in contents
    assert reader.metadata.author == "Us" and len(reader.pages) == 6
