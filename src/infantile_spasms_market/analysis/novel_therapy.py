"""The novel-therapy scenario (trends chapter): what it would add to the market, and how much that depends on launch and price."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import labels
from ..constraints import Interval
from ..inputs.headline import Headline
from ..model.bottomup import bottom_up_by_region, us_course_cost_usd
from ..model.novel import logistic_uptake
from ..model.sensitivity import evaluate_changes, with_values
from ..model.topdown import market_table
from ..model.views import cagr, totals
from ..scenario.parameters import Parameters
from ..scenario.sections import NovelTherapy
from .adoption import BassFit, year_reaching
from .wording import significant

PREFIX = "trends.novel_therapy."
NOVEL_DRUG = "novel_therapies"  # the drug id of the novel therapy's rows in the market table
EFFECT_COLUMNS = {
    "without": "Without (USD m)",
    "with": "With (USD m)",
    "novel": "Novel therapy sales (USD m)",
    "taken": "Taken from established drugs (USD m)",
    "difference": "Difference (USD m)",
}
LAUNCH_SHIFTS = range(-2, 4)  # years the launch (and the peak with it) moves in the sensitivity grid
PRICE_MULTIPLES = (0.25, 0.5, 1.0, 1.5, 2.0)  # of the scenario's price, in the sensitivity grid
ABOUT_FIGURES = 2  # significant figures of a value the therapy would add: it rests on an assumed price and uptake


def about(values: dict[str, float], keys: tuple[str, ...]) -> dict[str, str]:
    """``<key>-about``: each of ``keys`` in ``values`` to :data:`ABOUT_FIGURES` significant figures, as text (``110``)."""
    return {f"{key}-about": significant(values[key], ABOUT_FIGURES) for key in keys}


def market_effect(params: Parameters, headline: Headline) -> pd.DataFrame:
    """The global total by year with the novel therapy switched off and on, and where the difference comes from.

    Returns
    -------
    DataFrame
        Indexed by ``Year``: ``Without (USD m)``, ``With (USD m)``, ``Novel therapy sales (USD m)``,
        ``Taken from established drugs (USD m)`` (the sales the therapy takes from the others) and
        ``Difference (USD m)`` (with minus without).
    """
    on = market_table(with_values(params, {PREFIX + "enabled": True}), headline)
    off = market_table(with_values(params, {PREFIX + "enabled": False}), headline)
    total_on, total_off = totals(on), totals(off)
    novel_sales = on[on["drug"] == NOVEL_DRUG].groupby("year")["value_usd_m"].sum()
    taken = total_off - (total_on - novel_sales)
    effect = pd.DataFrame(dict(zip(EFFECT_COLUMNS.values(), (total_off, total_on, novel_sales, taken, total_on - total_off))))
    effect.index.name = "Year"
    return effect


def effect_lines(effect: pd.DataFrame) -> pd.DataFrame:
    """The lines of the with-and-without chart from a :func:`market_effect` table, named as its legend shows them.

    Returns
    -------
    DataFrame
        ``Without the novel therapy``, ``With the novel therapy`` and ``Established drugs, with the
        novel therapy`` (with minus the novel therapy's sales), by year.
    """
    with_ = effect[EFFECT_COLUMNS["with"]]
    return pd.DataFrame({
        "Without the novel therapy": effect[EFFECT_COLUMNS["without"]],
        "With the novel therapy": with_,
        "Established drugs, with the novel therapy": with_ - effect[EFFECT_COLUMNS["novel"]],
    })


def effect_values(effect: pd.DataFrame, headline: Headline) -> dict[str, float]:
    """The chapter's numbers on a :func:`market_effect` table in the report's last forecast year (``trd-`` glue keys).

    Keys: ``trd-total-on-2030``, ``trd-total-off-2030``, ``trd-added-2030``, ``trd-added-2030-pct``,
    ``trd-novel-2030``, ``trd-taken-2030`` (USD million or percent) and ``trd-cagr-on``,
    ``trd-cagr-off`` (percent a year from the first growth year), and the values added, sold and taken also as
    ``<key>-about`` (:func:`about`); the keys keep the year the
    chapter's prose was written for, the values follow ``headline.end_year``.
    """
    end = headline.end_year
    on, off = effect[EFFECT_COLUMNS["with"]], effect[EFFECT_COLUMNS["without"]]
    out = {
        "trd-total-on-2030": float(on.loc[end]),
        "trd-total-off-2030": float(off.loc[end]),
        "trd-added-2030": float(on.loc[end] - off.loc[end]),
        "trd-added-2030-pct": float(100 * (on.loc[end] / off.loc[end] - 1)),
        "trd-novel-2030": float(effect[EFFECT_COLUMNS["novel"]].loc[end]),
        "trd-taken-2030": float(effect[EFFECT_COLUMNS["taken"]].loc[end]),
        "trd-cagr-on": float(100 * cagr(on, headline.first_growth_year, end)),
        "trd-cagr-off": float(100 * cagr(off, headline.first_growth_year, end)),
    }
    return out | about(out, ("trd-added-2030", "trd-novel-2030", "trd-taken-2030"))


def takeaway(effect: pd.DataFrame, novel: NovelTherapy) -> str:
    """The with-and-without figure's finding: what the therapy adds in the last year, rounded, at the price it assumes."""
    added = float(effect[EFFECT_COLUMNS["difference"]].iloc[-1])
    return (f"A novel therapy launched in {novel.launch_year} at an assumed price of USD "
            f"{novel.price_per_patient_usd / 1e6:.1f} million per patient would add about USD "
            f"{significant(added, ABOUT_FIGURES)} million to the {effect.index[-1]} market")


def scenario_values(params: Parameters, headline: Headline) -> dict[str, str | int | float]:
    """The scenario's novel-therapy settings and the patients they reach (``trd-`` glue keys).

    Keys: ``trd-scenario-includes`` (``includes`` or ``does not include``), ``trd-launch``,
    ``trd-peak-year``, the percentages ``trd-peak-uptake``, ``trd-eligible``,
    ``trd-cannibalisation``, ``trd-price-m`` (USD million per patient), ``trd-price-over-acth``
    (price over the US cost of an ACTH course), ``trd-treated`` and ``trd-eligible-patients``
    (infants a year in the base year), and ``trd-uptake-2030`` (percent of the eligible) and
    ``trd-patients-2030`` (infants) in the report's last forecast year.
    """
    novel = params.trends.novel_therapy
    treated = float(bottom_up_by_region(params)["treated_patients"].sum())
    eligible = treated * novel.eligible_share_of_treated
    uptake = float(logistic_uptake(np.array([headline.end_year]), novel.launch_year, novel.peak_year, novel.peak_uptake)[0])
    return {
        "trd-scenario-includes": "includes" if novel.enabled else "does not include",
        "trd-launch": int(novel.launch_year),
        "trd-peak-year": int(novel.peak_year),
        "trd-peak-uptake": float(100 * novel.peak_uptake),
        "trd-eligible": float(100 * novel.eligible_share_of_treated),
        "trd-price-m": float(novel.price_per_patient_usd / 1e6),
        "trd-cannibalisation": float(100 * novel.cannibalisation),
        "trd-price-over-acth": float(novel.price_per_patient_usd / us_course_cost_usd(params)["acth"]),
        "trd-treated": treated,
        "trd-eligible-patients": eligible,
        "trd-uptake-2030": 100 * uptake,
        "trd-patients-2030": eligible * uptake,
    }


def _shown(name: str, value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if name == "price_per_patient_usd":
        return f"{value:,.0f}"
    return f"{value:g}" if isinstance(value, float) else str(value)


NOVEL_PATH = "trends.novel_therapy"  # where the section sits in the parameters


def scenario_table(novel: NovelTherapy) -> pd.DataFrame:
    """The novel-therapy parameters with their values, units, meanings and reasons, one row each.

    Returns
    -------
    DataFrame
        Columns ``Parameter`` (its label; the code name is in Methodology), ``Value`` (with its unit), ``Meaning`` and ``Why``.
    """
    rows = []
    for name, field in NovelTherapy.model_fields.items():
        extra = field.json_schema_extra or {}
        rows.append({"Parameter": labels.name(f"{NOVEL_PATH}.{name}"), "Value": f"{_shown(name, getattr(novel, name))} ({extra.get('unit', '')})",
                     "Meaning": field.description, "Why": extra.get("rationale", "")})
    return pd.DataFrame(rows)


def uptake_values(fit: BassFit, smooth: pd.DataFrame, novel: NovelTherapy) -> dict[str, float | str]:
    """What the Bass curve fitted to the logistic says (``trd-`` glue keys).

    Parameters
    ----------
    fit : BassFit
        The Bass curve fitted to the logistic (:func:`.adoption.logistic_and_bass`).
    smooth : DataFrame
        Both curves on a fine grid of years (index), columns ``logistic_share`` and ``bass_share``.
    novel : NovelTherapy
        The scenario's settings (launch year and peak uptake).

    Returns
    -------
    dict
        ``trd-bass-p``, ``trd-bass-q``, ``trd-bass-rmse`` (percentage points), the years from
        launch to half the peak on each curve (``trd-half-years-logistic``, ``trd-half-years-bass``)
        and ``trd-bass-driver`` (which coefficient dominates, in words).
    """
    years, half = smooth.index.to_numpy(), novel.peak_uptake / 2
    driver = ("experience with the first patients treated (imitation) more than immediate adoption" if fit.q > fit.p
              else "immediate adoption (innovation) more than experience with the first patients")
    return {
        "trd-bass-p": fit.p,
        "trd-bass-q": fit.q,
        "trd-bass-rmse": 100 * fit.rmse,
        "trd-half-years-logistic": year_reaching(years, smooth["logistic_share"].to_numpy(), half) - novel.launch_year,
        "trd-half-years-bass": year_reaching(years, smooth["bass_share"].to_numpy(), half) - novel.launch_year,
        "trd-bass-driver": driver,
    }


def launch_price_grid(params: Parameters, headline: Headline) -> pd.DataFrame:
    """USD million the novel therapy adds to the last forecast year's market, by price and launch year.

    The launch moves by -2 to +3 years (the peak year with it, within the parameters' allowed
    years) and the price goes from a quarter to twice the scenario's (up to the allowed maximum);
    the model runs once per pair with the therapy switched on.

    Returns
    -------
    DataFrame
        Prices per patient (USD, highest first) by launch years (columns).

    Raises
    ------
    ValueError
        When the allowed years leave no room for a delay of one and two years.
    """
    novel = params.trends.novel_therapy
    first_launch = Interval.of_field(NovelTherapy, "launch_year").low
    last_peak = Interval.of_field(NovelTherapy, "peak_year").high
    top_price = Interval.of_field(NovelTherapy, "price_per_patient_usd").high
    shifts = [s for s in LAUNCH_SHIFTS if novel.launch_year + s >= first_launch and novel.peak_year + s <= last_peak]
    if not {1, 2} <= set(shifts):
        raise ValueError(f"launch year {novel.launch_year} / peak year {novel.peak_year}: the sensitivity needs room for a "
                         f"delay of two years (peak year up to {last_peak})")
    prices = [m * novel.price_per_patient_usd for m in PRICE_MULTIPLES if m * novel.price_per_patient_usd <= top_price]
    variants = [{PREFIX + "enabled": True, PREFIX + "launch_year": novel.launch_year + s, PREFIX + "peak_year": novel.peak_year + s,
                 PREFIX + "price_per_patient_usd": price} for price in prices for s in shifts]
    grid = evaluate_changes(params, variants, headline=headline)
    without = totals(market_table(with_values(params, {PREFIX + "enabled": False}), headline))
    grid["added"] = grid[f"total_{headline.end_year}"] - float(without.loc[headline.end_year])
    heat = grid.pivot(index=PREFIX + "price_per_patient_usd", columns=PREFIX + "launch_year", values="added")
    return heat.sort_index(ascending=False)


def sensitivity_values(grid: pd.DataFrame, novel: NovelTherapy) -> dict[str, float]:
    """Readings of a :func:`launch_price_grid` at the scenario's price and launch (``trd-`` glue keys).

    Keys: ``trd-late-added`` and ``trd-later-added`` (launch one and two years late),
    ``trd-half-price-added``, ``trd-quarter-price`` (USD million per patient),
    ``trd-quarter-price-added``, ``trd-max-added`` (USD million added), and
    ``trd-late-cut-pct``, ``trd-half-price-cut-pct`` (percent below the scenario's added value;
    0 when the scenario adds nothing); each value added also as ``<key>-about`` (:func:`about`).
    """
    price, launch = novel.price_per_patient_usd, novel.launch_year
    added_now = float(grid.loc[price, launch])
    late, half_price = float(grid.loc[price, launch + 1]), float(grid.loc[0.5 * price, launch])
    out = {
        "trd-late-added": late,
        "trd-later-added": float(grid.loc[price, launch + 2]),
        "trd-half-price-added": half_price,
        "trd-quarter-price": float(0.25 * price / 1e6),
        "trd-quarter-price-added": float(grid.loc[0.25 * price, launch]),
        "trd-max-added": float(grid.to_numpy().max()),
        "trd-late-cut-pct": float(100 * (1 - late / added_now)) if added_now > 0 else 0.0,
        "trd-half-price-cut-pct": float(100 * (1 - half_price / added_now)) if added_now > 0 else 0.0,
    }
    return out | about(out, ("trd-late-added", "trd-later-added", "trd-half-price-added", "trd-quarter-price-added"))
