"""Tests for the downloads: the market table round-trips through CSV and Parquet; the dictionary covers every column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from infantile_spasms_market.inputs.taxonomy import COUNTRIES, DRUGS, REGIONS
from infantile_spasms_market.model.bottomup import bottom_up_by_country
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.outputs.export import (
    DICTIONARY_COLUMNS,
    data_dictionary,
    export_bottom_up,
    export_market_table,
)
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def params():
    return load_parameters(None, ["trends.novel_therapy.enabled=true", "market.end_year=2032"])


@pytest.fixture(scope="module")
def table(params) -> pd.DataFrame:
    return market_table(params)


@pytest.fixture
def written(table: pd.DataFrame, tmp_path: Path) -> list[Path]:
    return export_market_table(table, tmp_path / "downloads" / "data")


def test_the_three_files_are_written(written: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "downloads" / "data"
    assert written == [folder / "market_table.csv", folder / "market_table.parquet", folder / "market_table_dictionary.csv"]
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)


def test_csv_reads_back_equal_to_the_table(table: pd.DataFrame, written: list[Path]) -> None:
    pd.testing.assert_frame_equal(pd.read_csv(written[0]), table, check_exact=True)


def test_parquet_reads_back_equal_to_the_table(table: pd.DataFrame, written: list[Path]) -> None:
    pd.testing.assert_frame_equal(pd.read_parquet(written[1]), table, check_exact=True)


def test_dictionary_lists_every_column_in_order(table: pd.DataFrame, written: list[Path]) -> None:
    dictionary = pd.read_csv(written[2], keep_default_na=False)
    assert list(dictionary.columns) == list(DICTIONARY_COLUMNS)
    assert list(dictionary["column"]) == list(table.columns)
    assert (dictionary[list(DICTIONARY_COLUMNS)] != "").all().all()


def test_dictionary_is_derived_from_the_table_and_taxonomy(table: pd.DataFrame) -> None:
    rows = data_dictionary(table).set_index("column")
    assert rows.loc["year", "type"] == "integer" and rows.loc["year", "allowed_values"] == "2024 to 2032, every year"
    assert rows.loc["value_usd_m", "type"] == "number" and rows.loc["value_usd_m", "unit"] == "USD million (nominal)"
    assert rows.loc["region", "type"] == "text"
    assert rows.loc["region", "allowed_values"].split("; ") == list(REGIONS.values())
    assert sorted(rows.loc["country", "allowed_values"].split("; ")) == sorted(COUNTRIES.values())
    assert all(f"{d} (" in rows.loc["drug", "allowed_values"] for d in DRUGS)
    assert rows.loc["dosage", "allowed_values"] == "Liquid; Solid"


def test_dictionary_refuses_an_undocumented_column(table: pd.DataFrame, tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="no description for column\\(s\\) share_pct"):
        export_market_table(table.assign(share_pct=1.0), tmp_path)
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_dictionary_refuses_a_label_the_taxonomy_does_not_know(table: pd.DataFrame) -> None:
    bad = table.copy()
    bad.loc[0, "region"] = "Antarctica"
    with pytest.raises(ValueError, match="column 'region' holds values the taxonomy does not know: Antarctica"):
        data_dictionary(bad)


def test_bottom_up_csv_keeps_the_country_ids(params, tmp_path: Path) -> None:
    bottom_up = bottom_up_by_country(params)
    path = export_bottom_up(bottom_up, tmp_path / "out")
    assert path == tmp_path / "out" / "bottom_up.csv"
    back = pd.read_csv(path)
    assert list(back["country_id"]) == list(bottom_up.index)
    assert list(back.columns[1:]) == list(bottom_up.columns)
    pd.testing.assert_series_equal(back["value_usd_m"], bottom_up["value_usd_m"].reset_index(drop=True), check_exact=True)
