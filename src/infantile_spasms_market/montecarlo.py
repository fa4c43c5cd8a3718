"""Monte Carlo: every declared parameter distribution drawn at once and the vectorised model run on all draws.

:func:`draw` turns the drawn parameters (:mod:`.parameter_draws`) into the arrays
:func:`.market.evaluate` takes, plus the dosage split and the bottom-up model per draw;
:func:`run` summarises the total by year, the 2030 value and how often each of the report's
claims holds; :func:`tornado` moves one distribution at a time to its low and high values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .claims import check_claims
from .distributions import ends, sample, stream
from .epidemiology import births_by_country, us_course_cost_usd
from .market import BASE_YEAR, Headline, MarketInputs, evaluate, market_table
from .parameter_draws import ParameterDraws, draw_parameters, set_draws
from .parameters import Parameters
from .taxonomy import COUNTRY_REGION, DRUGS, ESTABLISHED_DRUG_IDS, REGIONS

REGION_IDS = tuple(REGIONS)
DRUG_IDS = ESTABLISHED_DRUG_IDS + ("novel_therapies",)
PERCENTILES = (5, 25, 50, 75, 95)
CLAIM_FIRST, CLAIM_LAST = 2025, 2030
TARGET_YEAR = 2030
TORNADO_DIRICHLET_DRAWS = 2000
SWING_NOISE = 1e-9
Outcome = Literal["total_2030", "bottom_up_2024"]


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


# --------------------------------------------------------------------------- one at a time
def _outcome(params: Parameters, state: ParameterDraws, headline: Headline, outcome: Outcome) -> np.ndarray:
    built = build(params, state)
    if outcome == "bottom_up_2024":
        return built.bottom_up_by_region.sum(axis=1)
    if outcome == "total_2030":
        values = evaluate(built.inputs, headline, params.market.reconciliation)
        return values[:, list(built.inputs.years).index(TARGET_YEAR)].sum(axis=(1, 2))
    raise ValueError(f"unknown outcome {outcome!r}; choose total_2030 or bottom_up_2024")


def tornado(params: Parameters, outcome: Outcome = "total_2030", headline: Headline | None = None) -> pd.DataFrame:
    """One-at-a-time sensitivity of an outcome to each declared distribution, largest swing first.

    Each scalar distribution is set to its low and high value (:func:`.distributions.ends`:
    the declared low and high for triangular and uniform, P5 and P95 for a truncated normal),
    every other parameter at the scenario's value. A ``dirichlet`` share section has no low or
    high value: it is drawn alone (``uncertainty.seed``, 2,000 draws) and the outcome's P5 and P95
    stand for its low and high ends (parameter columns left empty).

    Parameters
    ----------
    outcome : {"total_2030", "bottom_up_2024"}
        The global total in 2030 (top-down) or the bottom-up value in the base year, USD million.

    Returns
    -------
    DataFrame
        Indexed by path: ``kind``, ``low``, ``base``, ``high`` (parameter values), ``outcome_low``,
        ``outcome_base``, ``outcome_high`` and ``swing`` (outcome_high - outcome_low).
    """
    headline = Headline.from_data() if headline is None else headline
    base_value = float(_outcome(params, set_draws(params, 1, {}), headline, outcome)[0])
    rows = {}
    for path, dist in params.uncertainty.distributions.items():
        if dist.kind == "dirichlet":
            centre = np.array(list(params.value_at(path).values()), dtype=float)
            shares = sample(dist, TORNADO_DIRICHLET_DRAWS, stream(params.uncertainty.seed, path), centre)
            result = _outcome(params, set_draws(params, TORNADO_DIRICHLET_DRAWS, {path: shares}), headline, outcome)
            low = high = base = np.nan
            outcome_low, outcome_high = np.percentile(result, (5, 95))
        else:
            low, high = ends(dist)
            base = float(params.value_at(path))
            outcome_low, outcome_high = _outcome(params, set_draws(params, 2, {path: np.array([low, high])}), headline, outcome)
        rows[path] = {
            "kind": dist.kind,
            "low": low,
            "base": base,
            "high": high,
            "outcome_low": float(outcome_low),
            "outcome_base": base_value,
            "outcome_high": float(outcome_high),
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    swing = frame["outcome_high"] - frame["outcome_low"]
    frame["swing"] = swing.where(swing.abs() > SWING_NOISE * max(abs(base_value), 1.0), 0.0)  # rounding noise is no swing
    frame.index.name = "path"
    return frame.reindex(frame["swing"].abs().sort_values(ascending=False, kind="stable").index)
