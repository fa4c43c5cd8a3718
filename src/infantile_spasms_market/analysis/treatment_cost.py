"""What a course of each drug costs, and how ACTH's price rose while its use fell."""

from __future__ import annotations

import pandas as pd

from ..model.bottomup import us_course_cost_usd
from ..scenario.parameters import Parameters

VIAL = "Acthar Gel price per vial (USD)"
COURSE = "ACTH two-week course, median AWP (USD)"
USE = "ACTH share of first-line courses (%)"
PRICE_SERIES = (VIAL, COURSE)
DAYS_PER_MONTH = 365.25 / 12


def course_numbers(params: Parameters, relative_costs: pd.DataFrame, prefix: str = "") -> dict[str, float | int]:
    """The US cost of a course of ACTH, vigabatrin and oral steroids, and Medicaid's relative payments, keyed for ``glue``.

    ``relative_costs`` is ``data/relative_costs.csv`` indexed by drug. Keys (after ``prefix``):
    ``acth-course``, ``vig-course``, ``pred-course`` (USD), ``acth-over-pred``, ``price-year``,
    ``acth-units``, ``vig-units`` (two-week units per course), ``vig-months`` (the vigabatrin course in
    months of 30.44 days), ``medicaid-pred-lower`` and ``medicaid-vig-lower`` (% lower than with ACTH).
    """
    course = us_course_cost_usd(params)
    lengths = params.epidemiology.course_length_14d_units
    return {
        f"{prefix}acth-course": float(course["acth"]),
        f"{prefix}vig-course": float(course["vigabatrin"]),
        f"{prefix}pred-course": float(course["oral_steroids"]),
        f"{prefix}acth-over-pred": float(course["acth"] / course["oral_steroids"]),
        f"{prefix}price-year": int(params.epidemiology.price_reference_year),
        f"{prefix}acth-units": float(lengths.acth),
        f"{prefix}vig-units": float(lengths.vigabatrin),
        f"{prefix}vig-months": float(lengths.vigabatrin * 14 / DAYS_PER_MONTH),
        f"{prefix}medicaid-pred-lower": float(relative_costs.loc["prednisolone", "lower_by_pct"]),
        f"{prefix}medicaid-vig-lower": float(relative_costs.loc["vigabatrin", "lower_by_pct"]),
    }


def course_costs(params: Parameters) -> pd.DataFrame:
    """The US cost of a full course of each drug group, cheapest first: ``cost_per_course_usd`` and
    ``assumed`` (the scenario assumes the cost where no price is published)."""
    shown = us_course_cost_usd(params).sort_values()
    assumed = set(params.epidemiology.assumed_course_cost_usd.model_dump())
    return shown.rename("cost_per_course_usd").to_frame().assign(assumed=[d in assumed for d in shown.index])


def cost_texts(costs: pd.DataFrame) -> list[str]:
    """``USD 12,345`` for each row of :func:`course_costs`, marked ``(assumed)`` where it is."""
    return [f"USD {v:,.0f}" + (" (assumed)" if a else "") for v, a in zip(costs["cost_per_course_usd"], costs["assumed"])]


def costs_table(costs: pd.DataFrame) -> pd.DataFrame:
    """``data/course_costs.csv`` as the book lists it: each cost in its original currency, pooled years marked."""
    return pd.DataFrame({
        "Drug": costs["drug"],
        "Country": costs["country"],
        "Year": [str(int(y)) if pd.notna(y) else "pooled" for y in costs["year"]],
        "Basis": costs["basis"],
        "Cost (original currency)": [f"{c} {v:,.0f}" for c, v in zip(costs["currency_original"], costs["cost_original"])],
        "Source": costs["source_id"].map(lambda s: f"{{cite:p}}`{s.replace('-', '')}`"),
    })


def acth_price_and_use(history: pd.DataFrame, costs: pd.DataFrame, use: pd.DataFrame) -> pd.DataFrame:
    """ACTH's price per vial, the wholesale price of a two-week course and ACTH's share of first-line use, by year.

    Returns
    -------
    DataFrame
        Long: ``series`` (:data:`VIAL`, :data:`COURSE`, :data:`USE`), ``year``, ``value``, ``source_id``.
    """
    history = history.sort_values("year")
    awp = costs[(costs["drug"] == "acth") & costs["basis"].str.startswith("14-day course") & costs["year"].notna()].sort_values("year")
    acth_use = use[use["drug"] == "acth"].sort_values("year")
    columns = ["series", "year", "value", "source_id"]
    return pd.concat([
        history.assign(series=VIAL).rename(columns={"price_usd_per_vial": "value"})[columns],
        awp.assign(series=COURSE).rename(columns={"cost_usd": "value"})[columns],
        acth_use.assign(series=USE).rename(columns={"share_pct": "value"})[columns],
    ], ignore_index=True)


def by_year(long: pd.DataFrame, series: str) -> pd.Series:
    """One series of :func:`acth_price_and_use` indexed by year (as text, e.g. ``"2006"``)."""
    rows = long[long["series"] == series]
    return pd.Series(rows["value"].to_numpy(), index=[str(int(y)) for y in rows["year"]], name=series)


def acth_numbers(long: pd.DataFrame, prefix: str = "") -> dict[str, float | int]:
    """First and last values and years of each series of :func:`acth_price_and_use`, keyed for ``glue``.

    Keys (after ``prefix``): ``vial-``, ``awp-`` and ``acth-share-`` each followed by ``start``,
    ``end``, ``start-year`` and ``end-year``, and ``awp-multiple`` (last course price over first).
    """
    values = {}
    for name, series in (("vial", VIAL), ("awp", COURSE), ("acth-share", USE)):
        rows = long[long["series"] == series]
        values[f"{prefix}{name}-start"] = float(rows["value"].iloc[0])
        values[f"{prefix}{name}-end"] = float(rows["value"].iloc[-1])
        values[f"{prefix}{name}-start-year"] = int(rows["year"].iloc[0])
        values[f"{prefix}{name}-end-year"] = int(rows["year"].iloc[-1])
    course = long.loc[long["series"] == COURSE, "value"]
    values[f"{prefix}awp-multiple"] = float(course.iloc[-1] / course.iloc[0])
    return values
