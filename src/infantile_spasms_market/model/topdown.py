"""The top-down market model: one long table, year x region x country x drug x dosage, in USD million."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..inputs.headline import Headline
from ..inputs.taxonomy import (
    COUNTRIES,
    DOSAGES,
    DRUGS,
    ESTABLISHED_DRUG_IDS,
    REGION_IDS,
    REGIONS,
)
from ..scenario.parameters import Parameters
from .bottomup import bottom_up_by_country

BASE_YEAR = 2024
FIRST_CAGR_YEAR = 2025


@dataclass(frozen=True)
class MarketInputs:
    """What :func:`evaluate` needs; arrays have a leading axis of ``n`` parameter draws."""

    years: np.ndarray  # (Y,)
    cagr: np.ndarray  # (n,) growth per year from 2025 on (sum of the growth components)
    region_share_2024: np.ndarray  # (n, R)
    region_growth: np.ndarray  # (n, R)
    drug_mix_2024: np.ndarray  # (n, R, D) established drugs
    drug_growth: np.ndarray  # (n, D)
    novel_value: np.ndarray  # (n, Y, R) USD m of novel therapies
    cannibalisation: np.ndarray  # (n,)


def total_trajectory(headline: Headline, reconciliation: str, cagr: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Total value of established therapies by year (n, Y), calibrated to the report's headline.

    ``bridge_2025`` keeps the published 2024 value, 2030 value and 2025-2030 CAGR: 2025 is what the
    2030 value and the CAGR imply. ``cagr_from_2024`` grows the 2024 value at the CAGR from 2024.
    ``constant_cagr_2024_2030`` joins the two published end points with one rate. A scenario's
    CAGR moves each path by its difference from the report's CAGR.
    """
    cagr = np.asarray(cagr, dtype=float)[:, None]
    t = np.asarray(years, dtype=float)[None, :]
    if reconciliation == "bridge_2025":
        value_2025 = headline.value_2030_usd_m / (1 + headline.cagr_2025_2030) ** (2030 - FIRST_CAGR_YEAR)
        after = value_2025 * (1 + cagr) ** (t - FIRST_CAGR_YEAR)
        return np.where(t <= BASE_YEAR, headline.value_2024_usd_m, after)
    if reconciliation == "cagr_from_2024":
        return headline.value_2024_usd_m * (1 + cagr) ** (t - BASE_YEAR)
    if reconciliation == "constant_cagr_2024_2030":
        endpoint_rate = (headline.value_2030_usd_m / headline.value_2024_usd_m) ** (1 / (2030 - BASE_YEAR)) - 1
        rate = endpoint_rate + (cagr - headline.cagr_2025_2030)
        return headline.value_2024_usd_m * (1 + rate) ** (t - BASE_YEAR)
    raise ValueError(f"market.reconciliation: unknown method {reconciliation!r}")


def _shifted_shares(share_2024: np.ndarray, growth: np.ndarray, elapsed: np.ndarray) -> np.ndarray:
    """Shares moved by relative growth and renormalised: share x (1 + g)^t / sum (last axis)."""
    weights = share_2024 * (1 + growth) ** elapsed
    return weights / weights.sum(axis=-1, keepdims=True)


def evaluate(inputs: MarketInputs, headline: Headline, reconciliation: str) -> np.ndarray:
    """Value by draw, year, region and drug (n, Y, R, D+1) in USD million; last drug is novel therapies."""
    elapsed = (inputs.years - BASE_YEAR).astype(float)
    total = total_trajectory(headline, reconciliation, inputs.cagr, inputs.years)  # (n, Y)
    regions = _shifted_shares(
        inputs.region_share_2024[:, None, :], inputs.region_growth[:, None, :], elapsed[None, :, None]
    )  # (n, Y, R)
    drugs = _shifted_shares(
        inputs.drug_mix_2024[:, None, :, :],
        inputs.drug_growth[:, None, None, :],
        elapsed[None, :, None, None],
    )  # (n, Y, R, D)
    established = total[:, :, None, None] * regions[..., None] * drugs
    region_value = established.sum(axis=-1)
    taken = inputs.cannibalisation[:, None, None] * inputs.novel_value
    with np.errstate(over="ignore"):  # a tiny region value and a large novel therapy: the ratio overflows, keep is 0
        keep = np.clip(1 - np.divide(taken, region_value, out=np.zeros_like(taken), where=region_value > 0), 0, 1)
    established = established * keep[..., None]
    return np.concatenate([established, inputs.novel_value[..., None]], axis=-1)


def logistic_uptake(years: np.ndarray, launch_year: int, peak_year: int, peak: float) -> np.ndarray:
    """Share of eligible patients treated: zero before launch, 95 % of ``peak`` at ``peak_year``."""
    years = np.asarray(years, dtype=float)
    midpoint = (launch_year + peak_year) / 2
    steepness = np.log(19) / (peak_year - midpoint)
    uptake = peak / (1 + np.exp(-steepness * (years - midpoint)))
    return np.where(years >= launch_year, uptake, 0.0)


def novel_value_by_region(params: Parameters, years: np.ndarray, bottom_up: pd.DataFrame) -> np.ndarray:
    """Sales of the scenario's novel therapy (Y, R) in USD million; zeros when it is disabled."""
    novel = params.trends.novel_therapy
    if not novel.enabled:
        return np.zeros((len(years), len(REGION_IDS)))
    # Patients weighted by each country's price level: what a region can pay for a new therapy.
    priced_patients = (bottom_up["treated_patients"] * bottom_up["price_index"]).groupby(bottom_up["region_id"]).sum()
    per_region = priced_patients.reindex(REGION_IDS).to_numpy() * novel.eligible_share_of_treated
    uptake = logistic_uptake(years, novel.launch_year, novel.peak_year, novel.peak_uptake)
    return uptake[:, None] * per_region[None, :] * novel.price_per_patient_usd / 1e6


def market_inputs(params: Parameters, bottom_up: pd.DataFrame | None = None) -> MarketInputs:
    """The one-draw :class:`MarketInputs` of a scenario."""
    bottom_up = bottom_up_by_country(params) if bottom_up is None else bottom_up
    years = np.arange(BASE_YEAR, params.market.end_year + 1)
    mix = params.segments.drug_mix_2024.model_dump()
    return MarketInputs(
        years=years,
        cagr=np.array([params.cagr_2025_2030]),
        region_share_2024=np.array([[params.regions.share_2024.model_dump()[r] for r in REGION_IDS]]),
        region_growth=np.array([[params.regions.growth_differential.model_dump()[r] for r in REGION_IDS]]),
        drug_mix_2024=np.array([[[mix[r][d] for d in ESTABLISHED_DRUG_IDS] for r in REGION_IDS]]),
        drug_growth=np.array([[params.segments.drug_growth_differential.model_dump()[d] for d in ESTABLISHED_DRUG_IDS]]),
        novel_value=novel_value_by_region(params, years, bottom_up)[None],
        cannibalisation=np.array([params.trends.novel_therapy.cannibalisation]),
    )


def country_weights(bottom_up: pd.DataFrame) -> pd.Series:
    """Each country's share of its region, from the bottom-up value (a region with none splits by births)."""
    value = bottom_up["value_usd_m"]
    by_region = value.groupby(bottom_up["region_id"]).transform("sum")
    births_share = bottom_up["births"] / bottom_up["births"].groupby(bottom_up["region_id"]).transform("sum")
    return (value / by_region).where(by_region > 0, births_share)


def market_table(params: Parameters, headline: Headline | None = None) -> pd.DataFrame:
    """The long market table of a scenario: one row per year x region x country x drug x dosage.

    Columns: ``year``, ``region``, ``country``, ``drug``, ``drug_type``, ``therapeutic_class``,
    ``dosage``, ``value_usd_m``. Labels are the report's wording (see :mod:`.taxonomy`).
    """
    headline = Headline.from_data() if headline is None else headline
    bottom_up = bottom_up_by_country(params)
    inputs = market_inputs(params, bottom_up)
    values = evaluate(inputs, headline, params.market.reconciliation)[0]  # (Y, R, D)
    drug_ids = ESTABLISHED_DRUG_IDS + ("novel_therapies",)
    liquid = params.segments.liquid_share.model_dump()

    countries = pd.DataFrame(
        {"country_id": bottom_up.index, "region_id": bottom_up["region_id"].to_numpy(), "weight": country_weights(bottom_up).to_numpy()}
    )
    region_index = {r: i for i, r in enumerate(REGION_IDS)}
    country_region = countries["region_id"].map(region_index).to_numpy()

    # (Y, C, D): region value spread over its countries; then x2 for dosage.
    by_country = values[:, country_region, :] * countries["weight"].to_numpy()[None, :, None]
    dosage_split = np.array([[liquid[d], 1 - liquid[d]] for d in drug_ids])  # (D, 2)
    cube = by_country[..., None] * dosage_split[None, None, :, :]  # (Y, C, D, 2)

    years, n_countries, n_drugs, n_dosages = cube.shape
    index = pd.MultiIndex.from_product(
        [inputs.years, range(n_countries), drug_ids, tuple(DOSAGES.values())],
        names=["year", "country_pos", "drug", "dosage"],
    )
    table = pd.DataFrame({"value_usd_m": cube.reshape(-1)}, index=index).reset_index()
    table.insert(1, "region", countries["region_id"].map(REGIONS).to_numpy()[table["country_pos"]])
    table.insert(2, "country", countries["country_id"].map(COUNTRIES).to_numpy()[table["country_pos"]])
    table = table.drop(columns="country_pos")
    table.insert(4, "drug_type", table["drug"].map({d: DRUGS[d].drug_type for d in drug_ids}))
    table.insert(5, "therapeutic_class", table["drug"].map({d: DRUGS[d].therapeutic_class for d in drug_ids}))
    return table


def view(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Values by year (rows) and one segmentation (columns), in USD million."""
    if by not in table.columns:
        raise KeyError(f"cannot view the market by {by!r}; columns: {', '.join(table.columns)}")
    return table.pivot_table(index="year", columns=by, values="value_usd_m", aggfunc="sum", observed=True, sort=False)


def totals(table: pd.DataFrame) -> pd.Series:
    """Global value by year, USD million."""
    return table.groupby("year")["value_usd_m"].sum()


def cagr(series: pd.Series, start: int, end: int) -> float:
    """Compound annual growth rate between two years of a yearly series."""
    return float((series.loc[end] / series.loc[start]) ** (1 / (end - start)) - 1)
