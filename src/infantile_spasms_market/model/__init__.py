"""The market model: the top-down market table, the bottom-up check, the report's claims, Monte Carlo and sensitivity.

One vectorised implementation: arrays carry a leading axis of parameter draws, and a scenario is
the case of one draw.
"""

from .bottomup import bottom_up_by_country, bottom_up_by_region
from .claims import check_claims
from .topdown import market_table
from .views import cagr, totals, view

__all__ = ["bottom_up_by_country", "bottom_up_by_region", "cagr", "check_claims", "market_table", "totals", "view"]
