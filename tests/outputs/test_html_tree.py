"""Tests for reading built pages with lxml's tree: the text and classes BeautifulSoup gave (the editions' bytes rest on it)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from infantile_spasms_market.outputs.html_tree import classes, parse, text, within

CELL = """<td class=" a  b\tc "> 1,234 <!-- a comment --><b>bold</b>x<script>no()</script><style>p{}</style>
  <span>  spaced   out </span><template><i>hidden</i></template>tail &amp; more&nbsp;<ruby>k<rt>r</rt></ruby></td>"""


@pytest.mark.parametrize("separator", ["", " "])
def test_text_is_beautifulsoups_stripped_text(separator):
    mine = next(parse(f"<table><tr>{CELL}</tr></table>").iter("td"))
    theirs = BeautifulSoup(f"<table><tr>{CELL}</tr></table>", "lxml").td
    assert text(mine, separator) == theirs.get_text(separator, strip=True)


def test_classes_and_ancestors():
    root = parse(f"<table><thead><tr>{CELL}</tr></thead></table>")
    cell = next(root.iter("td"))
    assert classes(cell) == ["a", "b", "c"] and classes(root) == []
    assert within(cell, "thead") and not within(cell, "tbody")


def test_a_document_without_elements_is_none():
    assert parse("") is None and parse("   ") is None
