"""The scenarios compared: values, growth and which of the report's claims hold in each."""

from __future__ import annotations

import pandas as pd

from ..inputs.headline import Headline
from ..model.claims import check_claims
from ..model.topdown import market_table
from ..model.views import cagr, totals
from ..scenario.catalogue import load_all
from ..scenario.parameters import Parameters


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
        column per claim of :func:`..model.claims.check_claims` (the claim's text as the column name).
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


def claim_columns(comparison: pd.DataFrame) -> list[str]:
    """The claim columns of a :func:`compare` table."""
    return [c for c in comparison.columns if comparison[c].dtype == bool]


def trajectories(scenarios: dict[str, Parameters] | None = None, headline: Headline | None = None) -> pd.DataFrame:
    """The global total by year (rows) for each scenario (columns), USD million."""
    scenarios = load_all() if scenarios is None else scenarios
    headline = Headline.from_data() if headline is None else headline
    return pd.DataFrame({name: totals(market_table(params, headline)) for name, params in scenarios.items()})
