"""Text tables for the reference chapters' Markdown tables: cells kept as written."""

from __future__ import annotations

import pandas as pd

from infantile_spasms_market.outputs.markdown import text_table


def test_text_table_keeps_cells_as_written_and_neutralises_pipes_and_line_breaks():
    frame = pd.DataFrame({"Name": ["a|b", "c\nd"], "Value": ["007", "1.50"]})
    assert text_table(frame).data.splitlines() == [
        "| Name   | Value   |",
        "|:-------|:--------|",
        "| a/b    | 007     |",
        "| c d    | 1.50    |",
    ]


def test_text_table_with_its_index():
    frame = pd.DataFrame({"Count": [3, 10]}, index=pd.Index(["red", "green"], name="Evidence"))
    lines = text_table(frame, index=True).data.splitlines()
    assert lines[0].split("|")[1:3] == [" Evidence   ", " Count   "]
    assert [line.split("|")[1].strip() for line in lines[2:]] == ["red", "green"]



def test_numbers_stay_as_written_text_left_aligned():
    frame = pd.DataFrame({"Count": [1000, 2]}, index=pd.Index([2024, 2030]))
    lines = text_table(frame, index=True).data.splitlines()
    assert lines[1] == "|:-----|:--------|"
    assert [cell.strip() for cell in lines[2].split("|")[1:3]] == ["2024", "1000"]  # no thousands separator
