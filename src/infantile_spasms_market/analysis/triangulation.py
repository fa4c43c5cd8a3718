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
from scipy.optimize import brentq

from ..inputs.taxonomy import COUNTRIES_BY_REGION, REGIONS, rest_of
from ..model.bottomup import bottom_up_by_region, compare_with_top_down
from ..model.sensitivity import with_values
from ..constraints import Interval
from ..scenario.parameters import Parameters

XTOL = 1e-10


@dataclass(frozen=True)
class Solution:
    """The value of a lever that makes the bottom-up value meet a target (or why none does)."""

    value: float  # NaN when no value in the allowed range closes the gap
    reachable: bool
    note: str


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
