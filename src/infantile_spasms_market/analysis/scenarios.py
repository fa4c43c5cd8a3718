"""The scenarios compared: values, growth, splits, what each changes and which of the report's claims hold in each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from .. import labels
from ..inputs.headline import Headline
from ..model.claims import check_claims
from ..model.topdown import market_table
from ..model.views import cagr, totals, view
from ..paths import PARAMS_DIR, shown
from ..scenario.loading import load_all
from ..scenario.diff import _same, flatten, parameter_changes
from ..scenario.parameters import Parameters
from .wording import join_names

BASE = "base"  # the base scenario's name: the yardstick of the comparisons


def compare(scenarios: dict[str, Parameters] | None = None, headline: Headline | None = None) -> pd.DataFrame:
    """Headline values, growth and the report's claims, one row per scenario.

    Parameters
    ----------
    scenarios : dict of name to Parameters, optional
        Default: :func:`load_all`.
    headline : Headline, optional
        The report's figures (default: ``data/report_headline.yaml``).

    Returns
    -------
    DataFrame
        Indexed by scenario name: ``title``, ``value_<year>_usd_m`` for the report's base year,
        first growth year and last forecast year, ``cagr_<first>_<last>_pct``, then one boolean
        column per claim of :func:`..model.claims.check_claims` (the claim's text as the column name;
        :mod:`.claims` tables them).
    """
    scenarios = load_all() if scenarios is None else scenarios
    headline = Headline.from_data() if headline is None else headline
    rows = []
    for name, params in scenarios.items():
        table = market_table(params, headline)
        series = totals(table)
        row = {"scenario": name, "title": params.scenario.title}
        row.update({f"value_{year}_usd_m": float(series.loc[year]) for year in headline.key_years})
        first, end = headline.first_growth_year, headline.end_year
        row[f"cagr_{first}_{end}_pct"] = 100 * cagr(series, first, end)
        row.update({result.claim: bool(result.holds) for result in check_claims(table, headline)})
        rows.append(row)
    return pd.DataFrame(rows).set_index("scenario")


def trajectories(scenarios: dict[str, Parameters] | None = None, headline: Headline | None = None) -> pd.DataFrame:
    """The global total by year (rows) for each scenario (columns), USD million."""
    scenarios = load_all() if scenarios is None else scenarios
    headline = Headline.from_data() if headline is None else headline
    return pd.DataFrame({name: totals(market_table(params, headline)) for name, params in scenarios.items()})


THIS_BUILD = " (this build)"  # the key and display suffix of a build's scenario that is none of the files


def with_this_build(params: Parameters, scenarios: dict[str, Parameters] | None = None) -> tuple[dict[str, Parameters], str]:
    """The scenarios, and the name of the one this build is made with.

    Parameters
    ----------
    params : Parameters
        This build's scenario.
    scenarios : dict of name to Parameters, optional
        Default: :func:`load_all`.

    Returns
    -------
    scenarios : dict of name to Parameters
        ``scenarios``, plus ``"<name> (this build)"`` last when ``params`` equals none of them
        (a build with overrides).
    name : str
        The key of this build's scenario.
    """
    scenarios = dict(load_all() if scenarios is None else scenarios)
    name = next((n for n, p in scenarios.items() if p == params), None)
    if name is None:
        name = params.scenario.name + THIS_BUILD
        scenarios[name] = params
    return scenarios, name


def titles(scenarios: Mapping[str, Parameters], files: Iterable[str], *, short: bool = False, suffix: str = "") -> list[str]:
    """Each scenario's title, in order: the part before a colon when ``short``, ``suffix`` added to scenarios without a file.

    ``files`` are the names of the scenarios that have a file in ``params/``.
    """
    files = set(files)
    shown = [p.scenario.title.split(":")[0] if short else p.scenario.title for p in scenarios.values()]
    return [title + ("" if name in files else suffix) for name, title in zip(scenarios, shown)]


def _value_column(headline: Headline, year: int) -> str:
    return f"value_{year}_usd_m"


def _cagr_column(headline: Headline) -> str:
    return f"cagr_{headline.first_growth_year}_{headline.end_year}_pct"


def at_report_level(comparison: pd.DataFrame, headline: Headline) -> pd.Series:
    """Which scenarios of a :func:`compare` table start from the report's base-year value (the growth scenarios), by name."""
    return (comparison[_value_column(headline, headline.base_year)] - headline.base_value_usd_m).abs() <= 1e-6


def spread_values(comparison: pd.DataFrame, headline: Headline) -> dict[str, float | str]:
    """The highest, lowest and base scenario in the last forecast year of a :func:`compare` table (``scn-`` glue keys).

    Only the scenarios that start from the report's base-year value (:func:`at_report_level`) are ranked: a scenario
    sized from patients and prices (the own estimate) starts elsewhere, and mixing its level into the range would
    mix two questions (how big the market is, how fast it grows). Keys: ``scn-base-2030``, ``scn-highest``,
    ``scn-highest-2030``, ``scn-highest-cagr``, ``scn-lowest``, ``scn-lowest-2030``, ``scn-lowest-cagr`` (titles,
    USD million, percent a year) and the spread between highest and lowest, ``scn-spread-2030`` (USD million) and
    ``scn-spread-pct`` (percent of the base value); the values are for ``headline.end_year``.
    """
    ranked = comparison[at_report_level(comparison, headline)]
    values, growth = ranked[_value_column(headline, headline.end_year)], ranked[_cagr_column(headline)]
    highest, lowest = values.idxmax(), values.idxmin()
    return {
        "scn-base-2030": float(values[BASE]),
        "scn-highest": str(ranked.loc[highest, "title"]),
        "scn-highest-2030": float(values[highest]),
        "scn-highest-cagr": float(growth[highest]),
        "scn-lowest": str(ranked.loc[lowest, "title"]),
        "scn-lowest-2030": float(values[lowest]),
        "scn-lowest-cagr": float(growth[lowest]),
        "scn-spread-2030": float(values[highest] - values[lowest]),
        "scn-spread-pct": float(100 * (values[highest] - values[lowest]) / values[BASE]),
    }


def trajectories_takeaway(comparison: pd.DataFrame, headline: Headline) -> str:
    """The scenario chart's finding: the growth scenarios' range in the last year on the report's level, then each
    scenario that starts elsewhere (the own estimate) on its own."""
    spread, end = spread_values(comparison, headline), headline.end_year
    text = (f"By {end} the growth scenarios, all from the report's {headline.base_year} value, run from USD "
            f"{spread['scn-lowest-2030']:.2f} to {spread['scn-highest-2030']:.2f} million")
    names = dict(zip(comparison.index, scenario_names(comparison)))
    others = comparison[~at_report_level(comparison, headline)]
    for name, value in others[_value_column(headline, end)].items():
        shown = "the " + names[name][4:] if names[name].startswith("The ") else names[name]
        text += f"; {shown}, sized from patients and prices, reaches USD {value:.2f} million"
    return text


def trajectories_alt(comparison: pd.DataFrame, headline: Headline, fan_year: int) -> str:
    """The scenario chart's alt text (and the slide's notes), from the lines drawn: which start at the report's base-year
    value and end above or below the base, and which (the own estimate) start at a value of their own."""
    start, end = (_value_column(headline, y) for y in (headline.base_year, headline.end_year))
    names, at_report = dict(zip(comparison.index, scenario_names(comparison))), at_report_level(comparison, headline)
    ends = comparison.loc[at_report, end] - comparison.loc[BASE, end]
    text = (f"Line chart of the market value from {headline.base_year} to {headline.end_year} for every scenario; "
            f"{int(at_report.sum())} start at the report's {headline.base_year} value and fan out after {fan_year}")
    for side, chosen in (("above", ends[ends > 1e-6]), ("below", ends[ends < -1e-6])):
        text += f", {join_names(names[n] for n in chosen.index)} {side} the base" if len(chosen) else ""
    for name, value in comparison.loc[~at_report, start].items():  # "the book's own estimate" inside the sentence
        shown = "the " + names[name][4:] if names[name].startswith("The ") else names[name]
        text += f"; {shown} starts at its own value, USD {value:.2f} million"
    return text + "."


def comparison_table(comparison: pd.DataFrame, headline: Headline) -> pd.DataFrame:
    """The values in the report's key years, the growth rate and the last year's difference from the base, one row per scenario.

    Returns
    -------
    DataFrame
        Indexed by ``Scenario``: ``<year> (USD m)`` for each key year, ``CAGR <first>-<end> (%)``
        and ``<end> vs base (%)``.
    """
    end = headline.end_year
    shown = comparison[[*(_value_column(headline, y) for y in headline.key_years), _cagr_column(headline)]].copy()
    shown["difference_pct"] = 100 * (shown[_value_column(headline, end)] / comparison.loc[BASE, _value_column(headline, end)] - 1)
    shown.columns = [*(f"{y} (USD m)" for y in headline.key_years), f"CAGR {headline.first_growth_year}-{end} (%)", f"{end} vs base (%)"]
    shown.index = scenario_names(comparison)
    shown.index.name = "Scenario"
    return shown


def scenario_names(comparison: pd.DataFrame) -> list[str]:
    """The display names of a :func:`compare` table's scenarios (its index): the label registry's, else the title before its colon.

    This build's scenario, when it is none of the files (:func:`with_this_build`), is named
    "... (this build)": an overridden base case is not shown as a second "Base case".
    """
    titles = comparison["title"] if "title" in comparison else pd.Series(comparison.index, index=comparison.index)
    return [labels.name(str(n).removesuffix(THIS_BUILD), fallback=str(t).split(":")[0]) + (THIS_BUILD if str(n).endswith(THIS_BUILD) else "")
            for n, t in zip(comparison.index, titles)]


def trajectory_data(paths: pd.DataFrame, headline: Headline, names: Iterable[str]) -> pd.DataFrame:
    """A :func:`trajectories` table with the scenarios renamed (e.g. to their titles) and the report's published values.

    Returns
    -------
    DataFrame
        Indexed by ``year``: one column per scenario, then ``report_usd_m`` (the report's values
        in its base and last forecast year, empty in the others).
    """
    return paths.set_axis(list(names), axis=1).assign(report_usd_m=headline.published_values()).rename_axis("year")


NOVEL_NET = "Novel therapy (net)"  # what a novel therapy adds to the total's growth beyond the growth components


def growth_components(scenarios: Mapping[str, Parameters], comparison: pd.DataFrame | None = None,
                      headline: Headline | None = None) -> pd.DataFrame:
    """Each scenario's yearly growth by cause (the ``growth`` section) and the total's growth, percent.

    With ``comparison`` (:func:`compare`) and ``headline``, ``total_pct`` is the total's compound growth over the
    growth period, as the comparison table gives it, and a novel therapy's part of it (the total's growth less the
    components' sum, which only a novel therapy moves) is a column of its own, ``Novel therapy (net)``, when any
    scenario has one; without them ``total_pct`` is the components' sum.

    Returns
    -------
    DataFrame
        One row per scenario, one column per cause (``Diagnosis``, ``Price erosion``, ...), then ``total_pct``.
    """
    components = pd.DataFrame({name: p.growth.model_dump() for name, p in scenarios.items()}).T * 100
    components.columns = [c.replace("_", " ").capitalize() for c in components.columns]
    summed = components.sum(axis=1)
    if comparison is None or headline is None:
        return components.assign(total_pct=summed)
    total = comparison.loc[components.index, _cagr_column(headline)].astype(float)
    novel = total - summed
    if (novel.abs() > 1e-6).any():
        components[NOVEL_NET] = novel.where(novel.abs() > 1e-6, 0.0)
    return components.assign(total_pct=total)


def start_values(comparison: pd.DataFrame, headline: Headline) -> dict[str, object]:
    """Which scenarios start from the report's base-year value, for glue (``scn-`` keys).

    ``scn-n-at-report`` (how many start there), ``scn-n-compared``, and ``scn-others`` (the titles, before their
    colon, of the scenarios that start elsewhere, with their base-year values; empty when none does).
    """
    base = comparison[_value_column(headline, headline.base_year)]
    elsewhere = base[~at_report_level(comparison, headline)]
    names = dict(zip(comparison.index, scenario_names(comparison)))
    others = "; ".join(f"*{names[n]}* starts at USD {v:,.2f} million, sized from patients and prices" for n, v in elsewhere.items())
    others += "." if others else ""
    return {"scn-n-at-report": int(len(base) - len(elsewhere)), "scn-n-compared": int(len(base)), "scn-others": others}


def split_in_year(scenarios: Mapping[str, Parameters], headline: Headline, by: str = "drug_type", year: int | None = None) -> pd.DataFrame:
    """Each scenario's market in ``year`` (default: the last forecast year) split by a segmentation, USD million.

    Returns
    -------
    DataFrame
        One row per scenario, one column per segment (largest in the base scenario first); a
        segment a scenario does not have is 0.
    """
    year = headline.end_year if year is None else year
    split = pd.DataFrame({name: view(market_table(p, headline), by).loc[year] for name, p in scenarios.items()}).T.fillna(0.0)
    return split[split.loc[BASE].sort_values(ascending=False).index]


def segment_share_values(split: pd.DataFrame, scenarios: Mapping[str, Parameters], segment: str) -> dict[str, float | str]:
    """A segment's share of a :func:`split_in_year` table: ``base`` (in the base), ``low`` (lowest) and ``low-who``.

    Shares are percent of each scenario's total; ``low-who`` is the title of the scenario where the share is lowest.
    """
    share = 100 * split[segment] / split.sum(axis=1)
    return {"base": float(share[BASE]), "low": float(share.min()), "low-who": str(scenarios[share.idxmin()].scenario.title)}


def changes_table(scenarios: Mapping[str, Parameters]) -> pd.DataFrame:
    """What each scenario changes from the base, one row per parameter (uncertainty distributions left out).

    Returns
    -------
    DataFrame
        Columns ``Scenario``, ``Parameter`` (the dotted path as code), ``Base`` and ``Scenario value``
        (values as short text).
    """
    rows = []
    for name, params in scenarios.items():
        if name == BASE:
            continue
        changes = parameter_changes(params, scenarios[BASE])
        changes = changes[~changes["path"].str.startswith("uncertainty.")]
        rows += [{"Scenario": labels.name(name, fallback=name), "Parameter": labels.parameter_cell(row.path), "Base": labels.value_text(row.base), "Scenario value": labels.value_text(row.scenario)}
                 for row in changes.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["Scenario", "Parameter", "Base", "Scenario value"])


def rationales(scenarios: Mapping[str, Parameters], files: Mapping[str, Path]) -> str:
    """Each scenario's title, file and rationale as a MyST definition list (``files``: scenario name to its file)."""
    parts = []
    for name, params in scenarios.items():
        source = files.get(name)
        where = f"`{shown(PARAMS_DIR / source.name)}`" if source is not None else "this build's parameters"
        parts.append(f"**{params.scenario.title}** ({where})\n: {params.scenario.rationale}\n")
    return "\n".join(parts)


# --------------------------------------------------------------------------- compare (the command line)
COMPARED_SEGMENTATIONS = ("region", "drug_type", "therapeutic_class", "dosage")
PARAMETERS_SECTION = "Parameters that differ"
OWN_SECTION = "Own estimate (level sized bottom-up)"
DISTRIBUTIONS = "uncertainty.distributions."


def differing_parameters(scenarios: Mapping[str, Parameters]) -> list[tuple[str, list[str]]]:
    """``(path, each scenario's value as text)`` for every parameter whose value is not the same in all ``scenarios``.

    The ``scenario`` section (name, title, rationale) is left out; a distribution that differs is one
    row (its kind and numbers, or ``none``), not one per number.
    """
    from .summary import _distribution_text

    trees = [flatten({k: v for k, v in p.resolved().items() if k != "scenario"}) for p in scenarios.values()]
    rows, distributions = [], []
    for path in sorted(set().union(*trees)):
        values = [tree.get(path) for tree in trees]
        if all(path in tree for tree in trees) and all(_same(values[0], v) for v in values[1:]):
            continue
        if path.startswith(DISTRIBUTIONS):
            target = path[len(DISTRIBUTIONS):].rsplit(".", 1)[0]
            if target not in distributions:
                distributions.append(target)
            continue
        rows.append((path, [labels.value_text(v) if v is not None else "(not set)" for v in values]))
    rows += [(DISTRIBUTIONS + target, [_distribution_text(p, target) for p in scenarios.values()]) for target in distributions]
    return rows


def compare_table(scenarios: Mapping[str, Parameters], headline: Headline | None = None) -> pd.DataFrame:
    """Scenarios side by side, computed from the model alone (no book built): what ``python -m infantile_spasms_market compare`` shows.

    Sections: the parameters that differ; the headline numbers; the market by region, drug type,
    therapeutic class and dosage in the report's base and last forecast years; and the book's own
    estimate (:data:`.own_estimate.STATISTIC`: its value and P5 to P95 range) for a scenario whose level is bottom-up.

    Returns
    -------
    DataFrame
        Columns ``section``, ``item`` (what the row is, in words), ``name`` (a parameter's code name),
        ``unit``, ``year`` (empty where none applies), then one column per scenario (its key in
        ``scenarios``): numbers, or text for names and parameters; empty for a scenario the row
        does not apply to (the own estimate of one that takes the report's level).
    """
    from . import own_estimate
    from .summary import key_figures

    headline = Headline.from_data() if headline is None else headline
    names = list(scenarios)
    base, first, end = headline.key_years
    rows: list[dict] = []

    def add(section: str, item: str, unit: str, year, values, name: str = "") -> None:
        rows.append({"section": section, "item": item, "name": name, "unit": unit, "year": year, **dict(zip(names, values))})

    for path, values in differing_parameters(scenarios):
        add(PARAMETERS_SECTION, labels.name(path, fallback=path), "", None, values, path)
    tables = {name: market_table(params, headline) for name, params in scenarios.items()}
    figures = [key_figures(table, headline) for table in tables.values()]
    for key, item, unit, year in (
        (f"value-{base}", "Market value", "USD million", base), (f"value-{end}", "Market value", "USD million", end),
        ("cagr", f"Growth a year, {first}-{end}", "percent a year", None),
        ("drug-leader", "Largest drug type", "", base), ("region-leader", "Largest region", "", base),
        ("fastest-class", f"Fastest-growing therapeutic class, {first}-{end}", "", None),
        ("fastest-class-cagr", "Its growth a year", "percent a year", None),
    ):
        add("Headline", item, unit, year, [f[key] for f in figures])
    for by in COMPARED_SEGMENTATIONS:
        views = [view(table, by) for table in tables.values()]
        segments = list(dict.fromkeys(segment for v in views for segment in v.columns))
        for year in (base, end):
            for segment in segments:
                add(f"Market by {SEGMENTATIONS_SHOWN[by]}", str(segment), "USD million", year,
                    [float(v.loc[year].get(segment, 0.0)) for v in views])
    if any(p.market.level == "bottom_up" for p in scenarios.values()):
        own = [own_estimate.estimate_values(own_estimate.run(p, headline), headline) if p.market.level == "bottom_up" else None
               for p in scenarios.values()]
        for year in (base, end):
            for key, what in (("value", "The own estimate (every input at its stated value)"),
                              ("p5", "P5 of the Monte Carlo draws"), ("p95", "P95 of the Monte Carlo draws")):
                add(OWN_SECTION, what, "USD million", year, [o[f"{key}-{year}"] if o else None for o in own])
    return pd.DataFrame(rows, columns=["section", "item", "name", "unit", "year", *names])


SEGMENTATIONS_SHOWN = {"region": "region", "drug_type": "drug type", "therapeutic_class": "therapeutic class", "dosage": "dosage"}
