"""Monte Carlo: every declared parameter distribution drawn at once and the vectorised model run on all draws."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..inputs.headline import Headline
from ..scenario.parameters import Parameters
from .arrays import draw, scenario_draw
from .claims import claim_holds
from ..inputs.taxonomy import COUNTRY_REGION, REGION_IDS
from .topdown import country_weights, evaluate
from ..remembered import remembered

PERCENTILES = (5, 25, 50, 75, 95)


@dataclass(frozen=True)
class MonteCarloResult:
    """A Monte Carlo run of one scenario: values per draw and what they say."""

    scenario: str
    seed: int
    years: np.ndarray
    values: np.ndarray  # (n, Y, R, D+1) USD million
    liquid_share: np.ndarray  # (n, D+1)
    bottom_up_by_region: np.ndarray  # (n, R) USD million, base year
    draws: dict[str, np.ndarray]  # drawn values per parameter path (shares rebalanced)
    scenario_total: pd.Series  # the scenario's own total by year (no draws)
    claims: pd.DataFrame  # claim, probability, holds_in_scenario
    end_year: int  # the last year of the report's forecast (the default year of the summaries)
    country_ids: tuple[str, ...] = ()
    country_weights: np.ndarray | None = None  # (n, C) each country's share of its region, by draw

    @property
    def n(self) -> int:
        return int(self.values.shape[0])

    @property
    def totals(self) -> np.ndarray:
        """Global value by draw and year (n, Y), USD million."""
        return self.values.sum(axis=(2, 3))

    @property
    def percentiles(self) -> pd.DataFrame:
        """P5, P25, P50, P75 and P95 of the total by year (rows: years), USD million."""
        values = np.percentile(self.totals, PERCENTILES, axis=0).T
        return pd.DataFrame(values, index=pd.Index(self.years, name="year"), columns=[f"P{p}" for p in PERCENTILES])

    def country_values(self, year: int) -> np.ndarray:
        """Each country's value in ``year`` by draw (n, C), USD million: its region's value x its share of the region."""
        if self.country_weights is None:
            raise ValueError("this run kept no country weights")
        region = self.values[:, list(self.years).index(year)].sum(axis=-1)  # (n, R)
        position = [REGION_IDS.index(COUNTRY_REGION[c]) for c in self.country_ids]
        return region[:, position] * self.country_weights

    def country_percentiles(self, years: tuple[int, ...], percentiles: tuple[int, ...] = (5, 50, 95)) -> pd.DataFrame:
        """P5, P50 and P95 (by default) of each country's value in each of ``years``: rows countries, columns (year, Pk)."""
        columns = {}
        for year in years:
            values = np.percentile(self.country_values(year), percentiles, axis=0)
            for p, row in zip(percentiles, values):
                columns[(year, f"P{p}")] = row
        frame = pd.DataFrame(columns, index=pd.Index(self.country_ids, name="country_id"))
        frame.columns = pd.MultiIndex.from_tuples(frame.columns, names=["year", "percentile"])
        return frame

    def value_in(self, year: int) -> np.ndarray:
        """The total in ``year`` in each draw (n,)."""
        return self.totals[:, list(self.years).index(year)]

    @property
    def value_at_end(self) -> np.ndarray:
        """The total in the report's last forecast year in each draw (n,)."""
        return self.value_in(self.end_year)

    def summary(self, year: int | None = None) -> dict[str, float]:
        """Mean, standard deviation and percentiles of the total in ``year`` (default: the last forecast year), beside the scenario's value."""
        year = self.end_year if year is None else year
        values = self.value_in(year)
        result = {"mean": float(values.mean()), "sd": float(values.std(ddof=1))}
        result.update({f"P{p}": float(v) for p, v in zip(PERCENTILES, np.percentile(values, PERCENTILES))})
        result["scenario"] = float(self.scenario_total.loc[year])
        result["share_below_scenario"] = float(np.mean(values < result["scenario"]))
        return result


def run(params: Parameters, n: int | None = None, seed: int | None = None, headline: Headline | None = None) -> MonteCarloResult:
    """Draw every declared distribution and run the model on all draws at once.

    Parameters
    ----------
    params : Parameters
        The scenario; its ``uncertainty`` section gives the distributions, draws and seed.
    n, seed : int, optional
        Override ``uncertainty.draws`` and ``uncertainty.seed``.
    headline : Headline, optional
        The report's figures (default: ``data/report_headline.yaml``).
    """
    headline = Headline.from_data() if headline is None else headline
    draws = draw(params, n, seed, headline)
    values = evaluate(draws.inputs, headline, params.market.reconciliation)
    scenario = scenario_draw(params, headline)
    scenario_values = evaluate(scenario.inputs, headline, params.market.reconciliation)
    years = draws.inputs.years
    holds = claim_holds(values, draws.liquid_share, years, headline)
    in_scenario = claim_holds(scenario_values, scenario.liquid_share, years, headline)
    claims = pd.DataFrame(
        [{"claim": text, "probability": float(flags.mean()), "holds_in_scenario": bool(in_scenario[text][0])}
         for text, flags in holds.items()]
    )
    return MonteCarloResult(
        scenario=params.scenario.name,
        seed=params.uncertainty.seed if seed is None else int(seed),
        years=draws.inputs.years,
        values=values,
        liquid_share=draws.liquid_share,
        bottom_up_by_region=draws.bottom_up_by_region,
        draws=dict(draws.parameters.drawn),
        scenario_total=pd.Series(scenario_values[0].sum(axis=(1, 2)), index=pd.Index(years, name="year"), name="value_usd_m"),
        claims=claims,
        end_year=headline.end_year,
        country_ids=tuple(draws.bottom_up.country_ids),
        country_weights=country_weights(draws.bottom_up),
    )


run = remembered(run)  # kept between chapters and builds (not a decorator: mutmut skips decorated functions)
