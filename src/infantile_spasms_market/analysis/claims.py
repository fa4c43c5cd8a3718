"""The report's claims as the book tables them: in one scenario, across the scenario files, and across Monte Carlo draws.

The claims are judged by :mod:`..model.claims` (one definition of "largest" and "fastest"); this
module only words and counts the results, for the summary, segments, regions, scenarios and
uncertainty chapters.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import labels
from ..inputs.headline import Headline
from .scenarios import scenario_names
from .wording import join_names


HOLDS = {True: "holds", False: "breaks"}
CLAIM = "Claim of the report"  # the index name of the tables with one row per claim


# --------------------------------------------------------------------------- one scenario
def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """A :func:`..model.claims.claims_frame` with the book's column names and ``yes``/``no`` for whether each holds."""
    return pd.DataFrame({
        "The report says": claims["claim"],
        "Holds in this scenario": claims["holds"].map({True: "yes", False: "no"}),
        "What the model shows": claims["detail"],
    })


def claim_counts(claims: pd.DataFrame) -> dict[str, int]:
    """How many claims hold (``claims-held``) out of how many (``claims-total``), for glue."""
    return {"claims-held": int(claims["holds"].sum()), "claims-total": int(len(claims))}


def segment_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims about product segments: those whose ``segmentation`` is not the region."""
    return claims[claims["segmentation"] != "region"]


def region_claim(claims: pd.DataFrame) -> dict[str, str]:
    """The claim about the regions: ``claim-holds`` (``holds`` or ``does not hold``) and ``claim-detail``."""
    claim = claims[claims["segmentation"] == "region"].iloc[0]
    return {"claim-holds": "holds" if claim["holds"] else "does not hold", "claim-detail": str(claim["detail"])}


# --------------------------------------------------------------------------- the scenario files
def claim_columns(comparison: pd.DataFrame) -> list[str]:
    """The claim columns of a :func:`..analysis.scenarios.compare` table (boolean, named by the claim's text)."""
    return [c for c in comparison.columns if comparison[c].dtype == bool]


def by_scenario(comparison: pd.DataFrame) -> pd.DataFrame:
    """The report's claims (rows, indexed by ``Claim of the report``) in each scenario (columns): ``holds`` or ``breaks``."""
    return comparison[claim_columns(comparison)].T.replace(HOLDS).rename_axis(CLAIM).set_axis(scenario_names(comparison), axis=1)


def scenario_counts(comparison: pd.DataFrame) -> dict[str, int]:
    """``scn-n-all-hold`` (scenarios in which every claim holds), ``scn-n-scenarios`` and ``scn-n-claims`` of a scenario comparison."""
    claims = comparison[claim_columns(comparison)]
    return {"scn-n-all-hold": int(claims.all(axis=1).sum()), "scn-n-scenarios": len(comparison), "scn-n-claims": claims.shape[1]}


def breaking_sentence(comparison: pd.DataFrame) -> str:
    """Which scenario breaks which of the report's claims, in Markdown (or that none breaks any)."""
    names = claim_columns(comparison)
    details = []
    for _, row in comparison.iterrows():
        broken = [c for c in names if not row[c]]
        if broken:
            details.append(f"*{row['title']}* breaks " + join_names(f"\u201c{c}\u201d" for c in broken) + ".")
    return " ".join(details) if details else "No scenario breaks any of them."


# --------------------------------------------------------------------------- Monte Carlo draws
def in_draws(claims: pd.DataFrame) -> pd.DataFrame:
    """A run's ``claims`` for the page: the percent of draws in which each holds and ``holds``/``breaks`` in the scenario.

    Parameters
    ----------
    claims : DataFrame
        :attr:`..model.montecarlo.MonteCarloResult.claims`: ``claim``, ``probability``, ``holds_in_scenario``.

    Returns
    -------
    DataFrame
        Indexed by ``Claim of the report``: ``Draws in which it holds (%)``, ``In the scenario (no draws)``.
    """
    return pd.DataFrame({
        "Draws in which it holds (%)": 100 * claims["probability"].to_numpy(),
        "In the scenario (no draws)": claims["holds_in_scenario"].map(HOLDS).to_numpy(),
    }, index=pd.Index(claims["claim"], name=CLAIM))


def draw_counts(claims: pd.DataFrame) -> dict[str, int]:
    """``unc-claims-certain`` (claims that hold in every draw) and ``unc-claims-total`` of a run's ``claims``."""
    return {"unc-claims-certain": int((claims["probability"] == 1).sum()), "unc-claims-total": len(claims)}


def weakest_sentence(claims: pd.DataFrame) -> str:
    """The least secure of a run's ``claims`` and how often it holds, in words (or that no draw overturns any)."""
    if (claims["probability"] == 1).all():
        return "No draw overturns any of them."
    weakest = claims.sort_values("probability", kind="stable").iloc[0]
    return f"The least secure is \u201c{weakest['claim']}\u201d, which holds in {100 * float(weakest['probability']):.1f} % of the draws."


# --------------------------------------------------------------------------- where the report's headline figures disagree
# Where the report's headline figures leave one constant growth path (they need a step in the first growth year), and how each reconciliation joins them: the methodology chapter's table and the values it cites.

BRIDGE, FROM_BASE = "bridge_2025", "cagr_from_2024"  # reconciliations of ..model.calibration (names, not years)


def consistency_table(check: pd.DataFrame, headline: Headline) -> pd.DataFrame:
    """:func:`..model.calibration.consistency_check` with readable column names, indexed by ``Reconciliation``."""
    base, first, end = headline.key_years
    names = {
        f"value_{base}_usd_m": f"{base} (USD m)", f"value_{first}_usd_m": f"{first} (USD m)",
        f"value_{end}_usd_m": f"{end} (USD m)", f"growth_{first}_pct": f"Growth {first} (%)",
        f"cagr_{first}_{end}_pct": f"CAGR {first}-{end} (%)", f"cagr_{base}_{end}_pct": f"CAGR {base}-{end} (%)",
    }
    return check.set_index("reconciliation").rename(columns=names, index=labels.name).rename_axis("Reconciliation")


def consistency_values(check: pd.DataFrame, headline: Headline) -> dict[str, Any]:
    """The report's three figures, and what growing the base value or bridging the first growth year gives.

    Returns
    -------
    dict
        ``met-rep-2024``, ``met-rep-2030`` (USD m) and ``met-rep-cagr`` (%); ``met-naive-2030`` (the
        base value grown at the stated rate to the end year); ``met-bridge-2025`` and
        ``met-bridge-growth`` (the first growth year's value and growth that the bridge implies).
    """
    _, first, end = headline.key_years
    rows = check.set_index("reconciliation")
    return {
        "met-rep-2024": headline.base_value_usd_m,
        "met-rep-2030": headline.end_value_usd_m,
        "met-rep-cagr": 100 * headline.cagr,
        "met-naive-2030": float(rows.loc[FROM_BASE, f"value_{end}_usd_m"]),
        "met-bridge-2025": float(rows.loc[BRIDGE, f"value_{first}_usd_m"]),
        "met-bridge-growth": float(rows.loc[BRIDGE, f"growth_{first}_pct"]),
    }
