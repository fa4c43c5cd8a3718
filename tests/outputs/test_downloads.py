"""The data downloads written and read back, and what the data chapter says about them."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.outputs.export import download_facts, export_downloads
from infantile_spasms_market.outputs.gallery import size_text
from infantile_spasms_market.outputs.markdown import numbered_rows


def small_table() -> pd.DataFrame:
    rows = [
        (2024, "North America", "United States", "acth", "ACTH", "Corticosteroids", "Liquid", 3.0),
        (2024, "Europe", "Germany", "vigabatrin", "Vigabatrin", "Anticonvulsants", "Solid", 5.0),
        (2030, "North America", "United States", "acth", "ACTH", "Corticosteroids", "Liquid", 4.0),
    ]
    columns = ["year", "region", "country", "drug", "drug_type", "therapeutic_class", "dosage", "value_usd_m"]
    return pd.DataFrame(rows, columns=columns)


def test_downloads_are_written_read_back_and_described(tmp_path):
    table = small_table()
    bottom_up = pd.DataFrame({"value_usd_m": [1.5]}, index=pd.Index(["united_states"]))
    paths = export_downloads(table, bottom_up, tmp_path / "data")
    assert {k: p.name for k, p in paths.items()} == {
        "csv": "market_table.csv", "parquet": "market_table.parquet", "dictionary": "market_table_dictionary.csv",
        "bottom_up": "bottom_up.csv",
    }
    assert pd.read_csv(paths["bottom_up"]).to_dict("records") == [{"country_id": "united_states", "value_usd_m": 1.5}]
    headline = Headline(base_year=2024, end_year=2030, cagr_period=(2025, 2030), base_value_usd_m=8.5,
                        end_value_usd_m=4.25, cagr=0.0)
    facts = download_facts(table, paths, headline)
    # one convention with the downloads list (decimal kB, gallery.size_text): 168,844 bytes read "169 kB" on every page
    assert facts.pop("data-csv-size") == size_text(paths["csv"].stat().st_size)
    assert facts.pop("data-parquet-size") == size_text(paths["parquet"].stat().st_size)
    assert facts == {
        "data-rows": 3, "data-columns": 8, "data-first-year": 2024, "data-last-year": 2030, "data-regions": 2,
        "data-countries": 2, "data-drugs": 2, "data-dosages": 2, "data-total-2024": 8.0, "data-total-2030": 4.0,
        "data-report-2024": 8.5, "data-report-2030": 4.25,
    }


def test_a_table_that_does_not_survive_the_round_trip_is_refused(tmp_path):
    table = small_table().astype({"year": "int32"})  # the CSV reads years back as int64
    with pytest.raises(AssertionError, match="market_table.csv"):
        export_downloads(table, pd.DataFrame({"value_usd_m": [1.0]}, index=["x"]), tmp_path)


def test_numbered_rows_start_at_one():
    numbered = numbered_rows(pd.DataFrame({"a": [5, 6]}, index=["x", "y"]))
    assert numbered.index.name == "#" and numbered.index.tolist() == [1, 2] and numbered["a"].tolist() == [5, 6]
