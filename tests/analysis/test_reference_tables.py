"""The reference chapters' listings of parameters and sources, on small hand-made tables and registers."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from infantile_spasms_market.analysis import reference_tables


def parameter_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "path": ["growth.price_erosion", "market.reconciliation"],
        "description": ["Yearly price change", "How the report's figures are reconciled"],
        "value": ["-0.01", "bridge_2025"],
        "unit": ["fraction a year", "choice"],
        "allowed": ["-0.1 to 0.1", "one of bridge_2025, cagr_from_2024"],
        "rationale": ["Generic entry", "Keeps all_three figures"],
        "source": ["techsci-2025", ""],
    })


def test_parameter_listing_wraps_and_names_missing_sources():
    listing = reference_tables.parameter_listing(parameter_frame())
    assert list(listing.columns) == ["Parameter", "Value", "Unit", "Allowed", "What it is, and why this value", "Source"]
    assert listing.iloc[0].tolist() == [
        "growth.<wbr>price_<wbr>erosion", "-0.01", "fraction a year", "-0.1 to 0.1",
        "Yearly price change. *Generic entry*", "techsci-2025",
    ]
    assert listing.iloc[1].tolist() == [
        "market.<wbr>reconciliation", "bridge_<wbr>2025", "choice", "one of bridge_<wbr>2025, cagr_<wbr>from_<wbr>2024",
        "How the report's figures are reconciled. *Keeps all_<wbr>three figures*", "none (assumption)",
    ]
    assert reference_tables.parameter_counts(parameter_frame()) == {"met-n-parameters": 2, "met-n-sourced": 1}


REGISTER = {
    "sources": [
        {"id": "who", "producer": "WHO | UN", "title": "Births [2024]\n  edition", "url": "https://www.who.int/data/x",
         "date_published": dt.date(2024, 5, 1), "date_accessed": dt.date(2025, 1, 2), "licence": "CC BY 4.0"},
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
    sources = reference_tables.source_list(REGISTER)
    assert sources.to_dict("records") == [
        {"Id": "`who`", "Producer": "WHO | UN", "Title": "[Births (2024)\n  edition](https://www.who.int/data/x)",
         "Published": "2024-05-01", "Accessed": "2025-01-02", "Licence": "CC BY 4.0"},
        {"Id": "`report`", "Producer": "Publisher", "Title": "[Report](http://example.org)", "Published": "undated",
         "Accessed": "2025-01-03", "Licence": "All rights reserved"},
    ]


def test_sources_by_file_for_the_data_chapter():
    sources = reference_tables.sources_by_file(REGISTER)
    assert sources.iloc[0].tolist() == [
        "WHO \\| UN", "Births [2024] edition", "[who.int](https://www.who.int/data/x)", "2024-05-01", "CC BY 4.0",
        "`live_births.csv`, `other.csv`",
    ]
    assert sources.loc[1, "URL"] == "[example.org](http://example.org)"
    assert sources.loc[1, "Published"] == "undated" and sources.loc[1, "Used in"] == "(cited in the book)"


def test_register_sources_read_once_for_both_listings():
    sources = reference_tables.register_sources(REGISTER)
    assert sources["id"].tolist() == ["who", "report"]
    assert sources["published"].tolist() == ["2024-05-01", "undated"]
    assert sources["used_in"].tolist() == [["live_births.csv", "other.csv"], []]
