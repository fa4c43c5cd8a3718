"""Company shares: each country's value of each drug group split across the companies that sell it there.

A named country uses its own split (companies.country_share_of_group) for the groups it lists, and its
region's split (companies.share_of_group) otherwise; the "rest of" rows use the region's. A novel
therapy's value goes to 'unidentified' (no maker exists). The ranges draw a Dirichlet of
``companies.share_concentration`` around each region's value-weighted split, on top of the market's own
Monte Carlo draws.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..inputs.taxonomy import COUNTRIES, COUNTRY_REGION, DRUG_IDS, ESTABLISHED_DRUG_IDS, REGION_IDS
from ..scenario.company_sections import UNIDENTIFIED
from ..scenario.parameters import Parameters
from .montecarlo import MonteCarloResult
from .sampling import stream

NOVEL = "novel_therapies"
COUNTRY_IDS: tuple[str, ...] = tuple(COUNTRIES)


def company_ids(params: Parameters) -> list[str]:
    """Every company id of the splits, in order of first mention (regions, then countries), 'unidentified' last."""
    seen: dict[str, None] = {}
    splits = params.companies
    for groups in [*splits.share_of_group.values(), *splits.country_share_of_group.values()]:
        for shares in groups.values():
            seen.update(dict.fromkeys(k for k in shares if k != UNIDENTIFIED))
    return [*seen, UNIDENTIFIED]


def _split(params: Parameters, country: str, drug: str) -> dict[str, float]:
    """The company split of ``drug`` in ``country``: its own where given, else its region's."""
    if drug == NOVEL:
        return {UNIDENTIFIED: 1.0}
    own = params.companies.country_share_of_group.get(country, {})
    return own.get(drug) or params.companies.share_of_group[COUNTRY_REGION[country]][drug]


def country_share_array(params: Parameters, companies: list[str] | None = None) -> np.ndarray:
    """The scenario's split as an array (C, D+1, K): country (taxonomy order), drug group (novel last), company."""
    companies = company_ids(params) if companies is None else companies
    result = np.zeros((len(COUNTRY_IDS), len(DRUG_IDS), len(companies)))
    for c, country in enumerate(COUNTRY_IDS):
        for d, drug in enumerate(DRUG_IDS):
            for company, share in _split(params, country, drug).items():
                result[c, d, companies.index(company)] = share
    return result


def _group_values(table: pd.DataFrame) -> pd.DataFrame:
    """The table's value by year, region, country and drug group (USD million), one row each."""
    return table.groupby(["year", "region", "country", "drug"], observed=True)["value_usd_m"].sum().reset_index()


def company_values(params: Parameters, table: pd.DataFrame) -> pd.DataFrame:
    """Value by year, region, country, drug group and company (USD million): the group's value x the country's split.

    Returns a long frame with ``year``, ``region``, ``country``, ``drug``, ``company_id``, ``value_usd_m``;
    the companies of a group add up to the group's value in every country, region and year.
    """
    companies = company_ids(params)
    shares = country_share_array(params, companies)
    groups = _group_values(table)
    country_pos = groups["country"].map({name: i for i, name in enumerate(COUNTRIES.values())}).to_numpy()
    drug_pos = groups["drug"].map({d: i for i, d in enumerate(DRUG_IDS)}).to_numpy()
    long = pd.DataFrame(shares[country_pos, drug_pos] * groups["value_usd_m"].to_numpy()[:, None], columns=companies)
    long = pd.concat([groups[["year", "region", "country", "drug"]], long], axis=1).melt(
        id_vars=["year", "region", "country", "drug"], var_name="company_id", value_name="value_usd_m")
    return long[long["value_usd_m"] > 0].reset_index(drop=True)


def company_shares(params: Parameters, table: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Each company's value and share (%) of the global market in ``years`` (columns ``value_<year>``, ``share_<year>``)."""
    values = company_values(params, table)
    pivot = values[values["year"].isin(years)].pivot_table(
        index="company_id", columns="year", values="value_usd_m", aggfunc="sum").reindex(company_ids(params)).fillna(0.0)
    totals = pivot.sum()
    frame = pd.DataFrame(index=pivot.index)
    for year in years:
        frame[f"value_{year}_usd_m"] = pivot[year]
        frame[f"share_{year}_pct"] = 100 * pivot[year] / totals[year]
    return frame


def share_array(params: Parameters, table: pd.DataFrame, year: int, companies: list[str] | None = None) -> np.ndarray:
    """Each region's split (R, D+1, K) in ``year``: its countries' splits weighted by their value of the group.

    A group worth nothing in a region takes the region's own split.
    """
    companies = company_ids(params) if companies is None else companies
    by_country = country_share_array(params, companies)
    groups = _group_values(table[table["year"] == year])
    weights = np.zeros((len(REGION_IDS), len(DRUG_IDS), len(COUNTRY_IDS)))
    country_pos = {name: i for i, name in enumerate(COUNTRIES.values())}
    region_of = {name: REGION_IDS.index(COUNTRY_REGION[c]) for c, name in COUNTRIES.items()}
    for row in groups.itertuples():
        weights[region_of[row.country], DRUG_IDS.index(row.drug), country_pos[row.country]] += row.value_usd_m
    totals = weights.sum(axis=2)
    present = totals > 0
    weights[present] /= totals[present][:, None]  # weights first, so that a tiny group's split does not underflow
    result = np.einsum("rdc,cdk->rdk", weights, by_country)
    for r, region in enumerate(REGION_IDS):
        for d, drug in enumerate(DRUG_IDS):
            if present[r, d]:
                result[r, d] /= result[r, d].sum()
            else:
                for company, share in _split(params, f"rest_of_{region}", drug).items():
                    result[r, d, companies.index(company)] = share
    return result


def drawn_splits(params: Parameters, table: pd.DataFrame, year: int, n: int, seed: int) -> np.ndarray:
    """``n`` draws of the regions' splits in ``year`` (n, R, D+1, K): a Dirichlet around each split with several companies."""
    centre = share_array(params, table, year)
    draws = np.broadcast_to(centre, (n, *centre.shape)).copy()
    alpha = params.companies.share_concentration
    for r, region in enumerate(REGION_IDS):
        for d, drug in enumerate(ESTABLISHED_DRUG_IDS):
            present = centre[r, d] > 0
            if present.sum() > 1:
                rng = stream(seed, f"companies.share_of_group.{region}.{drug}")
                draws[:, r, d, present] = rng.dirichlet(alpha * centre[r, d, present], size=n)
    return draws


def share_ranges(params: Parameters, mc: MonteCarloResult, table: pd.DataFrame, year: int,
                 percentiles=(5, 50, 95)) -> pd.DataFrame:
    """Percentiles of each company's share (%) of the global market in ``year`` over the Monte Carlo draws.

    Each draw combines the market's draw (``mc.values``) with a draw of the regions' splits (:func:`drawn_splits`),
    centred on the scenario's splits weighted by ``table``'s country values in ``year``.
    """
    splits = drawn_splits(params, table, year, mc.n, mc.seed)
    values = mc.values[:, list(mc.years).index(year)]  # (n, R, D+1)
    by_company = np.einsum("nrd,nrdk->nk", values, splits)
    shares = 100 * by_company / by_company.sum(axis=1, keepdims=True)
    out = np.percentile(shares, percentiles, axis=0).T
    return pd.DataFrame(out, index=pd.Index(company_ids(params), name="company_id"), columns=[f"P{p}" for p in percentiles])
