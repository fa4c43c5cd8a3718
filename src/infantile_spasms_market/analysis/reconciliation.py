"""The report's headline figures, which need a step in the first growth year: how each reconciliation joins them, as the book tables it."""

from __future__ import annotations

import pandas as pd

from ..inputs.headline import Headline
from ..model.calibration import consistency_check

BRIDGE = "bridge_2025"  # the reconciliation that keeps all three published figures (its name, not a year)


def reconciliation_table(headline: Headline, method: str) -> pd.DataFrame:
    """Each reconciliation's values and growth in the report's key years, and which one ``method`` uses.

    Columns ``Reconciliation`` (the method's name as code), the value in each key year (USD m),
    the growth in the first growth year, the CAGR over the growth period (percent) and ``Used here``.
    """
    base, first, end = headline.key_years
    check = consistency_check(headline)
    return pd.DataFrame({
        "Reconciliation": [f"`{m}`" for m in check["reconciliation"]],
        f"{base} (USD m)": check[f"value_{base}_usd_m"],
        f"{first} (USD m)": check[f"value_{first}_usd_m"],
        f"{end} (USD m)": check[f"value_{end}_usd_m"],
        f"Growth {first} (%)": check[f"growth_{first}_pct"],
        f"CAGR {first}-{end} (%)": check[f"cagr_{first}_{end}_pct"],
        "Used here": ["yes" if m == method else "" for m in check["reconciliation"]],
    })


def bridge_values(headline: Headline) -> dict[str, float]:
    """What keeping all three published figures implies for the first growth year, for glue.

    Keys ``bridge-<year>`` (the implied value, USD million) and ``bridge-growth-<year>`` (its
    growth over the base year, percent), ``<year>`` being the first growth year.
    """
    first = headline.first_growth_year
    row = consistency_check(headline).set_index("reconciliation").loc[BRIDGE]
    return {f"bridge-{first}": float(row[f"value_{first}_usd_m"]), f"bridge-growth-{first}": float(row[f"growth_{first}_pct"])}
