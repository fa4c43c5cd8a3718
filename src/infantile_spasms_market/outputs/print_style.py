"""The PDF edition's page style: A4, page numbers in the footer, chapters on new pages, figures kept whole."""

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
