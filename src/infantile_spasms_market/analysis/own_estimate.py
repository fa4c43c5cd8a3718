"""The book's own estimate of the market (scenario file ``params/triangulated.yaml``): its range, the report's place in it, what drives its width.

The own estimate is defined here, once: for each year, **the market of the scenario params/triangulated.yaml with
every input at its stated value** (its 2024 level sized bottom-up, its growth the base case's), and its range is
**P5 to P95 of the Monte Carlo draws of its inputs** (:data:`STATISTIC`). The front page, the deck, the Scenarios,
Triangulation and How estimates compare chapters and the data pack all read it from :func:`estimate_values` and
write it with :func:`usd` (two decimals, as the report writes its figures), so every edition shows the same number.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .. import labels
from ..inputs import declared
from ..inputs.headline import Headline
from ..inputs.reading import load_table
from ..model import montecarlo
from ..model.level import level_drivers, percentile_of
from ..model.montecarlo import MonteCarloResult
from ..model.topdown import market_table
from ..paths import BASE_SCENARIO, TRIANGULATED_SCENARIO as TRIANGULATED, data_file, shown, table_file
from ..scenario import loading
from ..scenario.diff import flatten, parameter_changes
from ..scenario.loading import set_value
from ..scenario.parameters import Parameters
from .estimates import extrapolate, position, usable
from .pricing import revenue_check

READS = [shown(BASE_SCENARIO), shown(TRIANGULATED), data_file(table_file("other_estimates"))]
"""What a chapter showing the own estimate declares it reads (``open_chapter(..., reads=READS)``)."""
STATISTIC = (f"the market with every input at its stated value, its 2024 level sized from patients and prices (the "
             f"scenario \u201c{labels.SCENARIOS['triangulated']}\u201d); its range is P5 to P95 of the Monte Carlo draws of its inputs")
"""Which statistic the own estimate is, in words (the data pack's key numbers and the Methodology chapter say it)."""


def usd(value: float) -> str:
    """A value of the own estimate (or any market value set beside it) as the book writes it: ``USD 116.71 million``."""
    return f"USD {value:,.2f} million"


def report_place(values: dict[str, Any], year: int) -> str:
    """Where the report's value for ``year`` falls in the own estimate's range, in words (``values``: :func:`estimate_values`).

    The share of draws is rounded towards what is true, to a tenth: 99.97 % of the draws reads "higher than 99.9 %",
    never "100 %"; a value beyond every draw says so.
    """
    pctile = values[f"report-pctile-{year}"]
    if pctile >= 100:
        return "above the range, above every draw"
    if pctile <= 0:
        return "below the range, below every draw"
    if pctile < 5:
        return f"below the range (under its P5), lower than {math.floor(10 * (100 - pctile)) / 10:.1f} % of the draws"
    if pctile > 95:
        return f"above the range (over its P95), higher than {math.floor(10 * pctile) / 10:.1f} % of the draws"
    return f"inside the range, above {pctile:.0f} % of the draws"


def published_place(values: dict[str, Any], year: int) -> str:
    """Where the published estimates brought to ``year`` sit against the own estimate's range, in words.

    ``values``: :func:`estimate_values` (``published-low``/``-high`` and ``p5-``/``p95-<year>``). A reader told the
    estimates "run from" one value to another cannot see that every one of them lies outside the own range.
    """
    low, high = values["published-low"], values["published-high"]
    p5, p95 = values[f"p5-{year}"], values[f"p95-{year}"]
    if low > p95:
        return "every one of them lies above the own estimate's range (over its P95)"
    if high < p5:
        return "every one of them lies below the own estimate's range (under its P5)"
    if low >= p5 and high <= p95:
        return "every one of them lies inside the own estimate's range"
    return "they overlap the own estimate's range"


def span(low: float, high: float) -> str:
    """A range as the book writes it: ``USD 89.04 to 169.60 million``."""
    return f"USD {low:,.2f} to {high:,.2f} million"


def estimate_params(params: Parameters) -> Parameters:
    """The scenario of the book's own estimate under ``params``' assumptions.

    ``params`` itself when it sizes the level bottom-up. Otherwise the triangulated file with
    every change ``params`` makes to the base case (its growth, splits, distributions...): the
    own estimate of a scenario follows the scenario, so two scenarios that differ give two
    estimates, and the base case gives the triangulated file's. A change is also a value the
    scenario sets to null and a distribution of the base case it lacks (it holds that input at its
    value, so the own estimate does not draw it either).

    In a chapter, the estimate reads as ``params`` (:func:`.declared.derive`): its value at any path
    is ``params``' there, or the triangulated file's where ``params`` keeps the base case's, so it
    depends on ``params``' value at that path alone, and the chapter's key holds the paths it read,
    not the whole scenario the comparison goes through. Also read, whatever changed, is what
    validating the estimate reads: the sections the triangulated file departs from the base case
    in, the distributions and the values they are centred on.
    """
    if params.market.level == "bottom_up":
        return params
    with declared.unrecorded():
        base = loading.load_parameters()
        own = loading.load_parameters(TRIANGULATED)
        changes = parameter_changes(params, base)
        changes = changes[changes["path"] != "market.level"]
        tree, given = own.resolved(), params.resolved()
        present = flatten(given)
        for path, value in zip(changes["path"], changes["scenario"]):
            if path in present:
                set_value(tree, path, value)  # null too: a triangular the scenario made of a normal has no sd
            else:
                _drop(tree, given, path)  # an entry the scenario lacks (a distribution it does not draw)
        departs = {path.rsplit(".", 1)[0] for path in parameter_changes(own, base)["path"]}
    estimate = Parameters.model_validate(tree)
    declared.derive(estimate, params, [])
    read = declared.reader(params)
    with declared.unrecorded():
        centred = list(estimate.uncertainty.distributions)
    for path in sorted(departs) + centred:
        read(path)
    return estimate


def _drop(tree: dict[str, Any], given: dict[str, Any], path: str) -> None:
    """Remove from ``tree`` the outermost entry on the dotted ``path`` that ``given`` lacks (a key may hold dots:
    ``uncertainty.distributions.growth.diagnosis.kind`` drops the distribution ``growth.diagnosis`` whole)."""
    node, other = tree, given
    while path:
        key = max((k for k in node if path == k or path.startswith(f"{k}.")), default=None)  # the longest that fits
        if key is None:
            return
        if key not in other:
            del node[key]
            return
        node, other, path = node[key], other[key], path[len(key) + 1:]


def basis_text(params: Parameters) -> str:
    """Whose assumptions the own estimate of ``params`` (:func:`estimate_params`) carries, in a few words for the prose."""
    if params.market.level == "bottom_up":
        return "this scenario sizes its level bottom-up itself"
    changed = not parameter_changes(params, loading.load_parameters()).empty
    return "with this scenario's changes to the base case" if changed else "with the base case's growth"


def growth_words(params: Parameters) -> str:
    """Whose growth the own estimate of ``params`` keeps from the first forecast year, in a few words for the prose."""
    if params.market.level == "bottom_up":
        same = parameter_changes(params, loading.load_parameters(TRIANGULATED)).empty
        return "the base case's growth" if same else "this scenario's growth"
    if parameter_changes(params, loading.load_parameters()).empty:
        return "the base case's growth"
    return "this scenario's growth (with its other changes to the base case)"


def level_opening(params: Parameters, is_base: bool, year: int) -> str:
    """Where the scenario's value for ``year`` (the base year) comes from: the sentence that opens the level's drivers.

    ``is_base``: the build is the base case exactly (a base with ``--set`` is another scenario).
    """
    if params.market.level == "bottom_up":
        return f"This scenario sizes its {year} value from the bottom-up model, as the book's own estimate does, so it differs from draw to draw."
    if is_base:
        return f"In the base case the {year} value is the report's, the same in every draw."
    return f"In this scenario, as in the base case, the {year} value is the report's, the same in every draw."


def drivers_source(params: Parameters) -> str:
    """Whose bottom-up inputs :func:`drivers` draws, for a figure's source line."""
    if params.market.level == "bottom_up":
        return "bottom-up inputs of this scenario"
    changed = not parameter_changes(params, loading.load_parameters()).empty
    return f"bottom-up inputs of the book's own estimate ({shown(TRIANGULATED)}" + (
        ", with this scenario's changes to the base case)" if changed else ")")


def run(params: Parameters, headline: Headline) -> MonteCarloResult:
    """The Monte Carlo run of the own estimate (:func:`estimate_params` of ``params``)."""
    return montecarlo.run(estimate_params(params), headline=headline)


def published_range(estimates: pd.DataFrame, year: int) -> tuple[float, float, int]:
    """Lowest and highest published estimate brought to ``year`` (the report's among them), and how many there are."""
    at_year = extrapolate(usable(estimates), [year])[year]
    return float(at_year.min()), float(at_year.max()), int(at_year.size)


def estimate_values(result: MonteCarloResult, headline: Headline, estimates: pd.DataFrame | None = None,
                    prefix: str = "") -> dict[str, Any]:
    """The own estimate's numbers, keyed for ``glue`` (``<prefix>`` + the names below).

    ``value-<year>`` (**the own estimate**, :data:`STATISTIC`) for the base and end years, and
    ``central-<base>`` (the same base-year value, under the name the triangulation gives it),
    ``bu-pct`` (that value as a percentage of the report's: "bottom-up is N % of the report"),
    ``cagr`` (its growth a year over the report's growth period, percent; ``cagr-p5`` and ``cagr-p95`` its
    range over the draws), ``p5-<year>`` and
    ``p95-<year>`` (its range) for the base and end years, ``report-pctile-<year>`` (where the
    report's value falls among the draws, 0-100), ``published-low``, ``published-high`` and
    ``published-n`` (the published estimates brought to the base year) and ``draws``.
    """
    estimates = load_table("other_estimates") if estimates is None else estimates
    base, first, end = headline.key_years
    total = result.scenario_total
    central = float(total.loc[base])
    out: dict[str, Any] = {"central-" + str(base): central, "bu-pct": 100 * central / headline.base_value_usd_m,
                           "cagr": 100 * ((float(total.loc[end]) / float(total.loc[first])) ** (1 / (end - first)) - 1),
                           "draws": result.n}
    for year, report in ((base, headline.base_value_usd_m), (end, headline.end_value_usd_m)):
        values = result.value_in(year)
        out[f"value-{year}"] = float(total.loc[year])
        for p, v in zip((5, 95), np.percentile(values, [5, 95])):
            out[f"p{p}-{year}"] = float(v)
        out[f"report-pctile-{year}"] = percentile_of(values, report)
    growth = 100 * ((result.value_in(end) / result.value_in(first)) ** (1 / (end - first)) - 1)
    out["cagr-p5"], out["cagr-p95"] = (float(v) for v in np.percentile(growth, [5, 95]))
    low, high, count = published_range(estimates, base)
    out.update({"published-low": low, "published-high": high, "published-n": count})
    return {prefix + k: v for k, v in out.items()}


def drivers_table(drivers: pd.DataFrame) -> pd.DataFrame:
    """:func:`..model.level.level_drivers` for a reader: display names, USD million and percent columns."""
    shown = drivers.reset_index()
    return pd.DataFrame({
        "Input (drawn alone)": [labels.name(g) for g in shown["group"]],
        "Distributions": shown["distributions"].astype(int),
        "P5 (USD m)": shown["p5_usd_m"].round(2),
        "P95 (USD m)": shown["p95_usd_m"].round(2),
        "Share of the variance (%)": shown["variance_share_pct"].round(1),
    })


def driver_chart_data(drivers: pd.DataFrame) -> pd.Series:
    """Each group's share of the level's variance (%), by display name, the largest last (drawn at the top)."""
    return pd.Series(drivers["variance_share_pct"].to_numpy(), index=pd.Index(labels.names(drivers.index), name="input"),
                     name="variance_share_pct").iloc[::-1]


def driver_values(drivers: pd.DataFrame, prefix: str = "") -> dict[str, Any]:
    """The largest and second driver of the level and their variance shares, and the shares' sum, keyed for ``glue``."""
    if len(drivers) < 2:
        raise ValueError("at least two groups of inputs must be drawn to rank them")
    names = [labels.name(g) for g in drivers.index]
    shares = drivers["variance_share_pct"]
    return {
        f"{prefix}driver-1": names[0], f"{prefix}driver-1-pct": float(shares.iloc[0]),
        f"{prefix}driver-2": names[1], f"{prefix}driver-2-pct": float(shares.iloc[1]),
        f"{prefix}drivers-n": len(drivers), f"{prefix}drivers-sum-pct": float(shares.sum()),
    }


OWN_LABEL = "This book's own estimate"


def path(result: MonteCarloResult) -> pd.DataFrame:
    """The own estimate by year: ``central`` (every input at its stated value), ``low`` and ``high`` (P5 and P95 of the draws), USD million."""
    band = result.percentiles
    return pd.DataFrame({"central": result.scenario_total.reindex(band.index).to_numpy(dtype=float),
                         "low": band["P5"].to_numpy(), "high": band["P95"].to_numpy()}, index=band.index)


def chart_data(result: MonteCarloResult, headline: Headline, estimates: pd.DataFrame) -> pd.DataFrame:
    """The own estimate in the base year with its P5 and P95 (first row, drawn at the bottom), then each published estimate, smallest first.

    Columns ``low``, ``point``, ``high`` (USD million); a published estimate has only ``point``.
    """
    base = headline.base_year
    published = extrapolate(usable(estimates), [base])[base].sort_values()
    p5, p95 = np.percentile(result.value_in(base), [5, 95])
    own = pd.DataFrame({"low": [p5], "point": [float(result.scenario_total.loc[base])], "high": [p95]},
                       index=[f"{OWN_LABEL}, {base} (P5 to P95)"])
    rows = pd.concat([own, pd.DataFrame({"low": np.nan, "point": published, "high": np.nan})])
    rows.index.name = "estimate"
    return rows


def section_values(params: Parameters, headline: Headline, revenue: pd.DataFrame, prefix: str = "") -> dict[str, Any]:
    """The own estimate's incidence and its drawn range, and the revenue bound on its US ACTH value, keyed for ``glue``.

    ``incidence``, ``incidence-low``, ``incidence-high`` (per 1,000 live births); ``us-acth`` (the
    estimate's US ACTH value in the base year), ``acthar-low`` and ``acthar-high`` (Acthar Gel's
    reported sales times the low and high assumed share for infantile spasms), ``acthar-position``
    (``below``, ``within`` or ``above`` that range), USD million.
    """
    own = estimate_params(params)
    incidence = own.uncertainty.distributions.get("epidemiology.incidence_per_1000")
    if incidence is None or incidence.kind != "triangular":
        raise ValueError(f"{own.scenario.name}: the own estimate needs a triangular distribution on epidemiology.incidence_per_1000")
    check = revenue_check(own, market_table(own, headline), revenue, headline.base_year)
    us_acth, low, high = float(check["point"].iloc[0]), float(check["low"].iloc[1]), float(check["high"].iloc[1])
    out = {"incidence": own.epidemiology.incidence_per_1000, "incidence-low": incidence.low,
           "incidence-high": incidence.high, "us-acth": us_acth, "acthar-low": low, "acthar-high": high,
           "acthar-position": position(us_acth, low, high)}
    return {prefix + k: v for k, v in out.items()}


def drivers(params: Parameters) -> pd.DataFrame:
    """:func:`..model.level.level_drivers` of the own estimate's scenario."""
    return level_drivers(estimate_params(params))


US = "united_states"


def us_split(params: Parameters, headline: Headline, table: pd.DataFrame, result: MonteCarloResult | None = None) -> dict[str, Any]:
    """The base year's value in the United States and outside it: the own estimate's, and the report's as the book splits it.

    ``table`` is the scenario's market table: the report's total as the book splits it, unless the scenario sizes its
    level bottom-up (then the base case's table stands for the report). ``result`` (:func:`run`) adds the own estimate's
    US range. Keys (USD million unless said): ``us`` and ``outside`` (the own estimate), ``us-p5`` and ``us-p95`` (its
    US range, with ``result``), ``report-us`` and ``report-outside`` (the report's total split by the book's assumed
    shares), ``report-us-share`` (percent of the report's total), ``gap`` (the report's total less the own estimate),
    ``gap-us`` and ``gap-outside`` (the same in and outside the United States; they add up to ``gap``) and
    ``gap-outside-pct`` (``gap-outside`` in percent of ``gap``).
    """
    year, us = headline.base_year, labels.name(US)

    def split(frame: pd.DataFrame) -> tuple[float, float]:
        rows = frame[frame["year"] == year]
        inside = float(rows.loc[rows["country"] == us, "value_usd_m"].sum())
        return inside, float(rows["value_usd_m"].sum()) - inside

    if params.market.level == "bottom_up":
        table = market_table(loading.load_parameters(), headline)
    own_us, own_outside = split(market_table(estimate_params(params), headline))
    report_us, report_outside = split(table)
    gap = report_us + report_outside - own_us - own_outside
    out = {"us": own_us, "outside": own_outside, "report-us": report_us, "report-outside": report_outside,
           "report-us-share": 100 * report_us / (report_us + report_outside), "gap": gap,
           "gap-us": report_us - own_us, "gap-outside": report_outside - own_outside,
           "gap-outside-pct": 100 * (report_outside - own_outside) / gap if gap else float("nan")}
    if result is not None:
        ranges = result.country_percentiles((year,), (5, 95))
        out["us-p5"], out["us-p95"] = (float(ranges.loc[US, (year, p)]) for p in ("P5", "P95"))
    return out


def central_values(params: Parameters, headline: Headline, prefix: str = "") -> dict[str, float]:
    """The own estimate's base-year value in percent of the report's (``bu-pct``, as :func:`estimate_values` gives it),
    its incidence (``incidence``, per 1,000 live births) and the ends of the incidence range it draws
    (``incidence-low``, ``incidence-high``, when it draws one), without a Monte Carlo run, keyed for ``glue``: for a
    chapter that sets them beside the base case's bottom-up check, so that a reader can tell the two bottom-up numbers
    apart."""
    own = estimate_params(params)
    table = market_table(own, headline)
    value = float(table.loc[table["year"] == headline.base_year, "value_usd_m"].sum())
    out = {"bu-pct": 100 * value / headline.base_value_usd_m, "incidence": float(own.epidemiology.incidence_per_1000)}
    drawn = own.uncertainty.distributions.get("epidemiology.incidence_per_1000")
    if drawn is not None:
        out["incidence-low"], out["incidence-high"] = float(drawn.low), float(drawn.high)
    return {prefix + k: v for k, v in out.items()}
