"""The PDF edition's document, made from the pages of the book's HTML site: title page, contents, key findings,
chapters, appendix.

The text is the book's own (the pages the same build published, from the same executed
notebooks), so the PDF holds no second copy of the prose and needs no second Sphinx build;
numbers, figures, tables and cross-references are Sphinx's, as in the HTML. This module only
puts the pages together for print: a title page, a table of contents (its page numbers filled in
by :mod:`.pdf`), the front page's key numbers on a page of their own after the contents, each
chapter on a new page under a running header that names it, the reference material (figure
catalogue, data, reproducibility, changes) in an appendix at the end, figures as vectors (their
SVG), and links that stay inside the document: each page's ids are prefixed with its own, so they
stay unique.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Tag

from ..paths import FIGURES, KEY_NUMBERS, PRINT_FILE, toc_documents, toc_parts
from .citing import Cited
from .print_article import EDITIONS_CLASS, EXTERNAL, KEY_FINDINGS_CLASS, clean, heading, keep_short_tables, parse_article
from .print_article import inner_html, print_figures, relink, take_out

__all__ = ["EDITIONS_CLASS", "Entry", "PrintDocumentError", "contents", "title_page", "write_print_document"]


DOCUMENT_ANCHOR = "document-"
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
HEAD = re.compile(r"<head\b.*?</head>", re.S)
KEEP_SCRIPTS = ("MathJax", "mathjax")  # the only scripts the print needs: equations
LICENCES = "Text and figures CC BY 4.0; code MIT"  # the title page's line
APPENDIX = ("book/figures", "notebooks/data", "book/reproducibility", "book/changes")  # reference material, printed last
APPENDIX_PART = "Appendix"
PAGE_ATTRIBUTE = "data-print-page"  # a chapter's named page (its running header)
PARSER = "lxml"  # the page head's parser (the articles are parsed by lxml itself: print_article)


class PrintDocumentError(RuntimeError):
    """The site's pages do not look as expected (the message says what is missing)."""


@dataclass(frozen=True)
class Entry:
    """One line of the contents: a chapter's anchor, its numbered title, and the part it belongs to."""

    anchor: str
    title: str
    part: str | None


def anchor(document: str) -> str:
    """The id of a chapter's start in the print document (what the contents links to)."""
    return DOCUMENT_ANCHOR + document


def _head(head: Tag, folder: str, title: str, pages: str = "") -> str:
    """A page's stylesheets and MathJax (their addresses from the site's root), nothing else (no theme scripts, no light/dark
    switch), then the print style and ``pages`` (:func:`page_css`)."""
    links = head.find_all("link", rel="stylesheet")
    scripts = [s for s in head.find_all("script") if any(k in (s.get("src", "") + s.get_text()) for k in KEEP_SCRIPTS)]
    for tag, attribute in [*((link, "href") for link in links), *((script, "src") for script in scripts)]:
        if tag.get(attribute) and not EXTERNAL.match(tag[attribute]):
            tag[attribute] = posixpath.normpath(posixpath.join(folder, tag[attribute]))
    kept = [str(tag) for tag in [*links, *scripts]]
    return "\n".join(['<meta charset="utf-8">', f"<title>{_escape(title)}</title>", *kept, f"<style>{PRINT_CSS}\n{pages}</style>"])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _key_numbers(site: Path) -> dict[str, Any]:
    """The key numbers the summary chapter wrote into the site (empty when it wrote none)."""
    path = Path(site) / KEY_NUMBERS
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def title_lead(key: dict[str, Any]) -> list[str]:
    """The title page's lead: the report the book checks, and the own estimate with its range, from the key numbers."""
    own = key.get("own") or {}
    years = sorted(int(k.removeprefix("value-")) for k in own if k.startswith("value-"))
    if not years or not key.get("headline"):
        return []
    base = years[0]
    report = f"\u201c{key['report_title']}\u201d ({key['report']})" if key.get("report_title") else key.get("report", "the report")
    return [f"An open check of the market report {report}",
            f"{key['headline']} (P5 to P95 of its draws: USD {own[f'p5-{base}']:,.2f} to {own[f'p95-{base}']:,.2f} million)"]


def title_page(edition: Cited, key: dict[str, Any] | None = None) -> str:
    """The title page's HTML: title, the report it checks and the headline numbers (``key``: the key numbers), scenario,
    build date, authors, licence and (when set) the book's address."""
    lines = [
        f'<p class="print-title">{_escape(edition.book_title)}</p>',
        *(f'<p class="print-lead">{_escape(line)}</p>' for line in title_lead(key or {})),
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


def _page(site: Path, document: str) -> tuple[str, str]:
    """A built page's ``<head>`` and ``<article>`` (only these are parsed: the rest is the site's navigation)."""
    path = site / f"{document}.html"
    if not path.is_file():
        raise PrintDocumentError(f"the page {path} is missing")
    text = path.read_text(encoding="utf-8")
    head, article = HEAD.search(text), ARTICLE.search(text)
    if head is None or article is None:
        raise PrintDocumentError(f"{path} has no <article>: not a Jupyter Book page")
    return head.group(0), article.group(0)


def running_headers(entries: list[Entry], flowing: frozenset[str] = frozenset()) -> list[tuple[str, str, bool]]:
    """Each chapter's named page, the running header it prints, and whether it runs on after the chapter before it.

    A chapter of a part in ``flowing`` (the reference parts: method and reference, the appendix) shares one page
    name with the chapters of its part, under the part's name, and starts below the chapter before it instead of on a
    new page: short chapters no longer end on a page left mostly blank. Any other chapter starts a page of its own.
    """
    out, last = [], None
    for n, entry in enumerate(entries):
        if entry.part in flowing:
            name = f"part-{sorted(flowing).index(entry.part)}"
            out.append((name, entry.part, last == name))
        else:
            name = f"chapter-{n}"
            out.append((name, entry.title, False))
        last = name
    return out


KEY_FINDINGS = Entry("key-findings", "Key findings", None)  # its line in the contents


def key_findings(article) -> str:
    """The front page's key numbers, taken out of the article for their own page after the contents ('' when absent)."""
    block = take_out(article, KEY_FINDINGS_CLASS)
    if block is None:
        return ""
    return (f'<section class="print-key-findings" id="{KEY_FINDINGS.anchor}"><p class="print-key-findings-title">Key findings</p>'
            f"{block}</section>")


def _unnumbered_parts(toc_file: Path) -> frozenset[str]:
    """The captions of the parts ``_toc.yml`` leaves unnumbered (the reference material), and the appendix."""
    toc = yaml.safe_load(Path(toc_file).read_text(encoding="utf-8")) or {}
    return frozenset({p.get("caption", "") for p in toc.get("parts", []) if p.get("numbered") is False} | {APPENDIX_PART})


def write_print_document(site: Path, toc_file: Path, edition: Cited, title: str | None = None) -> tuple[Path, list[Entry], dict[str, Any]]:
    """Write :data:`PRINT_FILE` into the built ``site`` (so its assets resolve); the file, the contents, and counts.

    Parameters
    ----------
    site : Path
        A Jupyter Book HTML build (with the site's ``downloads/``): every page of ``toc_file`` is read.
    toc_file : Path
        The ``_toc.yml`` the book was built from (its pages in reading order, the parts' captions).
    edition : Cited
        What the title page says (the book, authors, scenario, overrides, build date, address).
    title : str, optional
        The document's title (the PDF's); the book's title by default.

    Raises
    ------
    PrintDocumentError
        When a page is missing or has no article (the message names the file).
    """
    site = Path(site)
    documents, parts = toc_documents(Path(toc_file)), toc_parts(toc_file)
    pages: list[tuple[Entry, str]] = []
    appendix: list[tuple[Entry, str]] = []
    figures, head, findings = 0, None, ""
    prefixes: dict[str, str] = {}
    for n, document in enumerate(documents):
        prefixes.setdefault(document, f"d{n}-")  # each page's ids and links in the print start with its own
    for document in documents:
        page_head, text = _page(site, document)
        try:
            article = parse_article(text)
        except ValueError as exc:
            raise PrintDocumentError(f"{site / document}.html: {exc}") from None
        if article is None:
            raise PrintDocumentError(f"{site / document}.html has no <article> lxml can read")
        if head is None:
            head = (BeautifulSoup(page_head, PARSER).head, posixpath.dirname(document))
        clean(article)
        relink(article, posixpath.dirname(document), prefixes[document], prefixes, anchor)
        figures += print_figures(article, site, FIGURES, prefixes[document])
        keep_short_tables(article)
        if not findings:
            findings = key_findings(article)  # the front page's: printed after the contents
        appended = document in APPENDIX
        entry = Entry(anchor(document), heading(article) or document, APPENDIX_PART if appended else parts.get(document))
        (appendix if appended else pages).append((entry, inner_html(article)))
    ordered = pages + appendix
    entries = [entry for entry, _ in ordered]
    headers = running_headers(entries, _unnumbered_parts(toc_file))
    chapters = []
    for n, ((entry, content), (page, _, flows)) in enumerate(zip(ordered, headers)):
        if appendix and n == len(pages):  # the appendix's title heads its first chapter (a page of its own stood half empty)
            content = f'<p class="print-appendix-title">{APPENDIX_PART}</p>' + content
        chapters.append(f'<section class="print-chapter{" print-flow" if flows else ""}" id="{_escape(entry.anchor)}" '
                        f'{PAGE_ATTRIBUTE}="{page}">{content}</section>')
    listed = [KEY_FINDINGS, *entries] if findings else entries
    body = "\n".join([title_page(edition, _key_numbers(site)), contents(listed), findings, '<article class="bd-article print-body">',
                      *chapters, "</article>"])
    footer = f"Scenario: {edition.scenario} \u00b7 built {edition.built}"
    head = _head(*head, title or edition.book_title, page_css(sorted({(p, h) for p, h, _ in headers}), footer)) if head else ""
    html = f'<!DOCTYPE html>\n<html lang="en" data-mode="light" data-theme="light">\n<head>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n'
    target = site / PRINT_FILE
    target.write_text(html, encoding="utf-8")
    return target, listed, {"figures": figures, "chapters": len(entries)}


# --------------------------------------------------------------------------- the print's style sheet
# The PDF edition's page style: A4, a running header (short title, chapter) and footer (scenario, date, page), chapters on
# new pages, figures kept with their captions, equations that fit the column.
#
# The running header names each chapter through CSS named pages: every chapter's section gets a page name of
# its own (:func:`page_css`), whose margin boxes print the chapter's title. Chromium prints both (named pages,
# page-margin boxes), so the print keeps its styling in this document, whoever prints it.

SHORT_TITLE = "Infantile spasms therapeutics market"  # the running header's left side
MARGIN_FONT = '8.5pt "Liberation Sans", "DejaVu Sans", Arial, sans-serif'

PRINT_CSS = """
@page {
  size: A4;
  margin: 20mm 17mm 20mm 17mm;
}
@page front { @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; }
              @bottom-right { content: none; } }
@page front-matter { @top-left { content: none; } @top-right { content: none; } }
html, body { background: #fff; color: #111; }
body { font-size: 10pt; line-height: 1.45; margin: 0; }
.print-title-page { page: front; break-after: page; min-height: 230mm; display: flex; flex-direction: column; justify-content: center; }
.print-title-page p { margin: 0 0 6mm 0; }
.print-title { font-size: 26pt; font-weight: 700; line-height: 1.2; }
.print-scenario { font-size: 15pt; }
.print-lead { font-size: 13pt; line-height: 1.35; color: #1a1a1a; max-width: 160mm; }
.print-built, .print-author, .print-licence, .print-url { font-size: 11pt; color: #333; }
.print-contents { page: front-matter; break-after: page; }
.print-contents-title, .print-key-findings-title { font-size: 20pt; font-weight: 700; margin-bottom: 6mm; }
.print-contents ol { list-style: none; padding: 0; margin: 0; }
.print-contents li { margin: 0 0 2mm 0; }
.print-contents li.print-part { font-weight: 700; margin-top: 5mm; text-transform: uppercase; font-size: 9pt; letter-spacing: .05em; color: #444; }
.print-contents a { display: flex; align-items: baseline; color: inherit; text-decoration: none; }
.print-contents .print-entry { flex: 0 1 auto; }
.print-contents a::after { content: ""; flex: 1 1 auto; order: 1; border-bottom: 1px dotted #888; margin: 0 2mm; }
.print-contents .print-page { order: 2; flex: 0 0 12mm; text-align: right; }
.print-key-findings { break-after: page; font-size: 10pt; }
.print-key-findings table { font-size: 9pt; width: 100%; }
.print-key-findings ul { margin-top: 1mm; }
.print-appendix-title { font-size: 22pt; font-weight: 700; margin: 0 0 8mm 0; }
.print-body { max-width: none !important; padding: 0 !important; margin: 0 !important; }
.print-body section.print-chapter { break-before: page; }
.print-body section.print-chapter.print-flow { break-before: auto; margin-top: 12mm; border-top: 0.5pt solid #999; padding-top: 4mm; }
.print-body h1, .print-body h2, .print-body h3, .print-body h4 { break-after: avoid; }
.print-body figure, .print-body table.print-keep, .print-body .math, .print-body .admonition, .print-body mjx-container { break-inside: avoid; }
.print-body tr { break-inside: avoid; }
.print-body figure img { max-width: 100%; max-height: 92mm; height: auto; object-fit: contain; }
.print-body figure figcaption { break-before: avoid; }
.print-body table { font-size: 8pt; width: 100%; }
.print-body th, .print-body td { padding: 1mm 1.5mm !important; }
.print-body th p, .print-body td p { margin: 0; }
.print-body .pst-scrollable-table-container { overflow: visible; }
.print-body pre { white-space: pre-wrap; font-size: 8pt; }
.print-body div.highlight, .print-body pre { break-inside: auto; }  /* a long listing breaks rather than leave a page blank */
.print-body a { color: #0b4f8a; }
/* Code names print as plain text, not as grey chips. */
.print-body code, .print-body code span.pre { background: none !important; border: 0 !important; padding: 0 !important;
  color: inherit !important; font-size: 0.95em; }
/* Display equations fit the column: never a scroll box that clips them in print. */
.print-body mjx-container[display="true"] { overflow: visible !important; max-width: 100%; font-size: 88% !important; }
.print-body .math { overflow: visible !important; }
"""


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_css(chapters: list[tuple[str, str]], footer: str) -> str:
    """The running header and footer: one named page per chapter (``(page name, chapter title)``), the default page's footer.

    The header prints :data:`SHORT_TITLE` on the left and the chapter on the right; the footer prints
    ``footer`` (scenario and build date) on the left and the page number on the right.
    """
    rules = [
        "@page { "
        f"@top-left {{ content: {_quoted(SHORT_TITLE)}; font: {MARGIN_FONT}; color: #555; }} "
        f"@bottom-left {{ content: {_quoted(footer)}; font: {MARGIN_FONT}; color: #555; }} "
        f"@bottom-right {{ content: counter(page); font: {MARGIN_FONT}; color: #555; }} }}",
        f".print-key-findings {{ page: key-findings; }} @page key-findings {{ @top-right {{ content: \"Key findings\"; "
        f"font: {MARGIN_FONT}; color: #555; }} }}",
    ]
    for name, title in chapters:
        rules.append(f'.print-body [data-print-page="{name}"] {{ page: {name}; }} '
                     f"@page {name} {{ @top-right {{ content: {_quoted(title)}; font: {MARGIN_FONT}; color: #555; }} }}")
    return "\n".join(rules)
