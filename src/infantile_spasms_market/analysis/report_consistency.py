"""Where the report's headline figures leave one constant growth path (they need a step in the first growth year), and how each reconciliation joins them: the methodology chapter's table and the values it cites."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import labels
from ..inputs.headline import Headline

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
