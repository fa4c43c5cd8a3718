"""The report's claims as the book tables them."""

import pandas as pd

from infantile_spasms_market.analysis.claims_table import (
    claim_counts,
    claims_table,
    region_claim,
    segment_claims,
)


def claims() -> pd.DataFrame:
    return pd.DataFrame({
        "claim": ["Liquid is the largest dosage in 2010", "North America is the largest region in every year",
                  "Anticonvulsants is the fastest-growing therapeutic class (2011-2013)"],
        "holds": [True, False, True],
        "detail": ["largest: Liquid", "another region leads in [2012]", "Anticonvulsants 4.00%"],
    })


def test_claims_table_columns_and_yes_no():
    table = claims_table(claims())
    assert list(table.columns) == ["The report says", "Holds in this scenario", "What the model shows"]
    assert table["Holds in this scenario"].tolist() == ["yes", "no", "yes"]
    assert table["What the model shows"].iloc[1] == "another region leads in [2012]"


def test_counts_and_the_segment_claims():
    assert claim_counts(claims()) == {"claims-held": 2, "claims-total": 3}
    assert claim_counts(segment_claims(claims())) == {"claims-held": 2, "claims-total": 2}


def test_region_claim_in_words():
    assert region_claim(claims()) == {"claim-holds": "does not hold", "claim-detail": "another region leads in [2012]"}
