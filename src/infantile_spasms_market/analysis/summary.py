"""The summary chapter: the scenario's key figures beside the report's (the key numbers the editions show: :mod:`.key_numbers`), what the growth from the base to the end year rests on, and what this scenario changes against the base."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import labels
from ..inputs.headline import Headline
from ..model.calibration import total_trajectory
from ..model.views import cagr, totals, view
from ..scenario.parameters import Parameters
from .segments import leader
from .wording import join_names

# --------------------------------------------------------------------------- key figures
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


def with_estimate(plotted: pd.DataFrame, estimate: pd.DataFrame) -> pd.DataFrame:
    """:func:`total_against_report` and the own estimate's path (:func:`.own_estimate.path`): what the front page's Fig. 1 draws.

    Adds ``own_estimate_usd_m``, ``own_p5_usd_m`` and ``own_p95_usd_m``.
    """
    own = estimate.rename(columns={"central": "own_estimate_usd_m", "low": "own_p5_usd_m", "high": "own_p95_usd_m"})
    return plotted.join(own[["own_estimate_usd_m", "own_p5_usd_m", "own_p95_usd_m"]])


# --------------------------------------------------------------------------- growth bridge
TOLERANCE = 1e-6  # USD million: the steps must add up to the end value
NO_RATE = 1e-12  # a growth rate this small is taken as zero


def growth_bridge(params: Parameters, headline: Headline, total: pd.Series) -> pd.DataFrame:
    """The scenario's base-year value, the steps to its end-year value, and that value.

    The steps are the growth in the first growth year (set by how the report's figures are
    reconciled), then each growth component's part of the established therapies' growth from the
    first growth year to the end year, in proportion to its share of the growth rate (all of it
    "Calibration to the report" when the rate is zero), then the novel therapies' net value when
    the scenario has any.

    Parameters
    ----------
    params : Parameters
    headline : Headline
    total : Series
        The scenario's total by year (USD million).

    Returns
    -------
    DataFrame
        Columns ``step`` (the base year, the steps' names, the end year) and ``change_usd_m``
        (the base value, each step's change, the end value).

    Raises
    ------
    ValueError
        If the steps do not add up to the end value.
    """
    base, first, end = headline.key_years
    years = total.index.to_numpy()
    established = pd.Series(
        total_trajectory(headline, params.market.reconciliation, np.array([params.growth_rate]), years)[0], index=years
    )
    novel_net = total - established  # novel therapies' sales less what they take from established drugs
    components = params.growth.model_dump()
    rate = sum(components.values())
    later = float(established.loc[end] - established.loc[first])
    steps = {f"Growth in {first}": float(established.loc[first] - established.loc[base])}
    for name, value in components.items():
        steps[name.replace("_", " ").capitalize()] = later * value / rate if abs(rate) > NO_RATE else 0.0
    if abs(rate) <= NO_RATE:
        steps["Calibration to the report"] = later
    if (novel_net.abs() > 1e-9).any():
        steps["Novel therapy (net)"] = float(novel_net.loc[end] - novel_net.loc[base])
    start_value, end_value = float(total.loc[base]), float(total.loc[end])
    if abs(start_value + sum(steps.values()) - end_value) >= TOLERANCE:
        raise ValueError(f"growth bridge does not add up: {start_value} + {sum(steps.values())} != {end_value}")
    return pd.DataFrame({"step": [str(base), *steps, str(end)], "change_usd_m": [start_value, *steps.values(), end_value]})


def bridge_components(bridge: pd.DataFrame, params: Parameters) -> str:
    """The growth components' steps of :func:`growth_bridge` as its alt text lists them: ``(diagnosis, ..., price
    erosion), the last one negative`` (the names in declared order; which steps lower the value, read from the bridge)."""
    names = [name.replace("_", " ") for name in params.growth.model_dump()]
    change = bridge.set_index("step")["change_usd_m"]
    negative = [name for name in names if change.get(name.capitalize(), 0.0) < 0]
    if not negative:
        return f"({', '.join(names)}), none negative"
    return f"({', '.join(names)}), " + ("the last one negative" if negative == names[-1:] else f"{join_names(negative)} negative")


def growth_highlights(params: Parameters, total: pd.Series, headline: Headline) -> dict[str, object]:
    """The largest growth component, price erosion and the first growth year's growth, for glue.

    Keys ``top-component`` (its name), ``top-component-pct`` and ``price-erosion-pct`` (percent a
    year), and ``growth-<first growth year>`` (the total's growth that year, percent).
    """
    base, first, _ = headline.key_years
    components = params.growth.model_dump()
    top = max(components, key=components.get)
    return {
        "top-component": top.replace("_", " "),
        "top-component-pct": 100 * components[top],
        "price-erosion-pct": 100 * components["price_erosion"],
        f"growth-{first}": 100 * (float(total.loc[first]) / float(total.loc[base]) - 1),
    }


# --------------------------------------------------------------------------- what this scenario changes
DISTRIBUTIONS = "uncertainty.distributions."


def _distribution_text(params: Parameters, path: str) -> str:
    """A parameter's uncertainty distribution in a few words: ``triangular 0.243 / 0.307 / 0.42``, or ``none``."""
    dist = params.uncertainty.distributions.get(path)
    if dist is None:
        return "none"
    if dist.kind == "dirichlet":
        return f"dirichlet, concentration {labels.value_text(dist.concentration)}"
    centre = dist.mode if dist.kind == "triangular" else dist.mean
    return f"{dist.kind} " + " / ".join(labels.value_text(v) for v in (dist.low, centre, dist.high) if v is not None)


def collapse_distributions(changes: pd.DataFrame, params: Parameters, base: Parameters) -> pd.DataFrame:
    """:func:`..scenario.diff.parameter_changes` with one row per changed distribution (kind and numbers), not one per field."""
    is_distribution = changes["path"].str.startswith(DISTRIBUTIONS)
    paths = sorted({p[len(DISTRIBUTIONS):].rsplit(".", 1)[0] for p in changes.loc[is_distribution, "path"]})
    rows = pd.DataFrame({"path": [DISTRIBUTIONS + p for p in paths],
                         "base": [_distribution_text(base, p) for p in paths],
                         "scenario": [_distribution_text(params, p) for p in paths]})
    return pd.concat([changes.loc[~is_distribution, ["path", "base", "scenario"]], rows], ignore_index=True)


def changes_text(
    params: Parameters,
    base: Parameters,
    changes: pd.DataFrame,
    overrides: Sequence[str],
    value: float,
    base_value: float,
    year: int,
) -> str:
    """Markdown saying how the scenario was built and what it changes, with a table of the changed parameters.

    Parameters
    ----------
    params, base : Parameters
        The scenario's and the base scenario's parameters.
    changes : DataFrame
        :func:`..scenario.diff.parameter_changes` of the two (columns ``path``, ``base``, ``scenario``).
    overrides : sequence of str
        The ``--set`` overrides the scenario was built with.
    value, base_value : float
        The scenario's and the base's value in ``year`` (USD million).
    year : int
        The year whose value the text compares (the end of the forecast).
    """
    if changes.empty:
        return (
            "This is the base scenario, so nothing differs from it: a book rebuilt with other assumptions "
            f"({{doc}}`/book/reproducibility`) lists here each changed parameter and its effect on the {year} value."
        )
    how = (f"the scenario file of **{params.scenario.title}** ({params.scenario.rationale.rstrip('.')})"
           if params.scenario.name != base.scenario.name else "the base scenario file")
    if overrides:
        how += " with the overrides " + ", ".join(f"`{o}`" for o in overrides)
    difference = value - base_value
    changes = collapse_distributions(changes, params, base)
    frame = pd.DataFrame({
        "Parameter": [labels.parameter_cell(p) for p in changes["path"]],
        "Base": [labels.value_text(v) for v in changes["base"]],
        "This scenario": [labels.value_text(v) for v in changes["scenario"]],
    })
    return (
        f"This book was built from {how}. It differs from the base scenario in "
        f"{len(changes)} parameter{'s' if len(changes) != 1 else ''} (below). Together they move the "
        f"{year} market value from USD {base_value:.2f} million in the base to USD {value:.2f} "
        f"million, a difference of USD {difference:+.2f} million ({100 * difference / base_value:+.1f} %).\n\n"
        + frame.to_markdown(index=False, disable_numparse=True)
    )
