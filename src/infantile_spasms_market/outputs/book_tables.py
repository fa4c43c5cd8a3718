"""The book's numbered tables read back from the built HTML: number, caption, header and cells, in reading order.

Read from the pages Sphinx wrote, so the data pack holds exactly the tables a reader sees, under
the numbers the book gives them, whichever way a chapter produced them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from lxml import etree

from .html_tree import classes, parse, text, within

NUMBER = re.compile(r"^[+\-\u2212]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
RANGE = re.compile(r"^(\S+) (?:to|\u2013) (\S+)$")  # "56.05 to 107.44": a low and a high, each a number
LABELS = "Row"  # the header of a first column that has none (it holds the rows' labels)
TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)


def _tables_html(page: str) -> str:
    """Only a page's ``<table>`` elements (parsing the rest, navigation included, took most of the time); the whole
    page when a table holds another, which cutting at the first closing tag would break."""
    tables = TABLE.findall(page)
    return page if any(t.lower().count("<table") > 1 for t in tables) else "\n".join(tables)


@dataclass(frozen=True)
class BookTable:
    """One numbered table of the book."""

    number: str  # "1.1", or "4" in an unnumbered chapter
    caption: str
    table_id: str
    document: str  # e.g. "notebooks/segments"
    frame: pd.DataFrame


def cell_value(text: str) -> str | int | float:
    """A cell's text as a number when it is one (``1,234.5``, ``-2.5``, ``+1.0``, ``\u22123``), else the text."""
    text = " ".join(text.split())
    if not NUMBER.match(text):
        return text
    plain = text.replace(",", "").replace("\u2212", "-").lstrip("+")
    return float(plain) if "." in plain else int(plain)


def _cells(row: etree._Element) -> list[str]:
    cells = []
    for cell in row:
        if cell.tag in ("th", "td"):
            cells += [text(cell, " ")] * int(cell.get("colspan", 1) or 1)
    return cells


def _unique(names: list[str]) -> list[str]:
    """Column names made unique for a sheet: a repeated header (two equal titles, a spanning cell) gets " (2)", " (3)"."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


def table_frame(table: etree._Element) -> pd.DataFrame:
    """A ``<table>`` (parsed by :func:`.html_tree.parse`) as a DataFrame: its last header row as column names, numbers as numbers."""
    rows = list(table.iterdescendants("tr"))
    header_rows = [tr for tr in rows if within(tr, "thead")]
    header = _cells(header_rows[-1]) if header_rows else []
    body = [_cells(tr) for tr in ([tr for tr in rows if within(tr, "tbody")] or rows)]
    width = max([len(header), *map(len, body)]) if body or header else 0
    columns = header + [f"column {i + 1}" for i in range(len(header), width)]
    columns = _unique([c or (LABELS if i == 0 and header else f"column {i + 1}") for i, c in enumerate(columns)])
    rows = [[cell_value(c) for c in row] + [""] * (width - len(row)) for row in body]
    return split_ranges(pd.DataFrame(rows, columns=pd.Index(columns, dtype=object)))


def _range(value: object) -> tuple[float, float] | None:
    match = RANGE.match(value) if isinstance(value, str) else None
    if not match or not all(NUMBER.match(v) for v in match.groups()):
        return None
    low, high = (cell_value(v) for v in match.groups())
    return float(low), float(high)


def _all_ranges(values) -> list[tuple[float, float] | None] | None:
    """Each value's (low, high), when every non-empty value is a range and one at least is; else None."""
    spans = [_range(v) for v in values]
    return spans if any(spans) and all(s is not None or v == "" for s, v in zip(spans, values)) else None


def split_ranges(frame: pd.DataFrame) -> pd.DataFrame:
    """Ranges (``56.05 to 107.44``) stored as numbers: a column of ranges becomes a low and a high column, then a row of
    ranges a low row and a high row (its label followed by ``, low`` and ``, high``); a lone range in a mixed row stays text."""
    if frame.empty:
        return frame
    for column in list(frame.columns):
        spans = _all_ranges(frame[column].tolist())
        if spans:
            at = frame.columns.get_loc(column)
            frame.insert(at + 1, f"{column}, high", [s[1] if s else "" for s in spans])
            frame.insert(at + 1, f"{column}, low", [s[0] if s else "" for s in spans])
            frame = frame.drop(columns=column)
    out = []
    for _, row in frame.iterrows():
        spans = _all_ranges(row.iloc[1:].tolist())
        out += ([[f"{row.iloc[0]}, {name}", *(s[end] if s else "" for s in spans)] for end, name in ((0, "low"), (1, "high"))]
                if spans else [row.tolist()])
    return pd.DataFrame(out, columns=frame.columns)


def _in_caption(table: etree._Element, css_class: str) -> etree._Element | None:
    """The table's first element of class ``css_class`` inside a caption (CSS ``caption .css_class``), or None."""
    return next((e for e in table.iterdescendants(etree.Element) if css_class in classes(e) and within(e, "caption")), None)


def read_tables(site: Path, documents: list[str]) -> list[BookTable]:
    """Every numbered table of ``documents`` in a built HTML site, in reading order."""
    tables = []
    for document in documents:
        page = Path(site) / f"{document}.html"
        if not page.is_file():
            continue
        root = parse(_tables_html(page.read_text(encoding="utf-8")))
        for table in root.iter("table") if root is not None else ():
            number = _in_caption(table, "caption-number")
            if table.get("id") is None or number is None:
                continue
            caption = _in_caption(table, "caption-text")
            tables.append(BookTable(
                number=text(number).removeprefix("Table").strip(),
                caption=" ".join(text(caption, " ").split()) if caption is not None else "",
                table_id=table.get("id"),
                document=document,
                frame=table_frame(table),
            ))
    return tables
