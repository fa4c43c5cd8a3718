"""What a Monte Carlo run and the one-at-a-time sensitivity say, as the uncertainty chapter reports it: ranges, drivers, distributions."""

from __future__ import annotations

import numpy as np
import pandas as pd
from IPython.display import Markdown

from .. import labels
from ..inputs.headline import Headline
from ..model.draws import feeds
from ..model.montecarlo import MonteCarloResult
from ..model.sensitivity import TORNADO_DIRICHLET_DRAWS
from .parameter_table import distribution_table
from ..scenario.parameters import Parameters
from ..scenario.uncertainty import moves_total
from .wording import breakable, code_paths

SPREAD_NOISE = 1e-9  # USD million: a P5-P95 width below this is no spread (the years the model keeps fixed)


def run_values(result: MonteCarloResult, params: Parameters, headline: Headline) -> dict[str, float | int | str]:
    """The run's size and its range in the report's last forecast year, beside the scenario and the report (``unc-`` glue keys).

    Keys: ``unc-draws``, ``unc-seed`` (text), ``unc-n-distributions``; ``unc-p5-2030``,
    ``unc-p50-2030``, ``unc-p95-2030``, ``unc-mean-2030``, ``unc-scenario-2030`` and
    ``unc-report-2030`` (USD million in ``headline.end_year``); ``unc-below-scenario-pct`` (draws
    below the scenario, percent), ``unc-p5-p95-width-pct`` (P5-P95 width, percent of the
    scenario), ``unc-median-side`` (``below`` or ``above`` the scenario), ``unc-report-position``
    (``inside`` or ``outside`` P5-P95) and ``unc-first-spread-year`` (the first year the draws differ).
    """
    summary = result.summary(headline.end_year)
    percentiles = result.percentiles
    spread = percentiles["P95"] - percentiles["P5"]
    report = headline.end_value_usd_m
    return {
        "unc-draws": f"{result.n:,}",
        "unc-seed": str(result.seed),
        "unc-n-distributions": len(params.uncertainty.distributions),
        "unc-p5-2030": summary["P5"],
        "unc-p50-2030": summary["P50"],
        "unc-p95-2030": summary["P95"],
        "unc-mean-2030": summary["mean"],
        "unc-scenario-2030": summary["scenario"],
        "unc-below-scenario-pct": 100 * summary["share_below_scenario"],
        "unc-first-spread-year": str(int(spread[spread > SPREAD_NOISE].index.min())),
        "unc-p5-p95-width-pct": 100 * (summary["P95"] - summary["P5"]) / summary["scenario"],
        "unc-median-side": "below" if summary["P50"] < summary["scenario"] else "above",
        "unc-report-2030": report,
        "unc-report-position": "inside" if summary["P5"] <= report <= summary["P95"] else "outside",
        "unc-spread-sentence": Markdown(spread_sentence(int(spread[spread > SPREAD_NOISE].index.min()), params, headline)),
        "unc-median-why": Markdown(median_reason(params)),
        "unc-plausible-sentence": Markdown(plausible_sentence(params)),
    }


def _phrase(path: str) -> str:
    """A parameter's display name inside a sentence (``growth from diagnosis``; ``ACTH ...`` keeps its capitals)."""
    name = labels.name(path)
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def median_reason(params: Parameters) -> str:
    """Why the draws' median need not be the scenario's value: which distributions that move the total reach further on one side.

    Every distribution is centred on the scenario's value; one that reaches further below it than
    above (or the reverse) pulls the draws that way. Without such a distribution the reason is the
    model itself: growth compounds.
    """
    lopsided = []
    for path, dist in params.uncertainty.distributions.items():
        if dist.kind == "dirichlet" or not moves_total(path, params):
            continue
        value = params.value_at(path)
        below, above = value - dist.low, dist.high - value
        if not np.isclose(below, above, rtol=1e-9, atol=1e-12):
            lopsided.append((abs(below - above) / (below + above), f"{_phrase(path)} reaches {labels.value_text(round(below, 12))} "
                             f"below its value and {labels.value_text(round(above, 12))} above"))
    lopsided = [text for _, text in sorted(lopsided, key=lambda item: -item[0])]  # the most lopsided first
    if not lopsided:
        return ("Every distribution that moves the total is centred on this scenario's value and reaches as far on each "
                "side, so the difference comes from the model itself: growth compounds, and a draw above the centre adds "
                "more than a draw as far below it takes away.")
    shown = "; ".join(lopsided[:3]) + ("; and others" if len(lopsided) > 3 else "")
    return ("That is not noise. Every distribution is centred on this scenario's value, but not every one reaches as far on "
            f"each side: {shown}. So the central values of the assumptions do not give the central value of the result.")


def plausible_sentence(params: Parameters) -> str:
    """Which of the scenario's values lie outside the range the base case finds plausible for them (its distribution's range)."""
    from ..scenario.loading import load_parameters
    from ..scenario.uncertainty import outside_plausible_ranges

    outside = outside_plausible_ranges(params, load_parameters())
    if not outside:
        return "Every value of this scenario lies within the range the base case finds plausible for it."
    parts = [f"{_phrase(path)} ({labels.value_text(value)}; the base case's range is {labels.value_text(low)} to "
             f"{labels.value_text(high)})" for path, value, low, high in outside]
    verb = "lies" if len(parts) == 1 else "lie"
    return (f"In this scenario {'; '.join(parts)} {verb} outside the range the base case finds plausible: "
            "each distribution is centred on the scenario's value all the same, so the fan and the ranges above are "
            "about the values this scenario chose.")


def spread_sentence(first_year: int, params: Parameters, headline: Headline) -> str:
    """Why the draws first differ in ``first_year``: the level is drawn (``market.level: bottom_up``) or kept at the report's."""
    if params.market.level == "bottom_up":
        return (f"The spread opens in {first_year} already: this scenario sizes the {headline.base_year} market from the "
                "bottom-up model, whose inputs are drawn too (the level's drivers are ranked below).")
    return (f"The spread opens only in {first_year}: the model keeps the report's published {headline.base_year} value "
            f"and the {headline.first_growth_year} value implied by its {headline.end_year} value and growth rate "
            "whatever the draw (the reconciliation the methodology chapter describes; the report publishes no "
            f"{headline.first_growth_year} figure), so the market's size is the report's by construction.")


def fan_data(result: MonteCarloResult, headline: Headline) -> pd.DataFrame:
    """The percentiles of the total by year, the scenario's own total and the report's values, USD million.

    Returns
    -------
    DataFrame
        Indexed by ``year``: ``P5`` to ``P95``, ``scenario_usd_m`` and ``report_usd_m`` (the
        report's base-year and last-year values, empty in the other years).
    """
    return result.percentiles.assign(scenario_usd_m=result.scenario_total, report_usd_m=headline.published_values())


def percentile_table(result: MonteCarloResult) -> pd.DataFrame:
    """The percentiles of the total by year beside the scenario's value, labelled for the page (``Year`` as text, ``P5 (USD m)``, ...)."""
    table = result.percentiles.assign(Scenario=result.scenario_total)
    table.index = table.index.astype(str).rename("Year")
    table.columns = [f"{c} (USD m)" for c in table.columns]
    return table


def histogram_table(values: np.ndarray, bins: int = 60) -> pd.DataFrame:
    """How many of ``values`` fall in each of ``bins`` equal bins: columns ``bin_low_usd_m``, ``bin_high_usd_m``, ``draws``."""
    counts, edges = np.histogram(values, bins=bins)
    return pd.DataFrame({"bin_low_usd_m": edges[:-1], "bin_high_usd_m": edges[1:], "draws": counts})


def histogram_lines(result: MonteCarloResult, headline: Headline) -> dict[str, float]:
    """Reference values for the histogram of the last forecast year: the scenario's, and the report's when it differs.

    Returns
    -------
    dict
        ``{"Scenario '<name>'": value}`` and, unless equal to it, ``{"The report's <end year> value": value}``.
    """
    scenario = result.summary(headline.end_year)["scenario"]
    lines = {f"Scenario '{result.scenario}'": scenario}
    if not np.isclose(scenario, headline.end_value_usd_m, rtol=0, atol=1e-9):
        lines[f"The report's {headline.end_year} value"] = headline.end_value_usd_m
    return lines


def tornado_data(frame: pd.DataFrame) -> pd.DataFrame:
    """What the tornado (:func:`..figures.distributions.plot_tornado`) plots of a :func:`..model.sensitivity.tornado` table.

    The parameters that move the outcome, with the parameter's low and high value as the notes
    at the bar's ends (``P5 of draws`` and ``P95 of draws`` for a Dirichlet section).

    Returns
    -------
    DataFrame
        The rows of ``frame`` with a non-zero swing, indexed by the parameter's display name: ``outcome_low``, ``outcome_base``,
        ``outcome_high``, ``low_note`` and ``high_note``.
    """
    moving = frame[frame["swing"] != 0]
    dirichlet = moving["kind"] == "dirichlet"
    shown = moving[["outcome_low", "outcome_base", "outcome_high"]].rename(index=labels.name).rename_axis("parameter")
    notes = {end: [end_note(path, value) for path, value in moving[end].items()] for end in ("low", "high")}
    return shown.assign(
        low_note=pd.Series(notes["low"], dtype=object).where(~dirichlet.to_numpy(), "P5 of draws").to_numpy(),
        high_note=pd.Series(notes["high"], dtype=object).where(~dirichlet.to_numpy(), "P95 of draws").to_numpy(),
    )


def fan_takeaway(values: dict, params: Parameters, headline: Headline) -> str:
    """The fan chart's slide title: the end year's P5-P95 range of :func:`run_values`, saying what the draws hold fixed.

    A scenario at the report's level draws growth only: its range holds the report's base-year value fixed and is
    not the book's own estimate's range, which draws the level too; the title says so, so that a presenter cannot
    quote one for the other.
    """
    end, base = headline.end_year, headline.base_year
    span = f"USD {values['unc-p5-2030']:.2f} to {values['unc-p95-2030']:.2f} million"  # the run's keys name the end year 2030
    if params.market.level == "report":
        return (f"Holding the report's {base} value fixed, growth alone puts the {end} market at {span} in 90 % of the "
                "draws (not the book's own estimate's range)")
    return f"In 90 % of the draws, level and growth drawn, the {end} market lies at {span}"


def end_note(path: str, value: object) -> str:
    """A parameter's value at a tornado bar's end, in its unit: a rate a year ``+3.0 %/yr``, a share ``12.5 %``, a year,
    else rounded (three significant figures below 100): the raw fraction 0.03 read as a number without a unit."""
    if not isinstance(value, (int, float, np.integer, np.floating)) or isinstance(value, bool):
        return labels.value_text(value)
    unit = labels.unit(path)
    if unit == "fraction per year":
        return f"{100 * value:+.1f} %/yr"
    if unit.startswith("share"):
        return f"{100 * value:.1f} %"
    if unit == "year":
        return f"{value:.0f}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def tornado_values(frame: pd.DataFrame) -> dict[str, float | str]:
    """The widest bar of a tornado table and how far it moves the outcome (``unc-`` glue keys).

    Keys: ``unc-top-driver`` (the parameter, or ``none``), ``unc-top-swing`` (USD million) and
    ``unc-dirichlet-draws`` (draws standing for a Dirichlet section's ends, as text).
    """
    moving = frame[frame["swing"] != 0]
    return {
        "unc-top-driver": labels.name(moving.index[0]) if len(moving) else "none",
        "unc-top-swing": float(moving["swing"].abs().iloc[0]) if len(moving) else 0.0,
        "unc-dirichlet-draws": f"{TORNADO_DIRICHLET_DRAWS:,}",
    }


def still_text(frame: pd.DataFrame) -> str:
    """The parameters of a tornado table that do not move the outcome, by name with their code names (or ``none``)."""
    still = frame[frame["swing"] == 0]
    return labels.parameter_list(still.index) if len(still) else "none"


def describe(row: pd.Series) -> str:
    """A distribution (a row of :func:`.parameter_table.distribution_table`) in a few words: kind and numbers."""
    if row["kind"] == "dirichlet":
        return f"Dirichlet, concentration {labels.value_text(row['concentration'])}"
    if row["kind"] == "triangular":
        return f"triangular: {labels.value_text(row['low'])} / {labels.value_text(row['centre'])} / {labels.value_text(row['high'])}"
    if row["kind"] == "uniform":
        return f"uniform: {labels.value_text(row['low'])} to {labels.value_text(row['high'])}"
    return (f"normal: mean {labels.value_text(row['centre'])}, sd {labels.value_text(row['sd'])}, "
            f"cut at {labels.value_text(row['low'])} and {labels.value_text(row['high'])}")


def distribution_rows(params: Parameters) -> pd.DataFrame:
    """The uncertainty distributions for the page, in three columns that fit the text column at 1280 px.

    The scenario's value goes under the distribution, and what a draw moves before the reason for
    its range, so that the reasons get the width; file names in a reason are in code, so that
    they may wrap.

    Returns
    -------
    DataFrame
        Columns ``Parameter``, ``Distribution (low / most likely / high), and the scenario's value``
        and ``What it moves, and why this range``; lines separated by ``<br>``, names that may wrap
        (``<wbr>``).
    """
    table = distribution_table(params)
    return pd.DataFrame({
        "Parameter": table["path"].map(labels.parameter_cell),
        "Distribution (low / most likely / high), and the scenario's value": [
            f"{describe(row)}<br>scenario: {breakable(row['scenario_value'], '_')}" for _, row in table.iterrows()],
        "What it moves, and why this range": [
            f"Moves {feeds(p)}.<br>{code_paths(why)}" for p, why in zip(table["path"], table["rationale"])],
    })
