"""Tests for the top-down market model: golden figures, table structure, views, claims, reconciliation, novel therapy."""

from __future__ import annotations

import re
from dataclasses import fields, replace

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.taxonomy import (
    COUNTRIES,
    COUNTRY_REGION,
    DOSAGES,
    DRUG_IDS,
    DRUG_TYPES,
    DRUGS,
    ESTABLISHED_DRUG_IDS,
    REGION_IDS,
    REGIONS,
    SEGMENTATIONS,
    THERAPEUTIC_CLASSES,
)
from infantile_spasms_market.model.arrays import MarketInputs, scenario_draw
from infantile_spasms_market.model.bottomup import bottom_up_by_country
from infantile_spasms_market.model.calibration import (
    consistency_check,
    headline_totals,
    total_trajectory,
)
from infantile_spasms_market.model.claims import check_claims, claims_frame
from infantile_spasms_market.model.draws import set_draws
from infantile_spasms_market.model.novel import logistic_uptake, novel_value
from infantile_spasms_market.model.topdown import (
    country_drug_values,
    country_weights,
    evaluate,
    market_table,
)
from infantile_spasms_market.model.views import cagr, totals, view
from infantile_spasms_market.scenario.loading import load_parameters

COLUMNS = ["year", "region", "country", "drug", "drug_type", "therapeutic_class", "dosage", "value_usd_m"]
KEYS = ["year", "country", "drug", "dosage"]
METHODS = ("bridge_2025", "cagr_from_2024", "constant_cagr_2024_2030")
NOVEL_ON = ["trends.novel_therapy.enabled=true"]
HEADLINE = Headline.from_data()


@pytest.fixture(scope="module")
def headline() -> Headline:
    return Headline.from_data()


@pytest.fixture(scope="module")
def base_params():
    return load_parameters()


@pytest.fixture(scope="module")
def base_table(base_params, headline) -> pd.DataFrame:
    return market_table(base_params, headline)


def table_for(overrides: list[str], headline: Headline | None = None) -> pd.DataFrame:
    return market_table(load_parameters(None, overrides), headline)


# --------------------------------------------------------------------------- golden: the report's figures
def test_headline_is_read_from_the_data(headline: Headline) -> None:
    assert (headline.base_value_usd_m, headline.end_value_usd_m) == (146.34, 181.94)
    assert headline.cagr == pytest.approx(0.0367, abs=1e-15)
    assert headline.key_years == (2024, 2025, 2030) and headline.cagr_period == (2025, 2030)


def test_base_total_reproduces_the_report_to_the_cent(base_table: pd.DataFrame) -> None:
    total = totals(base_table)
    assert round(total.loc[2024], 2) == 146.34
    assert round(total.loc[2030], 2) == 181.94
    assert round(100 * cagr(total, 2025, 2030), 2) == 3.67
    assert total.loc[2024] == pytest.approx(146.34, abs=1e-9)
    assert total.loc[2030] == pytest.approx(181.94, abs=1e-9)
    assert cagr(total, 2025, 2030) == pytest.approx(0.0367, abs=1e-12)


def test_headline_totals_report_the_same_numbers(base_table: pd.DataFrame) -> None:
    numbers = headline_totals(base_table)
    assert numbers["value_2024_usd_m"] == pytest.approx(146.34, abs=1e-9)
    assert numbers["value_2030_usd_m"] == pytest.approx(181.94, abs=1e-9)
    assert numbers["cagr_2025_2030"] == pytest.approx(0.0367, abs=1e-12)
    assert numbers["value_2025_usd_m"] == pytest.approx(181.94 / 1.0367**5, abs=1e-9)


def test_base_honours_every_claim_of_the_report(base_table: pd.DataFrame) -> None:
    results = check_claims(base_table)
    assert [r.claim for r in results] == [
        "ACTH is the largest drug type in 2024",
        "Liquid is the largest dosage in 2024",
        "North America is the largest region in every year",
        "Anticonvulsants is the fastest-growing therapeutic class (2025-2030)",
    ]
    assert all(r.holds for r in results), [r.detail for r in results if not r.holds]
    frame = claims_frame(base_table)
    assert list(frame.columns) == ["claim", "segmentation", "holds", "detail"] and frame["holds"].all()
    assert frame["segmentation"].tolist() == ["drug_type", "dosage", "region", "therapeutic_class"]


# --------------------------------------------------------------------------- the long table
def test_table_has_one_row_per_year_region_country_drug_dosage(base_table: pd.DataFrame) -> None:
    assert list(base_table.columns) == COLUMNS
    assert len(base_table) == 7 * len(COUNTRIES) * len(DRUG_IDS) * len(DOSAGES)
    assert not base_table.duplicated(KEYS).any()
    assert sorted(base_table["year"].unique()) == list(range(2024, 2031))
    assert set(base_table["region"]) == set(REGIONS.values())
    assert set(base_table["country"]) == set(COUNTRIES.values())
    assert set(base_table["drug"]) == set(DRUG_IDS)
    assert set(base_table["dosage"]) == set(DOSAGES.values())
    assert set(base_table["drug_type"]) == set(DRUG_TYPES)
    assert set(base_table["therapeutic_class"]) == set(THERAPEUTIC_CLASSES)
    assert base_table["value_usd_m"].notna().all() and (base_table["value_usd_m"] >= 0).all()


def test_each_drug_carries_its_segments(base_table: pd.DataFrame) -> None:
    pairs = base_table[["drug", "drug_type", "therapeutic_class"]].drop_duplicates().set_index("drug")
    for drug_id, drug in DRUGS.items():
        assert tuple(pairs.loc[drug_id]) == (drug.drug_type, drug.therapeutic_class)


def test_each_country_sits_in_its_region(base_table: pd.DataFrame) -> None:
    pairs = base_table[["country", "region"]].drop_duplicates()
    assert len(pairs) == len(COUNTRIES)
    assert set(pairs.itertuples(index=False, name=None)) >= {("United States", "North America"), ("Rest of Europe", "Europe")}


def test_the_forecast_extends_to_the_end_year() -> None:
    table = table_for(["market.end_year=2035"])
    assert sorted(table["year"].unique()) == list(range(2024, 2036))
    assert cagr(totals(table), 2025, 2035) == pytest.approx(0.0367, abs=1e-12)


@pytest.mark.parametrize("by", list(SEGMENTATIONS))
def test_every_view_sums_to_the_total_in_every_year(base_table: pd.DataFrame, by: str) -> None:
    values = view(base_table, by)
    np.testing.assert_allclose(values.sum(axis=1).to_numpy(), totals(base_table).to_numpy(), rtol=1e-12)


def test_views_name_the_report_segments(base_table: pd.DataFrame) -> None:
    assert set(view(base_table, "drug_type").columns) == set(DRUG_TYPES)
    assert set(view(base_table, "therapeutic_class").columns) == set(THERAPEUTIC_CLASSES)
    assert list(view(base_table, "region").index) == list(range(2024, 2031))


def test_viewing_by_an_unknown_column_names_the_columns(base_table: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match="cannot view the market by 'brand'; columns: year, region, country"):
        view(base_table, "brand")


# --------------------------------------------------------------------------- the table follows its parameters
def test_2024_region_shares_are_the_parameters(base_table: pd.DataFrame, base_params) -> None:
    shares = view(base_table, "region").loc[2024] / 146.34
    for region_id, share in base_params.regions.share_2024.model_dump().items():
        assert shares[REGIONS[region_id]] == pytest.approx(share, abs=1e-12)


def test_region_shares_move_by_their_growth_differential(base_table: pd.DataFrame, base_params) -> None:
    share = base_params.regions.share_2024.model_dump()
    growth = base_params.regions.growth_differential.model_dump()
    weights = {REGIONS[r]: share[r] * (1 + growth[r]) ** 6 for r in REGIONS}
    expected = pd.Series(weights) / sum(weights.values())
    actual = view(base_table, "region").loc[2030] / totals(base_table).loc[2030]
    pd.testing.assert_series_equal(actual.sort_index(), expected.sort_index(), check_names=False, rtol=1e-12)


def test_2024_drug_mix_within_each_region_is_the_parameters(base_table: pd.DataFrame, base_params) -> None:
    rows = base_table[base_table["year"] == 2024]
    by = rows.groupby(["region", "drug"])["value_usd_m"].sum().unstack()
    by = by.div(by.sum(axis=1), axis=0)
    for region_id, mix in base_params.segments.drug_mix_2024.model_dump().items():
        for drug_id, share in mix.items():
            assert by.loc[REGIONS[region_id], drug_id] == pytest.approx(share, abs=1e-12)


def test_liquid_share_of_each_drug_is_the_parameter(base_table: pd.DataFrame, base_params) -> None:
    by = base_table.groupby(["drug", "dosage"])["value_usd_m"].sum().unstack()
    for drug_id, share in base_params.segments.liquid_share.model_dump().items():
        if by.loc[drug_id].sum() > 0:
            assert by.loc[drug_id, "Liquid"] / by.loc[drug_id].sum() == pytest.approx(share, abs=1e-12)


def test_countries_split_their_region_by_the_bottom_up_weights(base_table: pd.DataFrame, base_params) -> None:
    bottom_up = bottom_up_by_country(base_params)
    weights = pd.Series(country_weights(scenario_draw(base_params).bottom_up)[0], index=bottom_up.index).rename(index=COUNTRIES)
    rows = base_table[base_table["year"] == 2027]
    by_country = rows.groupby("country")["value_usd_m"].sum()
    by_region = rows.groupby("region")["value_usd_m"].sum()
    region_of = rows.drop_duplicates("country").set_index("country")["region"]
    for country, weight in weights.items():
        assert by_country[country] == pytest.approx(weight * by_region[region_of[country]], rel=1e-12, abs=1e-12)


def test_a_region_without_bottom_up_value_splits_by_births(base_params) -> None:
    params = load_parameters(None, ["epidemiology.diagnosed_share.europe=0"])
    bottom_up = bottom_up_by_country(params)
    europe = bottom_up[bottom_up["region_id"] == "europe"]
    expected = europe["births"] / europe["births"].sum()
    weights = pd.Series(country_weights(scenario_draw(params).bottom_up)[0], index=bottom_up.index)
    pd.testing.assert_series_equal(weights[europe.index], expected, check_names=False)


def test_scenario_growth_moves_the_cagr_not_the_base_year() -> None:
    table = table_for(["growth.diagnosis=0.022"])
    total = totals(table)
    assert total.loc[2024] == pytest.approx(146.34, abs=1e-9)
    assert cagr(total, 2025, 2030) == pytest.approx(0.0467, abs=1e-12)


# --------------------------------------------------------------------------- claims that break
@pytest.mark.parametrize(
    ("overrides", "claim_index", "leader"),
    [
        pytest.param(
            [f"segments.drug_mix_2024.north_america.{d}={v}" for d, v in (("acth", 0.1), ("vigabatrin", 0.894))],
            0,
            "largest: Vigabatrin",
            id="acth-not-largest",
        ),
        pytest.param(
            ["segments.liquid_share.acth=0.2", "segments.liquid_share.vigabatrin=0.2"], 1, "largest: Solid", id="solid-largest"
        ),
        pytest.param(
            ["regions.share_2024.north_america=0.2", "regions.share_2024.europe=0.49"],
            2,
            "another region leads in [2024, 2025, 2026, 2027, 2028, 2029, 2030]",
            id="europe-largest",
        ),
        pytest.param(
            ["segments.drug_growth_differential.acth=0.1", "segments.drug_growth_differential.other_anticonvulsants=-0.05"],
            3,
            "Corticosteroids",
            id="corticosteroids-fastest",
        ),
    ],
)
def test_each_claim_can_break(overrides: list[str], claim_index: int, leader: str) -> None:
    results = check_claims(table_for(overrides))
    assert not results[claim_index].holds
    assert results[claim_index].detail.startswith(leader)
    assert all(r.holds for i, r in enumerate(results) if i != claim_index)


def test_north_america_losing_the_lead_later_is_caught() -> None:
    overrides = [
        "regions.share_2024.north_america=0.34",
        "regions.share_2024.asia_pacific=0.30",
        "regions.growth_differential.north_america=-0.05",
        "regions.growth_differential.asia_pacific=0.05",
    ]
    result = check_claims(table_for(overrides))[2]
    assert not result.holds
    assert result.detail.startswith("another region leads in [2026")


# --------------------------------------------------------------------------- the report contradicts itself
def test_consistency_check_shows_the_contradiction(headline: Headline) -> None:
    check = consistency_check(headline).set_index("reconciliation")
    assert list(check.index) == list(METHODS)
    assert (check["value_2024_usd_m"] == 146.34).all()
    assert check.loc["cagr_from_2024", "value_2030_usd_m"] == pytest.approx(146.34 * 1.0367**6, abs=1e-9)  # 181.67, not 181.94
    assert check.loc["bridge_2025", "value_2030_usd_m"] == pytest.approx(181.94, abs=1e-9)
    assert check.loc["constant_cagr_2024_2030", "value_2030_usd_m"] == pytest.approx(181.94, abs=1e-9)


def test_each_reconciliation_keeps_what_it_promises(headline: Headline) -> None:
    check = consistency_check(headline).set_index("reconciliation")
    bridge, from_2024, constant = (check.loc[m] for m in METHODS)
    assert bridge["cagr_2025_2030_pct"] == pytest.approx(3.67, abs=1e-10)
    assert round(bridge["growth_2025_pct"], 2) == 3.82  # 2025 absorbs the gap
    assert from_2024["growth_2025_pct"] == pytest.approx(3.67, abs=1e-10)
    assert from_2024["cagr_2024_2030_pct"] == pytest.approx(3.67, abs=1e-10)
    assert constant["cagr_2024_2030_pct"] == pytest.approx(100 * ((181.94 / 146.34) ** (1 / 6) - 1), abs=1e-10)
    assert constant["cagr_2025_2030_pct"] == pytest.approx(constant["cagr_2024_2030_pct"], abs=1e-10)


@pytest.mark.parametrize("method", METHODS)
def test_the_table_follows_the_chosen_reconciliation(method: str, headline: Headline) -> None:
    total = totals(table_for([f"market.reconciliation={method}"], headline))
    row = consistency_check(headline).set_index("reconciliation").loc[method]
    for year in (2024, 2025, 2030):
        assert total.loc[year] == pytest.approx(row[f"value_{year}_usd_m"], abs=1e-9)


def test_an_unknown_reconciliation_is_refused(headline: Headline) -> None:
    with pytest.raises(ValueError, match="market.reconciliation: unknown method 'average'"):
        total_trajectory(headline, "average", np.array([0.0367]), np.arange(2024, 2031))


# --------------------------------------------------------------------------- novel therapy
def test_novel_therapy_off_sells_nothing(base_table: pd.DataFrame) -> None:
    assert (base_table.loc[base_table["drug"] == "novel_therapies", "value_usd_m"] == 0).all()


def test_novel_therapy_on_sells_from_launch_and_takes_its_share(base_table: pd.DataFrame, base_params) -> None:
    params = load_parameters(None, NOVEL_ON)
    table = market_table(params)
    novel = params.trends.novel_therapy
    by_drug = view(table, "drug")
    assert (by_drug.loc[: novel.launch_year - 1, "novel_therapies"] == 0).all()
    assert (by_drug.loc[novel.launch_year :, "novel_therapies"] > 0).all()
    established_before = totals(base_table)
    established_after = by_drug[list(ESTABLISHED_DRUG_IDS)].sum(axis=1)
    taken = established_before - established_after
    np.testing.assert_allclose(taken.to_numpy(), novel.cannibalisation * by_drug["novel_therapies"].to_numpy(), atol=1e-9)
    assert (totals(table) >= totals(base_table) - 1e-12).all()
    assert totals(table).loc[2024] == pytest.approx(146.34, abs=1e-9)
    liquid = table[table["drug"] == "novel_therapies"].groupby("dosage")["value_usd_m"].sum()
    assert liquid["Solid"] == 0 and liquid["Liquid"] > 0  # liquid_share.novel_therapies = 1 in the base


def test_novel_therapy_is_sized_from_the_bottom_up_patients() -> None:
    params = load_parameters(None, NOVEL_ON)
    bottom_up = bottom_up_by_country(params)
    novel = params.trends.novel_therapy
    priced = (bottom_up["treated_patients"] * bottom_up["price_index"]).sum()
    uptake = novel.peak_uptake / (1 + np.exp(-np.log(19) / 3 * (2030 - 2031)))
    expected = priced * novel.eligible_share_of_treated * uptake * novel.price_per_patient_usd / 1e6
    assert view(market_table(params), "drug").loc[2030, "novel_therapies"] == pytest.approx(expected, rel=1e-12)


def test_cannibalisation_never_makes_values_negative() -> None:
    extreme = NOVEL_ON + [
        "trends.novel_therapy.cannibalisation=1",
        "trends.novel_therapy.price_per_patient_usd=10000000",
        "trends.novel_therapy.peak_uptake=1",
        "trends.novel_therapy.eligible_share_of_treated=1",
        "trends.novel_therapy.launch_year=2025",
        "trends.novel_therapy.peak_year=2026",
    ]
    table = table_for(extreme)
    assert (table["value_usd_m"] >= 0).all()
    established = table[table["drug"] != "novel_therapies"]
    assert established.loc[established["year"] >= 2026, "value_usd_m"].max() == 0  # all taken, none below zero


def test_logistic_uptake() -> None:
    years = np.arange(2026, 2040)
    uptake = logistic_uptake(years, 2028, 2034, 0.3)
    assert (uptake[years < 2028] == 0).all()
    assert uptake[years == 2031][0] == pytest.approx(0.15)
    assert uptake[years == 2034][0] == pytest.approx(0.95 * 0.3)
    assert (np.diff(uptake[years >= 2028]) > 0).all() and uptake.max() < 0.3


def test_draws_whose_peak_is_not_after_launch_are_counted_and_refused() -> None:
    params = load_parameters(None, NOVEL_ON)
    years = np.arange(2024, 2031)
    # three draws: a peak after launch, a peak in the launch year, a peak before it
    state = set_draws(params, 3, {"trends.novel_therapy.launch_year": [2027, 2028, 2029], "trends.novel_therapy.peak_year": [2030, 2028, 2027]})
    message = "trends.novel_therapy.peak_year is not after trends.novel_therapy.launch_year in 2 draws: narrow their distributions"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        novel_value(params, state, np.ones((3, len(REGION_IDS))), years)
    good = set_draws(params, 1, {"trends.novel_therapy.launch_year": [2027], "trends.novel_therapy.peak_year": [2030]})
    assert novel_value(params, good, np.ones((1, len(REGION_IDS))), years).shape == (1, len(years), len(REGION_IDS))


# --------------------------------------------------------------------------- the vectorised path
def test_evaluating_draws_together_equals_evaluating_them_one_by_one(headline: Headline) -> None:
    scenarios = [
        load_parameters(None, []),
        load_parameters(None, NOVEL_ON + ["growth.innovation=0.03", "regions.growth_differential.europe=0.02"]),
        load_parameters(None, ["segments.drug_growth_differential.acth=-0.1", "regions.share_2024.europe=0.2", "regions.share_2024.asia_pacific=0.25"]),
    ]
    single = [scenario_draw(p).inputs for p in scenarios]
    stacked = MarketInputs(
        years=single[0].years,
        **{
            f.name: np.concatenate([getattr(s, f.name) for s in single])
            for f in fields(MarketInputs)
            if f.name != "years"
        },
    )
    together = evaluate(stacked, headline, "bridge_2025")
    assert together.shape == (3, 7, len(REGIONS), len(DRUG_IDS))
    for i, inputs in enumerate(single):
        np.testing.assert_allclose(together[i], evaluate(inputs, headline, "bridge_2025")[0], rtol=1e-13)


def test_evaluate_matches_the_table(base_params, base_table: pd.DataFrame, headline: Headline) -> None:
    values = evaluate(scenario_draw(base_params).inputs, headline, base_params.market.reconciliation)[0]
    by_region = base_table.groupby(["year", "region"])["value_usd_m"].sum().unstack()[list(REGIONS.values())]
    np.testing.assert_allclose(values.sum(axis=-1), by_region.to_numpy(), rtol=1e-12)


def test_a_different_headline_moves_the_whole_table(base_params) -> None:
    total = totals(market_table(base_params, replace(HEADLINE, base_value_usd_m=100.0, end_value_usd_m=130.0, cagr=0.0367)))
    assert total.loc[2024] == pytest.approx(100.0, abs=1e-12)
    assert total.loc[2030] == pytest.approx(130.0, abs=1e-12)
    assert cagr(total, 2025, 2030) == pytest.approx(0.0367, abs=1e-12)


def test_the_scenario_cagr_is_measured_against_the_headline_cagr(base_params) -> None:
    """bridge_2025 keeps the headline's 2025 value; a scenario growing slower than the headline ends lower."""
    total = totals(market_table(base_params, replace(HEADLINE, base_value_usd_m=100.0, end_value_usd_m=130.0, cagr=0.04)))
    assert total.loc[2025] == pytest.approx(130.0 / 1.04**5, abs=1e-12)
    assert total.loc[2030] == pytest.approx(130.0 * (1.0367 / 1.04) ** 5, abs=1e-12)


def test_a_country_whose_mix_has_no_acth_gets_no_acth_value(base_table: pd.DataFrame, base_params) -> None:
    mixes = base_params.epidemiology.first_line_mix_by_country
    without = [COUNTRIES[c] for c, mix in mixes.items() if mix.acth == 0]
    assert without, "the base case gives a country without ACTH (Brazil, UAE)"
    acth = base_table[base_table["drug"] == "acth"].groupby("country")["value_usd_m"].sum()
    assert (acth[without] == 0).all()
    totals = base_table.groupby("country")["value_usd_m"].sum()
    assert (acth.drop(without)[totals.drop(without) > 0] > 0).all()


def test_the_country_by_drug_split_keeps_both_margins(base_params, headline) -> None:
    scenario = scenario_draw(base_params, headline)
    values = evaluate(scenario.inputs, headline, base_params.market.reconciliation)[0]  # (Y, R, D+1)
    model = scenario.bottom_up
    germany = model.country_ids.index("germany")
    mix = model.country_mix.copy()
    mix[0, germany] = [0.5 if d == "acth" else 0.0 if d == "vigabatrin" else 0.5 / 3 for d in ESTABLISHED_DRUG_IDS]
    split = country_drug_values(values, replace(model, country_mix=mix))  # Germany's own mix, without vigabatrin
    region_of = np.array([REGION_IDS.index(COUNTRY_REGION[c]) for c in model.country_ids])
    assert np.all(split[:, germany, DRUG_IDS.index("vigabatrin")] == 0)
    for region in range(len(REGION_IDS)):
        members = region_of == region
        np.testing.assert_allclose(split[:, members, :].sum(axis=1), values[:, region, :], rtol=1e-10, atol=1e-12)
    weights = country_weights(model)[0]
    expected = values.sum(axis=2)[:, region_of] * weights[None, :]
    np.testing.assert_allclose(split.sum(axis=2), expected, rtol=1e-9, atol=1e-12)
    assert (split >= 0).all()


# --------------------------------------------------------------------------- the country x drug split at its edges
@pytest.fixture(scope="module")
def base_split(base_params, headline):
    """The base case's region values of one draw (Y, R, D+1) and the bottom-up model that splits them."""
    scenario = scenario_draw(base_params, headline)
    return evaluate(scenario.inputs, headline, base_params.market.reconciliation)[0], scenario.bottom_up


def split_by_shares(values: np.ndarray, model) -> np.ndarray:
    """Each country's share of its region (:func:`country_weights`) times every drug of the region: the split without mixes."""
    region_of = np.array([REGION_IDS.index(COUNTRY_REGION[c]) for c in model.country_ids])
    return values[:, region_of, :] * country_weights(model)[0][None, :, None]


def members_of(model, region: str) -> np.ndarray:
    return np.array([COUNTRY_REGION[c] == region for c in model.country_ids])


@pytest.mark.parametrize("overrides", [
    ["countries.price_index.rest_of_middle_east_africa=0"],  # a neighbour worth nothing: its row of the split is 0
    ["segments.drug_mix_2024.middle_east_africa.vigabatrin=0",  # the region sells no vigabatrin: a column of 0
     "segments.drug_mix_2024.middle_east_africa.oral_steroids=0.44"],
])
def test_a_countrys_own_mix_holds_beside_a_zero_in_its_region(overrides: list[str]) -> None:
    table = table_for(overrides)
    acth = table[table["drug"] == "acth"].groupby("country")["value_usd_m"].sum()
    assert acth[COUNTRIES["uae"]] == 0, "the UAE's mix has no ACTH"
    region = table[table["region"] == REGIONS["middle_east_africa"]]
    assert region.loc[region["drug"] == "acth", "value_usd_m"].sum() > 0


@pytest.mark.parametrize("factor", [1e-312, 1e300])
def test_a_regions_bottom_up_values_split_it_as_ratios_however_small_or_large(base_split, factor: float) -> None:
    """Random draws put a region's bottom-up values hundreds of orders of magnitude from USD millions: the split is the same
    (to the precision of numbers below 1e-308, which carry fewer digits)."""
    values, model = base_split
    scale = np.where(members_of(model, "middle_east_africa"), factor, 1.0)
    scaled = replace(model, cost_by_drug_usd=model.cost_by_drug_usd * scale[None, :, None], value_usd_m=model.value_usd_m * scale[None, :])
    split = country_drug_values(values, scaled)
    np.testing.assert_allclose(split, country_drug_values(values, model), rtol=1e-7, atol=1e-12)
    assert np.all(split[:, model.country_ids.index("uae"), DRUG_IDS.index("acth")] == 0), "the UAE's mix has no ACTH"


def test_a_drug_no_country_of_a_region_uses_is_still_split_and_the_others_follow_the_mixes(base_split) -> None:
    values, model = base_split
    europe, vigabatrin = members_of(model, "europe"), DRUG_IDS.index("vigabatrin")
    mix = model.country_mix.copy()
    mix[0, europe, vigabatrin] = 0.0  # no European country gives vigabatrin, which the region's top-down value holds
    changed = replace(model, country_mix=mix)
    split, by_shares = country_drug_values(values, changed), split_by_shares(values, changed)
    np.testing.assert_allclose(split[:, europe, :].sum(axis=1), values[:, REGION_IDS.index("europe"), :], rtol=1e-10)
    np.testing.assert_allclose(split[:, europe, :].sum(axis=2), by_shares[:, europe, :].sum(axis=2), rtol=1e-9)
    assert (split[:, europe, vigabatrin] > 0).all(), "each country takes part of the region's vigabatrin"
    assert not np.allclose(split[:, europe, :], by_shares[:, europe, :], rtol=1e-3), "the other drugs follow the mixes"


@pytest.mark.parametrize("worth", [1.0, 1e-20])  # the region as the base case has it, or worth almost nothing
def test_a_region_whose_mixes_cannot_carry_its_drug_values_splits_by_shares(base_split, worth: float) -> None:
    """One country gives only ACTH but holds a tenth more of the region than the region's ACTH: no split keeps both margins."""
    values, model = base_split
    region, acth = REGION_IDS.index("south_america"), DRUG_IDS.index("acth")
    values = values.copy()
    values[:, region] *= worth
    members = np.flatnonzero(members_of(model, "south_america"))
    only_acth, others = members[0], members[1:]
    mix = model.country_mix.copy()
    mix[0, only_acth] = np.eye(len(ESTABLISHED_DRUG_IDS))[acth]
    mix[0, others, acth] = 0.0
    value = model.value_usd_m.copy()
    acth_share = values[0, region, acth] / values[0, region].sum()
    value[0, only_acth] = 1.1 * acth_share / (1 - 1.1 * acth_share) * value[0, others].sum()  # its share: 1.1 x ACTH's
    changed = replace(model, country_mix=mix, value_usd_m=value)
    assert country_weights(changed)[0, only_acth] == pytest.approx(1.1 * acth_share, rel=1e-12)
    split = country_drug_values(values, changed)
    np.testing.assert_allclose(split[:, members, :], split_by_shares(values, changed)[:, members, :], rtol=1e-12, atol=0)


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_a_drug_share_hundreds_of_orders_below_the_others_splits_by_shares_without_a_warning(base_split) -> None:
    """A drawn mix may give a drug a share of 1e-310: raking it overflows, so the region keeps the split by shares, quietly."""
    values, model = base_split
    europe, vigabatrin = members_of(model, "europe"), DRUG_IDS.index("vigabatrin")
    mix = model.country_mix.copy()
    mix[0, europe, vigabatrin] = 0.0
    mix[0, model.country_ids.index("germany"), vigabatrin] = 1e-310
    changed = replace(model, country_mix=mix)
    split = country_drug_values(values, changed)
    np.testing.assert_allclose(split[:, europe, :], split_by_shares(values, changed)[:, europe, :], rtol=1e-12, atol=0)


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("overrides", [
    ["epidemiology.diagnosed_share.europe=0"],  # no bottom-up value in Europe: its countries split by births
    ["regions.share_2024.europe=0", "regions.share_2024.asia_pacific=0.45"],  # no top-down value in Europe
])
def test_a_region_worth_nothing_on_one_side_gives_a_table_without_a_warning(overrides: list[str]) -> None:
    table = table_for(overrides)
    assert table["value_usd_m"].notna().all() and (table["value_usd_m"] >= 0).all()
    assert totals(table).loc[2024] == pytest.approx(146.34, abs=1e-9)


def test_a_region_with_neither_births_nor_value_gives_its_countries_no_share(base_split) -> None:
    _, model = base_split
    europe = members_of(model, "europe")
    empty = replace(model, births=np.where(europe, 0.0, model.births), value_usd_m=np.where(europe, 0.0, model.value_usd_m))
    weights = country_weights(empty)[0]
    assert (weights[europe] == 0).all()
    np.testing.assert_array_equal(weights[~europe], country_weights(model)[0][~europe])
