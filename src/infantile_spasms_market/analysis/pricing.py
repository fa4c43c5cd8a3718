"""The pricing section and the revenue cross-check: course costs by drug and market, and reported sales beside the model."""

from __future__ import annotations

import pandas as pd

from ..inputs.taxonomy import COUNTRIES, short_drug_name
from ..model.bottomup import bottom_up, bottom_up_by_country, us_course_cost_usd
from ..model.draws import set_draws
from ..model.pricing import REFERENCE_COUNTRY, course_cost_table
from ..scenario.parameters import Parameters

PRICED_GROUPS = ("acth", "vigabatrin")
"""The drug groups a price in the data can set: the figure shows these."""


def course_costs(params: Parameters) -> pd.DataFrame:
    """Cost of a course (USD) by drug group and market, from each basis, for the chart and its table.

    One row per value: ``group`` (market), ``series`` (basis), ``value`` (USD), ``drug``. Bases: the
    US course price of the MarketScan study; the price index times it (the model's cost where no
    price applies); and the cost derived from a pack price (used by the model outside the US).
    """
    model = bottom_up(params, set_draws(params, 1, {}))
    us = us_course_cost_usd(params)
    derived = course_cost_table(params)
    rows = []
    markets = [REFERENCE_COUNTRY, *sorted(set(derived["market"]) - {REFERENCE_COUNTRY})]
    for market in markets:
        country = next(c for c, n in COUNTRIES.items() if n == market)
        i = model.country_ids.index(country)
        for drug in PRICED_GROUPS:
            label = f"{short_drug_name(drug)}, {market}"
            if market == REFERENCE_COUNTRY:
                rows.append((label, "US course price (MarketScan study)", float(us[drug]), drug))
            else:
                rows.append((label, "US price x the country's price index", float(us[drug] * model.price_index[0, i]), drug))
            mine = derived[(derived["market"] == market) & (derived["drug_group"] == drug)]
            if len(mine):
                rows.append((label, "Derived from a pack price (data/prices.csv)", float(mine["cost_per_course_usd"].mean()), drug))
    return pd.DataFrame(rows, columns=["group", "series", "value", "drug"])


def course_cost_numbers(params: Parameters, costs: pd.DataFrame, prefix: str = "") -> dict[str, float]:
    """The course costs the prose quotes, keyed for ``glue``: each derived cost and the index-based cost it replaces."""
    out: dict[str, float] = {}
    for row in costs.itertuples():
        market = row.group.split(", ")[1].lower().replace(" ", "-")
        kind = {"US course price (MarketScan study)": "us", "US price x the country's price index": "index"}.get(row.series, "derived")
        out[f"{prefix}{row.drug}-{market}-{kind}"] = round(row.value, 2)
    return out


def revenue_check(params: Parameters, table: pd.DataFrame, revenue: pd.DataFrame, year: int) -> pd.DataFrame:
    """Reported Acthar Gel sales x the assumed infantile spasms share, beside the model's ACTH value in the United States.

    Rows (first at the bottom of the chart): the model's value in ``year``, then the reported sales
    for infantile spasms at the low, central and high share. Columns ``low``, ``point``, ``high`` (USD m).
    """
    acthar = revenue[revenue["product"] == "H.P. Acthar Gel"].sort_values("year").iloc[-1]
    share = params.companies.acthar_sales_share_for_infantile_spasms
    model = table[(table["year"] == year) & (table["country"] == REFERENCE_COUNTRY) & (table["drug"] == "acth")]["value_usd_m"].sum()
    return pd.DataFrame(
        {"low": [float("nan"), acthar.revenue_usd_m * share.low],
         "point": [model, acthar.revenue_usd_m * share.central],
         "high": [float("nan"), acthar.revenue_usd_m * share.high]},
        index=[f"Model: ACTH, United States, {year}",
               f"Acthar Gel sales {int(acthar.year)} x assumed infantile spasms share"],
    )


def revenue_numbers(params: Parameters, check: pd.DataFrame, revenue: pd.DataFrame, total: float,
                    prefix: str = "") -> dict[str, float]:
    """What the cross-check implies, keyed for ``glue``: the reported figure, the shares, and the share that matches the model."""
    acthar = revenue[revenue["product"] == "H.P. Acthar Gel"].sort_values("year").iloc[-1]
    share = params.companies.acthar_sales_share_for_infantile_spasms
    model, implied = check["point"].iloc[0], check["point"].iloc[1]
    return {
        f"{prefix}acthar-sales": float(acthar.revenue_usd_m),
        f"{prefix}acthar-year": int(acthar.year),
        f"{prefix}share-low": 100 * share.low,
        f"{prefix}share-central": 100 * share.central,
        f"{prefix}share-high": 100 * share.high,
        f"{prefix}implied-low": float(check["low"].iloc[1]),
        f"{prefix}implied-central": float(implied),
        f"{prefix}implied-high": float(check["high"].iloc[1]),
        f"{prefix}model-us-acth": float(model),
        f"{prefix}share-matching-model": 100 * model / acthar.revenue_usd_m,
        f"{prefix}implied-central-of-total": 100 * implied / total,
    }


def bottom_up_change(params: Parameters) -> pd.DataFrame:
    """The bottom-up value (USD m, base year) of the countries whose course costs prices now set, before and after.

    Columns ``index_only_usd_m`` (the price index everywhere) and ``with_prices_usd_m`` (the model),
    indexed by country name, with a last row for the world.
    """
    before, after = bottom_up_by_country(params, use_prices=False), bottom_up_by_country(params)
    priced = sorted(set(course_cost_table(params).query("used_in_model")["market"]))
    frame = pd.DataFrame({
        "index_only_usd_m": before.set_index("country")["value_usd_m"],
        "with_prices_usd_m": after.set_index("country")["value_usd_m"],
    })
    result = frame.loc[priced]
    result.loc["World"] = frame.sum()
    return result


def change_numbers(change: pd.DataFrame, prefix: str = "") -> dict[str, float]:
    """The before and after values of :func:`bottom_up_change`, keyed for ``glue`` (``<country>-before``/``-after``)."""
    out: dict[str, float] = {}
    for name, row in change.iterrows():
        key = str(name).lower().replace(" ", "-")
        out[f"{prefix}{key}-before"] = float(row["index_only_usd_m"])
        out[f"{prefix}{key}-after"] = float(row["with_prices_usd_m"])
    return out
