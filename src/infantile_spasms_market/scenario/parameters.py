"""The whole parameter model of one scenario, validated as one object."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, model_validator

from ..constraints import number
from ..inputs.taxonomy import REGION_IDS
from .fields import Strict, _locate
from .sections import (
    Companies,
    Countries,
    Epidemiology,
    Growth,
    Market,
    Pricing,
    Regions,
    Scenario,
    Segments,
    Trends,
)
from .uncertainty import Uncertainty, _check_distribution_target, centre_distributions, moves_total, off_centre


class Parameters(Strict):
    """Every assumption of one scenario."""

    scenario: Scenario
    market: Market
    growth: Growth
    segments: Segments
    regions: Regions
    countries: Countries
    epidemiology: Epidemiology
    trends: Trends
    pricing: Pricing
    companies: Companies
    uncertainty: Uncertainty

    @model_validator(mode="before")
    @classmethod
    def _distributions_around_values(cls, data: Any) -> Any:
        """Each distribution centred on its parameter's value in this scenario (:func:`.uncertainty.centre_distributions`)."""
        return centre_distributions(cls, data) if isinstance(data, dict) else data

    @model_validator(mode="after")
    def _distributions_match_parameters(self) -> Parameters:
        """Each distribution names an existing parameter and stays inside its allowed range."""
        problems = []
        for path, dist in self.uncertainty.distributions.items():
            problem = _check_distribution_target(self, path, dist)
            if problem is None and moves_total(path, self):
                problem = off_centre(path, dist, self.value_at(path))
            if problem:
                problems.append(f"uncertainty.distributions.{path}: {problem}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @model_validator(mode="after")
    def _someone_treated_where_the_bottom_up_market_counts(self) -> Parameters:
        """A level or regional split sized bottom-up needs a treated infant somewhere (else 0, or a split of 0/0)."""
        choices = {"level": "report", "regional_split": "assumed"}
        used = [name for name in choices if getattr(self.market, name) == "bottom_up"]
        diagnosed, treated = self.epidemiology.diagnosed_share.model_dump(), self.epidemiology.treated_share.model_dump()
        if not used or any(diagnosed[r] * treated[r] > 0 for r in REGION_IDS):
            return self
        rates = ", ".join(f"{r} {number(diagnosed[r])} x {number(treated[r])}" for r in REGION_IDS)
        other = " and ".join(f"market.{name}: {choices[name]}" for name in used)
        raise ValueError(
            f"{' and '.join(f'market.{name}' for name in used)} {'is' if len(used) == 1 else 'are'} bottom_up, but no infant "
            f"is treated: epidemiology.diagnosed_share x epidemiology.treated_share is 0 in every region ({rates}); the "
            f"bottom-up market needs a region whose diagnosed and treated shares are both above 0 (or {other})")

    def value_at(self, path: str) -> Any:
        """The value at a dotted path, e.g. ``growth.diagnosis`` (a section comes back as a dict)."""
        node = _locate(self, path)[2]
        return node.model_dump() if isinstance(node, BaseModel) else node

    @property
    def growth_rate(self) -> float:
        """The scenario's yearly growth rate from the report's first growth year on: the sum of the growth components."""
        return sum(self.growth.model_dump().values())

    def resolved(self) -> dict[str, Any]:
        """Plain JSON-ready dict of every value (what the run manifest and the cache key record)."""
        return self.model_dump(mode="json")
