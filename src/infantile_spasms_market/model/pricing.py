"""Course costs derived from pack prices: a product's price per unit x the daily dose for the assumed infant x the course length.

Used by the bottom-up model in place of the price index where data/prices.csv prices an infantile
spasms product of a drug group in a country (the United States keeps the course prices of the
MarketScan study, the reference of the price index).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..inputs.files import DataFileError
from ..inputs.reading import load_table
from ..inputs.taxonomy import COUNTRY_IDS_BY_NAME, ESTABLISHED_DRUG_IDS
from ..scenario.parameters import Parameters
from .draws import ParameterDraws, set_draws

REFERENCE_COUNTRY = "United States"
"""Whose course costs come from course_costs.csv (the MarketScan study); derived costs there are shown, not used."""
DOSE_RULES: dict[tuple[str, str], tuple[str, str]] = {
    ("vigabatrin", "mg"): ("minimum daily dose in the UK trial", "per kg"),
    ("acth", "U"): ("daily dose for infantile spasms", "per m2"),
    ("acth", "mg"): ("tetracosactide depot dose in the UK trial", "every 2 days"),
}
"""Which row of dosing.csv doses a product (by drug group and pack unit), and how the dose scales."""


def priced_products(products: pd.DataFrame | None = None, prices: pd.DataFrame | None = None) -> pd.DataFrame:
    """The prices of infant forms labelled for infantile spasms (liquid forms), joined to their product.

    Raises
    ------
    DataFileError
        When a price names a product that products.csv lacks, or a product no dose rule covers.
    """
    products = load_table("products") if products is None else products
    prices = load_table("prices") if prices is None else prices
    unknown = sorted(set(prices["product_id"]) - set(products["product_id"]))
    if unknown:
        raise DataFileError(f"prices.csv: product_id {', '.join(unknown)} not in products.csv")
    joined = prices.merge(products[["product_id", "brand", "drug_group", "dosage", "labelled_for_infantile_spasms"]],
                          on="product_id")
    used = joined[(joined["labelled_for_infantile_spasms"] == "yes") & (joined["dosage"] == "Liquid")]
    for row in used.itertuples():
        if (row.drug_group, row.pack_unit) not in DOSE_RULES:
            raise DataFileError(f"prices.csv: no dose rule for {row.product_id} ({row.drug_group} priced per {row.pack_unit})")
    return used.reset_index(drop=True)


def _daily_dose(dosing: pd.DataFrame, group: str, unit: str, state: ParameterDraws) -> np.ndarray:
    parameter, scale = DOSE_RULES[(group, unit)]
    data_drug = "acth" if group == "acth" else group
    match = dosing[(dosing["drug"] == data_drug) & (dosing["parameter"] == parameter)]
    if match.empty:
        raise DataFileError(f"dosing.csv: no row '{parameter}' for {data_drug}")
    dose = float(match["value"].iloc[0])
    if scale == "per kg":
        return dose * state.value("pricing.infant_weight_kg")
    if scale == "per m2":
        return dose * state.value("pricing.infant_bsa_m2")
    return np.full(state.n, dose / 2)


def course_costs_by_product(params: Parameters, state: ParameterDraws | None = None,
                            *, model_only: bool = False) -> tuple[pd.DataFrame, np.ndarray]:
    """Each priced product's cost of a course in USD, per draw: the table of products and an (n, P) array.

    A course is ``14 x epidemiology.course_length_14d_units`` days at the daily dose (no waste of
    opened packs is counted). ``model_only`` leaves out the reference country's products, whose
    derived costs are shown but never used (so the model does not read what only they need).
    """
    state = set_draws(params, 1, {}) if state is None else state
    used, dosing = priced_products(), load_table("dosing")
    if model_only:
        used = used[used["market"] != REFERENCE_COUNTRY].reset_index(drop=True)
    costs = np.empty((state.n, len(used)))
    for i, row in enumerate(used.itertuples()):
        days = 14 * state.value(f"epidemiology.course_length_14d_units.{row.drug_group}")
        costs[:, i] = row.price_usd / row.pack_quantity * _daily_dose(dosing, row.drug_group, row.pack_unit, state) * days
    return used, costs


def derived_costs(params: Parameters, state: ParameterDraws, country_ids: list[str]) -> np.ndarray:
    """Course cost by draw, country and drug group (n, C, D) in USD, NaN where no price applies.

    A group priced by several products in a country takes their mean; the reference country is left NaN.
    """
    used, costs = course_costs_by_product(params, state, model_only=True)
    result = np.full((state.n, len(country_ids), len(ESTABLISHED_DRUG_IDS)), np.nan)
    for (market, group), rows in used.groupby(["market", "drug_group"]).groups.items():
        if market == REFERENCE_COUNTRY:
            continue
        country = COUNTRY_IDS_BY_NAME.get(market)
        if country is None:
            raise DataFileError(f"prices.csv: market {market!r} is not one of the report's countries")
        if country in country_ids:
            result[:, country_ids.index(country), ESTABLISHED_DRUG_IDS.index(group)] = costs[:, list(rows)].mean(axis=1)
    return result


def course_cost_table(params: Parameters) -> pd.DataFrame:
    """The scenario's derived cost of a course by product and market, with what it rests on (one row per price)."""
    used, costs = course_costs_by_product(params)
    return used.assign(cost_per_course_usd=costs[0], used_in_model=used["market"] != REFERENCE_COUNTRY)[
        ["market", "drug_group", "product_id", "brand", "pack", "price_local", "currency", "price_usd",
         "cost_per_course_usd", "used_in_model"]
    ]
