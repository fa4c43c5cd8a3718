"""The scenario's key figures (values, growth, leading segments) beside the report's published ones."""

from __future__ import annotations

import pandas as pd

from ..inputs.headline import Headline
from ..model.views import cagr, totals, view
from .segments import leader

# The leaders the book reports, by glue name: the segmentation, judged in the report's base year.
LEADERS = {"drug": "drug_type", "dosage": "dosage", "region": "region"}


def key_figures(table: pd.DataFrame, headline: Headline) -> dict[str, object]:
    """The scenario's headline numbers and the report's, for glue.

    Returns
    -------
    dict
        ``value-<base>``, ``value-<end>`` (USD million), ``cagr`` (percent a year over the report's
        growth period); ``drug-leader``, ``dosage-leader``, ``region-leader`` and their
        ``-share`` (percent of the base-year value); ``fastest-class`` and ``fastest-class-cagr``
        (the therapeutic class growing fastest over the growth period, among those with value at
        its start); ``report-<base>``, ``report-<end>``, ``report-cagr`` (the published figures)
        and ``implied-<end>`` (the published base value grown at the published rate).
    """
    base, first, end = headline.key_years
    total = totals(table)
    numbers: dict[str, object] = {
        f"value-{base}": float(total.loc[base]),
        f"value-{end}": float(total.loc[end]),
        "cagr": 100 * cagr(total, first, end),
    }
    for name, by in LEADERS.items():
        numbers[f"{name}-leader"], numbers[f"{name}-leader-share"] = leader(table, by, base)
    classes = view(table, "therapeutic_class")
    growth = {c: 100 * cagr(classes[c], first, end) for c in classes.columns if classes[c].loc[first] > 0}
    fastest = max(growth, key=growth.get)
    numbers["fastest-class"], numbers["fastest-class-cagr"] = fastest, float(growth[fastest])
    numbers[f"report-{base}"] = headline.base_value_usd_m
    numbers[f"report-{end}"] = headline.end_value_usd_m
    numbers["report-cagr"] = 100 * headline.cagr
    numbers[f"implied-{end}"] = float(headline.base_value_usd_m * (1 + headline.cagr) ** (end - base))
    return numbers


def claimed(headline: Headline, segmentation: str) -> str:
    """The segment the report names the leader (largest or fastest-growing) of ``segmentation``."""
    return next(c.segment for c in headline.claims if c.segmentation == segmentation)


def comparison_table(numbers: dict[str, object], headline: Headline) -> pd.DataFrame:
    """The report's headline figures beside the scenario's (:func:`key_figures`), as text, one row per figure."""
    base, first, end = headline.key_years
    fmt = "{:,.2f}".format
    return pd.DataFrame(
        [
            (f"Market value {base} (USD million)", fmt(headline.base_value_usd_m), fmt(numbers[f"value-{base}"])),
            (f"Market value {end} (USD million)", fmt(headline.end_value_usd_m), fmt(numbers[f"value-{end}"])),
            (f"Growth a year, {first}-{end} (%)", fmt(100 * headline.cagr), fmt(numbers["cagr"])),
            (f"Largest drug type, {base}", claimed(headline, "drug_type"), numbers["drug-leader"]),
            (f"Largest dosage, {base}", claimed(headline, "dosage"), numbers["dosage-leader"]),
            (f"Fastest-growing therapeutic class, {first}-{end}", claimed(headline, "therapeutic_class"),
             numbers["fastest-class"]),
            (f"Largest region, {base}", claimed(headline, "region"), numbers["region-leader"]),
        ],
        columns=["Headline", "The report", "This scenario"],
    )


def total_against_report(total: pd.Series, base_total: pd.Series, headline: Headline) -> pd.DataFrame:
    """The scenario's and the base scenario's total by year beside the report's published values (NaN elsewhere).

    Columns ``scenario_usd_m``, ``base_usd_m`` and ``report_usd_m``, indexed by ``year``.
    """
    published = headline.published_values()
    return pd.DataFrame({"scenario_usd_m": total, "base_usd_m": base_total, "report_usd_m": published}).rename_axis("year")
