"""The report's claims as the book tables them: in one scenario, across scenarios, across Monte Carlo draws."""

import pandas as pd
import pytest

from infantile_spasms_market.analysis import claims as cl

CLAIM_A, CLAIM_B = "A is the largest drug type in 2024", "B is the fastest-growing class (2025-2030)"


def judged() -> pd.DataFrame:
    return pd.DataFrame({
        "claim": ["Liquid is the largest dosage in 2010", "North America is the largest region in every year",
                  "Anticonvulsants is the fastest-growing therapeutic class (2011-2013)"],
        "segmentation": ["dosage", "region", "therapeutic_class"],
        "holds": [True, False, True],
        "detail": ["largest: Liquid", "another region leads in [2012]", "Anticonvulsants 4.00%"],
    })


def comparison() -> pd.DataFrame:
    return pd.DataFrame(
        {"title": ["Base: b", "High: h", "Low: l"], "value_2030_usd_m": [120.0, 150.0, 105.0],
         CLAIM_A: [True, True, True], CLAIM_B: [True, False, True]},
        index=pd.Index(["base", "high", "low"], name="scenario"),
    )


DRAWS = pd.DataFrame({"claim": ["A leads", "B grows fastest"], "probability": [1.0, 0.8123], "holds_in_scenario": [True, False]})


def test_claims_table_columns_and_yes_no():
    table = cl.claims_table(judged())
    assert list(table.columns) == ["The report says", "Holds in this scenario", "What the model shows"]
    assert table["Holds in this scenario"].tolist() == ["yes", "no", "yes"]
    assert table["What the model shows"].iloc[1] == "another region leads in [2012]"


def test_counts_and_the_segment_claims_by_segmentation():
    assert cl.claim_counts(judged()) == {"claims-held": 2, "claims-total": 3}
    segments = cl.segment_claims(judged())
    assert segments["segmentation"].tolist() == ["dosage", "therapeutic_class"]
    assert cl.claim_counts(segments) == {"claims-held": 2, "claims-total": 2}


def test_region_claim_found_by_its_segmentation_not_its_words():
    assert cl.region_claim(judged()) == {"claim-holds": "does not hold", "claim-detail": "another region leads in [2012]"}
    reworded = judged().assign(claim=["a", "b", "c in the region"])
    assert cl.region_claim(reworded)["claim-detail"] == "another region leads in [2012]"
    assert cl.segment_claims(reworded)["claim"].tolist() == ["a", "c in the region"]


def test_an_overridden_base_is_not_a_second_base_case_column():
    frame = pd.concat([comparison(), comparison().loc[["base"]].rename(index={"base": "base (this build)"})])
    assert list(cl.by_scenario(frame).columns) == ["Base case", "High", "Low", "Base case (this build)"]


def test_claims_across_scenarios():
    assert cl.claim_columns(comparison()) == [CLAIM_A, CLAIM_B]
    table = cl.by_scenario(comparison())
    assert table.index.name == "Claim of the report" and list(table.columns) == ["Base case", "High", "Low"]  # display names
    assert table.loc[CLAIM_B].tolist() == ["holds", "breaks", "holds"]
    assert cl.scenario_counts(comparison()) == {"scn-n-all-hold": 2, "scn-n-scenarios": 3, "scn-n-claims": 2}
    assert cl.breaking_sentence(comparison()) == f"*High: h* breaks \u201c{CLAIM_B}\u201d."
    both = comparison().assign(**{CLAIM_A: [True, False, True]})
    assert cl.breaking_sentence(both) == f"*High: h* breaks \u201c{CLAIM_A}\u201d and \u201c{CLAIM_B}\u201d."
    holding = comparison().assign(**{CLAIM_B: True})
    assert cl.breaking_sentence(holding) == "No scenario breaks any of them."


def test_claims_across_draws():
    table = cl.in_draws(DRAWS)
    assert table.index.name == "Claim of the report"
    assert table.loc["B grows fastest"].tolist() == [pytest.approx(81.23), "breaks"]
    assert list(table.columns) == ["Draws in which it holds (%)", "In the scenario (no draws)"]
    assert cl.draw_counts(DRAWS) == {"unc-claims-certain": 1, "unc-claims-total": 2}
    assert cl.weakest_sentence(DRAWS) == "The least secure is \u201cB grows fastest\u201d, which holds in 81.2 % of the draws."
    assert cl.weakest_sentence(DRAWS.assign(probability=1.0)) == "No draw overturns any of them."


def test_a_region_claim_that_holds_says_so():
    holding = judged().assign(holds=[True, True, True])
    assert cl.region_claim(holding)["claim-holds"] == "holds"


def test_each_breaking_scenario_gets_its_own_sentence():
    two = comparison().assign(**{CLAIM_B: [True, False, False]})
    assert cl.breaking_sentence(two) == (f"*High: h* breaks \u201c{CLAIM_B}\u201d. *Low: l* breaks \u201c{CLAIM_B}\u201d.")


def test_only_claims_holding_in_every_draw_are_certain():
    draws = pd.DataFrame({"claim": ["a", "b", "c"], "probability": [1.0, 0.5, 0.25], "holds_in_scenario": [True, True, False]})
    assert cl.draw_counts(draws) == {"unc-claims-certain": 1, "unc-claims-total": 3}
