"""Company shares: for any scenario and any split, the companies of a drug group add up to the group, in every country, region and year."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infantile_spasms_market.inputs import load_table
from infantile_spasms_market.inputs.taxonomy import ESTABLISHED_DRUG_IDS, MODELLED_COUNTRIES, REGION_IDS
from infantile_spasms_market.model import companies, montecarlo
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.parameters import Parameters

BASE = load_parameters().resolved()
COMPANIES = ("mallinckrodt", "lundbeck", "sanofi", "unidentified")
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def floats(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def shares(keys) -> st.SearchStrategy[dict[str, float]]:
    weights = st.lists(floats(0, 1), min_size=len(keys), max_size=len(keys)).filter(lambda w: sum(w) > 1e-3)
    return weights.map(lambda w: {k: float(x / sum(w)) for k, x in zip(keys, w) if x > 0})


@st.composite
def scenarios(draw) -> Parameters:
    """The base with a random regional split, drug mix, growth, end year, novel therapy and company splits (regions and countries)."""
    tree = {section: dict(values) if isinstance(values, dict) else values for section, values in BASE.items()}
    tree["market"] = {"reconciliation": draw(st.sampled_from(["bridge_2025", "cagr_from_2024"])),
                      "level": draw(st.sampled_from(["report", "bottom_up"])), "end_year": draw(st.integers(2030, 2034)),
                      "regional_split": draw(st.sampled_from(["assumed", "bottom_up"]))}
    tree["growth"] = {k: draw(floats(-0.1, 0.1)) for k in BASE["growth"]}
    tree["regions"] = {**BASE["regions"], "share_2024": draw(shares(REGION_IDS).filter(lambda s: len(s) == len(REGION_IDS)))}
    tree["segments"] = {**BASE["segments"], "drug_mix_2024": {
        r: {d: draw(shares(ESTABLISHED_DRUG_IDS)).get(d, 0.0) for d in ESTABLISHED_DRUG_IDS} for r in REGION_IDS}}
    for region, mix in tree["segments"]["drug_mix_2024"].items():
        total = sum(mix.values()) or 1.0
        tree["segments"]["drug_mix_2024"][region] = {d: v / total for d, v in mix.items()} if sum(mix.values()) else \
            dict(BASE["segments"]["drug_mix_2024"][region])
    novel = dict(BASE["trends"]["novel_therapy"], enabled=draw(st.booleans()))
    tree["trends"] = {"novel_therapy": novel}
    countries = draw(st.lists(st.sampled_from(MODELLED_COUNTRIES), max_size=4, unique=True))
    tree["companies"] = {**BASE["companies"], "share_of_group": {
        r: {d: draw(shares(COMPANIES)) for d in ESTABLISHED_DRUG_IDS} for r in REGION_IDS},
        "country_share_of_group": {c: {d: draw(shares(COMPANIES)) for d in draw(
            st.lists(st.sampled_from(ESTABLISHED_DRUG_IDS), min_size=1, max_size=2, unique=True))} for c in countries}}
    if tree["market"]["level"] == "bottom_up":  # the base's level inputs are not central in their ranges: not drawn here
        tree["uncertainty"] = {**BASE["uncertainty"], "distributions": {
            k: v for k, v in BASE["uncertainty"]["distributions"].items() if not k.startswith(("epidemiology.", "countries.", "pricing."))}}
    return Parameters.model_validate(tree)


@SETTINGS
@given(scenarios())
def test_company_shares_sum_to_each_drug_group_in_every_region_and_year(params: Parameters) -> None:
    table = market_table(params)
    values = companies.company_values(params, table)
    by_group = values.groupby(["year", "region", "country", "drug"])["value_usd_m"].sum()
    expected = table.groupby(["year", "region", "country", "drug"], observed=True)["value_usd_m"].sum()
    expected = expected[expected > 0]
    # a group worth a subnormal amount (a share of 5e-324) splits into values that underflow to zero
    np.testing.assert_allclose(by_group.reindex(expected.index).fillna(0.0).to_numpy(), expected.to_numpy(),
                               rtol=1e-9, atol=1e-12)
    assert (values["value_usd_m"] >= 0).all()
    years = sorted(set(table["year"]))
    frame = companies.company_shares(params, table, [years[0], years[-1]])
    for year in (years[0], years[-1]):
        assert frame[f"share_{year}_pct"].sum() == pytest.approx(100)


@SETTINGS
@given(scenarios(), st.integers(0, 2**31 - 1))
def test_drawn_splits_stay_shares_that_sum_to_one(params: Parameters, seed: int) -> None:
    table = market_table(params)
    year = int(table["year"].max())
    draws = companies.drawn_splits(params, table, year, 50, seed)
    assert (draws >= 0).all()
    np.testing.assert_allclose(draws.sum(axis=-1), 1.0, rtol=1e-9)
    # a company with no share of a group never gets one in a draw
    centre = companies.share_array(params, table, year)
    assert (draws[:, centre == 0] == 0).all()


def test_the_region_split_weights_each_country_by_its_value_of_the_group():
    params = load_parameters()
    table = market_table(params)
    centre = companies.share_array(params, table, 2024)
    ids = companies.company_ids(params)
    values = companies.company_values(params, table)
    na_vig = values[(values["year"] == 2024) & (values["region"] == "North America") & (values["drug"] == "vigabatrin")]
    expected = na_vig.groupby("company_id")["value_usd_m"].sum() / na_vig["value_usd_m"].sum()
    got = centre[REGION_IDS.index("north_america"), list(ESTABLISHED_DRUG_IDS).index("vigabatrin")]
    for company, share in expected.items():
        assert got[ids.index(company)] == pytest.approx(share)


def test_a_country_takes_its_own_split_and_other_groups_take_the_region_split():
    params = load_parameters(None, ["companies.country_share_of_group.france.vigabatrin.sanofi=0.5",
                                    "companies.country_share_of_group.france.vigabatrin.orphelia=0.5"])
    values = companies.company_values(params, market_table(params))
    france = values[(values["country"] == "France") & (values["year"] == 2024)]
    vig = france[france["drug"] == "vigabatrin"].set_index("company_id")["value_usd_m"]
    assert set(vig.index) == {"sanofi", "orphelia"} and vig["sanofi"] == pytest.approx(vig["orphelia"])
    steroids = france[france["drug"] == "oral_steroids"]
    assert set(steroids["company_id"]) == {"oral_steroid_makers"}  # the region's split


def test_single_seller_takes_the_whole_group_and_novel_therapies_are_unidentified():
    params = load_parameters(None, ["trends.novel_therapy.enabled=true"])
    values = companies.company_values(params, market_table(params))
    acth_us = values[(values["country"] == "United States") & (values["drug"] == "acth")]
    assert set(acth_us["company_id"]) == {"mallinckrodt"}
    assert set(values.loc[values["drug"] == "novel_therapies", "company_id"]) == {"unidentified"}


def test_share_ranges_bracket_the_scenario_share():
    params = load_parameters()
    mc = montecarlo.run(params, n=400)
    ranges = companies.share_ranges(params, mc, market_table(params), mc.end_year)
    assert list(ranges.index) == companies.company_ids(params)
    assert (ranges["P5"] <= ranges["P50"]).all() and (ranges["P50"] <= ranges["P95"]).all()
    scenario = companies.company_shares(params, market_table(params), [mc.end_year])[f"share_{mc.end_year}_pct"]
    assert ((ranges["P5"] <= scenario + 1e-9) & (scenario <= ranges["P95"] + 1e-9)).all()


def test_every_company_of_the_split_is_in_the_companies_file():
    known = set(load_table("companies")["company_id"])
    assert set(companies.company_ids(load_parameters())) <= known


def test_an_incomplete_split_is_refused_with_the_region_and_group():
    with pytest.raises(Exception, match=r"europe\.acth: shares must sum to 1"):
        load_parameters(None, ["companies.share_of_group.europe.acth.atnahs=0.5"])


@pytest.mark.parametrize("override, message", [
    ("companies.country_share_of_group.atlantis.acth.sanofi=1", r"atlantis: not one of the model's countries"),
    ("companies.country_share_of_group.france.potions.sanofi=1", r"france\.potions: not a drug group"),
    ("companies.country_share_of_group.france.vigabatrin.orphelia=0.5", r"france\.vigabatrin: shares must sum to 1"),
    ("companies.country_share_of_group.france.acth.alfasigma=1.5", r"france\.acth: each share must be between 0 and 1"),
])
def test_a_bad_country_split_is_refused_with_the_country_and_group(override, message):
    with pytest.raises(Exception, match=message):
        load_parameters(None, [override])


# --- known answers on a hand-made market table (the survivors of the mutation run) ----------------

def small_table(rows) -> "pd.DataFrame":
    """A market table of the given (year, region, country, drug, value) rows, the columns company_values reads."""
    import pandas as pd

    return pd.DataFrame(rows, columns=["year", "region", "country", "drug", "value_usd_m"])


def test_a_given_company_order_is_the_arrays_last_axis():
    params = load_parameters()
    ids = companies.company_ids(params)
    reordered = ids[::-1]
    default = companies.country_share_array(params)
    assert default.shape == (len(companies.COUNTRY_IDS), 6, len(ids))
    np.testing.assert_array_equal(companies.country_share_array(params, reordered), default[..., ::-1])
    table = small_table([(2024, "Europe", "United Kingdom", "vigabatrin", 10.0)])
    np.testing.assert_array_equal(companies.share_array(params, table, 2024, reordered),
                                  companies.share_array(params, table, 2024)[..., ::-1])


def test_group_values_are_one_row_for_each_observed_year_region_country_and_group():
    import pandas as pd

    table = small_table([(2024, "Europe", "France", "acth", 1.0), (2024, "Europe", "France", "acth", 2.0),
                         (2024, "Europe", "France", "vigabatrin", 4.0)])
    table["drug"] = pd.Categorical(table["drug"], categories=["acth", "vigabatrin", "oral_steroids"])
    table["country"] = pd.Categorical(table["country"], categories=["France", "Germany"])
    grouped = companies._group_values(table)
    assert len(grouped) == 2 and list(grouped.columns) == ["year", "region", "country", "drug", "value_usd_m"]
    assert grouped["value_usd_m"].tolist() == [3.0, 4.0]


def test_company_values_and_shares_of_a_small_table():
    params = load_parameters()
    table = small_table([(2024, "North America", "United States", "acth", 30.0),
                         (2024, "Europe", "United Kingdom", "vigabatrin", 10.0),
                         (2030, "North America", "United States", "acth", 40.0)])
    values = companies.company_values(params, table)
    assert list(values.columns) == ["year", "region", "country", "drug", "company_id", "value_usd_m"]
    assert list(values.index) == list(range(len(values)))
    got = {(r.year, r.company_id): r.value_usd_m for r in values.itertuples()}
    assert got == pytest.approx({(2024, "mallinckrodt"): 30.0, (2024, "sanofi"): 9.0, (2024, "alan"): 1.0,
                                 (2030, "mallinckrodt"): 40.0})
    shares = companies.company_shares(params, table, [2024, 2030])
    ids = companies.company_ids(params)
    assert list(shares.index) == ids  # every company of the splits, those with no value at 0
    assert list(shares.columns) == ["value_2024_usd_m", "share_2024_pct", "value_2030_usd_m", "share_2030_pct"]
    assert shares.loc["mallinckrodt"].tolist() == pytest.approx([30.0, 75.0, 40.0, 100.0])
    assert shares.loc["alan"].tolist() == pytest.approx([1.0, 2.5, 0.0, 0.0])
    assert (shares.drop(index=["mallinckrodt", "sanofi", "alan"]) == 0).all().all()
    assert list(companies.company_shares(params, table, []).index) == ids


def test_a_group_with_two_companies_is_drawn_around_its_split():
    params = load_parameters()  # the United Kingdom's vigabatrin: Sanofi 0.9, Alan 0.1
    table = small_table([(2024, "Europe", "United Kingdom", "vigabatrin", 10.0)])
    ids = companies.company_ids(params)
    europe, vigabatrin = REGION_IDS.index("europe"), list(ESTABLISHED_DRUG_IDS).index("vigabatrin")
    centre = companies.share_array(params, table, 2024)[europe, vigabatrin]
    assert centre[ids.index("sanofi")] == pytest.approx(0.9) and centre[ids.index("alan")] == pytest.approx(0.1)
    draws = companies.drawn_splits(params, table, 2024, 2000, 5)[:, europe, vigabatrin]
    sanofi = draws[:, ids.index("sanofi")]
    assert sanofi.std() > 0.03 and sanofi.mean() == pytest.approx(0.9, abs=0.01)
    np.testing.assert_allclose(sanofi + draws[:, ids.index("alan")], 1.0)


def test_a_split_that_sums_to_one_within_the_tolerance_is_made_to_sum_to_one():
    params = load_parameters(None, ["companies.country_share_of_group.united_kingdom.vigabatrin.sanofi=0.8999995"])
    table = small_table([(2024, "Europe", "United Kingdom", "vigabatrin", 10.0)])
    centre = companies.share_array(params, table, 2024)
    europe, vigabatrin = REGION_IDS.index("europe"), list(ESTABLISHED_DRUG_IDS).index("vigabatrin")
    assert abs(centre[europe, vigabatrin].sum() - 1) < 1e-12


def test_share_ranges_of_a_market_one_company_holds_are_its_whole_market():
    from types import SimpleNamespace

    params = load_parameters()
    table = small_table([(2030, "North America", "United States", "acth", 30.0)])
    values = np.zeros((50, 1, len(REGION_IDS), 6))
    values[:, 0, REGION_IDS.index("north_america"), 0] = np.linspace(20, 40, 50)  # ACTH in North America only
    mc = SimpleNamespace(n=50, seed=3, years=[2030], values=values)
    ranges = companies.share_ranges(params, mc, table, 2030)
    assert ranges.index.name == "company_id" and list(ranges.index) == companies.company_ids(params)
    assert list(ranges.columns) == ["P5", "P50", "P95"]
    assert ranges.loc["mallinckrodt"].tolist() == pytest.approx([100.0, 100.0, 100.0])
    assert (ranges.drop(index="mallinckrodt") == 0).all().all()


def test_a_group_worth_a_tiny_amount_keeps_its_split():
    params = load_parameters()  # weighted first, then combined: 1e-200 squared would underflow to 0 (and 0/0)
    table = small_table([(2024, "Europe", "United Kingdom", "vigabatrin", 1e-200)])
    ids = companies.company_ids(params)
    split = companies.share_array(params, table, 2024)[REGION_IDS.index("europe"), list(ESTABLISHED_DRUG_IDS).index("vigabatrin")]
    assert split[ids.index("sanofi")] == pytest.approx(0.9) and split[ids.index("alan")] == pytest.approx(0.1)
