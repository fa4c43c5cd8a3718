"""The pricing section and the revenue cross-check: course costs by drug and market, and reported sales beside the model."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..inputs.reading import load_table
from ..inputs.taxonomy import COUNTRIES, COUNTRY_REGION, ESTABLISHED_DRUG_IDS, short_drug_name
from ..model.bottomup import bottom_up, bottom_up_by_country
from ..model.draws import set_draws
from ..model.pricing import PREDICTION_LEVEL, REFERENCE_COUNTRY, PriceCalibration, course_cost_table
from ..scenario.parameters import Parameters
from .wording import join_names, significant

PRICED_GROUPS = ("acth", "vigabatrin")
"""The drug groups a price in the data can set: the figure shows these."""


def course_costs(params: Parameters) -> pd.DataFrame:
    """Cost of a course (USD) by drug group and market, from each basis, for the chart and its table.

    One row per value: ``group`` (market), ``series`` (basis), ``value`` (USD), ``drug``. Bases: the cost
    calibrated on the country's price level (the model's cost where no pack price applies), and the cost
    derived from a pack price (the model's cost where one applies, the United States included).
    """
    model = bottom_up(params, set_draws(params, 1, {}), use_prices=False)  # the calibrated cost, before pack prices replace it
    derived = course_cost_table(params)
    rows = []
    markets = [REFERENCE_COUNTRY, *sorted(set(derived["market"]) - {REFERENCE_COUNTRY})]
    for market in markets:
        country = next(c for c, n in COUNTRIES.items() if n == market)
        i = model.country_ids.index(country)
        for drug in PRICED_GROUPS:
            label = f"{short_drug_name(drug)}, {market}"
            mine = derived[(derived["market"] == market) & (derived["drug_group"] == drug)]
            if not (market == REFERENCE_COUNTRY and len(mine)):  # the US course of a pack-priced group is the reference itself
                rows.append((label, CALIBRATED, float(model.cost_by_drug_usd[0, i, ESTABLISHED_DRUG_IDS.index(drug)]), drug))
            if len(mine):
                rows.append((label, DERIVED, float(mine["cost_per_course_usd"].mean()), drug))
    return pd.DataFrame(rows, columns=["group", "series", "value", "drug"])


CALIBRATED, DERIVED = "Calibrated on the price level", "Derived from a pack price"


def course_cost_numbers(params: Parameters, costs: pd.DataFrame, prefix: str = "") -> dict[str, float]:
    """The course costs the prose quotes, keyed for ``glue``: each derived cost and the index-based cost it replaces."""
    out: dict[str, float] = {}
    for row in costs.itertuples():
        market = row.group.split(", ")[1].lower().replace(" ", "-")
        kind = "index" if row.series == CALIBRATED else "derived"
        out[f"{prefix}{row.drug}-{market}-{kind}"] = round(row.value, 2)
    return out


def pack_spread_numbers(params: Parameters, market: str, group: str, prefix: str = "") -> dict[str, float | int]:
    """How far apart the courses of a group's packs in one market lie (the model takes their mean), keyed for ``glue``.

    Keys (after ``prefix``): ``n``, ``min``, ``max`` and ``mean`` (USD per course).
    """
    table = course_cost_table(params)
    costs = table.loc[(table["market"] == market) & (table["drug_group"] == group), "cost_per_course_usd"]
    if costs.empty:
        raise ValueError(f"no pack price of {group} in {market}")
    return {f"{prefix}n": len(costs), f"{prefix}min": round(float(costs.min()), 2),
            f"{prefix}max": round(float(costs.max()), 2), f"{prefix}mean": round(float(costs.mean()), 2)}


def unit_price_ratio(product: str, other: str, prices: pd.DataFrame | None = None) -> float:
    """How many times ``other``'s price per unit (USD per mg or U) ``product``'s is, both rows of data/prices.csv."""
    prices = load_table("prices") if prices is None else prices
    per_unit = prices.set_index("product_id").eval("price_usd / pack_quantity")
    return float(per_unit[product] / per_unit[other])


ACTHAR = "H.P. Acthar Gel"
YEARLY_PERIODS = ("year", "fiscal year to 30 Sep")
"""Periods of company_revenue.csv that cover a whole year (a calendar or a fiscal year)."""


def yearly_sales(revenue: pd.DataFrame, product: str = ACTHAR) -> pd.DataFrame:
    """A product's yearly sales in US dollars (calendar or fiscal years), oldest first: ``year``, ``period``, ``sales_usd_m``,
    ``source_id``, ``measure``."""
    rows = revenue[(revenue["product"] == product) & revenue["period"].isin(YEARLY_PERIODS) & (revenue["currency"] == "USD")]
    return rows.sort_values("year")[["year", "period", "revenue_m", "source_id", "measure"]].rename(
        columns={"revenue_m": "sales_usd_m"}).reset_index(drop=True)


def latest_acthar(revenue: pd.DataFrame) -> pd.Series:
    """Acthar Gel's latest yearly sales row (``year``, ``sales_usd_m``)."""
    return yearly_sales(revenue).iloc[-1]


def revenue_check(params: Parameters, table: pd.DataFrame, revenue: pd.DataFrame, year: int) -> pd.DataFrame:
    """Reported Acthar Gel sales (latest year) x the assumed infantile spasms share, beside the model's ACTH value in the US.

    Rows (first at the bottom of the chart): the model's value in ``year``, then the reported sales
    for infantile spasms at the low, central and high share. Columns ``low``, ``point``, ``high`` (USD m).
    """
    acthar = latest_acthar(revenue)
    share = params.companies.acthar_sales_share_for_infantile_spasms
    model = table[(table["year"] == year) & (table["country"] == REFERENCE_COUNTRY) & (table["drug"] == "acth")]["value_usd_m"].sum()
    return pd.DataFrame(
        {"low": [float("nan"), acthar.sales_usd_m * share.low],
         "point": [model, acthar.sales_usd_m * share.central],
         "high": [float("nan"), acthar.sales_usd_m * share.high]},
        index=[f"Model: ACTH, United States, {year}",
               f"Acthar Gel sales {int(acthar.year)} x assumed infantile spasms share"],
    )


def revenue_numbers(params: Parameters, check: pd.DataFrame, revenue: pd.DataFrame, total: float,
                    prefix: str = "") -> dict[str, float]:
    """What the cross-check implies, keyed for ``glue``: the reported figure, the shares, and the share that matches the model."""
    acthar = latest_acthar(revenue)
    share = params.companies.acthar_sales_share_for_infantile_spasms
    model, implied = check["point"].iloc[0], check["point"].iloc[1]
    low, high = check["low"].iloc[1], check["high"].iloc[1]
    return {
        f"{prefix}acthar-sales": float(acthar.sales_usd_m),
        f"{prefix}acthar-year": int(acthar.year),
        f"{prefix}acthar-source": str(acthar.source_id),
        f"{prefix}share-low": 100 * share.low,
        f"{prefix}share-central": 100 * share.central,
        f"{prefix}share-high": 100 * share.high,
        f"{prefix}implied-low": float(check["low"].iloc[1]),
        f"{prefix}implied-central": float(implied),
        f"{prefix}implied-high": float(check["high"].iloc[1]),
        f"{prefix}model-us-acth": float(model),
        f"{prefix}share-matching-model": 100 * model / acthar.sales_usd_m,
        f"{prefix}matching-position": ("below" if model < check["low"].iloc[1]
                                       else "above" if model > check["high"].iloc[1] else "within"),
        f"{prefix}implied-central-of-total": 100 * implied / total,
        f"{prefix}implied-over-model": implied / model,
        f"{prefix}implied-low-over-model": low / model,
        f"{prefix}implied-high-over-model": high / model,
        f"{prefix}low-share-position": "below" if low < model else "above",
    }


def us_value_by_year(table: pd.DataFrame, drug: str) -> pd.Series:
    """The model's value of ``drug`` in the United States by year (USD million)."""
    us = table[(table["country"] == REFERENCE_COUNTRY) & (table["drug"] == drug)]
    return us.groupby("year")["value_usd_m"].sum()


def calendar_sales(revenue: pd.DataFrame, product: str = ACTHAR) -> pd.DataFrame:
    """:func:`yearly_sales` of calendar years only (a fiscal year to September would sit at the wrong place on a year axis)."""
    sales = yearly_sales(revenue, product)
    return sales[sales["period"] == "year"].reset_index(drop=True)


def revenue_series(params: Parameters, table: pd.DataFrame, revenue: pd.DataFrame) -> pd.DataFrame:
    """Acthar Gel's calendar-year sales, the same times the central infantile spasms share, and the model's US ACTH value.

    Long frame for :func:`..figures.lines.plot_lines`: ``series``, ``year``, ``value`` (USD million).
    """
    sales = calendar_sales(revenue)
    central = params.companies.acthar_sales_share_for_infantile_spasms.central
    model = us_value_by_year(table, "acth")
    return pd.concat([
        pd.DataFrame({"series": "Acthar Gel sales, all indications (as reported)", "year": sales["year"], "value": sales["sales_usd_m"]}),
        pd.DataFrame({"series": f"Acthar Gel sales x the assumed infantile spasms share ({100 * central:.0f} %)",
                      "year": sales["year"], "value": sales["sales_usd_m"] * central}),
        pd.DataFrame({"series": "Model: ACTH value, United States", "year": model.index, "value": model.to_numpy()}),
    ], ignore_index=True)


def revenue_series_numbers(params: Parameters, table: pd.DataFrame, revenue: pd.DataFrame, prefix: str = "") -> dict[str, Any]:
    """The calendar-year Acthar series the prose quotes, keyed for ``glue``: first, highest and latest years and values,
    which years are net sales as Mallinckrodt states them and which are sales as the press reports them, the model's US ACTH."""
    calendar = calendar_sales(revenue)
    sales = calendar.set_index("year")["sales_usd_m"]
    model = us_value_by_year(table, "acth")
    share = params.companies.acthar_sales_share_for_infantile_spasms
    highest = int(sales.idxmax())
    net = calendar["measure"].str.startswith("net sales")
    return {
        f"{prefix}acthar-first-year": int(sales.index[0]), f"{prefix}acthar-first": float(sales.iloc[0]),
        f"{prefix}acthar-highest-year": highest, f"{prefix}acthar-highest": float(sales[highest]),
        f"{prefix}acthar-net-years": join_names([str(y) for y in calendar.loc[net, "year"]]),
        f"{prefix}acthar-reported-years": join_names([str(y) for y in calendar.loc[~net, "year"]]),
        f"{prefix}acthar-last-year": int(sales.index[-1]), f"{prefix}acthar-last": float(sales.iloc[-1]),
        f"{prefix}acthar-years": len(sales),
        f"{prefix}years-older": int(model.index[0]) - int(sales.index[-1]),
        f"{prefix}model-acth-first-year": int(model.index[0]), f"{prefix}model-acth-first": float(model.iloc[0]),
        f"{prefix}model-acth-last-year": int(model.index[-1]), f"{prefix}model-acth-last": float(model.iloc[-1]),
        f"{prefix}last-at-low": float(sales.iloc[-1] * share.low), f"{prefix}last-at-high": float(sales.iloc[-1] * share.high),
    }


def cited_sales(params: Parameters, table: pd.DataFrame, cited: pd.DataFrame, revenue: pd.DataFrame,
                year: int) -> pd.DataFrame:
    """Market sales that makers cite (all uses), Acthar's latest yearly sales, and the model's US value of the group in ``year``.

    One row per value for :func:`..figures.dots.plot_grouped_dots`: ``group`` (the drug group, United States),
    ``series`` and ``value`` (USD million); ``covers`` says what each figure includes.
    """
    rows = []
    for r in cited.itertuples():
        group = f"{short_drug_name(r.drug_group)}, United States"
        rows.append((group, f"Sales the makers cite ({r.months} months)", float(r.value_usd_m),
                     f"{r.covers}; {r.months} months to {r.period_end}"))
    acthar = latest_acthar(revenue)
    rows.append(("ACTH, United States", f"Acthar Gel sales {int(acthar.year)}", float(acthar.sales_usd_m), acthar.measure))
    for drug in dict.fromkeys(cited["drug_group"]):
        rows.append((f"{short_drug_name(drug)}, United States", f"Model value {year} (infantile spasms)",
                     float(us_value_by_year(table, drug)[year]), "infantile spasms only, the model's prices"))
    return pd.DataFrame(rows, columns=["group", "series", "value", "covers"])


def cited_sales_numbers(table: pd.DataFrame, cited: pd.DataFrame, total: float, year: int, prefix: str = "") -> dict[str, Any]:
    """What the cited sales imply for a market table, keyed for ``glue``: each figure, the table's share of it, the gap.

    ``total`` is the table's global market in ``year`` (the report's, or the book's own estimate's). Keys per drug
    group: ``<drug>-cited``, ``<drug>-cited-end``, ``<drug>-cited-months``, ``<drug>-model``, ``<drug>-model-pct-of-cited``; and ``cited-sum``,
    ``cited-sum-over-total`` (the cited US sales in multiples of the global ``total``), ``model-us`` (the table's US value
    of the cited drug groups), ``model-us-pct-of-cited`` (the share of those sales infantile spasms would take at that
    value), ``cited-sum-over-model-us`` (the cited sales in multiples of that value: US against US), ``total``.
    """
    out: dict[str, Any] = {}
    model_sum = 0.0
    for r in cited.itertuples():
        model = float(us_value_by_year(table, r.drug_group)[year])
        model_sum += model
        out.update({f"{prefix}{r.drug_group}-cited": float(r.value_usd_m), f"{prefix}{r.drug_group}-cited-end": r.period_end,
                    f"{prefix}{r.drug_group}-cited-months": int(r.months),
                    f"{prefix}{r.drug_group}-model": model, f"{prefix}{r.drug_group}-model-pct-of-cited": 100 * model / r.value_usd_m})
    cited_sum = float(cited["value_usd_m"].sum())
    out.update({f"{prefix}cited-sum": cited_sum, f"{prefix}cited-sum-over-total": cited_sum / total,
                f"{prefix}model-us": model_sum, f"{prefix}model-us-pct-of-cited": 100 * model_sum / cited_sum,
                f"{prefix}cited-sum-over-model-us": cited_sum / model_sum,
                f"{prefix}total": total})
    return out


def cited_against_acthar(cited: pd.DataFrame, revenue: pd.DataFrame, prefix: str = "") -> dict[str, Any]:
    """How far the cited ACTH market lies from Acthar Gel's own yearly sales of the year before its period ends, keyed for ``glue``.

    Keys ``acth-cited-acthar-year``, ``acth-cited-acthar-sales`` and ``acth-cited-off-acthar-pct`` (the gap, % of Acthar's sales).
    """
    acth = cited[cited["drug_group"] == "acth"].iloc[0]
    year = int(str(acth.period_end)[:4]) - 1
    sales = calendar_sales(revenue).set_index("year")["sales_usd_m"]
    return {f"{prefix}acth-cited-acthar-year": year, f"{prefix}acth-cited-acthar-sales": float(sales[year]),
            f"{prefix}acth-cited-off-acthar-pct": 100 * abs(float(acth.value_usd_m) - float(sales[year])) / float(sales[year])}


def bottom_up_change(params: Parameters) -> pd.DataFrame:
    """The bottom-up value (USD m, base year) of the countries whose course costs prices now set, before and after
    (the United States left out: its pack-priced ACTH course is the reference in both).

    Columns ``index_only_usd_m`` (the calibrated price level everywhere) and ``with_prices_usd_m`` (the model),
    indexed by country name, with a last row for the world.
    """
    before, after = bottom_up_by_country(params, use_prices=False), bottom_up_by_country(params)
    priced = sorted(set(course_cost_table(params)["market"]) - {REFERENCE_COUNTRY})  # the US's own price is its reference either way
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


# --------------------------------------------------------------------------- the price-level calibration and its check
OUTSIDE_INTERVAL_REASONS: dict[tuple[str, str], str] = {}
"""Pack-priced observations allowed outside the calibration's prediction interval, by (country id, drug group), with the
evidence that explains them. Empty: every observation lies inside (a test checks it)."""


def calibration_table(calibration: PriceCalibration) -> pd.DataFrame:
    """The calibration's observations for print: country, group, course costs, ratio to the US, price level, fit and interval."""
    obs = calibration.observations
    pct = f"{100 * PREDICTION_LEVEL:.0f} % prediction interval (ratio, %)"
    return pd.DataFrame({
        "Country": obs["country"],
        "Drug group": obs["drug_group"].map(short_drug_name),
        "Course cost (USD)": obs["cost_usd"],
        "Reference course (USD)": obs["us_cost_usd"],
        "Ratio to the US (%)": 100 * obs["ratio"],
        "Price level (% of the US)": 100 * obs["price_level"],
        "Fitted ratio (%)": 100 * obs["fitted_ratio"],
        pct: [f"{significant(100 * lo)} to {significant(100 * hi)}" for lo, hi in zip(obs["pi_low_ratio"], obs["pi_high_ratio"])],
    })


CALIBRATION_FORMATS = {"Course cost (USD)": ",.0f", "Reference course (USD)": ",.0f", "Ratio to the US (%)": ".2g",
                       "Price level (% of the US)": ".0f", "Fitted ratio (%)": ".2g"}


def calibration_numbers(calibration: PriceCalibration, prefix: str = "") -> dict[str, float | int | str]:
    """The fit's numbers the prose quotes, keyed for ``glue``: observations, countries, group ratios and reference courses
    (``reference-<group>``, USD), spread, fit, free slope."""
    obs = calibration.observations
    out: dict[str, float | int | str] = {
        f"{prefix}n-obs": len(obs),
        f"{prefix}n-countries": obs["country_id"].nunique(),
        f"{prefix}countries": ", ".join(sorted(set(obs["country"]))),
        f"{prefix}dof": calibration.dof,
        f"{prefix}residual-sd": calibration.residual_sd,
        f"{prefix}r2": calibration.r2,
        f"{prefix}free-slope": calibration.free_slope,
        f"{prefix}free-slope-se": calibration.free_slope_se,
        f"{prefix}free-r2": calibration.free_r2,
        f"{prefix}pi-level": 100 * PREDICTION_LEVEL,
        f"{prefix}pi-factor": float(np.exp(calibration.t * calibration.residual_sd)),
        f"{prefix}n-inside": int(obs["inside"].sum()),
    }
    for group, value in calibration.log_ratio.items():
        out[f"{prefix}ratio-{group}"] = 100 * float(np.exp(value))
        out[f"{prefix}reference-{group}"] = float(obs.loc[obs["drug_group"] == group, "us_cost_usd"].iloc[0])
    return out


def plausibility_points(params: Parameters, calibration: PriceCalibration) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """What the plausibility figure plots: the calibration's points and fitted lines, and every named country's values.

    Returns
    -------
    (points, fit, countries)
        ``points``: ``x`` (price level), ``y`` (course cost as % of the US), ``label``, ``group``;
        ``fit``: each calibrated group's line and prediction band over the price levels of the data;
        ``countries``: one row per named country (United States included) with ``x`` (price level),
        ``y`` (bottom-up value per live birth, USD), ``cost_per_course_usd``, ``label`` and ``group``
        (its course costs from pack prices or calibrated).
    """
    obs = calibration.observations
    points = pd.DataFrame({"x": 100 * obs["price_level"], "y": 100 * obs["ratio"], "label": obs["country"],
                           "group": obs["drug_group"].map(short_drug_name)})
    grid = np.geomspace(0.1, 1.0, 25)
    fit = pd.concat([
        pd.DataFrame({"group": short_drug_name(g), "x": 100 * grid,
                      **dict(zip(("centre", "low", "high"),
                                 np.array([[100 * v for v in calibration.interval(g, lv)] for lv in grid]).T))})
        for g in calibration.log_ratio
    ], ignore_index=True)
    frame = bottom_up_by_country(params)
    named = frame.loc[[c for c in frame.index if not c.startswith("rest_of_")]]
    model = bottom_up(params, set_draws(params, 1, {}))
    priced = {c: bool(model.priced[model.country_ids.index(c)].any()) for c in named.index}
    countries = pd.DataFrame({
        "x": 100 * named["price_index"], "y": 1e6 * named["value_usd_m"] / named["births"],
        "cost_per_course_usd": named["cost_per_course_usd"], "label": named["country"],
        "group": ["Reference (United States: ACTH at its list price)" if COUNTRIES[c] == REFERENCE_COUNTRY
                  else "Pack prices for some drug groups" if priced[c] else "Calibrated price level only"
                  for c in named.index],
    }, index=named.index)
    return points, fit, countries


def plausibility_findings(calibration: PriceCalibration, countries: pd.DataFrame) -> dict[str, list[str]]:
    """The checks the plausibility section states, each a list of what breaks it (empty when it holds).

    ``outside_interval``: pack-priced observations outside the prediction interval without a reason in
    :data:`OUTSIDE_INTERVAL_REASONS`; ``above_us_cost`` and ``above_us_value``: countries whose course
    or value per birth exceeds the United States'; ``calibrated_order``: calibrated-only countries of a
    region whose course cost does not rise with their price level.
    """
    obs = calibration.observations
    outside = [f"{r.country} ({r.drug_group})" for r in obs.itertuples()
               if not r.inside and (r.country_id, r.drug_group) not in OUTSIDE_INTERVAL_REASONS]
    us = countries[countries["group"].str.startswith("Reference")].iloc[0]
    others = countries[~countries["group"].str.startswith("Reference")]
    order = []
    calibrated = others[others["group"] == "Calibrated price level only"]
    for region, rows in calibrated.groupby(calibrated.index.map(COUNTRY_REGION)):
        ranked = rows.sort_values("x")["cost_per_course_usd"]
        if not ranked.is_monotonic_increasing:
            order.append(f"{region}: {', '.join(rows.sort_values('x')['label'])}")
    return {
        "outside_interval": outside,
        "above_us_cost": list(others.loc[others["cost_per_course_usd"] > us["cost_per_course_usd"], "label"]),
        "above_us_value": list(others.loc[others["y"] > us["y"], "label"]),
        "calibrated_order": order,
    }
