"""The top-down market model: one long table, year x region x country x drug x dosage, in USD million.

The arithmetic lives in :func:`evaluate`, which works on arrays with a leading axis of parameter
draws, so one scenario (one draw) and a Monte Carlo run share the same code. Every view in the
book is a group-by of :func:`market_table`, so views agree by construction.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..inputs.headline import Headline
from ..inputs.taxonomy import (
    COUNTRIES,
    COUNTRY_REGION,
    DOSAGES,
    DRUG_IDS,
    DRUGS,
    REGION_IDS,
    REGIONS,
)
from ..scenario.parameters import Parameters
from .arrays import MarketInputs, scenario_draw
from .bottomup import BottomUp
from .calibration import total_trajectory
from ..remembered import remembered


def _shifted_shares(share_2024: np.ndarray, growth: np.ndarray, elapsed: np.ndarray) -> np.ndarray:
    """Shares moved by relative growth and renormalised: share x (1 + g)^t / sum (last axis)."""
    weights = share_2024 * (1 + growth) ** elapsed
    return weights / weights.sum(axis=-1, keepdims=True)


def evaluate(inputs: MarketInputs, headline: Headline, reconciliation: str) -> np.ndarray:
    """Value by draw, year, region and drug (n, Y, R, D+1) in USD million; last drug is novel therapies."""
    elapsed = (inputs.years - headline.base_year).astype(float)
    total = total_trajectory(headline, reconciliation, inputs.cagr, inputs.years)  # (n, Y)
    if inputs.level is not None:  # the book's own level (market.level: bottom_up) scales the report's path
        total = total * inputs.level[:, None]
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


def country_weights(model: BottomUp) -> np.ndarray:
    """Each country's share of its region by draw (n, C), from the bottom-up value (a region with none splits by births)."""
    position = [REGION_IDS.index(COUNTRY_REGION[c]) for c in model.country_ids]
    value_of_region = model.by_region(model.value_usd_m)[:, position]
    births_of_region = model.by_region(model.births)[:, position]
    by_births = np.divide(model.births, births_of_region, out=np.zeros_like(model.births), where=births_of_region > 0)
    by_value = np.divide(model.value_usd_m, value_of_region, out=np.zeros_like(model.value_usd_m), where=value_of_region > 0)
    return np.where(value_of_region > 0, by_value, by_births)


def _rake(seed: np.ndarray, rows: np.ndarray, columns: np.ndarray, iterations: int = 2000, tolerance: float = 1e-15) -> np.ndarray:
    """Iterative proportional fitting: ``seed`` (Y, C, D) scaled until its sums over D are ``rows`` (Y, C) and over C are
    ``columns`` (Y, D). A zero of the seed stays zero; the last step fits the columns, so they hold exactly."""
    fitted = seed.copy()
    for _ in range(iterations):
        have = fitted.sum(axis=2)
        fitted *= np.divide(rows, have, out=np.zeros_like(rows), where=have > 0)[..., None]
        have = fitted.sum(axis=1)
        fitted *= np.divide(columns, have, out=np.zeros_like(columns), where=have > 0)[:, None, :]
        if np.abs(fitted.sum(axis=2) - rows).max() <= tolerance * max(rows.max(), 1.0):
            break
    return fitted


def country_drug_values(values: np.ndarray, model: BottomUp, draw: int = 0) -> np.ndarray:
    """Each country's value of each drug by year (Y, C, D+1), from the region values ``values`` (Y, R, D+1) of one draw.

    A country keeps its share of its region (:func:`country_weights`) and a region keeps its value of each drug; within
    those two margins the established drugs are split as the bottom-up values of the base year split them (country x drug,
    raked to both margins), so a country follows its own drug mix where the scenario gives one
    (``epidemiology.first_line_mix_by_country``): a drug it does not use gets none of its region's value of that drug.
    Novel therapies split by the country's share. A country, or a drug, with no bottom-up value takes the region's mix,
    or the countries' shares; a region whose countries' mixes cannot carry its drug values (or whose values lie hundreds
    of orders of magnitude apart, as random scenarios draw) keeps the split by shares alone, which holds both totals.
    """
    weights = country_weights(model)[draw]  # (C,)
    region_of = np.array([REGION_IDS.index(COUNTRY_REGION[c]) for c in model.country_ids])
    out = values[:, region_of, :] * weights[None, :, None]  # the independent split: the country's share of every drug
    established = values[:, :, :-1]  # (Y, R, D)
    seed_all = model.value_by_drug_usd_m[draw]  # (C, D) base year
    for region in range(len(REGION_IDS)):
        members = np.flatnonzero(region_of == region)
        targets = established[:, region, :]  # (Y, D)
        rows = weights[members][None, :] * targets.sum(axis=1, keepdims=True)  # (Y, C_r)
        seed = seed_all[members].copy()
        seed = seed / seed.max() if seed.max() > 0 else seed
        empty_row = seed.sum(axis=1) <= 0
        seed[empty_row] = targets[0] / targets[0].sum() if targets[0].sum() > 0 else 1.0
        empty_column = seed.sum(axis=0) <= 0
        seed[:, empty_column] = weights[members][:, None]
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            fitted = _rake(np.broadcast_to(seed, (len(targets),) + seed.shape).copy(), rows, targets)
        scale = max(float(targets.max()), 1e-300)
        if (np.isfinite(fitted).all() and np.allclose(fitted.sum(axis=2), rows, rtol=1e-9, atol=1e-12 * scale)
                and np.allclose(fitted.sum(axis=1), targets, rtol=1e-9, atol=1e-12 * scale)):
            out[:, members, :-1] = fitted  # else the mixes cannot carry the region's drug values: the split by shares
    return out


def market_table(params: Parameters, headline: Headline | None = None) -> pd.DataFrame:
    """The long market table of a scenario: one row per year x region x country x drug x dosage.

    Columns: ``year``, ``region``, ``country``, ``drug``, ``drug_type``, ``therapeutic_class``,
    ``dosage``, ``value_usd_m``. Labels are the report's wording (see :mod:`..inputs.taxonomy`).
    """
    headline = Headline.from_data() if headline is None else headline
    scenario = scenario_draw(params, headline)
    values = evaluate(scenario.inputs, headline, params.market.reconciliation)[0]  # (Y, R, D)
    countries = scenario.bottom_up.country_ids

    # (Y, C, D): region value spread over its countries and their drug mixes; then x2 for dosage.
    by_country = country_drug_values(values, scenario.bottom_up)
    liquid = scenario.liquid_share[0]
    dosage_split = np.stack([liquid, 1 - liquid], axis=-1)  # (D, 2)
    cube = by_country[..., None] * dosage_split[None, None, :, :]  # (Y, C, D, 2)

    index = pd.MultiIndex.from_product(
        [scenario.inputs.years, range(len(countries)), DRUG_IDS, tuple(DOSAGES.values())],
        names=["year", "country_pos", "drug", "dosage"],
    )
    table = pd.DataFrame({"value_usd_m": cube.reshape(-1)}, index=index).reset_index()
    table.insert(1, "region", np.array([REGIONS[COUNTRY_REGION[c]] for c in countries])[table["country_pos"]])
    table.insert(2, "country", np.array([COUNTRIES[c] for c in countries])[table["country_pos"]])
    table = table.drop(columns="country_pos")
    table.insert(4, "drug_type", table["drug"].map({d: DRUGS[d].drug_type for d in DRUG_IDS}))
    table.insert(5, "therapeutic_class", table["drug"].map({d: DRUGS[d].therapeutic_class for d in DRUG_IDS}))
    return table


market_table = remembered(market_table)  # kept between chapters and builds (not a decorator: mutmut skips decorated functions)
