"""Tests for the Excel data pack: its sheets come from the book's tables, the market table and the register."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from infantile_spasms_market import labels
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.outputs.book_tables import BookTable
from infantile_spasms_market.outputs.citing import Cited
from infantile_spasms_market.outputs.datapack import (
    COUNTRY_SERIES_SHEET,
    KEY_SHEET,
    MARKET_SHEET,
    PARAMETER_SHEET,
    REGION_SERIES_SHEET,
    SHEET_TITLES,
    country_series,
    key_numbers,
    region_series,
    sheet_name,
    sheets,
    source_rows,
    data_sheet_name,
    table_sheet_name,
    with_units,
    workbook_name,
    write_datapack,
)
from infantile_spasms_market.analysis.parameter_table import parameter_values
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


def test_a_book_tables_sheet_keeps_its_number_and_says_what_it_holds():
    taken: set[str] = set()
    assert table_sheet_name("1.1", "Drug groups of the model: the report's segments they belong to", taken) == "T1.1 Drug groups of the model"
    assert table_sheet_name("4", "Every parameter of this build's scenario: value and basis", taken, "A") == "A4 Every parameter"
    # too long for 31 characters: without fillers, short forms, cut where a phrase starts, never after "of" or a possessive
    assert table_sheet_name("1.2", "Share of each region\u2019s 2024 value by drug group (%)", taken) == "T1.2 Share of region\u2019s 2024"
    assert table_sheet_name("2.3", "Top-down against bottom-up by region: values", taken) == "T2.3 Top-down against bottom-up"
    assert table_sheet_name("10.1", "Top-down against bottom-up by region in the base year", taken) == "T10.1 Top-down vs bottom-up"
    assert table_sheet_name("1.3", "Market by therapeutic class: values", taken) == "T1.3 Market by class"
    assert data_sheet_name(3, "Published incidence estimates of infantile spasms", taken) == "D3 Published incidence"
    assert all(len(name) <= 31 for name in taken)


def test_no_sheet_name_ends_mid_phrase_and_look_alike_captions_get_names_of_their_own():
    """Issue 22's review: "A9 Data dictionary of the long" was cut mid-phrase; "T3.1 / T4.3 The report's key players" and
    "T8.3 / T9.2 The report's claims" said the same after their numbers."""
    taken: set[str] = set()
    assert table_sheet_name("9", "Data dictionary of the long market table: one row per column", taken, "A") == "A9 Data dictionary"
    pairs = [("3.1", "The report's key players, with what the book's data hold on each", "tbl-landscape-key-players"),
             ("4.3", "The report's key players that hold no infantile spasms product in the data", "tbl-companies-players-without"),
             ("8.3", "The report's claims in each scenario", "tbl-scenarios-claims"),
             ("9.2", "The report's claims: share of the Monte Carlo draws in which each holds", "tbl-uncertainty-claims")]
    names = [table_sheet_name(number, caption, taken, "T", table_id) for number, caption, table_id in pairs]
    assert names == ["T3.1 Key players and data held", "T4.3 Key players, no product", "T8.3 Report claims by scenario",
                     "T9.2 Report claims across draws"]
    assert len({n.split(" ", 1)[1] for n in names}) == len(names) and all(len(n) <= 31 for n in names)
    assert {t for _, _, t in pairs} <= set(SHEET_TITLES)
    assert all(len(title) <= 31 - len("A13 ") for title in SHEET_TITLES.values())  # room after a number


def test_a_data_files_sheet_says_file_when_a_book_tables_sheet_has_its_name():
    taken = {"T2.4 Live births", "T4.1 Products by market"}
    assert data_sheet_name(2, "Live births", taken) == "D2 Live births file"
    assert data_sheet_name(16, "Infantile spasms products by market", taken) == "D16 Products by market file"
    assert data_sheet_name(3, "Published incidence estimates of infantile spasms", taken) == "D3 Published incidence"


def test_input_files_headers_are_plain_words_with_units():
    assert [labels.plain_header(c) for c in ("source_id", "locator", "value_usd_m", "price_usd", "share_pct", "drug", "market")] == [
        "Source id", "Locator", "Value (USD million)", "Price (USD)", "Share (%)", "Drug group", "Market"]


def test_market_headers_are_plain_words_with_units(market):
    shown = with_units(market)
    assert list(shown.columns) == ["Year", "Region", "Country", "Drug group", "Drug type", "Therapeutic class", "Dosage",
                                   "Value (USD million)"]
    assert "ACTH" in set(shown["Drug group"]) and "acth" not in set(shown["Drug group"])


def test_annual_series_cover_every_year_and_add_up_to_the_market(market):
    years = [str(y) for y in sorted(market["year"].unique())]
    regions = region_series(market)
    assert list(regions.columns) == ["Region", "Segmentation", "Segment", *years]
    world = regions[(regions["Region"] == "World") & (regions["Segmentation"] == "Total")]
    assert world[years].iloc[0].tolist() == pytest.approx(market.groupby("year")["value_usd_m"].sum().tolist())
    for segmentation in ("Drug type", "Therapeutic class", "Dosage"):
        part = regions[(regions["Region"] == "World") & (regions["Segmentation"] == segmentation)]
        assert part[years].sum().tolist() == pytest.approx(world[years].iloc[0].tolist())
    countries = country_series(market)
    assert list(countries.columns) == ["Region", "Country", "Drug group", *years]
    assert countries[years].sum().tolist() == pytest.approx(world[years].iloc[0].tolist())
    assert countries["Country"].iloc[0] == "United States"


def test_parameters_as_a_table_of_numbers():
    table = parameter_values(load_parameters())
    assert list(table.columns) == ["Parameter", "Label", "Value", "Unit", "Allowed", "Basis", "Source"]
    row = table.set_index("Parameter").loc["segments.drug_mix_2024.north_america.acth"]
    assert isinstance(row["Value"], float) and row["Label"] == "Drug mix by region, 2024: North America, ACTH"
    assert table.set_index("Parameter").loc["market.end_year", "Value"] == 2030


def test_sources_name_each_source_with_its_locators(register):
    rows = source_rows(*register)
    assert rows[["id", "data file", "locator"]].values.tolist() == [
        ["s1", "births.csv", "table 1"], ["s1", "headline.yaml", "value: page 2"],
        ["s2", "births.csv", "p. 3"], ["s3", "", ""]]
    assert rows.loc[0, "url"] == "https://one.example" and rows.loc[0, "producer"] == "P1"


KEY_RECORD = {"own": {"value-2024": 116.7123, "value-2030": 145.1, "cagr": 3.67, "p5-2024": 89.0, "p5-2030": 107.8,
                      "p95-2024": 169.6, "p95-2030": 210.1, "cagr-p5": 1.76, "cagr-p95": 5.04},
              "statistic": "the market of params/triangulated.yaml", "takeaways": ["Vigabatrin overtakes ACTH in 2029."]}


def test_the_workbook_reads_back(tmp_path, market, register):
    contents = sheets(book_tables(), market, register[0], register[1], (2024, 2030), key_record=KEY_RECORD,
                      headline=Headline.from_data(), parameters=parameter_values(load_parameters()))
    path = write_datapack(tmp_path / "pack.xlsx", CITED, contents)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Cover", KEY_SHEET, "T1 Headline", "T2.1 By region", REGION_SERIES_SHEET, COUNTRY_SERIES_SHEET, MARKET_SHEET,
        PARAMETER_SHEET, "Country x drug type 2024", "Country x drug type 2030", "Country x class 2024", "Country x class 2030",
        "Country x dosage 2024", "Country x dosage 2030", "Market table columns", "Sources", "Data files", "D1 Births"]
    cover = [row for row in book["Cover"].iter_rows(values_only=True)]
    assert cover[0][0] == "A Book" and ("Scenario", "Base case") in cover and ("Built", "2026-12-03") in cover
    assert any(label == "Cite as" and "A Book" in text for label, text in cover)
    assert [r[0] for r in cover[cover.index(("Sheet", "What it holds")) + 1:]] == book.sheetnames[1:]
    sheet = book[MARKET_SHEET]
    assert list(sheet.tables) == ["MarketTable"] and sheet.tables["MarketTable"].ref == f"A1:H{len(market) + 1}"
    assert sheet.tables["MarketTable"].autoFilter is not None and sheet["H1"].value == "Value (USD million)"
    assert sheet.freeze_panes == "A2"
    assert book["T2.1 By region"]["A1"].value == "Table 2.1: By region" and book["T2.1 By region"]["B4"].value == 1.5
    assert book["D1 Births"].max_row == 1 + 3 + 2  # title, scenario, header and three rows
    assert book["D1 Births"]["A1"].value == "Births (input data file births.csv)"
    assert book["Data files"]["A1"].value == "sheet" and book["Data files"]["A2"].value == "D1 Births"
    label = "Scenario: Base case \u00b7 built 2026-12-03"
    for name in book.sheetnames[1:]:  # the scenario on every sheet: under its title, or beside a table that starts at the top
        first = [c.value for c in book[name][1 if name in (MARKET_SHEET, "Sources", "Data files", "Market table columns") else 2]]
        assert label in first, f"{name}: no scenario line"
        assert label in book[name].oddHeader.right.text
    key = book[KEY_SHEET]
    assert key["A5"].value == "The book's own estimate" and key["B5"].value == 116.7123  # full precision in the cell
    assert key["B5"].number_format == "#,##0.00"  # shown rounded
    assert key["A8"].value == "Finding 1" and key["E8"].value == "Vigabatrin overtakes ACTH in 2029."
    parameters = book[PARAMETER_SHEET]
    assert [c.value for c in parameters[3]] == ["Parameter", "Label", "Value", "Unit", "Allowed", "Basis", "Source"]


def test_the_key_numbers_sheet_splits_the_base_year_in_and_outside_the_united_states():
    split = {"us": 80.1, "outside": 5.3, "report-us": 64.1, "report-outside": 82.2}
    frame = key_numbers(KEY_RECORD | {"us_split": split}, (2024, 2025, 2030), (146.34, 181.94, 3.67)).set_index("Figure")
    assert frame.loc["Own estimate: United States", "2024 (USD million)"] == 80.1
    assert frame.loc["The report: outside the United States", "2024 (USD million)"] == 82.2
    assert "assumed regional and country shares" in frame.loc["The report: United States", "What it is"]
    assert pd.isna(frame.loc["The report: United States", "2030 (USD million)"]), "a base-year split only"
    assert "Own estimate: United States" not in key_numbers(KEY_RECORD, (2024, 2025, 2030), (146.34, 181.94, 3.67))["Figure"].values


def test_the_key_numbers_sheet_gives_the_us_range_and_what_us_courses_are_priced_at():
    split = {"us": 80.1, "outside": 5.3, "report-us": 64.1, "report-outside": 82.2, "us-p5": 61.4, "us-p95": 119.4}
    note = "In the United States courses are priced at the 2018 list price (ACTH: H.P. Acthar Gel)."
    frame = key_numbers(KEY_RECORD | {"us_split": split, "us_prices": note}, (2024, 2025, 2030),
                        (146.34, 181.94, 3.67)).set_index("Figure")
    assert frame.loc["Own estimate: United States, P5", "2024 (USD million)"] == 61.4
    assert frame.loc["Own estimate: United States, P95", "2024 (USD million)"] == 119.4
    assert frame.loc["What US courses are priced at", "What it is"] == note
    plain = key_numbers(KEY_RECORD | {"us_split": {k: split[k] for k in ("us", "outside", "report-us", "report-outside")}},
                        (2024, 2025, 2030), (146.34, 181.94, 3.67))["Figure"].values
    assert "Own estimate: United States, P5" not in plain and "What US courses are priced at" not in plain


def test_the_series_sheets_say_the_split_is_assumed(market, register):
    for sheet in sheets([], market, register[0], register[1], (2024, 2030)):
        if sheet.name in (COUNTRY_SERIES_SHEET, REGION_SERIES_SHEET) or sheet.name.startswith("Country x"):
            assert "assumed regional shares" in sheet.title and "assumed regional shares" in sheet.about, sheet.name


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
    assert book.sheetnames[:3] == ["Cover", AGAINST_BASE, "T1 Headline"]
    rows = list(book[AGAINST_BASE].iter_rows(min_row=3, values_only=True))
    assert rows[0] == ("What", "Code name", "Base case", "This scenario", "Difference")
    by_what = {r[0]: r for r in rows[1:]}
    end = by_what["Market value, 2030 (USD million)"]
    assert end[2] == pytest.approx(181.94) and end[3] < end[2] and end[4] == pytest.approx(end[3] - end[2])
    assert by_what["Growth from diagnosis"][1:] == ("growth.diagnosis", 0.012, 0.002, pytest.approx(-0.01))
    cover = dict(r[:2] for r in book["Cover"].iter_rows(values_only=True) if r[0])
    assert cover["Scenario"] == "Base case: the report's figures, with growth from diagnosis set to 0.002 (not the base case)"
    assert "not the base case" in book.properties.subject
