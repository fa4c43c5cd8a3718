"""Tests for the Excel data pack: its sheets come from the book's tables, the market table and the register."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.outputs.book_tables import BookTable
from infantile_spasms_market.outputs.citing import Cited
from infantile_spasms_market.outputs.datapack import (
    MARKET_SHEET,
    sheet_name,
    sheets,
    source_rows,
    with_units,
    workbook_name,
    write_datapack,
)
from infantile_spasms_market.scenario.loading import load_parameters

CITED = Cited("A Book", "The authors", "Base case", "2026-12-03")


@pytest.fixture(scope="module")
def market() -> pd.DataFrame:
    return market_table(load_parameters(), Headline.from_data())


@pytest.fixture
def register(tmp_path: Path) -> tuple[dict, Path]:
    data = tmp_path / "data"
    data.mkdir()
    (data / "births.csv").write_text("country,births,source_id,locator\nA,10,s1,table 1\nB,20,s1,table 1\nC,5,s2,p. 3\n")
    (data / "headline.yaml").write_text("source_id: s1\nvalue: 3\nlocators:\n  value: page 2\n")
    register = {
        "sources": [{"id": "s1", "title": "First", "producer": "P1", "url": "https://one.example"},
                    {"id": "s2", "title": "Second", "producer": "P2", "url": "https://two.example"},
                    {"id": "s3", "title": "Unused", "producer": "P3", "url": "https://three.example"}],
        "files": [{"file": "births.csv", "title": "Births", "description": "Births by country", "columns": {"births": "count"},
                   "sources": ["s1", "s2"]},
                  {"file": "headline.yaml", "title": "Headline", "description": "The report", "sources": ["s1"]}],
    }
    return register, data


def book_tables() -> list[BookTable]:
    frame = pd.DataFrame({"Region": ["Europe", "Asia"], "2024 (USD m)": [1.5, 2.5]})
    return [BookTable("1", "Headline", "tbl-a", "notebooks/summary", frame),
            BookTable("2.1", "By region", "tbl-b", "notebooks/regions", frame)]


def test_sheet_names_are_valid_unique_and_short():
    taken: set[str] = set()
    assert sheet_name("Table 1.1", taken) == "Table 1.1"
    assert sheet_name("table 1.1", taken) == "table 1.1 (2)"  # Excel compares names without case
    long = sheet_name("a/b:c" + "x" * 40, taken)
    assert len(long) == 31 and "/" not in long and ":" not in long
    assert len(sheet_name("a/b:c" + "x" * 40, taken)) == 31


def test_workbook_name():
    assert workbook_name("base") == "infantile-spasms-market-base.xlsx"


def test_market_headers_carry_units(market):
    headers = list(with_units(market).columns)
    assert "value_usd_m [USD million (nominal)]" in headers and "year" in headers and "region" in headers


def test_sources_name_each_source_with_its_locators(register):
    rows = source_rows(*register)
    assert rows[["id", "data file", "locator"]].values.tolist() == [
        ["s1", "births.csv", "table 1"], ["s1", "headline.yaml", "value: page 2"],
        ["s2", "births.csv", "p. 3"], ["s3", "", ""]]
    assert rows.loc[0, "url"] == "https://one.example" and rows.loc[0, "producer"] == "P1"


def test_the_workbook_reads_back(tmp_path, market, register):
    contents = sheets(book_tables(), market, register[0], register[1], (2024, 2030))
    path = write_datapack(tmp_path / "pack.xlsx", CITED, contents)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Cover", "Table 1", "Table 2.1", MARKET_SHEET, "Country x drug type 2024", "Country x drug type 2030",
        "Country x class 2024", "Country x class 2030", "Country x dosage 2024", "Country x dosage 2030",
        "Data dictionary", "Sources", "Data files", "births"]
    cover = [row for row in book["Cover"].iter_rows(values_only=True)]
    assert cover[0][0] == "A Book" and ("Scenario", "Base case") in cover and ("Built", "2026-12-03") in cover
    assert any(label == "Cite as" and "A Book" in text for label, text in cover)
    assert [r[0] for r in cover[cover.index(("Sheet", "What it holds")) + 1:]] == book.sheetnames[1:]
    sheet = book[MARKET_SHEET]
    assert list(sheet.tables) == ["MarketTable"] and sheet.tables["MarketTable"].ref == f"A1:H{len(market) + 1}"
    assert sheet.freeze_panes == "A2"
    assert book["Table 2.1"]["A1"].value == "Table 2.1: By region" and book["Table 2.1"]["B4"].value == 1.5
    assert book["births"].max_row == 1 + 3 + 2  # title, blank, header and three rows


def test_crosstab_totals_are_the_market(tmp_path, market, register):
    path = write_datapack(tmp_path / "pack.xlsx", CITED, sheets([], market, register[0], register[1], (2024, 2030)))
    for year in (2024, 2030):
        frame = pd.read_excel(path, sheet_name=f"Country x dosage {year}", skiprows=2)
        total = frame.iloc[-1]
        assert total["Region"] == "Total"
        assert total["Total"] == pytest.approx(market.loc[market["year"] == year, "value_usd_m"].sum())
        assert frame.iloc[:-1]["Total"].sum() == pytest.approx(total["Total"])


def test_a_scenario_other_than_the_base_gets_a_sheet_against_the_base(tmp_path, market, register):
    from infantile_spasms_market.bookbuild.editions import against_base as sheet_for
    from infantile_spasms_market.outputs.changes import headline_numbers
    from infantile_spasms_market.outputs.datapack import AGAINST_BASE
    from infantile_spasms_market.scenario.resolved import resolve

    base = resolve()
    record = lambda r: {"scenario": {"name": r.params.scenario.name, "overrides": r.overrides},  # noqa: E731
                        "parameters": r.params.resolved(), "headline": headline_numbers(r.params)}
    assert sheet_for(record(base)) is None, "the base case has nothing to set against itself"
    overridden = resolve(None, ["growth.diagnosis=0.002"])
    first = sheet_for(record(overridden))
    cited = Cited("A Book", "The authors", overridden.title, "2026-12-03", overrides=tuple(overridden.overrides))
    path = write_datapack(tmp_path / "pack.xlsx", cited, sheets(book_tables(), market, register[0], register[1], (2024, 2030), first))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == ["Cover", AGAINST_BASE, "Table 1"]
    rows = list(book[AGAINST_BASE].iter_rows(min_row=3, values_only=True))
    assert rows[0] == ("What", "Code name", "Base case", "This scenario", "Difference")
    by_what = {r[0]: r for r in rows[1:]}
    end = by_what["Market value, 2030 (USD million)"]
    assert end[2] == pytest.approx(181.94) and end[3] < end[2] and end[4] == pytest.approx(end[3] - end[2])
    assert by_what["Growth from diagnosis"][1:] == ("growth.diagnosis", 0.012, 0.002, pytest.approx(-0.01))
    cover = dict(r[:2] for r in book["Cover"].iter_rows(values_only=True) if r[0])
    assert cover["Scenario"] == "Base case: the report's figures, with growth from diagnosis set to 0.002 (not the base case)"
    assert "not the base case" in book.properties.subject
