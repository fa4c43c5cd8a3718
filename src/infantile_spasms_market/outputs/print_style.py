"""The PDF edition's page style: A4, a running header (short title, chapter) and footer (scenario, date, page), chapters on
new pages, figures kept with their captions, equations that fit the column.

The running header names each chapter through CSS named pages: every chapter's section gets a page name of
its own (:func:`page_css`), whose margin boxes print the chapter's title. Chromium prints both (named pages,
page-margin boxes), so the print keeps its styling in this document, whoever prints it.
"""

from __future__ import annotations

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
.print-appendix-title { page: appendix; break-before: page; font-size: 22pt; font-weight: 700; margin: 80mm 0 0 0; }
.print-body { max-width: none !important; padding: 0 !important; margin: 0 !important; }
.print-body section.print-chapter { break-before: page; }
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
        f"@page appendix {{ @top-right {{ content: \"Appendix\"; font: {MARGIN_FONT}; color: #555; }} }}",
        f".print-key-findings {{ page: key-findings; }} @page key-findings {{ @top-right {{ content: \"Key findings\"; "
        f"font: {MARGIN_FONT}; color: #555; }} }}",
    ]
    for name, title in chapters:
        rules.append(f'.print-body [data-print-page="{name}"] {{ page: {name}; }} '
                     f"@page {name} {{ @top-right {{ content: {_quoted(title)}; font: {MARGIN_FONT}; color: #555; }} }}")
    return "\n".join(rules)
