"""How early infantile spasms starts and how well first-line drugs work: the onset and response studies in the data."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from ..scenario.parameters import Parameters

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
MARKETSCAN = "MarketScan 2006-2020 (US claims)"
UKISS_ONSET = "UKISS follow-up (O'Callaghan 2011)"
ONSET_FORMATS = {"Age, low (months)": ".1f", "Age, high (months)": ".1f"}


def onset_numbers(onset: pd.DataFrame, prefix: str = "") -> dict[str, float]:
    """Age at onset or diagnosis (months) from ``data/age_at_onset.csv`` indexed by study, keyed for ``glue``.

    Keys (after ``prefix``): ``onset-ukiss`` (mean in the UK trial's follow-up), ``onset-marketscan`` (median at
    diagnosis in US claims), ``onset-peak-low`` and ``onset-peak-high`` (the review's peak).
    """
    return {
        f"{prefix}onset-ukiss": float(onset.loc[UKISS_ONSET, "age_low_months"]),
        f"{prefix}onset-marketscan": float(onset.loc[MARKETSCAN, "age_low_months"]),
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
