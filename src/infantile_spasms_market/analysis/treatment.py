"""Treating infantile spasms: how early it starts, how well first-line drugs work (the onset and response studies in the data), what a course costs and how ACTH's price rose."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from .. import labels
from ..inputs.taxonomy import short_drug_name
from ..model.bottomup import us_course_cost_usd
from ..scenario.parameters import Parameters

# --------------------------------------------------------------------------- onset and response
GROUPS = {
    "ACTH": "ACTH or tetracosactide",
    "tetracosactide": "ACTH or tetracosactide",
    "hormonal (prednisolone or tetracosactide)": "Hormonal (either)",
    "prednisolone": "Oral steroids",
    "oral steroids": "Oral steroids",
    "vigabatrin": "Vigabatrin",
    "non-standard therapy": "Non-standard therapy",
}
"""The chart group of each treatment named in ``data/treatment_response.csv``."""
GROUP_ORDER = ("ACTH or tetracosactide", "Hormonal (either)", "Oral steroids", "Vigabatrin", "Non-standard therapy")
UKISS, NISC, COWAN_HUDSON = "UKISS (Lux 2004)", "NISC 2016 (Knupp)", "Cowan & Hudson 1991 (review)"
UKISS_ONSET = "UKISS follow-up (O'Callaghan 2011)"
ONSET_FORMATS = {"Age, low (months)": ".1f", "Age, high (months)": ".1f"}


def onset_numbers(onset: pd.DataFrame, prefix: str = "") -> dict[str, float]:
    """Age at onset (months) from ``data/age_at_onset.csv`` indexed by study, keyed for ``glue``.

    Keys (after ``prefix``): ``onset-ukiss`` (mean in the UK trial's follow-up), ``onset-peak-low`` and
    ``onset-peak-high`` (the review's peak).
    """
    return {
        f"{prefix}onset-ukiss": float(onset.loc[UKISS_ONSET, "age_low_months"]),
        f"{prefix}onset-peak-low": float(onset.loc[COWAN_HUDSON, "age_low_months"]),
        f"{prefix}onset-peak-high": float(onset.loc[COWAN_HUDSON, "age_high_months"]),
    }


def onset_table(onset: pd.DataFrame) -> pd.DataFrame:
    """The onset studies as the book tabulates them (print with :data:`ONSET_FORMATS`)."""
    table = pd.DataFrame({
        "Statistic": onset["statistic"],
        "Age, low (months)": onset["age_low_months"],
        "Age, high (months)": onset["age_high_months"],
    })
    table.index.name = "Study"
    return table


def with_groups(response: pd.DataFrame) -> pd.DataFrame:
    """``data/treatment_response.csv`` with each treatment's chart ``group`` (:data:`GROUPS`).

    Raises
    ------
    ValueError
        Naming the treatments that have no group.
    """
    unknown = sorted(set(response["treatment"]) - set(GROUPS))
    if unknown:
        raise ValueError(f"treatment_response.csv: treatments without a chart group: {unknown}")
    return response.assign(group=response["treatment"].map(GROUPS))


def response_chart(response: pd.DataFrame, width: int = 34) -> pd.DataFrame:
    """What the response chart plots: ``group``, ``series`` (the study and how it measured response,
    wrapped at ``width`` characters) and ``value`` (infants responding, %), one row per result."""
    outcome = response.drop_duplicates("study").set_index("study")["outcome"]
    series = {study: textwrap.fill(f"{study}: {text}", width) for study, text in outcome.items()}
    return pd.DataFrame({
        "group": response["group"].to_numpy(),
        "series": response["study"].map(series).to_numpy(),
        "value": response["response_pct"].to_numpy(),
    })


def response_numbers(response: pd.DataFrame, params: Parameters, prefix: str = "") -> dict[str, float]:
    """The response rates the chapter quotes, and the courses the model assumes per treated infant.

    Keys (after ``prefix``): ``ukiss-hormonal``, ``ukiss-vigabatrin``, ``nisc-nonstandard`` (%),
    ``best-response-ceiling`` (the best rate rounded up to ten, %) and ``courses``.
    """
    by = response.set_index(["study", "treatment"])["response_pct"]
    return {
        f"{prefix}ukiss-hormonal": float(by[UKISS, "hormonal (prednisolone or tetracosactide)"]),
        f"{prefix}ukiss-vigabatrin": float(by[UKISS, "vigabatrin"]),
        f"{prefix}nisc-nonstandard": float(by[NISC, "non-standard therapy"]),
        f"{prefix}best-response-ceiling": float(np.ceil(response["response_pct"].max() / 10) * 10),
        f"{prefix}courses": float(params.epidemiology.courses_per_treated_patient),
    }


# --------------------------------------------------------------------------- cost
VIAL = "Acthar Gel price per vial (USD)"
DAYS_PER_MONTH = 365.25 / 12


def price_takeaway(acth: pd.DataFrame) -> str:
    """Acthar Gel's price per vial at the first and last year in the data, in one sentence."""
    first, last = acth.iloc[0], acth.iloc[-1]
    return (f"Acthar Gel's price per vial rose from about USD {first['value']:,.0f} in {int(first['year'])} "
            f"to USD {last['value']:,.0f} in {int(last['year'])}")


def course_numbers(params: Parameters, prefix: str = "") -> dict[str, float | int]:
    """The US reference course of ACTH, vigabatrin and oral steroids (:func:`..model.bottomup.us_course_cost_usd`), keyed for ``glue``.

    Keys (after ``prefix``): ``acth-course``, ``vig-course``, ``pred-course`` (USD), ``acth-over-pred``,
    ``acth-units``, ``vig-units`` (two-week units per course) and ``vig-months`` (the vigabatrin course in
    months of 30.44 days).
    """
    course = us_course_cost_usd(params)
    lengths = params.epidemiology.course_length_14d_units
    return {
        f"{prefix}acth-course": float(course["acth"]),
        f"{prefix}vig-course": float(course["vigabatrin"]),
        f"{prefix}pred-course": float(course["oral_steroids"]),
        f"{prefix}acth-over-pred": float(course["acth"] / course["oral_steroids"]),
        f"{prefix}acth-units": float(lengths.acth),
        f"{prefix}vig-units": float(lengths.vigabatrin),
        f"{prefix}vig-months": float(lengths.vigabatrin * 14 / DAYS_PER_MONTH),
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


def cost_bars(costs: pd.DataFrame, assumed: str, priced: str) -> dict[str, object]:
    """``plot_bars`` options for :func:`course_costs`: an assumed cost's bar in colour ``assumed``, the others ``priced``,
    each bar's :func:`cost_texts`, and a log axis from USD 50 to forty times the dearest course (room for the texts)."""
    return {"colours": [assumed if a else priced for a in costs["assumed"]], "texts": cost_texts(costs), "pad": 1.15,
            "log": True, "lim": (50, float(costs["cost_per_course_usd"].max()) * 40)}


def costs_table(costs: pd.DataFrame) -> pd.DataFrame:
    """``data/course_costs.csv`` as the book lists it: each cost in its original currency, pooled years marked."""
    return pd.DataFrame({
        "Drug": [labels.name(d, fallback=str(d).capitalize()) for d in costs["drug"]],
        "Country": costs["country"],
        "Year": [str(int(y)) if pd.notna(y) else "pooled" for y in costs["year"]],
        "Basis": costs["basis"],
        "Cost (original currency)": [f"{c} {v:,.0f}" for c, v in zip(costs["currency_original"], costs["cost_original"])],
        "Source": costs["source_id"].map(lambda s: f"{{cite:p}}`{s.replace('-', '')}`"),
    })


def acth_price(history: pd.DataFrame) -> pd.DataFrame:
    """Acthar Gel's price per vial by year, oldest first: ``series`` (:data:`VIAL`), ``year``, ``value``, ``source_id``."""
    history = history.sort_values("year")
    return history.assign(series=VIAL).rename(columns={"price_usd_per_vial": "value"})[
        ["series", "year", "value", "source_id"]].reset_index(drop=True)


def acth_numbers(acth: pd.DataFrame, prefix: str = "") -> dict[str, float | int]:
    """First, middle and last vial prices and years of :func:`acth_price`, keyed for ``glue``.

    Keys (after ``prefix``): ``vial-start``, ``vial-middle``, ``vial-end``, ``vial-start-year``, ``vial-middle-year``,
    ``vial-end-year`` and ``vial-multiple`` (last price over first). The chapter names three prices: ``ValueError``
    when the data hold another number.
    """
    if len(acth) != 3:
        raise ValueError(f"the chapter names three prices of Acthar Gel; the data hold {len(acth)}")
    return {
        f"{prefix}vial-middle": float(acth["value"].iloc[1]), f"{prefix}vial-middle-year": int(acth["year"].iloc[1]),
        f"{prefix}vial-start": float(acth["value"].iloc[0]), f"{prefix}vial-end": float(acth["value"].iloc[-1]),
        f"{prefix}vial-start-year": int(acth["year"].iloc[0]), f"{prefix}vial-end-year": int(acth["year"].iloc[-1]),
        f"{prefix}vial-multiple": float(acth["value"].iloc[-1] / acth["value"].iloc[0]),
    }


def cost_chart_data(costs: pd.DataFrame) -> pd.Series:
    """The US course costs of :func:`course_costs` by short drug name (USD), as the bar chart shows them."""
    return costs["cost_per_course_usd"].rename(index=short_drug_name)
