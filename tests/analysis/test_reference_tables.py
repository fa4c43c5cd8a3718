"""The reference chapters' listings of parameters and sources, on small hand-made tables and registers."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from infantile_spasms_market import labels
from infantile_spasms_market.analysis import reference_tables


def parameter_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "path": ["growth.price_erosion", "market.reconciliation"],
        "description": ["Yearly price change", "How the report's figures are reconciled"],
        "value": ["-0.01", "bridge_2025"],
        "unit": ["fraction a year", "choice"],
        "allowed": ["-0.1 to 0.1", "one of bridge_2025, cagr_from_2024"],
        "rationale": ["Generic entry", "Keeps all_three figures"],
        "basis": ["sourced", "assumption"],
        "derived_from": ["", ""],
        "source": ["techsci-2025", ""],
    })


def test_parameter_listing_names_each_parameter_and_keeps_its_code_name_in_code():
    listing = reference_tables.parameter_listing(parameter_frame())
    assert list(listing.columns) == ["Parameter", "Value", "Basis"]
    assert listing.iloc[0].tolist() == ["Price erosion (`growth.price_erosion`)", "-0.01 (fraction a year)", "sourced"]
    assert listing.iloc[1].tolist() == [
        "Reconciliation of the report's figures (`market.reconciliation`)", "Step in 2025 (every published figure kept) (`bridge_2025`)", "assumption"]
    label = "Step in 2025 (every published figure kept)"  # the parameter table gives a choice by its label
    assert reference_tables.parameter_listing(parameter_frame().assign(value=["-0.01", label]))["Value"].iloc[1] == (
        f"{label} (`bridge_2025`)")
    assert reference_tables.parameter_counts(parameter_frame()) == {
        "met-n-parameters": 2, "met-n-sourced": 1, "met-n-derived": 0, "met-n-assumption": 1}


def test_a_section_of_sections_gets_one_line_per_group():
    frame = parameter_frame().assign(value=["North America: ACTH 0.5; Europe: ACTH 0.4", "bridge_2025"])
    assert reference_tables.parameter_listing(frame).loc[0, "Value"] == (
        "North America: ACTH 0.5<br>Europe: ACTH 0.4 (fraction a year)")


def test_parameter_reasons_say_why_and_name_missing_sources():
    reasons = reference_tables.parameter_reasons(parameter_frame(), {"techsci-2025": "TechSci Research n.d."})
    assert list(reasons.columns) == ["Parameter", "What it is, and why this value", "Allowed", "Source"]
    assert reasons.iloc[0].tolist() == ["Price erosion", "Yearly price change. *Generic entry*", "-0.1 to 0.1",
                                        "TechSci Research n.d."]
    assert reasons.iloc[1].tolist() == [
        "Reconciliation of the report's figures", "How the report's figures are reconciled. *Keeps all_three figures*",
        "one of `bridge_2025`, `cagr_from_2024`", "none (assumption)",
    ]


def test_a_derived_parameter_says_from_what():
    frame = parameter_frame().assign(basis=["derived", "assumption"], derived_from=["data/live_births.csv", ""])
    # the data file by the register's title: no path in a reader's table (issue 22)
    assert reference_tables.parameter_reasons(frame, {}).iloc[0, 1].endswith(
        f"Derived from {labels.plain_source('data/live_births.csv')}.")
    assert "data/" not in reference_tables.parameter_reasons(frame, {}).iloc[0, 1]


REGISTER = {
    "sources": [
        {"id": "who", "producer": "WHO | UN", "title": "Births [2024]\n  edition", "url": "https://www.who.int/data/x",
         "date_published": dt.date(2024, 5, 1), "date_accessed": dt.date(2025, 1, 2), "licence": "CC BY 4.0",
         "read": "statistical release", "verified": True},
        {"id": "report", "producer": "Publisher", "title": "Report", "url": "http://example.org", "date_published": None,
         "date_accessed": dt.date(2025, 1, 3), "licence": "All rights reserved"},
    ],
    "files": [
        {"file": "live_births.csv", "sources": ["who"]},
        {"file": "other.csv", "sources": ["who"]},
        {"file": "empty.csv", "sources": None},
    ],
}


def test_source_list_for_the_methodology_chapter():
    sources = reference_tables.source_list(REGISTER, {"who": "WHO 2024"})
    assert sources.to_dict("records") == [
        {"Source": "WHO 2024<br>`who`", "Producer and title": "WHO \\| UN: [Births (2024) edition](https://www.who.int/data/x)",
         "Published, accessed, read": "2024-05-01<br>accessed 2025-01-02<br>read: statistical release; verified",
         "Licence": "CC BY 4.0"},
        {"Source": "report<br>`report`", "Producer and title": "Publisher: [Report](http://example.org)",
         "Published, accessed, read": "undated<br>accessed 2025-01-03", "Licence": "All rights reserved"},
    ]


def test_sources_by_file_for_the_data_chapter():
    sources = reference_tables.sources_by_file(REGISTER)
    assert sources.iloc[0].tolist() == [
        "WHO \\| UN: Births [2024] edition ([who.int](https://www.who.int/data/x))", "2024-05-01", "CC BY 4.0",
        "`live_births.csv`, `other.csv`",
    ]
    assert sources.loc[1, "Source"].endswith("([example.org](http://example.org))")
    assert sources.loc[1, "Published"] == "undated" and sources.loc[1, "Used in"] == "(cited in the book)"


def test_register_sources_read_once_for_both_listings():
    sources = reference_tables.register_sources(REGISTER)
    assert sources["id"].tolist() == ["who", "report"]
    assert sources["published"].tolist() == ["2024-05-01", "undated"]
    assert sources["used_in"].tolist() == [["live_births.csv", "other.csv"], []]


def test_located_rows_list_each_file_source_and_locators():
    tables = {"dosing": pd.DataFrame({"source_id": ["label", "label", "other-1"],
                                      "locator": ["section 'Dose'", "section 'Dose'", "abstract"]})}
    records = {"report_headline": {"source_id": "rep-1", "locators": {"cagr_pct": "table 1", "title": "page 1"}}}
    listing = reference_tables.located_rows(tables, records)
    assert listing.to_dict("records") == [
        {"File": "`dosing.csv`", "Rows": 2, "Source": "{cite:p}`label`", "Where in the source": "section 'Dose'"},
        {"File": "`dosing.csv`", "Rows": 1, "Source": "{cite:p}`other1`", "Where in the source": "abstract"},
        {"File": "`report_headline.yaml`", "Rows": 2, "Source": "{cite:p}`rep1`",
         "Where in the source": "Growth rate (CAGR): table 1; Title: page 1"},
    ]


def test_a_sources_own_field_names_in_a_locator_are_code():
    tables = {"events": pd.DataFrame({"source_id": ["fda"], "locator": ["record product_ndc 43598-697 (packaging marketing_start_date)"]})}
    cell = reference_tables.located_rows(tables, {})["Where in the source"].item()
    assert cell == "record `product_ndc` 43598-697 (packaging `marketing_start_date`)"
    assert reference_tables.located_rows({"x": pd.DataFrame({"source_id": ["a"], "locator": ["see live_births.csv"]})}, {}
                                         )["Where in the source"].item() == "see live_births.csv"


def test_the_bottom_up_ratio_in_percent_and_its_table():
    from infantile_spasms_market.model.bottomup import compare_with_top_down
    from infantile_spasms_market.model.topdown import market_table
    from infantile_spasms_market.scenario.loading import load_parameters

    params = load_parameters()
    table = market_table(params)
    year = int(table["year"].min())
    ratio = reference_tables.bottom_up_ratio(params, table, year)
    compared = compare_with_top_down(params, table, year=year)
    assert list(ratio.columns) == ["bottom_up_usd_m", "top_down_usd_m", "bottom_up_pct_of_top_down"]
    assert ratio["bottom_up_pct_of_top_down"].tolist() == pytest.approx((100 * compared["ratio"]).tolist())
    assert list(reference_tables.ratio_table(ratio).columns) == list(reference_tables.RATIO_COLUMNS.values())
