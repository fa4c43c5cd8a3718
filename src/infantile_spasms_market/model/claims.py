"""The report's claims, judged once: on a scenario's market table or on every Monte Carlo draw.

The claims come from the report's headline (:class:`..inputs.headline.Claim`). Each is judged by
:func:`judge` on segment values by draw, year and segment; a scenario is the case of one draw, so
the table and the Monte Carlo run share one definition of what "largest" and "fastest" mean.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..inputs.headline import Claim, Headline
from ..inputs.taxonomy import DOSAGES, DRUG_IDS, DRUGS, REGION_IDS, REGIONS
from .views import view


@dataclass(frozen=True)
class ClaimResult:
    """One claim of the report and whether the scenario honours it."""

    claim: str
    segmentation: str  # the column of the market table the claim is about (``region``, ``dosage``, ...)
    holds: bool
    detail: str


@dataclass(frozen=True)
class SegmentValues:
    """Values of one segmentation: ``values`` is (draws, years, segments), in USD million."""

    names: list[str]
    years: list[int]
    values: np.ndarray

    def at(self, year: int) -> np.ndarray:
        """(draws, segments) in ``year``."""
        return self.values[:, self.years.index(year)]


def judge(claim: Claim, segments: SegmentValues) -> tuple[np.ndarray, str]:
    """Whether ``claim`` holds in each draw (``(n,)`` bool) and what the first draw shows, in words.

    Ties go to the segment listed first, as :meth:`pandas.Series.idxmax` does. Growth is the
    compound annual growth over the claim's period, for segments with value at its start.
    """
    position = segments.names.index(claim.segment) if claim.segment in segments.names else -1
    if claim.kind == "largest_in_base_year":
        values = segments.at(claim.years[0])
        leader = np.argmax(values, axis=-1)
        share = values[0].max() / values[0].sum()
        return leader == position, f"largest: {segments.names[leader[0]]} ({share:.1%} of {claim.years[0]} value)"
    if claim.kind == "largest_every_year":
        leaders = np.argmax(segments.values, axis=-1)  # (n, Y)
        off_years = [year for year, lead in zip(segments.years, leaders[0]) if lead != position]
        detail = f"{claim.segment} leads in every year" if not off_years else f"another {_noun(claim)} leads in {off_years}"
        return (leaders == position).all(axis=1), detail
    start, end = claim.years
    first, last = segments.at(start), segments.at(end)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(first > 0, (last / np.where(first > 0, first, 1)) ** (1 / (end - start)) - 1, -np.inf)
    shown = sorted(((g, n) for g, n, f in zip(growth[0], segments.names, first[0]) if f > 0), key=lambda gn: -gn[0])
    return np.argmax(growth, axis=-1) == position, ", ".join(f"{name} {g:.2%}" for g, name in shown)


def _noun(claim: Claim) -> str:
    return "region" if claim.segmentation == "region" else "segment"


def segments_of_table(table: pd.DataFrame, segmentation: str) -> SegmentValues:
    """One segmentation of a market table, as a single draw."""
    frame = view(table, segmentation)
    return SegmentValues([str(c) for c in frame.columns], [int(y) for y in frame.index], frame.to_numpy()[None])


def segments_of_draws(values: np.ndarray, liquid_share: np.ndarray, years: np.ndarray, segmentation: str) -> SegmentValues:
    """One segmentation of the model's values by draw (n, Y, R, D) with the liquid share of each drug (n, D)."""
    years = [int(y) for y in years]
    if segmentation == "region":
        return SegmentValues([REGIONS[r] for r in REGION_IDS], years, values.sum(axis=-1))
    by_drug = values.sum(axis=2)  # (n, Y, D)
    if segmentation == "dosage":
        liquid = (by_drug * liquid_share[:, None, :]).sum(axis=-1)
        return SegmentValues(list(DOSAGES.values()), years, np.stack([liquid, by_drug.sum(axis=-1) - liquid], axis=-1))
    labels = [getattr(DRUGS[d], segmentation) for d in DRUG_IDS]
    names = list(dict.fromkeys(labels))
    grouped = np.stack([by_drug[..., [i for i, label in enumerate(labels) if label == name]].sum(axis=-1) for name in names], axis=-1)
    return SegmentValues(names, years, grouped)


def check_claims(table: pd.DataFrame, headline: Headline | None = None) -> list[ClaimResult]:
    """Judge each of the report's claims on a scenario's market table."""
    headline = Headline.from_data() if headline is None else headline
    results = []
    for claim in headline.claims:
        holds, detail = judge(claim, segments_of_table(table, claim.segmentation))
        results.append(ClaimResult(claim.text, claim.segmentation, bool(holds[0]), detail))
    return results


def claims_frame(table: pd.DataFrame, headline: Headline | None = None) -> pd.DataFrame:
    """:func:`check_claims` as a table for the book (columns ``claim``, ``segmentation``, ``holds``, ``detail``)."""
    return pd.DataFrame([vars(r) for r in check_claims(table, headline)], columns=["claim", "segmentation", "holds", "detail"])


def claim_holds(values: np.ndarray, liquid_share: np.ndarray, years: np.ndarray, headline: Headline) -> dict[str, np.ndarray]:
    """Whether each claim holds in each draw: ``{claim text: (n,) bool}``."""
    return {
        claim.text: judge(claim, segments_of_draws(values, liquid_share, years, claim.segmentation))[0]
        for claim in headline.claims
    }
