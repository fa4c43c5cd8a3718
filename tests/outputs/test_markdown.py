"""Tests for infantile_spasms_market.outputs.markdown: one format per column, nothing re-parsed."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.outputs.markdown import markdown_table


def _rows(markdown) -> list[list[str]]:
    """Cells of each line of a Markdown table, stripped."""
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in markdown.data.splitlines()]


def test_each_column_keeps_its_own_format():
    frame = pd.DataFrame(
        {"Year": [2006, 2020], "Cases": [1436.4, 12292.0], "Value (USD m)": [59.149, 2.958], "Note": ["a", None]},
        index=pd.Index(["North America", "Middle East & Africa"], name="Region"),
    )
    rows = _rows(markdown_table(frame, formats={"Year": "d", "Cases": ",.0f"}))
    assert rows[0] == ["Region", "Year", "Cases", "Value (USD m)", "Note"]
    assert rows[2] == ["North America", "2006", "1,436", "59.15", "a"]
    assert rows[3] == ["Middle East & Africa", "2020", "12,292", "2.96", ""]


def test_defaults_by_dtype_and_alignment():
    rows = _rows(markdown_table(pd.DataFrame({"n": [1, 22000], "x": [0.5, 1.0], "t": ["a", "b"]}), index=False))
    assert rows[2] == ["1", "0.50", "a"] and rows[3] == ["22,000", "1.00", "b"]
    assert [cell.endswith(":") for cell in rows[1]] == [True, True, False]
    assert rows[1][2].startswith(":")


def test_unknown_format_column_is_named():
    with pytest.raises(KeyError, match="Casess"):
        markdown_table(pd.DataFrame({"Cases": [1]}), formats={"Casess": "d"})


def test_decimals_apply_to_float_columns_not_named_in_formats():
    rows = _rows(markdown_table(pd.DataFrame({"x": [1.23456], "n": [3]}), decimals=3, index=False))
    assert rows[2] == ["1.235", "3"]
