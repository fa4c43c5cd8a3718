"""The model's inputs as arrays with a leading axis of parameter draws; a scenario is the case of one draw."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..inputs.headline import Headline
from ..inputs.taxonomy import DRUG_IDS, ESTABLISHED_DRUG_IDS, REGION_IDS
from ..scenario.parameters import Parameters
from .bottomup import BottomUp, bottom_up
from .draws import ParameterDraws, draw_parameters, set_draws
from .novel import novel_value


@dataclass(frozen=True)
class MarketInputs:
    """What :func:`.topdown.evaluate` needs; arrays have a leading axis of ``n`` parameter draws."""

    years: np.ndarray  # (Y,)
    cagr: np.ndarray  # (n,) growth per year from the first growth year on (sum of the growth components)
    region_share_2024: np.ndarray  # (n, R)
    region_growth: np.ndarray  # (n, R)
    drug_mix_2024: np.ndarray  # (n, R, D) established drugs
    drug_growth: np.ndarray  # (n, D)
    novel_value: np.ndarray  # (n, Y, R) USD m of novel therapies
    cannibalisation: np.ndarray  # (n,)
    level: np.ndarray | None = None  # (n,) the base-year total / the report's (None: the report's level, 1)


@dataclass(frozen=True)
class Draws:
    """The model's inputs in each of ``n`` draws, and the bottom-up market they were built with."""

    inputs: MarketInputs
    liquid_share: np.ndarray  # (n, D+1) share of each drug group's value in liquid forms
    bottom_up: BottomUp
    parameters: ParameterDraws

    @property
    def bottom_up_by_region(self) -> np.ndarray:
        """Bottom-up value in the base year by draw and region (n, R), USD million."""
        return self.bottom_up.by_region(self.bottom_up.value_usd_m)


def model_years(params: Parameters, headline: Headline) -> np.ndarray:
    """The years the model covers: the report's base year to the scenario's last year."""
    return np.arange(headline.base_year, params.market.end_year + 1)


def level_factor(params: Parameters, market: BottomUp, headline: Headline) -> np.ndarray:
    """The base-year total as a multiple of the report's, by draw (n,): 1 unless ``market.level`` is ``bottom_up``.

    With ``bottom_up`` the base-year total is the global bottom-up value of each draw, and every
    later year keeps its ratio to the report's path (the report's growth, the book's level).
    """
    if params.market.level == "bottom_up":
        return market.value_usd_m.sum(axis=1) / headline.base_value_usd_m
    return np.ones(market.value_usd_m.shape[0])


def region_shares(params: Parameters, market: BottomUp, state: ParameterDraws) -> np.ndarray:
    """The 2024 split of the total by region, by draw (n, R): the assumed shares, or the bottom-up model's (``market.regional_split``)."""
    if params.market.regional_split == "bottom_up":
        by_region = market.by_region(market.value_usd_m)
        return by_region / by_region.sum(axis=1, keepdims=True)
    return state.stack("regions.share_2024", REGION_IDS)


def build(params: Parameters, state: ParameterDraws, headline: Headline | None = None) -> Draws:
    """The model's inputs for every draw in ``state``."""
    headline = Headline.from_data() if headline is None else headline
    years = model_years(params, headline)
    market = bottom_up(params, state)
    priced_patients = market.by_region(market.treated_patients * market.price_index)
    inputs = MarketInputs(
        years=years,
        cagr=sum(state.value(f"growth.{name}") for name in type(params.growth).model_fields),
        region_share_2024=region_shares(params, market, state),
        region_growth=state.stack("regions.growth_differential", REGION_IDS),
        drug_mix_2024=np.stack(
            [state.stack(f"segments.drug_mix_2024.{r}", ESTABLISHED_DRUG_IDS) for r in REGION_IDS], axis=1
        ),
        drug_growth=state.stack("segments.drug_growth_differential", ESTABLISHED_DRUG_IDS),
        novel_value=novel_value(params, state, priced_patients, years),
        cannibalisation=state.value("trends.novel_therapy.cannibalisation"),
        level=level_factor(params, market, headline),
    )
    return Draws(inputs, state.stack("segments.liquid_share", DRUG_IDS), market, state)


def scenario_draw(params: Parameters, headline: Headline | None = None) -> Draws:
    """The scenario itself as one draw: every parameter at the scenario's value."""
    return build(params, set_draws(params, 1, {}), headline)


def draw(params: Parameters, n: int | None = None, seed: int | None = None, headline: Headline | None = None) -> Draws:
    """Draw ``n`` parameter sets (default ``uncertainty.draws``, seed ``uncertainty.seed``) and build their inputs."""
    return build(params, draw_parameters(params, n, seed), headline)


def draw_inputs(params: Parameters, n: int | None = None, seed: int | None = None) -> MarketInputs:
    """The :class:`MarketInputs` of ``n`` seeded draws of every declared distribution."""
    return draw(params, n, seed).inputs
