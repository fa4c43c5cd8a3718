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
AWP = "14-day course, median average wholesale price"
PRICED = {"acth": "acth", "vigabatrin": "vigabatrin", "oral_steroids": "prednisolone"}


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
    first-line mix . the US cost of each drug's course) x the country's price index. Columns:
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
    costs = pd.read_csv(ROOT / "data" / "course_costs.csv")
    us = costs[(costs["country"] == "United States") & (costs["basis"] == AWP) & (costs["year"] == epi["price_reference_year"])]
    course = {drug: float(us.loc[us["drug"] == data_drug, "cost_usd"].iloc[0]) * epi["course_length_14d_units"][drug]
              for drug, data_drug in PRICED.items()}
    course.update(epi["assumed_course_cost_usd"])
    mix_cost = {region: sum(share * course[drug] for drug, share in mix.items()) for region, mix in epi["first_line_mix"].items()}
    region = frame["region_id"]
    frame["treated_patients"] = (frame["births"] * epi["incidence_per_1000"] / 1000 * region.map(epi["diagnosed_share"])
                                 * region.map(epi["treated_share"]))
    frame["value_usd_m"] = (frame["treated_patients"] * epi["courses_per_treated_patient"] * region.map(mix_cost)
                            * frame.index.map(countries["price_index"]) / 1e6)
    return frame


def country_weights(tree: dict) -> pd.Series:
    """Each country's share of its region's value: its bottom-up value over its region's (by births where a region has none)."""
    frame = bottom_up(tree)
    by_value = frame["value_usd_m"] / frame.groupby("region_id")["value_usd_m"].transform("sum")
    by_births = frame["births"] / frame.groupby("region_id")["births"].transform("sum")
    return by_value.where(frame.groupby("region_id")["value_usd_m"].transform("sum") > 0, by_births)
