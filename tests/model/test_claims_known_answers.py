"""The report's claims judged on small hand-made market tables whose answers are known, and on Monte Carlo draws.

Each table is written out here with round numbers, so what "largest", "in every year" and "fastest"
must say is read off the table, not computed by the code under test.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.inputs.headline import Claim, Headline
from infantile_spasms_market.model.claims import (
    check_claims,
    claim_holds,
    claims_frame,
    judge,
    segments_of_draws,
    segments_of_table,
)

HEADLINE = Headline.from_data()


def table(rows: dict[tuple[int, str], float], column: str) -> pd.DataFrame:
    """A market table with one segmentation: ``{(year, segment): value}``."""
    return pd.DataFrame([{"year": y, column: s, "value_usd_m": v} for (y, s), v in rows.items()])


def headline(*claims: Claim) -> Headline:
    return replace(HEADLINE, claims=claims)


def by_year(values: dict[str, list[float]], first: int = 2024) -> dict[tuple[int, str], float]:
    return {(first + i, name): v for name, series in values.items() for i, v in enumerate(series)}


# --------------------------------------------------------------------------- largest in the base year
def test_largest_in_the_base_year_names_the_leader_and_its_share():
    dosage = table({(2024, "Solid"): 30.0, (2024, "Liquid"): 70.0, (2030, "Solid"): 90.0, (2030, "Liquid"): 10.0}, "dosage")
    claim = Claim("largest_in_base_year", "dosage", "Liquid", (2024, 2024))
    [result] = check_claims(dosage, headline(claim))
    assert result.holds and result.segmentation == "dosage"
    assert result.claim == "Liquid is the largest dosage in 2024"
    assert result.detail == "largest: Liquid (70.0% of 2024 value)"  # judged in 2024, when Solid was 30 %


def test_largest_in_the_base_year_breaks_when_another_leads():
    dosage = table({(2024, "Solid"): 55.0, (2024, "Liquid"): 45.0}, "dosage")
    [result] = check_claims(dosage, headline(Claim("largest_in_base_year", "dosage", "Liquid", (2024, 2024))))
    assert not result.holds
    assert result.detail == "largest: Solid (55.0% of 2024 value)"


def test_a_claim_about_a_segment_the_table_lacks_never_holds():
    """Whatever position the leader has (here the second column), an absent segment is not it."""
    types = table({(2024, "Vigabatrin"): 10.0, (2024, "Others"): 80.0, (2024, "ACTH"): 10.0}, "drug_type")
    for segment in ("Gene therapy", "Others"):
        [result] = check_claims(types, headline(Claim("largest_in_base_year", "drug_type", segment, (2024, 2024))))
        assert result.holds == (segment == "Others")
        assert result.detail == "largest: Others (80.0% of 2024 value)"


def test_a_tie_goes_to_the_segment_listed_first():
    types = table({(2024, "Vigabatrin"): 50.0, (2024, "Others"): 50.0}, "drug_type")
    [first] = check_claims(types, headline(Claim("largest_in_base_year", "drug_type", "Vigabatrin", (2024, 2024))))
    [second] = check_claims(types, headline(Claim("largest_in_base_year", "drug_type", "Others", (2024, 2024))))
    assert first.holds and not second.holds


# --------------------------------------------------------------------------- largest in every year
REGION_RACE = by_year({"North America": [50, 50, 50, 50, 50, 50, 50, 50, 50, 49],
                       "Europe": [40, 41, 42, 43, 44, 45, 46, 47, 48, 60]})


def test_every_year_holds_only_if_the_leader_never_changes():
    regions = table(REGION_RACE, "region")
    claim = Claim("largest_every_year", "region", "North America", (2024, 2030))
    [result] = check_claims(regions, headline(claim))
    assert not result.holds
    assert result.detail == "another region leads in [2033]"  # every year of the table, 2033 included
    early = regions[regions["year"] <= 2030]
    [result] = check_claims(early, headline(claim))
    assert result.holds and result.detail == "North America leads in every year"


def test_a_segment_that_loses_the_lead_is_named_a_segment_not_a_region():
    dosage = table(by_year({"Liquid": [60, 55, 45], "Solid": [40, 45, 55]}), "dosage")
    [result] = check_claims(dosage, headline(Claim("largest_every_year", "dosage", "Liquid", (2024, 2026))))
    assert not result.holds
    assert result.detail == "another segment leads in [2026]"


# --------------------------------------------------------------------------- fastest growing
def test_fastest_growing_is_judged_over_the_claims_period_only():
    """A class that grows fastest from 2025 to 2030 and collapses after: judged over 2025-2030, it leads."""
    classes = table(by_year({"Anticonvulsants": [10, 10, 11, 12, 13, 14, 20, 5, 5, 5, 5, 5],
                             "Corticosteroids": [50, 50, 51, 52, 53, 54, 55, 70, 80, 90, 95, 99],
                             "Gene therapy": [0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.6, 9, 9, 9, 9, 9],
                             "Others": [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}), "therapeutic_class")
    claim = Claim("fastest_growing", "therapeutic_class", "Anticonvulsants", (2025, 2030))
    [result] = check_claims(classes, headline(claim))
    assert result.holds
    # 20 / 10, 0.6 / 0.5 and 55 / 50 over five years; Others has no value in 2025, so no growth rate
    assert result.detail == "Anticonvulsants 14.87%, Gene therapy 3.71%, Corticosteroids 1.92%"
    assert result.claim == "Anticonvulsants is the fastest-growing therapeutic class (2025-2030)"


def test_fastest_growing_breaks_when_another_grows_faster():
    classes = table(by_year({"Anticonvulsants": [10, 10, 11, 12, 13, 14, 15], "Corticosteroids": [50, 50, 60, 70, 80, 90, 100]}),
                    "therapeutic_class")
    [result] = check_claims(classes, headline(Claim("fastest_growing", "therapeutic_class", "Anticonvulsants", (2025, 2030))))
    assert not result.holds
    assert result.detail.startswith("Corticosteroids 14.87%, Anticonvulsants 8.45%")


# --------------------------------------------------------------------------- the claims of a headline, as a table
def test_check_claims_judges_the_headline_it_is_given_in_order():
    dosage = table({(2024, "Solid"): 30.0, (2024, "Liquid"): 70.0}, "dosage")
    claims = (Claim("largest_in_base_year", "dosage", "Solid", (2024, 2024)), Claim("largest_in_base_year", "dosage", "Liquid", (2024, 2024)))
    frame = claims_frame(dosage, headline(*claims))
    assert list(frame.columns) == ["claim", "segmentation", "holds", "detail"]
    assert frame["claim"].tolist() == ["Solid is the largest dosage in 2024", "Liquid is the largest dosage in 2024"]
    assert frame["holds"].tolist() == [False, True]


def test_a_headline_without_claims_gives_an_empty_table_with_its_columns():
    frame = claims_frame(table({(2024, "Solid"): 1.0}, "dosage"), headline())
    assert frame.empty and list(frame.columns) == ["claim", "segmentation", "holds", "detail"]


# --------------------------------------------------------------------------- Monte Carlo draws
def test_draws_are_judged_one_by_one():
    """Two draws over 2024-2025, two regions and two drugs: draw 0 led by region 0, draw 1 by region 1."""
    values = np.zeros((2, 2, 5, 6))  # (draws, years, regions, drugs)
    values[0, :, 0, 0], values[0, :, 1, 1] = 10.0, 5.0
    values[1, :, 0, 0], values[1, :, 1, 1] = 5.0, 10.0
    liquid = np.tile([1.0, 0.0, 0.5, 0.5, 0.5, 1.0], (2, 1))
    years = np.array([2024, 2025])
    regions = segments_of_draws(values, liquid, years, "region")
    assert regions.names[:2] == ["North America", "Europe"]
    holds, detail = judge(Claim("largest_every_year", "region", "North America", (2024, 2025)), regions)
    assert holds.tolist() == [True, False] and detail == "North America leads in every year"
    dosage = segments_of_draws(values, liquid, years, "dosage")
    np.testing.assert_allclose(dosage.at(2024), [[10.0, 5.0], [5.0, 10.0]])  # ACTH liquid, vigabatrin solid here
    holds = claim_holds(values, liquid, years, headline(Claim("largest_in_base_year", "dosage", "Liquid", (2024, 2024))))
    assert holds == {"Liquid is the largest dosage in 2024": pytest.approx(np.array([True, False]))}
    types = segments_of_draws(values, liquid, years, "drug_type")
    assert types.names == ["ACTH", "Vigabatrin", "Others"]
    np.testing.assert_allclose(types.at(2025)[1], [5.0, 10.0, 0.0])


def test_a_table_is_one_draw():
    regions = segments_of_table(table(REGION_RACE, "region"), "region")
    assert regions.values.shape == (1, 10, 2) and regions.years == list(range(2024, 2034))
    assert regions.at(2033).tolist() == [[49.0, 60.0]]
