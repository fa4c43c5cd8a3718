"""The market model: the top-down market table, the bottom-up check, the report's claims, Monte Carlo and sensitivity."""

from .bottomup import bottom_up_by_country, bottom_up_by_region
from .claims import check_claims
from .topdown import cagr, market_table, totals, view

__all__ = ["bottom_up_by_country", "bottom_up_by_region", "cagr", "check_claims", "market_table", "totals", "view"]
