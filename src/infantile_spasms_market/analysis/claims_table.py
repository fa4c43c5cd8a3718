"""The report's claims as the book tables them: the claim, whether it holds, and what the model shows."""

from __future__ import annotations

import pandas as pd


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
    """The claims about product segments (those not about a region)."""
    return claims[~claims["claim"].str.contains("region", case=False)]


def region_claim(claims: pd.DataFrame) -> dict[str, str]:
    """The claim about the largest region: ``claim-holds`` (``holds`` or ``does not hold``) and ``claim-detail``."""
    claim = claims[claims["claim"].str.contains("region")].iloc[0]
    return {"claim-holds": "holds" if claim["holds"] else "does not hold", "claim-detail": str(claim["detail"])}
