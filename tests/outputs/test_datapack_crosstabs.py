"""Tests for the country by segment cross-tables of the data pack."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.outputs.datapack import TOTAL, country_crosstab


@pytest.fixture
def table() -> pd.DataFrame:
    rows = [
        (2024, "Europe", "Germany", "ACTH", "Corticosteroids", "Liquid", 2.0),
        (2024, "North America", "United States", "ACTH", "Corticosteroids", "Liquid", 5.0),
        (2024, "North America", "United States", "Vigabatrin", "Anticonvulsants", "Solid", 3.0),
        (2024, "North America", "Canada", "Vigabatrin", "Anticonvulsants", "Liquid", 1.0),
        (2030, "North America", "Canada", "Vigabatrin", "Anticonvulsants", "Liquid", 9.0),
    ]
    return pd.DataFrame(rows, columns=["year", "region", "country", "drug_type", "therapeutic_class", "dosage", "value_usd_m"])


def test_rows_follow_the_taxonomy_and_totals_add_up(table):
    cross = country_crosstab(table, "drug_type", 2024)
    assert list(cross.columns) == ["Region", "Country", "ACTH", "Vigabatrin", TOTAL]
    assert cross["Country"].tolist() == ["United States", "Canada", "Germany", ""]  # North America first, as the report
    assert cross["Total"].tolist() == [8.0, 1.0, 2.0, 11.0]
    last = cross.iloc[-1]
    assert last["Region"] == TOTAL and last["ACTH"] == 7.0 and last["Vigabatrin"] == 4.0
    assert last[TOTAL] == table.loc[table["year"] == 2024, "value_usd_m"].sum()


def test_each_segmentation_and_year(table):
    assert country_crosstab(table, "dosage", 2024).iloc[-1][["Liquid", "Solid", TOTAL]].tolist() == [8.0, 3.0, 11.0]
    assert country_crosstab(table, "therapeutic_class", 2030).iloc[-1][TOTAL] == 9.0


def test_an_unknown_year_or_column_is_a_clear_error(table):
    with pytest.raises(KeyError, match="no year 2099"):
        country_crosstab(table, "drug_type", 2099)
    with pytest.raises(KeyError, match="no column 'route'"):
        country_crosstab(table, "route", 2024)
