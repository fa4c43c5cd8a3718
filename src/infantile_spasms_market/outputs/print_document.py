"""The PDF edition's document, made from Sphinx's single-page HTML of the book: title page, contents, chapters.

The text is the book's own (the ``singlehtml`` build of the same assembled source, from the same
executed notebooks), so the PDF holds no second copy of the prose; numbers, figures, tables and
cross-references are Sphinx's, as in the HTML. This module only rearranges the page for print:
a title page, a table of contents (its page numbers filled in by :mod:`.pdf`), each chapter on a
new page, figures at print resolution and links that stay inside the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

from ..paths import FIGURES, PRINT_FILE, SITE_INDEX, toc_parts
from .citing import Cited


DOCUMENT_ANCHOR = "document-"
REDIRECT = re.compile(r"url=([^\"'>]+)")
KEEP_SCRIPTS = ("MathJax", "mathjax")  # the only scripts the print needs: equations
SHORT_TABLE_ROWS = 15  # a table this short is kept on one page; a longer one may break between rows
LICENCES = "Text and figures CC BY 4.0; code MIT"  # the title page's line
EDITIONS_CLASS = "book-editions"  # the site's "Download the PDF / the workbook" line, which a PDF does not need


class PrintDocumentError(RuntimeError):
    """The single-page HTML does not look as expected (the message says what is missing)."""


@dataclass(frozen=True)
class Entry:
    """One line of the contents: a chapter's anchor, its numbered title, and the part it belongs to."""

    anchor: str
    title: str
    part: str | None


def root_page(singlehtml: Path) -> Path:
    """The one page of a ``singlehtml`` build (Jupyter Book writes it under the root document's name)."""
    index = Path(singlehtml) / SITE_INDEX
    if not index.is_file():
        raise PrintDocumentError(f"no index.html in {singlehtml}")
    text = index.read_text(encoding="utf-8")
    match = REDIRECT.search(text) if "Refresh" in text else None
    page = Path(singlehtml) / match.group(1) if match else index
    if not page.is_file():
        raise PrintDocumentError(f"the single-page HTML {page} is missing")
    return page


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def _chapters(article: Tag, parts: dict[str, str]) -> list[Entry]:
    """Mark every chapter (a document Sphinx inlined) to start a page; the contents' entries, in order."""
    first = article.find("section")
    if first is None or not first.get("id"):
        raise PrintDocumentError("the single-page HTML has no section in its article")
    heading = first.find(re.compile(r"^h[1-6]$"))
    entries = [Entry(first["id"], _text(heading) if heading else "", None)]
    for span in article.find_all("span", id=lambda value: bool(value) and value.startswith(DOCUMENT_ANCHOR)):
        section = span.find_next_sibling("section")
        if section is None:
            continue
        section["class"] = [*section.get("class", []), "print-chapter"]
        section.insert(0, span.extract())  # the anchor on the chapter's first page, not at the foot of the one before
        heading = section.find(re.compile(r"^h[1-6]$"))
        document = span["id"][len(DOCUMENT_ANCHOR):]
        entries.append(Entry(span["id"], _text(heading) if heading else document, parts.get(document)))
    return entries


def _print_figures(article: Tag, singlehtml: Path) -> int:
    """Point each book figure at its 300 dpi PNG (the inline image is drawn for the screen); how many."""
    count = 0
    for figure in article.find_all("figure", id=True):
        png = Path(FIGURES) / f"{figure['id']}.png"
        image = figure.find("img")
        if image is not None and (singlehtml / png).is_file():
            image["src"] = png.as_posix()
            count += 1
    return count


def _keep_short_tables(article: Tag) -> None:
    """Mark tables short enough to keep whole; a long one breaks between rows rather than leave a page blank."""
    for table in article.find_all("table"):
        if len(table.select("tbody tr")) <= SHORT_TABLE_ROWS:
            table["class"] = [*table.get("class", []), "print-keep"]


def _links(article: Tag, page_name: str) -> None:
    """Keep links inside the document: ``page.html#id`` becomes ``#id``; other relative links become plain text."""
    for link in article.find_all("a", href=True):
        href = link["href"]
        if href.startswith(f"{page_name}#"):
            link["href"] = href[len(page_name):]
        elif not (href.startswith("#") or re.match(r"^(https?:|mailto:)", href)):
            link.unwrap()  # a download or page link would point at the local print server


def _clean(article: Tag) -> None:
    """Drop what only a screen uses: heading links, buttons, scripts, the Figures page's thumbnails."""
    for tag in article.select(f"a.headerlink, .d-print-none, script, button, .toggle-button, img.figure-thumbnail, .{EDITIONS_CLASS}"):
        tag.decompose()
    for image in article.find_all("img", loading=True):
        del image["loading"]  # a lazy image below the first screen would never load in a print


def _head(soup: BeautifulSoup, title: str) -> str:
    """The page's stylesheets and MathJax, nothing else (no theme scripts, no light/dark switch)."""
    kept = [str(link) for link in soup.head.find_all("link", rel="stylesheet")]
    kept += [str(s) for s in soup.head.find_all("script") if any(k in (s.get("src", "") + s.get_text()) for k in KEEP_SCRIPTS)]
    return "\n".join(['<meta charset="utf-8">', f"<title>{_escape(title)}</title>", *kept, f"<style>{PRINT_CSS}</style>"])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def title_page(edition: Cited) -> str:
    """The title page's HTML: title, scenario, build date, authors, licence and (when set) the book's address."""
    lines = [
        f'<p class="print-title">{_escape(edition.book_title)}</p>',
        f'<p class="print-scenario">Scenario: {_escape(edition.scenario)}</p>',
        *([f'<p class="print-built">With {_escape(", ".join("--set " + o for o in edition.overrides))}</p>']
          if edition.overrides else []),
        f'<p class="print-built">Built {_escape(edition.built)}</p>',
        f'<p class="print-author">{_escape(edition.author)}</p>',
        f'<p class="print-licence">{_escape(LICENCES)}</p>',
    ]
    if edition.url:
        lines.append(f'<p class="print-url"><a href="{_escape(edition.url)}">{_escape(edition.url)}</a></p>')
    return '<section class="print-title-page">' + "\n".join(lines) + "</section>"


def contents(entries: list[Entry]) -> str:
    """The table of contents: one linked line per chapter, grouped by part, with a slot for the page number."""
    lines, part = ['<nav class="print-contents"><p class="print-contents-title">Contents</p><ol>'], None
    for entry in entries:
        if entry.part and entry.part != part:
            lines.append(f'<li class="print-part">{_escape(entry.part)}</li>')
        part = entry.part or part
        lines.append(
            f'<li><a href="#{_escape(entry.anchor)}"><span class="print-entry">{_escape(entry.title)}</span>'
            f'<span class="print-page" data-anchor="{_escape(entry.anchor)}"></span></a></li>'
        )
    return "\n".join([*lines, "</ol></nav>"])


def write_print_document(singlehtml: Path, toc_file: Path, edition: Cited) -> tuple[Path, list[Entry], dict[str, Any]]:
    """Write :data:`PRINT_FILE` into ``singlehtml`` (so its assets resolve); the file, the contents, and counts.

    Parameters
    ----------
    singlehtml : Path
        Output folder of a Jupyter Book ``singlehtml`` build (with the site's ``downloads/``).
    toc_file : Path
        The ``_toc.yml`` the book was built from (for the parts' captions).
    edition : Cited
        What the title page says (the book, authors, scenario, overrides, build date, address).

    Raises
    ------
    PrintDocumentError
        When the page has no article or no section (the message names the file).
    """
    singlehtml = Path(singlehtml)
    page = root_page(singlehtml)
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    if article is None or soup.head is None:
        raise PrintDocumentError(f"{page} has no <article>: not a Jupyter Book page")
    _clean(article)
    entries = _chapters(article, toc_parts(toc_file))
    figures = _print_figures(article, singlehtml)
    _keep_short_tables(article)
    _links(article, page.relative_to(singlehtml).as_posix())
    body = "\n".join([title_page(edition), contents(entries), f'<article class="bd-article print-body">{article.decode_contents()}</article>'])
    html = f'<!DOCTYPE html>\n<html lang="en" data-mode="light" data-theme="light">\n<head>\n{_head(soup, edition.book_title)}\n</head>\n<body>\n{body}\n</body>\n</html>\n'
    target = singlehtml / PRINT_FILE
    target.write_text(html, encoding="utf-8")
    return target, entries, {"figures": figures, "chapters": len(entries)}


# --------------------------------------------------------------------------- the print's style sheet
# The PDF edition's page style: A4, page numbers in the footer, chapters on new pages, figures kept whole.

PRINT_CSS = """
@page {
  size: A4;
  margin: 18mm 17mm 20mm 17mm;
  @bottom-center { content: counter(page); font: 9pt "Liberation Sans", "DejaVu Sans", Arial, sans-serif; color: #444; }
}
@page :first { @bottom-center { content: none; } }
html, body { background: #fff; color: #111; }
body { font-size: 10pt; line-height: 1.45; margin: 0; }
.print-title-page { break-after: page; min-height: 230mm; display: flex; flex-direction: column; justify-content: center; }
.print-title-page p { margin: 0 0 6mm 0; }
.print-title { font-size: 26pt; font-weight: 700; line-height: 1.2; }
.print-scenario { font-size: 15pt; }
.print-built, .print-author, .print-licence, .print-url { font-size: 11pt; color: #333; }
.print-contents { break-after: page; }
.print-contents-title { font-size: 20pt; font-weight: 700; margin-bottom: 6mm; }
.print-contents ol { list-style: none; padding: 0; margin: 0; }
.print-contents li { margin: 0 0 2mm 0; }
.print-contents li.print-part { font-weight: 700; margin-top: 5mm; text-transform: uppercase; font-size: 9pt; letter-spacing: .05em; color: #444; }
.print-contents a { display: flex; align-items: baseline; color: inherit; text-decoration: none; }
.print-contents .print-entry { flex: 0 1 auto; }
.print-contents a::after { content: ""; flex: 1 1 auto; order: 1; border-bottom: 1px dotted #888; margin: 0 2mm; }
.print-contents .print-page { order: 2; flex: 0 0 12mm; text-align: right; }
.print-body { max-width: none !important; padding: 0 !important; margin: 0 !important; }
.print-body section.print-chapter { break-before: page; }
.print-body h1, .print-body h2, .print-body h3, .print-body h4 { break-after: avoid; }
.print-body figure, .print-body table.print-keep, .print-body .math, .print-body .admonition { break-inside: avoid; }
.print-body tr { break-inside: avoid; }
.print-body figure img { max-width: 100%; max-height: 110mm; height: auto; object-fit: contain; }
.print-body table { font-size: 8pt; width: 100%; }
.print-body th, .print-body td { padding: 1mm 1.5mm !important; }
.print-body th p, .print-body td p { margin: 0; }
.print-body .pst-scrollable-table-container { overflow: visible; }
.print-body pre { white-space: pre-wrap; font-size: 8pt; }
.print-body a { color: #0b4f8a; }
"""
