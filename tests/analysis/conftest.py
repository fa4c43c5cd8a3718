"""A small market and its report, shared by the tests of the key figures (``summary``) and the key numbers (``key_numbers``)."""

import pandas as pd
import pytest

from infantile_spasms_market.inputs.headline import Claim, Headline

ACTH = "Adrenocorticotropic Hormone"


@pytest.fixture
def small_headline() -> Headline:
    """A report for 2010 to 2013: 40 then 50 USD million, 5 % a year from 2011, one claim of each kind."""
    return Headline(
        base_year=2010, end_year=2013, cagr_period=(2011, 2013), base_value_usd_m=40.0, end_value_usd_m=50.0, cagr=0.05,
        claims=(
            Claim("largest_in_base_year", "drug_type", ACTH, (2010, 2010)),
            Claim("largest_in_base_year", "dosage", "Solid", (2010, 2010)),
            Claim("largest_every_year", "region", "North America", (2010, 2013)),
            Claim("fastest_growing", "therapeutic_class", "Anticonvulsants", (2011, 2013)),
        ),
    )


@pytest.fixture
def small_table() -> pd.DataFrame:
    """ACTH flat at 30 in North America, vigabatrin growing 10 % a year from 10 in Europe, and a segment with no value."""
    rows = []
    for year in range(2010, 2014):
        rows.append((year, ACTH, "Corticosteroids", "Liquid", "North America", 30.0))
        rows.append((year, "Vigabatrin", "Anticonvulsants", "Solid", "Europe", 10.0 * 1.1 ** (year - 2010)))
        rows.append((year, "Others", "Others", "Solid", "Europe", 0.0))  # no value: left out of the fastest class
    return pd.DataFrame(rows, columns=["year", "drug_type", "therapeutic_class", "dosage", "region", "value_usd_m"])
