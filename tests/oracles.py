"""Expected values for the model's tests, computed without the model: the report's figures read with plain YAML,
closed-form compounding, and the bottom-up arithmetic written out in pandas from the data files.

A test that checks the model against these fails when the model is wrong, not only when it
changes: none of this calls the functions under test.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
REPORT = yaml.safe_load((ROOT / "data" / "report_headline.yaml").read_text(encoding="utf-8"))
BASE_YEAR = int(REPORT["base_year"])
FIRST_YEAR, END_YEAR = (int(y) for y in REPORT["cagr_period"])
BASE_VALUE = float(REPORT["market_size_usd_m"][BASE_YEAR])
END_VALUE = float(REPORT["market_size_usd_m"][END_YEAR])
CAGR = float(REPORT["cagr_pct"]) / 100


def total_path(method: str, growth: float, years) -> np.ndarray:
    """The established market's total by year under each reconciliation, in closed form.

    ``bridge_2025``: the report's base value, then from the first growth year the value the end value
    and the CAGR imply, grown at ``growth``. ``cagr_from_2024``: the base value grown at ``growth``.
    ``constant_cagr_2024_2030``: the base value grown at the rate joining the two published values,
    moved by ``growth`` minus the report's CAGR.
    """
    years = np.asarray(years, dtype=float)
    if method == "bridge_2025":
        first = END_VALUE / (1 + CAGR) ** (END_YEAR - FIRST_YEAR)
        return np.where(years <= BASE_YEAR, BASE_VALUE, first * (1 + growth) ** (years - FIRST_YEAR))
    if method == "cagr_from_2024":
        return BASE_VALUE * (1 + growth) ** (years - BASE_YEAR)
    if method == "constant_cagr_2024_2030":
        rate = (END_VALUE / BASE_VALUE) ** (1 / (END_YEAR - BASE_YEAR)) - 1 + growth - CAGR
        return BASE_VALUE * (1 + rate) ** (years - BASE_YEAR)
    raise ValueError(method)


def moved_shares(shares: dict[str, float], growth: dict[str, float], elapsed: int) -> dict[str, float]:
    """Shares moved by relative growth for ``elapsed`` years and renormalised."""
    weights = {k: shares[k] * (1 + growth[k]) ** elapsed for k in shares}
    whole = sum(weights.values())
    return {k: w / whole for k, w in weights.items()}


def slug(name: str) -> str:
    """A taxonomy id from a report name: ``Middle East & Africa`` -> ``middle_east_africa``, ``Asia-Pacific`` -> ``asia_pacific``."""
    return re.sub(r"[^a-z]+", "_", name.lower()).strip("_")


def bottom_up(tree: dict) -> pd.DataFrame:
    """The bottom-up market in the base year by country, from the data files and a parameter tree (``Parameters.model_dump()``).

    births x incidence / 1000 x diagnosed share x treated share x courses per patient x (the region's
    first-line mix . each drug's course cost in the country: from its pack prices where
    :func:`pack_course_costs` has one, else the group's reference course x the country's price index: the US pack-priced
    course, else the geometric mean of the other pack-priced courses over their ICP price level). Columns:
    ``region_id``, ``births``, ``treated_patients``, ``value_usd_m``; indexed by country id.
    """
    countries, epi = tree["countries"], tree["epidemiology"]
    births = pd.read_csv(ROOT / "data" / "live_births.csv")
    latest = births.sort_values("year").groupby("country").tail(1)
    rows = {slug(r.country): (slug(r.region), r.births * countries["births_coverage_factor"][slug(r.country)])
            for r in latest.itertuples()}
    for region, count in countries["rest_of_region_births"].items():
        rows[f"rest_of_{region}"] = (region, count)
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["region_id", "births"])
    packs = pack_course_costs(tree)
    levels = pd.read_csv(ROOT / "data" / "price_levels.csv", comment="#").set_index("area_id")["price_level_us_100"] / 100
    course = dict(epi["assumed_course_cost_usd"])
    for drug in ("acth", "vigabatrin", "oral_steroids"):
        if ("united_states", drug) in packs:
            course[drug] = packs[("united_states", drug)]
        else:
            others = [cost / levels[c] for (c, d), cost in packs.items() if d == drug]
            course[drug] = float(np.exp(np.mean(np.log(others))))
    region = frame["region_id"]
    frame["treated_patients"] = (frame["births"] * epi["incidence_per_1000"] / 1000 * region.map(epi["diagnosed_share"])
                                 * region.map(epi["treated_share"]))

    def unpriced(country: str, drug: str) -> float:  # reference x the group's ratio x the price level x the error
        level = countries["price_index"][country]
        return course[drug] * level * np.exp(tree["pricing"]["outside_us_log_ratio"][drug]
                                             + countries["price_level_error"][country])

    def mix_cost(country: str) -> float:  # the first-line mix priced in this country
        mix = epi.get("first_line_mix_by_country", {}).get(country) or epi["first_line_mix"][frame.loc[country, "region_id"]]
        return sum(share * packs.get((country, drug), unpriced(country, drug)) for drug, share in mix.items())

    frame["value_usd_m"] = (frame["treated_patients"] * epi["courses_per_treated_patient"]
                            * frame.index.map(mix_cost) / 1e6)
    return frame


# The dose of an infant course by drug group and pack unit: dosing.csv's row, and how it scales.
DOSES = {("vigabatrin", "mg"): ("vigabatrin", "minimum daily dose in the UK trial", "per kg"),
         ("acth", "U"): ("acth", "daily dose for infantile spasms", "per m2"),
         ("acth", "mg"): ("acth", "tetracosactide depot dose in the UK trial", "every 2 days"),
         ("oral_steroids", "mg"): ("prednisolone", "minimum daily dose in the UK trial", "per day")}


def pack_course_costs(tree: dict) -> dict[tuple[str, str], float]:
    """{(country id, drug group): USD per course} where a pack price counts: a liquid vigabatrin labelled for infantile
    spasms, any ACTH analogue or oral steroid (first-line off label), a short-acting ACTH only where no depot is priced.

    Price per unit x daily dose for the assumed infant x 14 days x the course length, averaged over
    a country's products of the group, the United States included.
    """
    prices = pd.read_csv(ROOT / "data" / "prices.csv", comment="#")
    products = pd.read_csv(ROOT / "data" / "products.csv", comment="#")
    dosing = pd.read_csv(ROOT / "data" / "dosing.csv", comment="#").set_index(["drug", "parameter"])["value"]
    used = prices.merge(products[["product_id", "drug_group", "form", "dosage", "labelled_for_infantile_spasms"]], on="product_id")
    counts = ((used["labelled_for_infantile_spasms"] == "yes") & (used["dosage"] == "Liquid")) | used["drug_group"].isin(
        ["acth", "oral_steroids"])
    # A short-acting tetracosactide (marked in its form) stands in only where its market has no depot.
    short = (used["drug_group"] == "acth") & used["form"].str.contains("short-acting")
    depot_markets = set(used.loc[(used["drug_group"] == "acth") & ~short, "market"])
    used = used[counts & ~(short & used["market"].isin(depot_markets))]
    size = {"per kg": tree["pricing"]["infant_weight_kg"], "per m2": tree["pricing"]["infant_bsa_m2"], "every 2 days": 0.5,
            "per day": 1.0}
    costs: dict[tuple[str, str], list[float]] = {}
    for row in used.itertuples():
        drug, parameter, scale = DOSES[(row.drug_group, row.pack_unit)]
        days = 14 * tree["epidemiology"]["course_length_14d_units"][row.drug_group]
        cost = row.price_usd / row.pack_quantity * float(dosing[(drug, parameter)]) * size[scale] * days
        costs.setdefault((slug(row.market), row.drug_group), []).append(cost)
    return {key: float(np.mean(values)) for key, values in costs.items()}


def country_weights(tree: dict) -> pd.Series:
    """Each country's share of its region's value: its bottom-up value over its region's (by births where a region has none)."""
    frame = bottom_up(tree)
    by_value = frame["value_usd_m"] / frame.groupby("region_id")["value_usd_m"].transform("sum")
    by_births = frame["births"] / frame.groupby("region_id")["births"].transform("sum")
    return by_value.where(frame.groupby("region_id")["value_usd_m"].transform("sum") > 0, by_births)
