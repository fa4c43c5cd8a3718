"""Which prices set a course, the daily dose of each rule, a country's mean over its packs, each group's reference course
and the price levels, with known answers; every refusal in its words. Cases that need other data read an edited copy of
data/ (a new version of the files, so nothing read before is reused)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.inputs import load_table
from infantile_spasms_market.inputs.files import DataFileError
from infantile_spasms_market.inputs.taxonomy import COUNTRIES, ESTABLISHED_DRUG_IDS
from infantile_spasms_market.model.draws import ParameterDraws, numeric_leaves
from infantile_spasms_market.model.pricing import (
    anchored_groups,
    course_cost_table,
    course_costs_by_product,
    derived_costs,
    price_basis,
    price_levels,
    priced_products,
    reference_costs,
)

ACTH, VIGABATRIN, STEROIDS, OTHER_ANTICONVULSANTS, OTHERS = (ESTABLISHED_DRUG_IDS.index(g) for g in (
    "acth", "vigabatrin", "oral_steroids", "other_anticonvulsants", "others"))


def rewrite(path: Path, edit: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> None:
    """Rewrite one CSV file of the copy, its rows edited as dicts of text."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = list(reader.fieldnames or []), list(reader)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(edit(rows))


def state_of(params, n: int = 1, **drawn: list[float]) -> ParameterDraws:
    """``n`` draws of the scenario with the paths given (dots written as ``__``) drawn at the values given."""
    return ParameterDraws(n, numeric_leaves(params), {k.replace("__", "."): np.array(v, float) for k, v in drawn.items()})


# --------------------------------------------------------------------------- which prices set a course
def test_a_short_acting_tetracosactide_sets_a_course_only_where_its_market_has_no_depot():
    products, prices = load_table("products"), load_table("prices")
    used = set(priced_products(products, prices)["product_id"])
    assert "synacten-kr" in used  # South Korea: no depot, the short-acting ampoule stands in
    assert "synacthen-depot-uk" in used and "synacthen-uk" not in used  # the United Kingdom prices the depot
    without_depot = prices[prices["product_id"] != "synacthen-depot-uk"]
    assert "synacthen-uk" in set(priced_products(products, without_depot)["product_id"])


def test_only_the_forms_marker_makes_a_tetracosactide_short_acting():
    """products.csv marks a short-acting form with "(short-acting)"; the words elsewhere in a form do not mark it."""
    products, prices = load_table("products"), load_table("prices")
    in_words = products.assign(form=products["form"].where(products["product_id"] != "synacthen-uk",
                                                           "solution for injection, 250 micrograms/1 mL ampoule, short-acting"))
    assert "synacthen-uk" in set(priced_products(in_words, prices)["product_id"])


def test_the_prices_that_set_a_course_keep_the_tables_order_under_a_clean_index():
    products, prices = load_table("products"), load_table("prices")
    used = priced_products(products, prices)
    assert list(used.index) == list(range(len(used)))
    assert list(used["product_id"]) == [p for p in prices["product_id"] if p in set(used["product_id"])]
    assert list(used.columns) == [*prices.columns, "brand", "drug_group", "form", "dosage", "labelled_for_infantile_spasms"]


def test_prices_of_products_the_register_lacks_are_refused_naming_each_once_in_order():
    products, prices = load_table("products"), load_table("prices")
    strays = pd.concat([prices.iloc[[0]].assign(product_id="zeta-x"), prices.iloc[[0]].assign(product_id="alpha-y"),
                        prices.iloc[[0]].assign(product_id="zeta-x")])
    with pytest.raises(DataFileError, match=r"^prices\.csv: product_id alpha-y, zeta-x not in products\.csv$"):
        priced_products(products, pd.concat([prices, strays], ignore_index=True))


def test_a_price_no_dose_rule_covers_is_refused_naming_the_product_and_its_unit():
    products, prices = load_table("products"), load_table("prices")
    per_unit = prices.assign(pack_unit=prices["pack_unit"].where(prices["product_id"] != "sabril-jp", "U"))
    with pytest.raises(DataFileError, match=r"^prices\.csv: no dose rule for sabril-jp \(vigabatrin priced per U\)$"):
        priced_products(products, per_unit)


def test_prices_or_products_given_alone_are_joined_to_the_projects_other_table():
    products, prices = load_table("products"), load_table("prices")
    japan = prices[prices["market"] == "Japan"]
    assert list(priced_products(prices=japan)["product_id"]) == ["sabril-jp", "cortrosyn-z-jp"]
    no_sabril = products[~products["product_id"].str.startswith("sabril")]
    with pytest.raises(DataFileError, match=r"^prices\.csv: product_id sabril-granules-fr, .* not in products\.csv$"):
        priced_products(products=no_sabril)


# --------------------------------------------------------------------------- daily doses and courses
def test_each_dose_rule_scales_with_the_infant_and_the_course_length_in_every_draw(base):
    """Two draws: the infant's weight and body surface, and each group's course length, differ between them."""
    state = state_of(base, 2, pricing__infant_weight_kg=[5.0, 10.0], pricing__infant_bsa_m2=[0.25, 0.5],
                     epidemiology__course_length_14d_units__acth=[1.0, 2.0],
                     epidemiology__course_length_14d_units__vigabatrin=[10.0, 5.0],
                     epidemiology__course_length_14d_units__oral_steroids=[2.0, 3.0])
    used, costs = course_costs_by_product(base, state)
    cost = {p: costs[:, i] for i, p in enumerate(used["product_id"])}
    price = used.set_index("product_id").eval("price_usd / pack_quantity")
    # vigabatrin: 100 mg/kg/day; Acthar Gel: 150 U/m2/day; the depot: 0.5 mg every 2 days; prednisolone: 40 mg a day
    assert cost["sabril-jp"] == pytest.approx(price["sabril-jp"] * 100 * np.array([5.0, 10.0]) * 14 * np.array([10.0, 5.0]))
    assert cost["acthar-gel-us"] == pytest.approx(price["acthar-gel-us"] * 150 * np.array([0.25, 0.5]) * 14 * np.array([1.0, 2.0]))
    assert cost["cortrosyn-z-jp"] == pytest.approx(price["cortrosyn-z-jp"] * 0.25 * 14 * np.array([1.0, 2.0]))
    assert cost["prednisolone-tab-40mg-in"] == pytest.approx(price["prednisolone-tab-40mg-in"] * 40 * 14 * np.array([2.0, 3.0]))


def test_a_course_table_without_draws_is_the_scenarios_own(base):
    heavier = base.model_copy(update={"pricing": base.pricing.model_copy(update={"infant_weight_kg": 10.0})})
    used, costs = course_costs_by_product(heavier)
    assert costs.shape == (1, len(used))
    table = course_cost_table(heavier).set_index("product_id")
    assert table.loc["sabril-jp", "cost_per_course_usd"] == pytest.approx(
        2 * course_cost_table(base.model_copy(update={"pricing": base.pricing.model_copy(update={"infant_weight_kg": 5.0})}))
        .set_index("product_id").loc["sabril-jp", "cost_per_course_usd"])
    assert list(course_cost_table(base).columns) == ["market", "drug_group", "product_id", "brand", "pack", "price_local",
                                                     "currency", "price_usd", "cost_per_course_usd", "used_in_model"]
    assert course_cost_table(base)["used_in_model"].all()


def test_a_dose_the_dosing_file_lacks_is_refused_naming_the_row_and_the_drug(base, data: Path):
    rewrite(data / "dosing.csv", lambda rows: [r for r in rows if r["parameter"] != "tetracosactide depot dose in the UK trial"])
    with pytest.raises(DataFileError, match=r"^dosing\.csv: no row 'tetracosactide depot dose in the UK trial' for acth$"):
        course_costs_by_product(base)


def test_the_first_row_of_a_dose_is_the_one_used(base, data: Path):
    def twice(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        first = next(r for r in rows if r["drug"] == "prednisolone")
        return [*rows, {**first, "value": "80"}]

    rewrite(data / "dosing.csv", twice)
    table = course_cost_table(base).set_index("product_id")
    assert table.loc["prednisolone-tab-40mg-in", "cost_per_course_usd"] == pytest.approx(
        3.04 / 82.5708 * 14 * base.epidemiology.course_length_14d_units.oral_steroids, rel=1e-3)


# --------------------------------------------------------------------------- a country's course by group
def test_a_group_with_several_packs_in_a_country_costs_their_mean_and_others_are_nan(base):
    ids = ["united_kingdom", "germany", "japan"]
    state = state_of(base, 2, pricing__infant_weight_kg=[7.5, 15.0])
    derived = derived_costs(base, state, ids)
    assert derived.shape == (2, 3, len(ESTABLISHED_DRUG_IDS))
    used, costs = course_costs_by_product(base, state)
    uk_steroids = ((used["market"] == "United Kingdom") & (used["drug_group"] == "oral_steroids")).to_numpy()
    assert uk_steroids.sum() > 1
    assert derived[:, 0, STEROIDS] == pytest.approx(costs[:, uk_steroids].mean(axis=1))
    japan_sabril = list(used["product_id"]).index("sabril-jp")
    assert derived[:, 2, VIGABATRIN] == pytest.approx(costs[:, japan_sabril])
    assert derived[1, 2, VIGABATRIN] == pytest.approx(2 * derived[0, 2, VIGABATRIN])
    assert np.isnan(derived[:, 1]).all()  # Germany: no pack price
    assert np.isnan(derived[:, 2, STEROIDS]).all() and np.isnan(derived[:, :, OTHERS]).all()


def test_a_price_in_a_market_that_is_not_one_of_the_reports_countries_is_refused(base, data: Path):
    rewrite(data / "prices.csv", lambda rows: [{**r, "market": "Atlantis"} if r["product_id"] == "sabril-jp" else r for r in rows])
    with pytest.raises(DataFileError, match=r"^prices\.csv: market 'Atlantis' is not one of the report's countries$"):
        derived_costs(base, state_of(base), list(COUNTRIES))


# --------------------------------------------------------------------------- the reference course of each group
def test_the_reference_course_is_the_us_pack_price_else_the_others_at_the_us_level_else_the_assumed_cost(base):
    ids = ["united_states", "canada", "france", "japan"]
    level = price_levels()[ids].to_numpy()
    derived = np.full((2, len(ids), len(ESTABLISHED_DRUG_IDS)), np.nan)
    derived[:, 0, ACTH] = [1000.0, 2000.0]  # the US prices ACTH: its course is the reference, whatever Japan's is
    derived[:, 3, ACTH] = 5.0
    derived[:, 1, VIGABATRIN] = 100 * level[1] * np.array([1.0, 1.0])  # at the US level: 100 and 400, their geometric mean 200
    derived[:, 2, VIGABATRIN] = 400 * level[2] * np.array([1.0, 4.0])  # (second draw: 100 and 1,600, so 400)
    derived[:, 3, STEROIDS] = 50 * level[3]
    state = state_of(base, 2, epidemiology__assumed_course_cost_usd__other_anticonvulsants=[3000.0, 3500.0])
    reference = reference_costs(base, state, derived, ids)
    assert reference.shape == (2, len(ESTABLISHED_DRUG_IDS))
    assert reference[:, ACTH] == pytest.approx([1000.0, 2000.0], rel=1e-12)
    assert reference[:, VIGABATRIN] == pytest.approx([200.0, 400.0], rel=1e-12)
    assert reference[:, STEROIDS] == pytest.approx([50.0, 50.0], rel=1e-12)
    assert reference[:, OTHER_ANTICONVULSANTS] == pytest.approx([3000.0, 3500.0], rel=1e-12)
    assert reference[:, OTHERS] == pytest.approx([base.epidemiology.assumed_course_cost_usd.others] * 2, rel=1e-12)
    # Without the United States among the countries, ACTH too is Japan's course at the US level.
    without_us = reference_costs(base, state, derived[:, 1:], ids[1:])
    assert without_us[:, ACTH] == pytest.approx(5.0 / level[3], rel=1e-12)
    assert without_us[:, VIGABATRIN] == pytest.approx([200.0, 400.0], rel=1e-12)


def test_a_group_with_no_pack_price_and_no_assumed_course_is_refused_in_words(base):
    ids = ["united_states", "japan"]
    derived = np.full((1, len(ids), len(ESTABLISHED_DRUG_IDS)), np.nan)
    derived[:, 0, ACTH] = derived[:, 1, VIGABATRIN] = 1000.0
    with pytest.raises(DataFileError, match=r"^prices\.csv: no pack price of oral_steroids anywhere and no assumed course "
                                            r"cost for it$"):
        reference_costs(base, state_of(base), derived, ids)


def test_only_the_groups_the_us_prices_are_anchored_on_its_prices():
    derived = np.full((2, 2, len(ESTABLISHED_DRUG_IDS)), np.nan)
    derived[:, 1, ACTH] = derived[:, 0, VIGABATRIN] = derived[:, 1, STEROIDS] = 10.0
    anchored = anchored_groups(["canada", "united_states"], derived)
    assert anchored.dtype == bool
    assert list(anchored) == [g in ("acth", "oral_steroids") for g in ESTABLISHED_DRUG_IDS]


# --------------------------------------------------------------------------- price levels
def test_a_price_level_the_file_lacks_is_refused_naming_every_missing_area_of_the_country():
    levels = load_table("price_levels")
    with pytest.raises(DataFileError, match=r"^price_levels\.csv: no price level for canada$"):
        price_levels(levels[levels["area_id"] != "canada"])
    asia = levels[~levels["area_id"].isin(["wb_east_asia_pacific", "wb_south_asia"])]
    with pytest.raises(DataFileError, match=r"^price_levels\.csv: no price level for wb_east_asia_pacific, wb_south_asia$"):
        price_levels(asia)


def test_every_country_has_its_price_level_in_the_taxonomys_order():
    levels = load_table("price_levels")
    read = price_levels(levels.assign(price_level_us_100=levels["price_level_us_100"].where(levels["area_id"] != "wb_south_asia", 25.0)))
    assert list(read.index) == list(COUNTRIES) and read.dtype == float
    by_area = levels.set_index("area_id")["price_level_us_100"] / 100
    assert read["rest_of_asia_pacific"] == pytest.approx(np.sqrt(by_area["wb_east_asia_pacific"] * 0.25), rel=1e-12)
    assert read["rest_of_europe"] == pytest.approx(by_area["wb_europe_central_asia"], rel=1e-12)


# --------------------------------------------------------------------------- what a country's courses rest on, in words
def test_each_countrys_price_basis_names_its_packs_by_group_and_its_price_level():
    ids = ["united_kingdom", "germany", "rest_of_europe", "japan"]
    priced = np.zeros((len(ids), len(ESTABLISHED_DRUG_IDS)), bool)
    priced[0, [ACTH, VIGABATRIN, STEROIDS]] = priced[3, [ACTH, VIGABATRIN]] = True
    levels = pd.Series({"united_kingdom": 0.78, "germany": 0.57, "rest_of_europe": 0.424, "japan": 0.47})  # 0.424: 101 x would show 43
    assert price_basis(ids, priced, levels) == [
        "pack prices (acth: Synacthen Depot; vigabatrin: Sabril 500 mg granules for oral solution; oral steroids: "
        "prednisolone 5 mg soluble tablets, prednisolone 5 mg tablets, prednisolone 5 mg/5 mL oral solution, unit dose); "
        "other groups: ICP 2021 health price level (78 % of the US), calibrated",
        "ICP 2021 health price level (57 % of the US), calibrated on the pack-priced countries",
        "ICP 2021 health price level of World Bank regions (42 % of the US), calibrated on the pack-priced countries",
        "pack prices (acth: Cortrosyn Z; vigabatrin: Sabril); other groups: ICP 2021 health price level (47 % of the US), "
        "calibrated",
    ]
    assert price_basis(ids, priced, levels, short=True) == [
        "Pack prices (ACTH, vigabatrin, oral steroids) and price level 78 %", "Price level 57 %", "Price level 42 %",
        "Pack prices (ACTH, vigabatrin) and price level 47 %"]


def test_the_priced_products_are_read_again_when_either_of_their_files_changes(data: Path):
    """What the data's own priced products were is reused only while products.csv and prices.csv are unchanged."""
    before = priced_products().set_index("product_id")
    rewrite(data / "products.csv", lambda rows: [{**r, "brand": "Sabril (edited)"} if r["product_id"] == "sabril-jp" else r
                                                 for r in rows])
    assert priced_products().set_index("product_id").loc["sabril-jp", "brand"] == "Sabril (edited)"
    rewrite(data / "prices.csv", lambda rows: [{**r, "price_usd": repr(2 * float(r["price_usd"]))} if r["product_id"] == "sabril-jp"
                                               else r for r in rows])
    assert priced_products().set_index("product_id").loc["sabril-jp", "price_usd"] == pytest.approx(
        2 * before.loc["sabril-jp", "price_usd"], rel=1e-12)
