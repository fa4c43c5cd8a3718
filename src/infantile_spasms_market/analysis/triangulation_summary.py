"""What the triangulation chapter says about a reconciliation frame: its glue values, lever table and chart data.

Every function reads the frame of :func:`.triangulation.reconciliation` (regions, then ``Global``)
and returns plain values, Markdown sentences keyed by glue key, or the small frame a chart plots.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown

from ..model.bottomup import bottom_up_by_region
from ..model.sensitivity import with_values
from ..scenario.parameters import Parameters
from .estimates import REPORT_SOURCE_ID, extrapolate, usable
from .incidence import IncidenceRange
from .wording import join_names

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


def _or_out_of_reach(values: pd.Series, text) -> list[str]:
    """``text(value)``, or ``out of reach`` for a region whose lever cannot close its gap (never for Global)."""
    return [text(v) if not pd.isna(v) or r == GLOBAL else OUT_OF_REACH for r, v in values.items()]


def levers_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The chapter's lever table as text: values, ratio, and the value of each lever that closes the gap.

    Returns
    -------
    DataFrame
        Indexed by ``Region``: both values (USD m, two decimals), the ratio and diagnosed shares in
        whole percent, the price factor (two decimals) and the incidence needed (three decimals);
        ``out of reach`` where a lever cannot close a region's gap.
    """
    table = pd.DataFrame({
        "Top-down (USD m)": frame["top_down_usd_m"].map(lambda v: f"{v:.2f}"),
        "Bottom-up (USD m)": frame["bottom_up_usd_m"].map(lambda v: f"{v:.2f}"),
        "Ratio (%)": frame["ratio"].map(_pct),
        "Diagnosed now (%)": frame["diagnosed_share"].map(_pct),
        "Diagnosed needed (%)": _or_out_of_reach(frame["diagnosed_share_needed"], _pct),
        "Price factor needed": _or_out_of_reach(frame["price_level_needed"], _factor),
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
        ``tri-price-range`` (text: the range of price factors, or ``out of reach``).
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
    }


def incidence_values(frame: pd.DataFrame, incidence_now: float, published: IncidenceRange) -> dict[str, Any]:
    """The global incidence that closes the gap against the model's and the published range.

    Returns
    -------
    dict
        ``tri-incidence-now``, ``-needed``, ``-low``, ``-high`` (per 1,000 live births) and
        ``tri-incidence-verdict`` (Markdown: inside or outside the published range).
    """
    needed = float(frame.loc[GLOBAL, "incidence_needed"])
    inside = published.low <= needed <= published.high
    verdict = ("inside the range of published estimates, so the two global totals agree within what epidemiology can tell apart"
               if inside else
               "outside the range of published estimates, so the two global totals disagree by more than epidemiology can explain")
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
