"""The market by segment: each segmentation's values, growth, shares and leaders, how the shares shift, and the drug groups behind every segment view.

Every view is computed from the one long market table (:func:`..model.views.view`), so the
segmentations agree with each other and with the total in every year.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import labels
from ..inputs.taxonomy import (
    DOSAGES,
    DRUG_TYPES,
    DRUGS,
    REGIONS,
    SEGMENTATIONS,
    THERAPEUTIC_CLASSES,
    short_drug_name,
)
from ..model.views import cagr, view
from ..scenario.fields import field_rationale
from ..scenario.parameters import Parameters
from ..scenario.sections import Segments
from .wording import MarkdownText, significant

# --------------------------------------------------------------------------- segments
# The report's three product segmentations, each in the report's order of its segments.
SEGMENT_ORDER: dict[str, tuple[str, ...]] = {
    "therapeutic_class": THERAPEUTIC_CLASSES,
    "drug_type": DRUG_TYPES,
    "dosage": tuple(DOSAGES.values()),
}


def ordered_view(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Values by year of one product segmentation, its segments in the report's order (those present)."""
    values = view(table, by)
    return values[[s for s in SEGMENT_ORDER[by] if s in values.columns]]


def leader(table: pd.DataFrame, by: str, year: int) -> tuple[str, float]:
    """The largest segment of a segmentation in ``year`` and its share of the value, in percent."""
    row = view(table, by).loc[year]
    return str(row.idxmax()), float(100 * row.max() / row.sum())


def summary_columns(years: tuple[int, int, int]) -> dict[str, str]:
    """The column names of :func:`segment_summary` for the report's base, first growth and end years."""
    base, first, end = years
    return {
        "base": f"{base} (USD m)",
        "first": f"{first} (USD m)",
        "end": f"{end} (USD m)",
        "cagr": f"CAGR {first}-{end} (%)",
        "share_base": f"Share {base} (%)",
        "share_end": f"Share {end} (%)",
    }


def segment_summary(values: pd.DataFrame, years: tuple[int, int, int]) -> pd.DataFrame:
    """Values, growth and shares of one segmentation, largest segment in the base year first.

    Parameters
    ----------
    values : DataFrame
        Values by year (rows) and segment (columns), as :func:`..model.views.view` returns them;
        the columns' name (e.g. ``drug_type``) names the summary's index (``Drug type``).
    years : (int, int, int)
        The base year, the first growth year and the end year (``Headline.key_years``).

    Returns
    -------
    DataFrame
        One row per segment: the value in each of the three years (USD million), the compound
        growth from the first growth year to the end year and the share in the base and end
        years (percent); columns as :func:`summary_columns` names them.
    """
    base, first, end = years
    names = summary_columns(years)
    summary = pd.DataFrame({
        names["base"]: values.loc[base],
        names["first"]: values.loc[first],
        names["end"]: values.loc[end],
        names["cagr"]: [100 * cagr(values[c], first, end) for c in values.columns],
        names["share_base"]: 100 * values.loc[base] / values.loc[base].sum(),
        names["share_end"]: 100 * values.loc[end] / values.loc[end].sum(),
    })
    summary.index.name = str(values.columns.name).replace("_", " ").capitalize()
    return summary.sort_values(names["base"], ascending=False)


def highlights(summary: pd.DataFrame, years: tuple[int, int, int], leader: str = "leader") -> dict[str, object]:
    """The leader of a :func:`segment_summary`, its shares, and the fastest-growing segment, for glue.

    Keys: ``<leader>``, ``<leader>-share`` (base year), ``<leader>-share-<end year>``, ``fastest``
    and ``fastest-cagr`` (percent a year); ``leader`` names the first three (e.g. ``largest``).
    """
    names = summary_columns(years)
    fastest = summary[names["cagr"]].idxmax()
    return {
        leader: str(summary.index[0]),
        f"{leader}-share": float(summary[names["share_base"]].iloc[0]),
        f"{leader}-share-{years[2]}": float(summary[names["share_end"]].iloc[0]),
        "fastest": str(fastest),
        "fastest-cagr": float(summary.loc[fastest, names["cagr"]]),
    }


def segment_shares(summary: pd.DataFrame, segment: str, years: tuple[int, int, int]) -> dict[str, float]:
    """One segment's share in the base and the end year (percent): keys ``share`` and ``share-<end year>``."""
    names = summary_columns(years)
    return {
        "share": float(summary.loc[segment, names["share_base"]]),
        f"share-{years[2]}": float(summary.loc[segment, names["share_end"]]),
    }


def segment_pace(summary: pd.DataFrame, segment: str, market_cagr_pct: float, years: tuple[int, int, int]) -> dict:
    """One segment's growth (``cagr``, percent a year) and whether it is ``slower than`` or ``faster than`` the market."""
    growth = float(summary.loc[segment, summary_columns(years)["cagr"]])
    return {"cagr": growth, "vs-market": "slower than" if growth < market_cagr_pct else "faster than"}


def values_by_segment(table: pd.DataFrame, segmentations: Iterable[str], start: int, end: int) -> pd.DataFrame:
    """Each segment's value in two years, segmentation by segmentation, smallest end value first.

    Returns
    -------
    DataFrame
        Columns ``segmentation``, ``segment``, ``value_<start>_usd_m`` and ``value_<end>_usd_m``.
    """
    rows = []
    for by in segmentations:
        values = view(table, by).loc[[start, end]].T.sort_values(end)
        rows += [{"segmentation": by, "segment": s, f"value_{start}_usd_m": v[start], f"value_{end}_usd_m": v[end]}
                 for s, v in values.iterrows()]
    return pd.DataFrame(rows)


def share_shift(table: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Each product segment's share of the value in two years (percent), the report's order reversed.

    Returns
    -------
    DataFrame
        Columns ``segmentation``, ``segment``, ``share_<start>_pct`` and ``share_<end>_pct``, the
        segmentations in :data:`SEGMENT_ORDER`'s order, the segments of each from the last to the first.
    """
    rows = []
    for by, order in SEGMENT_ORDER.items():
        shares = view(table, by).loc[[start, end]]
        shares = 100 * shares.div(shares.sum(axis=1), axis=0)
        for segment in [s for s in order if s in shares.columns][::-1]:
            rows.append({"segmentation": by, "segment": segment,
                         f"share_{start}_pct": shares.loc[start, segment], f"share_{end}_pct": shares.loc[end, segment]})
    return pd.DataFrame(rows)


def losing_share(shifts: pd.DataFrame) -> list[str]:
    """The segments of a :func:`share_shift` frame whose share falls, in its row order."""
    start, end = shifts.columns[-2:]
    return list(shifts.loc[shifts[end] < shifts[start], "segment"])


def shift_story(table: pd.DataFrame, start: int, end: int, by: str = "drug_type") -> dict[str, object]:
    """The largest loss of share in one segmentation and what it means for the segment leading at ``start``.

    Returns
    -------
    dict
        ``shift-loser`` (the segment losing most share), ``shift-loser-from`` and ``shift-loser-to`` (its shares at
        ``start`` and ``end``, percent, to one decimal as the chart writes them), ``shift-loser-points`` (percentage
        points lost: the difference of those shown shares, so that a reader subtracting the labels gets the same
        number) and ``shift-meaning`` (a sentence for the prose).
    """
    values = view(table, by)
    before, after = 100 * values.loc[start] / values.loc[start].sum(), 100 * values.loc[end] / values.loc[end].sum()
    shift = after - before
    loser = shift.idxmin()
    shown = round(float(before[loser]), 1), round(float(after[loser]), 1)
    gainers = [str(s) for s in shift.sort_values(ascending=False).index if shift[s] > 0]
    dominant = str(values.loc[start].idxmax())
    noun = SEGMENTATIONS[by].lower()
    meaning = (
        f"The {noun} that dominates in {start} is the one losing ground: the growth is in {' and '.join(gainers)}. "
        "A business built on it keeps the largest slice of the market but not the growth."
        if dominant == loser else
        f"The {noun} that dominates in {start}, {dominant}, is not the one losing most; "
        f"the gains go to {' and '.join(gainers)}."
    )
    return {"shift-loser": str(loser), "shift-loser-from": shown[0], "shift-loser-to": shown[1],
            "shift-loser-points": round(shown[0] - shown[1], 1), "shift-meaning": meaning}


# --------------------------------------------------------------------------- drug groups
DRUG_TABLE_FORMATS = {"Liquid share (%)": ".0f", "Growth against its region (% a year)": "+.1f"}


def drug_groups_table(params: Parameters) -> pd.DataFrame:
    """One row per drug group: its drug type and therapeutic class, liquid share and growth differential (percent).

    Groups without a growth differential (novel therapies, a scenario lever) get NaN. Print with
    :data:`DRUG_TABLE_FORMATS`.
    """
    drug_growth = params.segments.drug_growth_differential.model_dump()
    liquid = params.segments.liquid_share.model_dump()
    return pd.DataFrame(
        [
            (d.name, d.drug_type, d.therapeutic_class, 100 * liquid[d.id],
             100 * drug_growth[d.id] if d.id in drug_growth else float("nan"))
            for d in DRUGS.values()
        ],
        columns=["Drug group", "Drug type", "Therapeutic class", "Liquid share (%)", "Growth against its region (% a year)"],
    )


def drug_mix_table(params: Parameters) -> pd.DataFrame:
    """Each region's base-year value split across the drug groups (percent; rows regions, columns short drug names)."""
    mix = pd.DataFrame(params.segments.drug_mix_2024.model_dump()).T
    mix = 100 * mix.rename(index=REGIONS, columns=short_drug_name)
    mix.index.name = "Region"
    return mix


MIX_FROM_BOTTOM_UP = "north_america"
"""The region whose drug mix is the bottom-up model's value shares at the US courses (the parameter's rationale says so)."""


def rounded_out(params: Parameters) -> str:
    """Why a drug group holds no value in :data:`MIX_FROM_BOTTOM_UP`'s market although patients take it, in words ("" if none).

    The region's drug mix is the bottom-up value shares rounded: a group some first-line patients take whose share
    is set to zero there is worth a sliver at the US courses. Says its value share and its value in the United States
    in the bottom-up model, beside the course costs that make it small.
    """
    from ..model.bottomup import bottom_up_by_country, us_course_cost_usd

    region = MIX_FROM_BOTTOM_UP
    patients = pd.Series(getattr(params.epidemiology.first_line_mix, region).model_dump())
    mix = pd.Series(getattr(params.segments.drug_mix_2024, region).model_dump())
    cost = us_course_cost_usd(params)
    value = patients * cost.reindex(patients.index)
    zero = [d for d in mix.index if mix[d] == 0 and patients.get(d, 0) > 0]
    if not zero or value.sum() <= 0:
        return ""
    us = bottom_up_by_country(params).loc["united_states", "value_usd_m"]
    leader = value.idxmax()

    def word(drug: str) -> str:
        name = labels.name(drug)
        return name if name.isupper() else name.lower()

    return " ".join(
        f"In {REGIONS[region]} the market table holds no value for {word(d)} in any year, though "
        f"{100 * patients[d]:.0f} % of first-line patients take them: at USD {cost[d]:,.0f} a course, against USD "
        f"{cost[leader]:,.0f} for {word(leader)}, the bottom-up model gives them {100 * value[d] / value.sum():.2g} % of the "
        f"region's value (about USD {significant(1e6 * us * value[d] / value.sum(), 2)} a year in the United States), which the drug "
        "mix rounds to zero." for d in zero)


def alternative_class_leader(table: pd.DataFrame, year: int) -> str:
    """The largest therapeutic class in ``year`` if ACTH were filed under *Others* instead of *Corticosteroids*."""
    alternative = table.assign(therapeutic_class=table["therapeutic_class"].mask(table["drug"] == "acth", "Others"))
    return str(view(alternative, "therapeutic_class").loc[year].idxmax())


RATIONALES = {"drug-mix": "drug_mix_2024", "drug-growth": "drug_growth_differential", "liquid": "liquid_share"}
"""The segment parameters whose rationale the chapter quotes, by glue key."""


def rationales() -> dict[str, MarkdownText]:
    """The rationale of each parameter of :data:`RATIONALES`, as the parameter model records it (Markdown), for glue."""
    return {key: MarkdownText(field_rationale(Segments, name)) for key, name in RATIONALES.items()}
