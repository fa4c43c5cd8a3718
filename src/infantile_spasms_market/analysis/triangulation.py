"""Triangulation: what the bottom-up model would need to meet the top-down market, region by region.

Each answer is found by running the bottom-up model (:func:`.epidemiology.bottom_up_by_region`) on
re-validated parameters and solving with :func:`scipy.optimize.brentq`, so it stays right if the
model stops being linear in a parameter. A value outside the parameter's allowed range cannot
close the gap: the answer is then missing and the reason says how far the range falls short.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown
from scipy.optimize import brentq

from ..constraints import Interval
from ..inputs.taxonomy import COUNTRIES_BY_REGION, REGIONS, rest_of
from ..model.bottomup import bottom_up_by_region, compare_with_top_down
from ..model.sensitivity import with_values
from ..scenario.parameters import Parameters
from .estimates import REPORT_SOURCE_ID, extrapolate, usable
from .incidence import IncidenceRange
from .wording import join_names


XTOL = 1e-10


@dataclass(frozen=True)
class Solution:
    """The value of a lever that makes the bottom-up value meet a target (or why none does)."""

    value: float  # NaN when no value in the allowed range closes the gap
    reachable: bool
    note: str


SWEEP_LABELS = {"band": "Range of published incidence estimates", "line": "Bottom-up global value",
                "ticks": "Published point estimates", "target": "Top-down global value (the report)",
                "current": "The model's incidence", "crossing": "Incidence at which the two meet"}
"""The legend of the incidence sweep (``plot_sweep``'s ``labels``)."""


def solve(value_at: Callable[[float], float], target: float, low: float, high: float, what: str) -> Solution:
    """The ``x`` in ``[low, high]`` where ``value_at(x) == target``, by Brent's method.

    ``value_at`` must be monotonic on the interval. When the target lies outside
    ``[value_at(low), value_at(high)]`` the gap cannot be closed within the range.
    """
    at_low, at_high = value_at(low) - target, value_at(high) - target
    if at_low == 0:
        return Solution(low, True, f"{what} = {low:.4g}")
    if at_high == 0:
        return Solution(high, True, f"{what} = {high:.4g}")
    if np.sign(at_low) == np.sign(at_high):
        closest = min((abs(at_low), low), (abs(at_high), high))[1]
        return Solution(
            float("nan"),
            False,
            f"out of reach: even {what} = {closest:.4g} leaves a gap of {min(abs(at_low), abs(at_high)):.2f} USD m",
        )
    root = float(brentq(lambda x: value_at(x) - target, low, high, xtol=XTOL))
    return Solution(root, True, f"{what} = {root:.4g}")


def _bottom_up(params: Parameters, changes: dict[str, Any], region: str | None) -> float:
    frame = bottom_up_by_region(with_values(params, changes))["value_usd_m"]
    return float(frame.sum() if region is None else frame.loc[REGIONS[region]])


def region_countries(region: str) -> list[str]:
    """Country ids of a region, the rest-of row included."""
    return [*COUNTRIES_BY_REGION[region], rest_of(region)]


def diagnosed_share_needed(params: Parameters, region: str, target: float) -> Solution:
    """The diagnosed share of ``region`` at which its bottom-up value equals ``target`` (allowed 0 to 1)."""
    path = f"epidemiology.diagnosed_share.{region}"
    return solve(lambda x: _bottom_up(params, {path: x}, region), target, 0.0, 1.0, "diagnosed share")


def price_level_needed(params: Parameters, region: str, target: float) -> Solution:
    """The factor on every price index of ``region`` at which its bottom-up value equals ``target``.

    Each country keeps its price relative to its neighbours; course costs derived from prices
    (data/prices.csv) do not move. The factor is capped so that no price index leaves its allowed
    range (at most 3 times the US).
    """
    index = params.countries.price_index.model_dump()
    countries = region_countries(region)
    highest = max(index[c] for c in countries)
    if highest <= 0:
        return Solution(float("nan"), False, "out of reach: every price index of the region is zero")

    def value_at(factor: float) -> float:
        return _bottom_up(params, {"countries.price_index": {**index, **{c: index[c] * factor for c in countries}}}, region)

    allowed = Interval.of_field(type(params.countries.price_index), countries[0])  # the declared bound, e.g. at most 3
    return solve(value_at, target, 0.0, allowed.high / highest, "price level factor")


def incidence_needed(params: Parameters, target: float) -> Solution:
    """The incidence per 1,000 live births at which the global bottom-up value equals ``target`` (allowed up to 2)."""
    return solve(
        lambda x: _bottom_up(params, {"epidemiology.incidence_per_1000": x}, None), target, 1e-9, 2.0, "incidence"
    )


def reconciliation(params: Parameters, table: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Bottom-up against top-down by region, and what would close each gap.

    Returns
    -------
    DataFrame
        Indexed by region (then ``Global``): ``bottom_up_usd_m``, ``top_down_usd_m``, ``ratio``,
        ``bottom_up_share_pct`` and ``top_down_share_pct`` (of the global value), the current
        ``diagnosed_share`` and the ``diagnosed_share_needed``, the ``price_level_needed`` (factor on
        the region's price indices), and for the Global row the ``incidence_needed``; ``note`` says
        which levers are out of reach.
    """
    frame = compare_with_top_down(params, table, year)
    regions = [r for r in frame.index if r != "Global"]
    frame["bottom_up_share_pct"] = 100 * frame["bottom_up_usd_m"] / frame.loc["Global", "bottom_up_usd_m"]
    frame["top_down_share_pct"] = 100 * frame["top_down_usd_m"] / frame.loc["Global", "top_down_usd_m"]
    ids = {name: rid for rid, name in REGIONS.items()}
    diagnosed = params.epidemiology.diagnosed_share.model_dump()
    columns: dict[str, dict[str, float]] = {"diagnosed_share": {}, "diagnosed_share_needed": {}, "price_level_needed": {}}
    notes: dict[str, str] = {}
    for name in regions:
        region, target = ids[name], float(frame.loc[name, "top_down_usd_m"])
        share = diagnosed_share_needed(params, region, target)
        price = price_level_needed(params, region, target)
        columns["diagnosed_share"][name] = diagnosed[region]
        columns["diagnosed_share_needed"][name] = share.value
        columns["price_level_needed"][name] = price.value
        notes[name] = "; ".join(s.note for s in (share, price) if not s.reachable)
    incidence = incidence_needed(params, float(frame.loc["Global", "top_down_usd_m"]))
    for column, values in columns.items():
        frame[column] = pd.Series(values)
    frame["incidence_needed"] = pd.Series({"Global": incidence.value})
    notes["Global"] = "" if incidence.reachable else incidence.note
    frame["note"] = pd.Series(notes)
    return frame


# --------------------------------------------------------------------------- what the chapter says about a reconciliation
# What the triangulation chapter says about a reconciliation frame: its glue values, lever table and chart data.
#
# Every function reads the frame of :func:`.triangulation.reconciliation` (regions, then ``Global``)
# and returns plain values, Markdown sentences keyed by glue key, or the small frame a chart plots.

GLOBAL = "Global"
NORTH_AMERICA = "North America"
OUT_OF_REACH = "out of reach"


def regions(frame: pd.DataFrame) -> list[str]:
    """The regions of a reconciliation frame, without the ``Global`` row."""
    return [r for r in frame.index if r != GLOBAL]


def headline_values(frame: pd.DataFrame, year: int) -> dict[str, Any]:
    """The global comparison and the regions where the two estimates are closest and furthest apart.

    Returns
    -------
    dict
        Glue values ``tri-year`` (text), ``tri-bottom-up-global``, ``tri-top-down-global``,
        ``tri-ratio-global-pct``, ``tri-closest`` / ``tri-lowest`` (region names) and their
        ``-ratio-pct`` (bottom-up as a percentage of top-down).
    """
    ratio = frame.loc[regions(frame), "ratio"]
    closest, lowest = (ratio - 1).abs().idxmin(), ratio.idxmin()
    glob = frame.loc[GLOBAL]
    return {
        "tri-year": str(year),
        "tri-bottom-up-global": float(glob["bottom_up_usd_m"]),
        "tri-top-down-global": float(glob["top_down_usd_m"]),
        "tri-ratio-global-pct": float(100 * glob["ratio"]),
        "tri-closest": closest,
        "tri-closest-ratio-pct": float(100 * frame.loc[closest, "ratio"]),
        "tri-lowest": lowest,
        "tri-lowest-ratio-pct": float(100 * frame.loc[lowest, "ratio"]),
    }


def _pct(value: float) -> str:
    return "" if pd.isna(value) else f"{100 * value:.0f}"


def _factor(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.2f}"


STILL_ABOVE = f"{OUT_OF_REACH} (above even at 0)"
"""The lever cell of a region whose bottom-up is already above its top-down and stays above at the lever's lowest value."""


def _or_out_of_reach(values: pd.Series, text, ratio: pd.Series) -> list[str]:
    """``text(value)``, or why a region's lever cannot close its gap (never for Global): ``out of reach`` when even the
    highest allowed value leaves the bottom-up short, :data:`STILL_ABOVE` when it is already above and stays so."""
    return [text(v) if not pd.isna(v) or r == GLOBAL else STILL_ABOVE if ratio[r] > 1 else OUT_OF_REACH
            for r, v in values.items()]


def levers_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The chapter's lever table as text: values, ratio, and the value of each lever that closes the gap.

    Returns
    -------
    DataFrame
        Indexed by ``Region``: both values (USD m, two decimals), the ratio and diagnosed shares in
        whole percent, the price factor (two decimals) and the incidence needed (three decimals);
        ``out of reach`` where a lever cannot close a region's gap (:data:`STILL_ABOVE` where the bottom-up is
        already above and stays above even at the lever's lowest value).
    """
    table = pd.DataFrame({
        "Top-down (USD m)": frame["top_down_usd_m"].map(lambda v: f"{v:.2f}"),
        "Bottom-up (USD m)": frame["bottom_up_usd_m"].map(lambda v: f"{v:.2f}"),
        "Ratio (%)": frame["ratio"].map(_pct),
        "Diagnosed now (%)": frame["diagnosed_share"].map(_pct),
        "Diagnosed needed (%)": _or_out_of_reach(frame["diagnosed_share_needed"], _pct, frame["ratio"]),
        "Price factor needed": _or_out_of_reach(frame["price_level_needed"], _factor, frame["ratio"]),
        "Incidence needed (per 1,000 births)": frame["incidence_needed"].map(lambda v: "" if pd.isna(v) else f"{v:.3f}"),
    })
    table.index.name = "Region"
    return table


def lever_sentences(frame: pd.DataFrame) -> dict[str, Any]:
    """What the diagnosis and price levers would take, in words.

    Returns
    -------
    dict
        ``tri-diagnosis-sentence`` and ``tri-diagnosis-reachable`` (Markdown) and
        ``tri-price-range`` (text: the range of price factors, or ``out of reach``) and ``tri-price-sentence``
        (Markdown: what the common price factor does, region by region, ending the chapter's "Multiplying every
        price level of a region by a common factor ..." sentence).
    """
    names = regions(frame)
    unreachable = [r for r in names if pd.isna(frame.loc[r, "diagnosed_share_needed"])]
    reachable = [r for r in names if r not in unreachable]
    if unreachable:
        sentence = (f"In {join_names(unreachable)} even diagnosing every case would not close the gap, so the bottom-up model "
                    f"would also need higher prices (or more treatment per case) there.")
    else:
        sentence = "In every region a diagnosed share within the possible range would close the gap."
    change = ""
    if reachable:
        needed = frame.loc[reachable, "diagnosed_share_needed"] - frame.loc[reachable, "diagnosed_share"]
        change = ("Where it can, the diagnosed share would have to change by "
                  + join_names([f"{100 * needed[r]:+.0f} points in {r}" for r in reachable]) + ".")
    priced = frame.loc[names, "price_level_needed"].dropna()
    return {
        "tri-diagnosis-sentence": Markdown(sentence),
        "tri-diagnosis-reachable": Markdown(change),
        "tri-price-range": f"{priced.min():.2f} to {priced.max():.2f}" if len(priced) else OUT_OF_REACH,
        "tri-price-sentence": Markdown(_price_sentence(frame)),
    }


def _price_sentence(frame: pd.DataFrame) -> str:
    """Where a common price factor closes the gap (and with what), where the bottom-up stays above even at a factor of
    zero, and where it stays short even at the highest allowed factor; grammatical whichever of these are empty."""
    names = regions(frame)
    factor = frame.loc[names, "price_level_needed"]
    closed = [r for r in names if not pd.isna(factor[r])]
    above = [r for r in names if r not in closed and frame.loc[r, "ratio"] > 1]
    short = [r for r in names if r not in closed and r not in above]
    parts = []
    if closed:
        values = factor[closed]
        size = (f"a factor of {values.iloc[0]:.2f}" if len(closed) == 1
                else f"factors from {values.min():.2f} to {values.max():.2f}")
        parts.append(f"closes the gap in {'every region' if len(closed) == len(names) else join_names(closed)} with {size}")
    if above:
        pcts = join_names([f"{100 * frame.loc[r, 'ratio']:.0f} % in {r}" for r in above])
        parts.append(f"cannot close {{gap}} where the bottom-up is already above the top-down ({pcts}): even a factor of zero "
                     "leaves it above, because the factor moves only the price levels, not the course costs taken from "
                     "published prices")
    if short:
        parts.append(f"cannot close {{gap}} in {join_names(short)}, where even the highest allowed factor leaves the bottom-up "
                     "short")
    return "; it ".join(part.format(gap="it" if i else "the gap") for i, part in enumerate(parts)) + "."


def incidence_values(frame: pd.DataFrame, incidence_now: float, published: IncidenceRange,
                     drawn: tuple[float, float] | None = None) -> dict[str, Any]:
    """The global incidence that closes the gap against the model's and the published range.

    ``drawn``: the range of incidences the book's own estimate draws (its distribution's ends). An incidence inside
    the published range but outside that one is said to be so: the front page's "above the range of the own estimate"
    and this chapter's verdict must not read as two opposite answers.

    Returns
    -------
    dict
        ``tri-incidence-now``, ``-needed``, ``-low``, ``-high`` (per 1,000 live births) and
        ``tri-incidence-verdict`` (Markdown: inside or outside the published range, and the drawn one).
    """
    needed = float(frame.loc[GLOBAL, "incidence_needed"])
    inside = published.low <= needed <= published.high
    beyond = drawn is not None and not drawn[0] <= needed <= drawn[1]
    if inside and beyond:
        side = "above" if needed > drawn[1] else "below"
        verdict = (f"inside the range of published estimates, but {side} every incidence the book's own estimate draws "
                   f"({drawn[0]:.3f} to {drawn[1]:.3f}): the two global totals agree only at the "
                   f"{'upper' if side == 'above' else 'lower'} end of what has been published, an incidence the own "
                   "estimate's range leaves out")
    elif inside:
        verdict = "inside the range of published estimates, so the two global totals agree within what epidemiology can tell apart"
    else:
        verdict = ("outside the range of published estimates, so the two global totals disagree by more than epidemiology "
                   "can explain")
    return {
        "tri-incidence-now": incidence_now,
        "tri-incidence-needed": needed,
        "tri-incidence-low": published.low,
        "tri-incidence-high": published.high,
        "tri-incidence-verdict": Markdown(verdict),
    }


def incidence_sweep(params: Parameters, frame: pd.DataFrame, published: IncidenceRange, points: int = 25) -> pd.DataFrame:
    """The global bottom-up value over a grid of incidences that spans the published range and the one needed.

    The grid runs from 0.8 times the lower of the published low and the needed incidence to 1.05
    times the higher of the published high and the needed incidence.

    Returns
    -------
    DataFrame
        ``incidence_per_1000``, ``bottom_up_usd_m`` (the model run at that incidence) and
        ``top_down_usd_m`` (the global top-down value, the same on every row).
    """
    needed = float(frame.loc[GLOBAL, "incidence_needed"])
    grid = np.linspace(min(published.low, needed) * 0.8, max(published.high, needed) * 1.05, points)
    values = [bottom_up_by_region(with_values(params, {"epidemiology.incidence_per_1000": float(x)}))["value_usd_m"].sum()
              for x in grid]
    return pd.DataFrame({"incidence_per_1000": grid, "bottom_up_usd_m": values,
                         "top_down_usd_m": float(frame.loc[GLOBAL, "top_down_usd_m"])})


def others_verdict(estimates: pd.DataFrame, top_down: float, year: int) -> Markdown:
    """Where the other publishers' estimates (the usable ones, the report left out) sit against ``top_down`` in ``year``."""
    others = usable(estimates)
    others = others[others["source_id"] != REPORT_SOURCE_ID]
    at_year = extrapolate(others, [year])[year]
    below, above = int((at_year < top_down).sum()), int((at_year > top_down).sum())
    if below and above:
        return Markdown("other publishers' estimates, brought to the same year, sit on both sides of it")
    return Markdown(f"other publishers' estimates, brought to the same year, all sit {'below' if below else 'above'} it")


def north_america_values(frame: pd.DataFrame) -> dict[str, Any]:
    """North America's ratio and its share of each global value, and which way the split would move.

    Returns
    -------
    dict
        ``tri-na-direction`` and ``tri-na-condition`` (Markdown), ``tri-na-ratio-pct``,
        ``tri-na-share-bottom-up`` and ``tri-na-share-top-down`` (percent).
    """
    row = frame.loc[NORTH_AMERICA]
    more = row["bottom_up_share_pct"] > row["top_down_share_pct"]
    return {
        "tri-na-direction": Markdown("more North American value, and less elsewhere," if more else
                                     "less North American value, and more elsewhere,"),
        "tri-na-condition": Markdown("as much as" if more else "less than"),
        "tri-na-ratio-pct": float(100 * row["ratio"]),
        "tri-na-share-bottom-up": float(row["bottom_up_share_pct"]),
        "tri-na-share-top-down": float(row["top_down_share_pct"]),
    }


def bottom_up_takeaway(summary: dict[str, object], central: dict[str, float], incidence: float, year: int) -> str:
    """The regions figure's finding: the base case's bottom-up share of the report at its incidence, beside the own
    estimate's at its own (``central``: :func:`.own_estimate.central_values` with the ``tri-central-`` prefix), so that a
    presenter can tell the two bottom-up numbers apart."""
    return (f"At an incidence of {incidence:.3f} per 1,000 births, the bottom-up {year} market is "
            f"{summary['tri-ratio-global-pct']:.0f} % of the report's; the own estimate, at "
            f"{central['tri-central-incidence']:.3f}, is {central['tri-central-bu-pct']:.0f} %")
