"""The model's inputs as arrays with a leading axis of parameter draws (one draw is one scenario)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..inputs.taxonomy import COUNTRY_REGION, DRUG_IDS, ESTABLISHED_DRUG_IDS, REGION_IDS
from ..scenario.parameters import Parameters
from .bottomup import births_by_country, us_course_cost_usd
from .draws import ParameterDraws, draw_parameters
from .topdown import BASE_YEAR, MarketInputs


@dataclass(frozen=True)
class Draws:
    """The model's inputs in each of ``n`` draws."""

    inputs: MarketInputs
    liquid_share: np.ndarray  # (n, D+1) share of each drug group's value in liquid forms
    bottom_up_by_region: np.ndarray  # (n, R) bottom-up value in the base year, USD million
    parameters: ParameterDraws


def _membership(country_ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Region position of each country, and the (C, R) 0/1 matrix that sums countries into regions."""
    position = np.array([REGION_IDS.index(COUNTRY_REGION[c]) for c in country_ids])
    matrix = np.zeros((len(country_ids), len(REGION_IDS)))
    matrix[np.arange(len(country_ids)), position] = 1.0
    return position, matrix


def _bottom_up(params: Parameters, state: ParameterDraws) -> tuple[np.ndarray, np.ndarray]:
    """Per draw: bottom-up value by region (n, R), USD million, and price-weighted treated patients (n, R).

    The arithmetic of :func:`.epidemiology.bottom_up_by_country` on arrays: births x incidence x
    diagnosed share x treated share x courses x (drug mix . US course cost) x price index.
    """
    births_table = births_by_country(params)
    countries = list(births_table.index)
    position, matrix = _membership(countries)
    births = np.empty((state.n, len(countries)))
    for i, country in enumerate(countries):
        if country.startswith("rest_of_"):
            births[:, i] = state.value(f"countries.rest_of_region_births.{COUNTRY_REGION[country]}")
        else:  # the data's births scaled by the (drawn) coverage factor instead of the scenario's
            coverage = f"countries.births_coverage_factor.{country}"
            births[:, i] = births_table.loc[country, "births"] / state.base[coverage] * state.value(coverage)

    costs = us_course_cost_usd(params)
    cost = np.empty((state.n, len(ESTABLISHED_DRUG_IDS)))
    for j, drug in enumerate(ESTABLISHED_DRUG_IDS):
        length = f"epidemiology.course_length_14d_units.{drug}"
        if length in state.base:  # priced from the data: price per 14 days x course length
            cost[:, j] = costs[drug] / state.base[length] * state.value(length)
        else:
            cost[:, j] = state.value(f"epidemiology.assumed_course_cost_usd.{drug}")

    mix = np.stack([state.stack(f"epidemiology.first_line_mix.{r}", ESTABLISHED_DRUG_IDS) for r in REGION_IDS], axis=1)
    mix_cost = np.einsum("nrd,nd->nr", mix, cost)
    diagnosed = state.stack("epidemiology.diagnosed_share", REGION_IDS)
    treated_share = state.stack("epidemiology.treated_share", REGION_IDS)
    price = state.stack("countries.price_index", countries)
    incidence = state.value("epidemiology.incidence_per_1000")[:, None] / 1000
    treated = births * incidence * diagnosed[:, position] * treated_share[:, position]
    courses = state.value("epidemiology.courses_per_treated_patient")[:, None]
    value = treated * courses * mix_cost[:, position] * price / 1e6
    return value @ matrix, (treated * price) @ matrix


def _novel_value(params: Parameters, state: ParameterDraws, priced_patients: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Novel therapy sales (n, Y, R), USD million: :func:`.market.novel_value_by_region` per draw."""
    if not params.trends.novel_therapy.enabled:
        return np.zeros((state.n, len(years), len(REGION_IDS)))
    prefix = "trends.novel_therapy."
    launch, peak = state.value(prefix + "launch_year"), state.value(prefix + "peak_year")
    bad = int(np.count_nonzero(peak <= launch))
    if bad:
        raise ValueError(f"{prefix}peak_year is not after {prefix}launch_year in {bad} draws: narrow their distributions")
    midpoint = (launch + peak) / 2
    steepness = np.log(19) / (peak - midpoint)
    t = years[None, :].astype(float)
    uptake = state.value(prefix + "peak_uptake")[:, None] / (1 + np.exp(-steepness[:, None] * (t - midpoint[:, None])))
    uptake = np.where(t >= launch[:, None], uptake, 0.0)  # (n, Y)
    per_region = priced_patients * state.value(prefix + "eligible_share_of_treated")[:, None]
    return uptake[:, :, None] * per_region[:, None, :] * state.value(prefix + "price_per_patient_usd")[:, None, None] / 1e6


def build(params: Parameters, state: ParameterDraws) -> Draws:
    """The model's inputs for every draw in ``state``."""
    years = np.arange(BASE_YEAR, params.market.end_year + 1)
    bottom_up, priced_patients = _bottom_up(params, state)
    inputs = MarketInputs(
        years=years,
        cagr=sum(state.value(f"growth.{name}") for name in type(params.growth).model_fields),
        region_share_2024=state.stack("regions.share_2024", REGION_IDS),
        region_growth=state.stack("regions.growth_differential", REGION_IDS),
        drug_mix_2024=np.stack(
            [state.stack(f"segments.drug_mix_2024.{r}", ESTABLISHED_DRUG_IDS) for r in REGION_IDS], axis=1
        ),
        drug_growth=state.stack("segments.drug_growth_differential", ESTABLISHED_DRUG_IDS),
        novel_value=_novel_value(params, state, priced_patients, years),
        cannibalisation=state.value("trends.novel_therapy.cannibalisation"),
    )
    return Draws(inputs, state.stack("segments.liquid_share", DRUG_IDS), bottom_up, state)


def draw(params: Parameters, n: int | None = None, seed: int | None = None) -> Draws:
    """Draw ``n`` parameter sets (default ``uncertainty.draws``, seed ``uncertainty.seed``) and build their inputs."""
    return build(params, draw_parameters(params, n, seed))


def draw_inputs(params: Parameters, n: int | None = None, seed: int | None = None) -> MarketInputs:
    """The :class:`.market.MarketInputs` of ``n`` seeded draws of every declared distribution."""
    return draw(params, n, seed).inputs
