"""The report's claims, checked against any scenario's market table (which hold, which break)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..inputs.headline import Headline
from .topdown import cagr, total_trajectory, totals, view

FIRST, LAST = 2025, 2030


@dataclass(frozen=True)
class ClaimResult:
    """One claim of the report and whether the scenario honours it."""

    claim: str
    holds: bool
    detail: str


def _largest(table: pd.DataFrame, by: str, year: int) -> tuple[str, float]:
    row = view(table, by).loc[year]
    return str(row.idxmax()), float(row.max() / row.sum())


def check_claims(table: pd.DataFrame) -> list[ClaimResult]:
    """Check the report's segment and region claims on ``table``."""
    results = []
    leader, share = _largest(table, "drug_type", 2024)
    results.append(
        ClaimResult(
            "Adrenocorticotropic Hormone is the largest drug type in 2024",
            leader == "Adrenocorticotropic Hormone",
            f"largest: {leader} ({share:.1%} of 2024 value)",
        )
    )
    leader, share = _largest(table, "dosage", 2024)
    results.append(ClaimResult("Liquid is the largest dosage in 2024", leader == "Liquid", f"largest: {leader} ({share:.1%})"))

    regions = view(table, "region")
    leaders = regions.idxmax(axis=1)
    off_years = [int(y) for y, r in leaders.items() if r != "North America"]
    results.append(
        ClaimResult(
            "North America is the largest region in every year",
            not off_years,
            "North America leads in every year" if not off_years else f"another region leads in {off_years}",
        )
    )

    last = min(LAST, int(table["year"].max()))
    classes = view(table, "therapeutic_class")
    growth = {c: cagr(classes[c], FIRST, last) for c in classes.columns if classes[c].loc[FIRST] > 0}
    fastest = max(growth, key=growth.get)
    results.append(
        ClaimResult(
            f"Anticonvulsants is the fastest-growing therapeutic class ({FIRST}-{last})",
            fastest == "Anticonvulsants",
            ", ".join(f"{c} {g:.2%}" for c, g in sorted(growth.items(), key=lambda kv: -kv[1])),
        )
    )
    return results


def claims_frame(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`check_claims` as a table for the book."""
    return pd.DataFrame([vars(r) for r in check_claims(table)])


def consistency_check(headline: Headline) -> pd.DataFrame:
    """Where the report's headline figures contradict each other, and each reconciliation's result."""
    years = np.arange(2024, 2031)
    rows = []
    for method in ("bridge_2025", "cagr_from_2024", "constant_cagr_2024_2030"):
        path = pd.Series(total_trajectory(headline, method, np.array([headline.cagr_2025_2030]), years)[0], index=years)
        rows.append(
            {
                "reconciliation": method,
                "value_2024_usd_m": path[2024],
                "value_2025_usd_m": path[2025],
                "value_2030_usd_m": path[2030],
                "growth_2025_pct": 100 * (path[2025] / path[2024] - 1),
                "cagr_2025_2030_pct": 100 * cagr(path, 2025, 2030),
                "cagr_2024_2030_pct": 100 * cagr(path, 2024, 2030),
            }
        )
    return pd.DataFrame(rows)


def headline_totals(table: pd.DataFrame) -> dict[str, float]:
    """The headline numbers of a scenario (for glue and golden tests)."""
    series = totals(table)
    return {
        "value_2024_usd_m": float(series.loc[2024]),
        "value_2025_usd_m": float(series.loc[2025]),
        "value_2030_usd_m": float(series.loc[2030]),
        "cagr_2025_2030": cagr(series, 2025, 2030),
    }
