"""Figures the chapters quote to say exactly what the report and the sources show: gaps, counts, ranges.

Each function returns glue values (keys after ``prefix``) so that a chapter states a count or a
difference instead of typing it or calling it a contradiction.
"""

from __future__ import annotations

import pandas as pd

from ..inputs.headline import Headline
from ..model.calibration import consistency_check

US_SETTINGS = ("USA", "United States")
"""How the incidence data name a setting in the United States."""


def compounding_gap(headline: Headline, prefix: str = "") -> dict[str, float | int]:
    """How far the report's figures are from one constant growth path from the base year.

    Keys (after ``prefix``): ``at-rate-<end>`` (the base value grown at the stated rate every year
    to the end year, USD m), ``gap-<end>`` (the published end value minus that, USD m),
    ``gap-<end>-pct`` (the gap as a percentage of the published end value) and ``n-reconciliations``
    (the ways the model offers to join the figures).
    """
    base, end = headline.base_year, headline.end_year
    implied = headline.base_value_usd_m * (1 + headline.cagr) ** (end - base)
    gap = headline.end_value_usd_m - implied
    return {
        f"{prefix}at-rate-{end}": float(implied),
        f"{prefix}gap-{end}": float(gap),
        f"{prefix}gap-{end}-pct": float(100 * gap / headline.end_value_usd_m),
        f"{prefix}n-reconciliations": int(len(consistency_check(headline))),
    }


def us_incidence(estimates: pd.DataFrame, prefix: str = "") -> dict[str, float | int]:
    """The incidence estimates set in the United States: how many, their lowest and highest point, and their mean.

    A range counts by its midpoint. Keys (after ``prefix``): ``us-n``, ``us-low``, ``us-high``, ``us-mean``
    (cases per 1,000 live births).
    """
    us = estimates[estimates["setting"].str.contains("|".join(US_SETTINGS), regex=True)]
    central = us["incidence_per_1000_central"].fillna((us["incidence_per_1000_low"] + us["incidence_per_1000_high"]) / 2)
    if central.empty:
        raise ValueError("incidence_estimates.csv has no estimate set in the United States")
    return {
        f"{prefix}us-n": int(len(central)),
        f"{prefix}us-low": float(central.min()),
        f"{prefix}us-high": float(central.max()),
        f"{prefix}us-mean": float(central.mean()),
    }


def north_america_at_incidence(ratio: float, incidence_now: float, incidence: float, prefix: str = "") -> dict[str, float]:
    """North America's bottom-up value as a share of its top-down value (%) if the incidence were ``incidence``.

    The bottom-up value is proportional to the incidence, so the ratio scales with it. Key (after
    ``prefix``): ``na-ratio-at-us-pct``.
    """
    return {f"{prefix}na-ratio-at-us-pct": float(100 * ratio * incidence / incidence_now)}


def pipeline_counts(pipeline: pd.DataFrame, prefix: str = "") -> dict[str, int]:
    """How many trials ``data/pipeline.csv`` holds and of how many candidates (the first word of each name).

    Keys (after ``prefix``): ``pipeline-trials``, ``pipeline-candidates``.
    """
    return {
        f"{prefix}pipeline-trials": int(len(pipeline)),
        f"{prefix}pipeline-candidates": int(pipeline["candidate"].str.split().str[0].nunique()),
    }


def years_between_approvals(approved: pd.DataFrame, prefix: str = "") -> dict[str, int]:
    """Whole years between the first and the last approval for infantile spasms (:func:`.events.approvals`).

    Key (after ``prefix``): ``years-between-is-approvals``.
    """
    dates = approved.loc[approved["for_infantile_spasms"], "date"]
    return {f"{prefix}years-between-is-approvals": int(dates.max().year - dates.min().year)}


def report_position(position: pd.DataFrame, report: str, prefix: str = "") -> dict[str, int | str]:
    """The other publishers' estimates against this book's range, the report's own set apart.

    ``position`` is :func:`.estimates.against_range`, indexed by publisher; ``report`` names the
    publisher whose figures the book reproduces. Keys (after ``prefix``): ``n-others``,
    ``n-others-within`` and ``report-position`` (below, within or above).
    """
    others = position.drop(index=report)
    return {
        f"{prefix}n-others": int(len(others)),
        f"{prefix}n-others-within": int((others["position"] == "within").sum()),
        f"{prefix}report-position": str(position.loc[report, "position"]),
    }


def report_publisher(estimates: pd.DataFrame, headline: Headline) -> str:
    """The publisher in ``data/other_estimates.csv`` whose row states the report's own base-year value.

    Raises ``ValueError`` when no row, or more than one, states it: the comparison would then not
    know which estimate is the report's.
    """
    same = estimates[(estimates["base_year"] == headline.base_year) & ((estimates["base_value_usd_m"] - headline.base_value_usd_m).abs() < 0.005)]
    if len(same) != 1:
        raise ValueError(f"other_estimates.csv: {len(same)} rows state the report's {headline.base_year} value, expected one")
    return str(same["publisher"].iloc[0])
