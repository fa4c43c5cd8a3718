"""The scenario files in ``params/``, loaded together and compared: values, growth and which report claims hold."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .claims import check_claims
from .market import Headline, cagr, market_table, totals
from .parameters import Parameters
from .paths import BASE_SCENARIO, PARAMS_DIR
from .scenario_files import load_parameters

COMPARE_YEARS = (2024, 2025, 2030)
NOT_SCENARIOS = ("assumptions_log.yaml",)  # data-like files in params/ that are not scenarios


def scenario_files(folder: Path = PARAMS_DIR) -> list[Path]:
    """The scenario files in ``folder``: ``base.yaml`` first, then the others by file name."""
    files = sorted(p for p in Path(folder).glob("*.yaml") if p.name not in NOT_SCENARIOS)
    base = [p for p in files if p.name == BASE_SCENARIO.name]
    if not base:
        raise FileNotFoundError(f"no {BASE_SCENARIO.name} in {folder}: every scenario is read on top of it")
    return base + [p for p in files if p.name != BASE_SCENARIO.name]


def load_all(folder: Path = PARAMS_DIR) -> dict[str, Parameters]:
    """Every scenario's validated parameters keyed by ``scenario.name`` (base first).

    Raises
    ------
    ValueError
        When two files declare the same scenario name (builds would overwrite each other).
    ParameterError
        When a file does not validate (naming the file and the parameter).
    """
    scenarios: dict[str, Parameters] = {}
    sources: dict[str, Path] = {}
    for path in scenario_files(folder):
        params = load_parameters(path)
        name = params.scenario.name
        if name in scenarios:
            raise ValueError(f"scenario name {name!r} is used by both {sources[name].name} and {path.name}")
        scenarios[name], sources[name] = params, path
    return scenarios


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
        Indexed by scenario name: ``title``, ``value_2024_usd_m``, ``value_2025_usd_m``,
        ``value_2030_usd_m``, ``cagr_2025_2030_pct``, then one boolean column per claim of
        :func:`.claims.check_claims` (the claim's text as the column name).
    """
    scenarios = load_all() if scenarios is None else scenarios
    headline = Headline.from_data() if headline is None else headline
    rows = []
    for name, params in scenarios.items():
        table = market_table(params, headline)
        series = totals(table)
        row = {"scenario": name, "title": params.scenario.title}
        row.update({f"value_{year}_usd_m": float(series.loc[year]) for year in COMPARE_YEARS})
        row["cagr_2025_2030_pct"] = 100 * cagr(series, 2025, 2030)
        row.update({result.claim: bool(result.holds) for result in check_claims(table)})
        rows.append(row)
    return pd.DataFrame(rows).set_index("scenario")


def claim_columns(comparison: pd.DataFrame) -> list[str]:
    """The claim columns of a :func:`compare` table."""
    return [c for c in comparison.columns if comparison[c].dtype == bool]


def trajectories(scenarios: dict[str, Parameters] | None = None, headline: Headline | None = None) -> pd.DataFrame:
    """The global total by year (rows) for each scenario (columns), USD million."""
    scenarios = load_all() if scenarios is None else scenarios
    headline = Headline.from_data() if headline is None else headline
    return pd.DataFrame({name: totals(market_table(params, headline)) for name, params in scenarios.items()})
