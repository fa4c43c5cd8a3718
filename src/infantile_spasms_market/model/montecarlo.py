"""Monte Carlo: every declared parameter distribution drawn at once and the vectorised model run on all draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ..inputs.headline import Headline
from ..inputs.taxonomy import DRUG_IDS, DRUGS, REGION_IDS, REGIONS
from ..scenario.parameters import Parameters
from .arrays import build, draw
from .claims import check_claims
from .draws import set_draws
from .topdown import BASE_YEAR, evaluate, market_table

PERCENTILES = (5, 25, 50, 75, 95)
CLAIM_FIRST, CLAIM_LAST = 2025, 2030
TARGET_YEAR = 2030
TORNADO_DIRICHLET_DRAWS = 2000
SWING_NOISE = 1e-9
Outcome = Literal["total_2030", "bottom_up_2024"]


# --------------------------------------------------------------------------- the report's claims, per draw
def _group(values: np.ndarray, labels: list[str]) -> tuple[list[str], np.ndarray]:
    """Sum the last axis by label, labels in order of first appearance (as the market table's views)."""
    names = list(dict.fromkeys(labels))
    grouped = np.stack([values[..., [i for i, l in enumerate(labels) if l == name]].sum(axis=-1) for name in names], axis=-1)
    return names, grouped


def _leads(values: np.ndarray, names: list[str], leader: str) -> np.ndarray:
    """Whether ``leader`` is the largest (ties go to the first, as ``idxmax`` does)."""
    return np.argmax(values, axis=-1) == names.index(leader)


def claim_holds(values: np.ndarray, liquid_share: np.ndarray, years: np.ndarray) -> dict[str, np.ndarray]:
    """Whether each of the report's claims holds in each draw: ``{keyword: (n,) bool}``.

    The vectorised twin of :func:`.claims.check_claims`: ACTH the largest drug type in 2024,
    Liquid the largest dosage in 2024, North America the largest region in every year,
    Anticonvulsants the fastest-growing therapeutic class 2025-2030 (classes with value in 2025).
    """
    years = list(years)
    at_2024 = values[:, years.index(BASE_YEAR)]  # (n, R, D+1)
    types, by_type = _group(at_2024.sum(axis=1), [DRUGS[d].drug_type for d in DRUG_IDS])
    liquid = (at_2024.sum(axis=1) * liquid_share).sum(axis=-1)
    solid = at_2024.sum(axis=(1, 2)) - liquid
    regions = values.sum(axis=-1)  # (n, Y, R)
    classes, by_class = _group(values.sum(axis=2), [DRUGS[d].therapeutic_class for d in DRUG_IDS])  # (n, Y, K)
    first, last = by_class[:, years.index(CLAIM_FIRST)], by_class[:, years.index(CLAIM_LAST)]
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(first > 0, (last / np.where(first > 0, first, 1)) ** (1 / (CLAIM_LAST - CLAIM_FIRST)) - 1, -np.inf)
    return {
        "Adrenocorticotropic Hormone": _leads(by_type, types, "Adrenocorticotropic Hormone"),
        "Liquid": liquid >= solid,
        "North America": _leads(regions, [REGIONS[r] for r in REGION_IDS], "North America").all(axis=1),
        "Anticonvulsants": _leads(growth, classes, "Anticonvulsants"),
    }


def _claim_text(keyword: str, texts: list[str]) -> str:
    matches = [t for t in texts if t.startswith(keyword)]
    if len(matches) != 1:
        raise ValueError(f"expected one claim starting {keyword!r} in claims.check_claims, found {matches}")
    return matches[0]


# --------------------------------------------------------------------------- the run and its summaries
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

    @property
    def n(self) -> int:
        return int(self.values.shape[0])

    @property
    def totals(self) -> np.ndarray:
        """Global value by draw and year (n, Y), USD million."""
        return self.values.sum(axis=(2, 3))

    def totals_frame(self) -> pd.DataFrame:
        """:attr:`totals` as a DataFrame (rows: draws, columns: years)."""
        return pd.DataFrame(self.totals, columns=pd.Index(self.years, name="year")).rename_axis("draw")

    @property
    def percentiles(self) -> pd.DataFrame:
        """P5, P25, P50, P75 and P95 of the total by year (rows: years), USD million."""
        values = np.percentile(self.totals, PERCENTILES, axis=0).T
        return pd.DataFrame(values, index=pd.Index(self.years, name="year"), columns=[f"P{p}" for p in PERCENTILES])

    def value_in(self, year: int) -> np.ndarray:
        """The total in ``year`` in each draw (n,)."""
        return self.totals[:, list(self.years).index(year)]

    @property
    def value_2030(self) -> np.ndarray:
        return self.value_in(TARGET_YEAR)

    def summary(self, year: int = TARGET_YEAR) -> dict[str, float]:
        """Mean, standard deviation and percentiles of the total in ``year``, beside the scenario's value."""
        values = self.value_in(year)
        result = {"mean": float(values.mean()), "sd": float(values.std(ddof=1))}
        result.update({f"P{p}": float(v) for p, v in zip(PERCENTILES, np.percentile(values, PERCENTILES))})
        result["scenario"] = float(self.scenario_total.loc[year])
        result["share_below_scenario"] = float(np.mean(values < result["scenario"]))
        return result


def _scenario_total(params: Parameters, headline: Headline) -> pd.Series:
    one = build(params, set_draws(params, 1, {}))
    values = evaluate(one.inputs, headline, params.market.reconciliation)[0].sum(axis=(1, 2))
    return pd.Series(values, index=pd.Index(one.inputs.years, name="year"), name="value_usd_m")


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
    draws = draw(params, n, seed)
    values = evaluate(draws.inputs, headline, params.market.reconciliation)
    holds = claim_holds(values, draws.liquid_share, draws.inputs.years)
    in_scenario = check_claims(market_table(params, headline))
    texts = [c.claim for c in in_scenario]
    claims = pd.DataFrame(
        [
            {
                "claim": _claim_text(keyword, texts),
                "probability": float(flags.mean()),
                "holds_in_scenario": next(c.holds for c in in_scenario if c.claim == _claim_text(keyword, texts)),
            }
            for keyword, flags in holds.items()
        ]
    )
    return MonteCarloResult(
        scenario=params.scenario.name,
        seed=params.uncertainty.seed if seed is None else int(seed),
        years=draws.inputs.years,
        values=values,
        liquid_share=draws.liquid_share,
        bottom_up_by_region=draws.bottom_up_by_region,
        draws=dict(draws.parameters.drawn),
        scenario_total=_scenario_total(params, headline),
        claims=claims,
    )
