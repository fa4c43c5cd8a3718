"""Tests for reading the book's numbered tables back from built pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from infantile_spasms_market.outputs.book_tables import (
    cell_value,
    read_tables,
    table_frame,
)
from infantile_spasms_market.outputs.html_tree import parse
from infantile_spasms_market.paths import toc_documents


def first_table(html: str):
    return next(parse(html).iter("table"))


TABLE = """<table class="table" id="tbl-x"><caption><span class="caption-number">Table 2.1 </span>
<span class="caption-text">Market by   region</span><a class="headerlink" href="#tbl-x">#</a></caption>
<thead><tr><th>Region</th><th>2024 (USD m)</th><th>Change</th></tr></thead>
<tbody><tr><td>North America</td><td>64.39</td><td>+1.5</td></tr>
<tr><td>Europe</td><td>1,234.5</td><td>−2</td></tr></tbody></table>"""


@pytest.mark.parametrize(("text", "value"), [
    ("146.34", 146.34), ("-2.5", -2.5), ("+1.0", 1.0), ("\u22123", -3), ("1,234", 1234), ("12", 12),
    ("3.67 %", "3.67 %"), ("2025-2030", "2025-2030"), ("yes", "yes"), ("1,23", "1,23"), ("  7  ", 7),
])
def test_cell_value_turns_numbers_into_numbers_and_leaves_text(text, value):
    assert cell_value(text) == value and type(cell_value(text)) is type(value)


def test_table_frame_keeps_header_and_cells():
    frame = table_frame(first_table(TABLE))
    assert list(frame.columns) == ["Region", "2024 (USD m)", "Change"]
    assert frame.values.tolist() == [["North America", 64.39, 1.5], ["Europe", 1234.5, -2]]


def test_table_frame_pads_short_rows_and_names_unnamed_columns():
    html = "<table><tr><td>a</td><td colspan='2'>b</td></tr><tr><td>c</td></tr></table>"
    frame = table_frame(first_table(html))
    assert list(frame.columns) == ["column 1", "column 2", "column 3"]
    assert frame.values.tolist() == [["a", "b", "b"], ["c", "", ""]]


def test_ranges_are_stored_as_a_low_and_a_high_number_and_a_label_column_gets_a_name():
    html = ("<table><thead><tr><th></th><th>2024</th><th>Range 2030</th></tr></thead><tbody>"
            "<tr><td>Own</td><td>70.71</td><td>67.89 to 133.57</td></tr>"
            "<tr><td>Its range</td><td>56.05 to 107.44</td><td>1 to 2</td></tr><tr><td>Other</td><td>3</td><td>4</td></tr></tbody></table>")
    frame = table_frame(first_table(html))
    assert list(frame.columns) == ["Row", "2024", "Range 2030"]  # mixed columns keep their shape
    assert frame.values.tolist() == [["Own", 70.71, "67.89 to 133.57"], ["Its range, low", 56.05, 1.0],
                                     ["Its range, high", 107.44, 2.0], ["Other", 3, 4]]
    column = ("<table><thead><tr><th>Driver</th><th>Range (%/yr)</th></tr></thead><tbody>"
              "<tr><td>A</td><td>+0.4 to +2.2</td></tr><tr><td>B</td><td>\u22122.0 to +0.4</td></tr></tbody></table>")
    frame = table_frame(first_table(column))
    assert list(frame.columns) == ["Driver", "Range (%/yr), low", "Range (%/yr), high"]
    assert frame.values.tolist() == [["A", 0.4, 2.2], ["B", -2.0, 0.4]]


def test_repeated_headers_become_unique_columns():
    # a spanning header cell, or two columns with the same title, would give a sheet two equal columns
    html = ("<table><thead><tr><th>Scenario</th><th colspan='2'>2030</th><th>Scenario</th></tr></thead>"
            "<tbody><tr><td>Base</td><td>1</td><td>2</td><td>Low</td></tr></tbody></table>")
    frame = table_frame(first_table(html))
    assert list(frame.columns) == ["Scenario", "2030", "2030 (2)", "Scenario (2)"]
    assert frame["2030 (2)"].tolist() == [2]


def test_read_tables_in_reading_order_with_numbers_and_captions(tmp_path: Path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "b.html").write_text(f"<html><body>{TABLE}<table id='plain'><tr><td>1</td></tr></table></body></html>")
    (tmp_path / "notebooks" / "a.html").write_text(
        TABLE.replace("tbl-x", "tbl-y").replace("Table 2.1", "Table 1"))
    toc = tmp_path / "_toc.yml"
    toc.write_text("root: notebooks/a\nparts:\n  - caption: P\n    chapters:\n      - file: notebooks/b\n      - file: notebooks/missing\n")
    documents = toc_documents(toc)
    assert documents == ["notebooks/a", "notebooks/b", "notebooks/missing"]
    tables = read_tables(tmp_path, documents)
    assert [(t.number, t.table_id, t.document) for t in tables] == [("1", "tbl-y", "notebooks/a"), ("2.1", "tbl-x", "notebooks/b")]
    assert tables[1].caption == "Market by region"  # an unnumbered table is not a table of the book


def test_only_the_tables_are_parsed_unless_one_holds_another():
    from infantile_spasms_market.outputs.book_tables import _tables_html

    page = '<nav><p>menu</p></nav><table id="a"><tr><td>1</td></tr></table><p>text</p><TABLE id="b"></TABLE>'
    assert _tables_html(page) == '<table id="a"><tr><td>1</td></tr></table>\n<TABLE id="b"></TABLE>'
    nested = '<table id="a"><tr><td><table><tr><td>1</td></tr></table></td></tr></table>'
    assert _tables_html(nested) == nested
