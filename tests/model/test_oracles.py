"""The market table against oracles computed in the test (tests/oracles.py): closed-form compounding under each
reconciliation, region and drug splits moved by their differentials, the dosage split, and the country split
from the bottom-up arithmetic done in pandas; later horizons (to 2040) and every reconciliation, not only the base."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracles import BASE_VALUE, BASE_YEAR, END_VALUE, moved_shares, total_path
from oracles import bottom_up as bottom_up_oracle
from oracles import country_weights as weights_oracle

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.taxonomy import (
    COUNTRIES,
    DRUGS,
    ESTABLISHED_DRUG_IDS,
    REGIONS,
)
from infantile_spasms_market.model.bottomup import bottom_up_by_country
from infantile_spasms_market.model.calibration import total_trajectory
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.parameters import Parameters

METHODS = ("bridge_2025", "cagr_from_2024", "constant_cagr_2024_2030")
BASE = load_parameters().model_dump()
HEADLINE = Headline.from_data()
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def scenario(**sections) -> Parameters:
    """The base with some sections replaced (each a dict merged into the base's section)."""
    tree = {k: (dict(v) if isinstance(v, dict) else v) for k, v in BASE.items()}
    for name, values in sections.items():
        tree[name] = {**tree[name], **values}
    return Parameters.model_validate(tree)


def shares(keys) -> st.SearchStrategy[dict[str, float]]:
    weights = st.lists(st.floats(0.05, 1), min_size=len(keys), max_size=len(keys))
    return weights.map(lambda w: {k: x / sum(w) for k, x in zip(keys, w)})


def growths(keys, bound: float) -> st.SearchStrategy[dict[str, float]]:
    return st.fixed_dictionaries({k: st.floats(-bound, bound) for k in keys})


def grouped(table: pd.DataFrame, *columns: str) -> pd.Series:
    return table.groupby(["year", *columns])["value_usd_m"].sum()


# --------------------------------------------------------------------------- the total
@SETTINGS
@given(method=st.sampled_from(METHODS), growth=growths(BASE["growth"], 0.05), end_year=st.integers(2030, 2040))
def test_the_total_is_closed_form_compounding(method, growth, end_year):
    params = scenario(market={"reconciliation": method, "end_year": end_year}, growth=growth)
    total = market_table(params).groupby("year")["value_usd_m"].sum()
    years = np.arange(BASE_YEAR, end_year + 1)
    assert list(total.index) == list(years)
    np.testing.assert_allclose(total.to_numpy(), total_path(method, sum(growth.values()), years), rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_each_reconciliation_keeps_its_published_values(method):
    total = market_table(scenario(market={"reconciliation": method, "end_year": 2035})).groupby("year")["value_usd_m"].sum()
    assert total[BASE_YEAR] == pytest.approx(BASE_VALUE, abs=1e-9)
    if method != "cagr_from_2024":  # that one grows the 2024 value at the report's rate and misses 2030
        assert total[2030] == pytest.approx(END_VALUE, abs=1e-9)
    assert total[2035] == pytest.approx(total[2030] * (total[2030] / total[2029]) ** 5, rel=1e-12)


def test_each_growth_component_counts_once():
    """The growth rate is the sum of the five components: moving any one by 0.01 moves the 2035 value the same way."""
    base = market_table(scenario(market={"end_year": 2035}, growth=BASE["growth"]))
    expected = total_path("bridge_2025", sum(BASE["growth"].values()) + 0.01, [2035])[0]
    for name in BASE["growth"]:
        growth = {**BASE["growth"], name: BASE["growth"][name] + 0.01}
        table = market_table(scenario(market={"end_year": 2035}, growth=growth))
        assert table.loc[table["year"] == 2035, "value_usd_m"].sum() == pytest.approx(expected, rel=1e-12), name
    assert base.loc[base["year"] == 2035, "value_usd_m"].sum() < expected


# --------------------------------------------------------------------------- regions and drugs
@SETTINGS
@given(share=shares(tuple(REGIONS)), growth=growths(REGIONS, 0.1), method=st.sampled_from(METHODS))
def test_the_region_split_moves_by_its_differentials(share, growth, method):
    params = scenario(market={"reconciliation": method, "end_year": 2035}, regions={"share_2024": share, "growth_differential": growth})
    table = market_table(params)
    by_region = grouped(table, "region")
    total = table.groupby("year")["value_usd_m"].sum()
    for year in (BASE_YEAR, 2027, 2035):
        expected = moved_shares(share, growth, year - BASE_YEAR)
        for region_id, name in REGIONS.items():
            assert by_region[year, name] == pytest.approx(total[year] * expected[region_id], rel=1e-10), (year, name)


@SETTINGS
@given(mix=shares(ESTABLISHED_DRUG_IDS), growth=growths(ESTABLISHED_DRUG_IDS, 0.1))
def test_the_drug_split_of_a_region_moves_by_the_drug_differentials(mix, growth):
    drug_mix = {**BASE["segments"]["drug_mix_2024"], "south_america": mix}
    params = scenario(market={"end_year": 2035}, segments={"drug_mix_2024": drug_mix, "drug_growth_differential": growth})
    table = market_table(params)
    region = table[table["region"] == REGIONS["south_america"]]
    by_drug, total = grouped(region, "drug"), region.groupby("year")["value_usd_m"].sum()
    for year in (BASE_YEAR, 2030, 2035):
        expected = moved_shares(mix, growth, year - BASE_YEAR)
        for drug in ESTABLISHED_DRUG_IDS:
            assert by_drug[year, drug] == pytest.approx(total[year] * expected[drug], rel=1e-10, abs=1e-12), (year, drug)
    europe = grouped(table[table["region"] == REGIONS["europe"]], "drug")
    expected = moved_shares(BASE["segments"]["drug_mix_2024"]["europe"], growth, 2035 - BASE_YEAR)
    assert europe[2035, "vigabatrin"] / europe.loc[2035].sum() == pytest.approx(expected["vigabatrin"], rel=1e-10)


def test_the_dosage_split_is_each_drugs_liquid_share():
    liquid = {"acth": 0.9, "vigabatrin": 0.6, "oral_steroids": 0.3, "other_anticonvulsants": 0.2, "others": 0.1, "novel_therapies": 0.7}
    table = market_table(scenario(segments={"liquid_share": liquid}, trends={"novel_therapy": {**BASE["trends"]["novel_therapy"], "enabled": True}}))
    by = table.groupby(["drug", "dosage"])["value_usd_m"].sum().unstack()
    for drug, share in liquid.items():
        assert by.loc[drug, "Liquid"] == pytest.approx(share * by.loc[drug].sum(), rel=1e-12), drug
    classes = table.groupby(["therapeutic_class", "drug"])["value_usd_m"].sum()
    for drug, info in DRUGS.items():
        assert (info.therapeutic_class, drug) in classes.index


# --------------------------------------------------------------------------- countries and the bottom-up model
OTHER_BOTTOM_UP = {
    "countries": {**BASE["countries"], "price_index": {**BASE["countries"]["price_index"], "japan": 0.9, "brazil": 0.05},
                  "rest_of_region_births": {**BASE["countries"]["rest_of_region_births"], "north_america": 120000}},
    "epidemiology": {**BASE["epidemiology"], "incidence_per_1000": 0.4, "courses_per_treated_patient": 2.0,
                     "diagnosed_share": {**BASE["epidemiology"]["diagnosed_share"], "europe": 0.5},
                     "course_length_14d_units": {"acth": 2.0, "vigabatrin": 10, "oral_steroids": 3},
                     "assumed_course_cost_usd": {"other_anticonvulsants": 5000, "others": 800}},
}


@pytest.mark.parametrize("sections", [{}, OTHER_BOTTOM_UP], ids=["base", "other"])
def test_the_bottom_up_model_is_its_arithmetic(sections):
    params = scenario(**sections)
    expected = bottom_up_oracle(params.model_dump())
    actual = bottom_up_by_country(params)
    assert set(actual.index) == set(expected.index) == set(COUNTRIES)
    for column in ("births", "treated_patients", "value_usd_m"):
        np.testing.assert_allclose(actual[column], expected.loc[actual.index, column], rtol=1e-12, err_msg=column)


@pytest.mark.parametrize("sections", [{}, OTHER_BOTTOM_UP], ids=["base", "other"])
def test_each_region_is_split_across_its_countries_by_their_bottom_up_value(sections):
    params = scenario(market={"end_year": 2033}, **sections)
    table = market_table(params)
    weights = weights_oracle(params.model_dump()).rename(index=COUNTRIES)
    for year in (BASE_YEAR, 2033):
        rows = table[table["year"] == year]
        by_country = rows.groupby("country")["value_usd_m"].sum()
        by_region = rows.groupby("region")["value_usd_m"].sum()
        region_of = rows.drop_duplicates("country").set_index("country")["region"]
        for country, weight in weights.items():
            assert by_country[country] == pytest.approx(weight * by_region[region_of[country]], rel=1e-10, abs=1e-12), (year, country)


@pytest.mark.filterwarnings("error::RuntimeWarning")  # 0 / 0 is never computed: a chapter would print the warning
def test_a_region_with_no_bottom_up_value_is_split_by_births():
    sections = {"epidemiology": {**BASE["epidemiology"], "treated_share": {**BASE["epidemiology"]["treated_share"], "europe": 0.0}}}
    params = scenario(**sections)
    rows = market_table(params)
    rows = rows[(rows["year"] == 2030) & (rows["region"] == REGIONS["europe"])]
    births = bottom_up_oracle(params.model_dump())
    births = births[births["region_id"] == "europe"]["births"].rename(index=COUNTRIES)
    by_country = rows.groupby("country")["value_usd_m"].sum()
    np.testing.assert_allclose(by_country[births.index] / by_country.sum(), births / births.sum(), rtol=1e-12)


# --------------------------------------------------------------------------- edges: whole numbers, tiny regions
def test_a_growth_rate_given_as_whole_numbers_is_compounded_like_any_other():
    years = np.arange(BASE_YEAR, 2031)
    for method in METHODS:
        np.testing.assert_allclose(total_trajectory(HEADLINE, method, [0], years)[0], total_path(method, 0.0, years), rtol=1e-12)


def test_an_unknown_reconciliation_lists_the_known_ones():
    message = "market.reconciliation: unknown method 'average'; must be one of bridge_2025, cagr_from_2024, constant_cagr_2024_2030"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        total_trajectory(HEADLINE, "average", [0.03], np.arange(BASE_YEAR, 2031))


def test_novel_therapies_take_their_part_even_from_a_region_worth_less_than_a_million():
    share = {**BASE["regions"]["share_2024"], "middle_east_africa": 0.004, "south_america": 0.106}
    novel = {**BASE["trends"]["novel_therapy"], "enabled": True, "cannibalisation": 0.5, "price_per_patient_usd": 1000.0}
    with_novel = market_table(scenario(regions={"share_2024": share}, trends={"novel_therapy": novel}))
    without = market_table(scenario(regions={"share_2024": share}))
    mea = REGIONS["middle_east_africa"]
    rows = with_novel[(with_novel["region"] == mea) & (with_novel["year"] == 2030)]
    established = rows.loc[rows["drug"] != "novel_therapies", "value_usd_m"].sum()
    before = without.loc[(without["region"] == mea) & (without["year"] == 2030), "value_usd_m"].sum()
    sold = rows.loc[rows["drug"] == "novel_therapies", "value_usd_m"].sum()
    assert 0 < before < 1 and 0 < sold < before
    assert established == pytest.approx(before - 0.5 * sold, rel=1e-12)


def test_a_region_worth_less_than_a_million_bottom_up_is_still_split_by_value():
    epidemiology = {**BASE["epidemiology"], "diagnosed_share": {**BASE["epidemiology"]["diagnosed_share"], "south_america": 0.002}}
    params = scenario(epidemiology=epidemiology)
    oracle = bottom_up_oracle(params.model_dump())
    assert 0 < oracle.loc[oracle["region_id"] == "south_america", "value_usd_m"].sum() < 1
    rows = market_table(params)
    rows = rows[(rows["year"] == 2030) & (rows["region"] == REGIONS["south_america"])]
    by_country = rows.groupby("country")["value_usd_m"].sum()
    weights = weights_oracle(params.model_dump()).rename(index=COUNTRIES)
    np.testing.assert_allclose(by_country / by_country.sum(), weights[by_country.index], rtol=1e-10)


def test_novel_therapies_take_all_of_a_region_worth_next_to_nothing_without_a_warning():
    # established value ~1e-318: the share taken overflows to infinity; the region keeps nothing, and no chapter prints a warning
    share = {**BASE["regions"]["share_2024"], "middle_east_africa": 1e-320, "south_america": 0.11}
    novel = {**BASE["trends"]["novel_therapy"], "enabled": True, "cannibalisation": 0.5}
    params = scenario(regions={"share_2024": share}, trends={"novel_therapy": novel})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = market_table(params)
    rows = table[(table["region"] == REGIONS["middle_east_africa"]) & (table["year"] == 2030)]
    assert rows.loc[rows["drug"] != "novel_therapies", "value_usd_m"].eq(0).all()
    assert rows.loc[rows["drug"] == "novel_therapies", "value_usd_m"].sum() > 0
