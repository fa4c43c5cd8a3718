"""The whole parameter model of one scenario, validated as one object."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, model_validator

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
