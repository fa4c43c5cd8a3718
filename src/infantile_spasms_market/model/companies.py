"""Company shares: each region's value of each drug group split across the companies that sell it (companies.share_of_group).

A novel therapy's value goes to 'unidentified' (no maker exists). The split is drawn around the
scenario's shares (a Dirichlet of ``companies.share_concentration``) for the ranges, on top of the
market's own Monte Carlo draws.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..inputs.taxonomy import DRUG_IDS, ESTABLISHED_DRUG_IDS, REGION_IDS, REGIONS
from ..scenario.company_sections import UNIDENTIFIED
from ..scenario.parameters import Parameters
from .montecarlo import MonteCarloResult
from .sampling import stream

NOVEL = "novel_therapies"


def company_ids(params: Parameters) -> list[str]:
    """Every company id of the split, in order of first mention, 'unidentified' last."""
    seen: dict[str, None] = {}
    for groups in params.companies.share_of_group.values():
        for shares in groups.values():
            seen.update(dict.fromkeys(k for k in shares if k != UNIDENTIFIED))
    return [*seen, UNIDENTIFIED]


def share_array(params: Parameters, companies: list[str] | None = None) -> np.ndarray:
    """The scenario's split as an array (R, D+1, K): region, drug group (novel therapies last), company."""
    companies = company_ids(params) if companies is None else companies
    split = params.companies.share_of_group
    result = np.zeros((len(REGION_IDS), len(DRUG_IDS), len(companies)))
    for r, region in enumerate(REGION_IDS):
        for d, drug in enumerate(DRUG_IDS):
            shares = split[region][drug] if drug != NOVEL else {UNIDENTIFIED: 1.0}
            for company, share in shares.items():
                result[r, d, companies.index(company)] = share
    return result


def company_values(params: Parameters, table: pd.DataFrame) -> pd.DataFrame:
    """Value by year, region, drug group and company (USD million): the market table's group value x the split.

    Returns a long frame with ``year``, ``region``, ``drug``, ``company_id``, ``value_usd_m``; the
    companies of a group add up to the group's value in every region and year.
    """
    companies = company_ids(params)
    shares = share_array(params, companies)
    groups = table.groupby(["year", "region", "drug"], observed=True)["value_usd_m"].sum().reset_index()
    region_pos = groups["region"].map({name: i for i, name in enumerate(REGIONS.values())}).to_numpy()
    drug_pos = groups["drug"].map({d: i for i, d in enumerate(DRUG_IDS)}).to_numpy()
    split = shares[region_pos, drug_pos]  # (rows, K)
    long = pd.DataFrame(split * groups["value_usd_m"].to_numpy()[:, None], columns=companies)
    long = pd.concat([groups[["year", "region", "drug"]], long], axis=1).melt(
        id_vars=["year", "region", "drug"], var_name="company_id", value_name="value_usd_m")
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


def drawn_splits(params: Parameters, n: int, seed: int) -> np.ndarray:
    """``n`` draws of the split (n, R, D+1, K): a Dirichlet around each split with several companies."""
    companies = company_ids(params)
    centre = share_array(params, companies)
    draws = np.broadcast_to(centre, (n, *centre.shape)).copy()
    alpha = params.companies.share_concentration
    for r, region in enumerate(REGION_IDS):
        for d, drug in enumerate(ESTABLISHED_DRUG_IDS):
            present = centre[r, d] > 0
            if present.sum() > 1:
                rng = stream(seed, f"companies.share_of_group.{region}.{drug}")
                draws[:, r, d, present] = rng.dirichlet(alpha * centre[r, d, present], size=n)
    return draws


def share_ranges(params: Parameters, mc: MonteCarloResult, year: int, percentiles=(5, 50, 95)) -> pd.DataFrame:
    """Percentiles of each company's share (%) of the global market in ``year`` over the Monte Carlo draws.

    Each draw combines the market's draw (``mc.values``) with a draw of the split (:func:`drawn_splits`).
    """
    splits = drawn_splits(params, mc.n, mc.seed)
    values = mc.values[:, list(mc.years).index(year)]  # (n, R, D+1)
    by_company = np.einsum("nrd,nrdk->nk", values, splits)
    shares = 100 * by_company / by_company.sum(axis=1, keepdims=True)
    table = np.percentile(shares, percentiles, axis=0).T
    return pd.DataFrame(table, index=pd.Index(company_ids(params), name="company_id"), columns=[f"P{p}" for p in percentiles])
