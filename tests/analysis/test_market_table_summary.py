"""The data chapter's views of the long market table: a country's largest rows, and every view summing to the total."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.analysis.reference_tables import (
    largest_rows,
    view_gaps,
)


def small_table() -> pd.DataFrame:
    rows = [
        (2024, "North America", "United States", "acth", "Adrenocorticotropic Hormone", "Corticosteroids", "Liquid", 3.0),
        (2024, "North America", "United States", "vigabatrin", "Vigabatrin", "Anticonvulsants", "Solid", 5.0),
        (2024, "North America", "Canada", "acth", "Adrenocorticotropic Hormone", "Corticosteroids", "Liquid", 9.0),
        (2030, "North America", "United States", "acth", "Adrenocorticotropic Hormone", "Corticosteroids", "Liquid", 4.0),
        (2030, "Europe", "Germany", "vigabatrin", "Vigabatrin", "Anticonvulsants", "Solid", 2.0),
    ]
    columns = ["year", "region", "country", "drug", "drug_type", "therapeutic_class", "dosage", "value_usd_m"]
    return pd.DataFrame(rows, columns=columns)


def test_largest_rows_of_a_country_in_a_year():
    rows = largest_rows(small_table(), "United States", 2024, n=1)
    assert rows.to_dict("records") == [{
        "year": "2024", "region": "North America", "country": "United States", "drug": "vigabatrin",
        "drug_type": "Vigabatrin", "therapeutic_class": "Anticonvulsants", "dosage": "Solid", "value_usd_m (USD m)": 5.0,
    }]
    assert largest_rows(small_table(), "United States", 2024)["drug"].tolist() == ["vigabatrin", "acth"]


def test_view_gaps_are_zero_for_a_consistent_table():
    gaps = view_gaps(small_table())
    assert gaps.index.tolist() == ["Therapeutic class", "Drug type", "Dosage", "Region", "Country"]
    assert gaps["largest_gap_usd"].tolist() == [0.0] * 5


def test_view_gaps_refuse_a_view_that_does_not_add_up():
    table = small_table()
    table["dosage"] = table["dosage"].astype("category").cat.set_categories(["Liquid"])  # Solid rows drop out of the view
    with pytest.raises(AssertionError, match="does not sum"):
        view_gaps(table)
