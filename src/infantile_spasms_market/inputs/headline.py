"""The report's headline: its years, the figures the top-down model is calibrated to, and its claims.

Everything here comes from ``data/report_headline.yaml``: no module writes the report's years or
claims a second time. A claim is the report naming a segment as the leader of a segmentation; the
model judges each one (:mod:`..model.claims`) for a scenario or for every Monte Carlo draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from .reading import load_record
from .taxonomy import REPORT_SEGMENT_NAMES, SEGMENTATIONS

ClaimKind = Literal["largest_in_base_year", "largest_every_year", "fastest_growing"]


@dataclass(frozen=True)
class Claim:
    """The report naming ``segment`` the leader of ``segmentation`` (a column of the market table)."""

    kind: ClaimKind
    segmentation: str
    segment: str
    years: tuple[int, int]  # the year it holds in (twice), or the growth period

    @property
    def text(self) -> str:
        """The claim in words, e.g. ``Liquid is the largest dosage in 2024``."""
        noun = SEGMENTATIONS[self.segmentation].lower()
        if self.kind == "largest_in_base_year":
            return f"{self.segment} is the largest {noun} in {self.years[0]}"
        if self.kind == "largest_every_year":
            return f"{self.segment} is the largest {noun} in every year"
        return f"{self.segment} is the fastest-growing {noun} ({self.years[0]}-{self.years[1]})"


@dataclass(frozen=True)
class Headline:
    """The report's published figures, the years they refer to, and its claims."""

    base_year: int
    end_year: int  # last year of the report's forecast
    cagr_period: tuple[int, int]
    base_value_usd_m: float
    end_value_usd_m: float
    cagr: float  # over cagr_period, a fraction
    claims: tuple[Claim, ...] = ()
    named_countries: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the report's, by region name

    @property
    def first_growth_year(self) -> int:
        """The first year of the stated growth rate (the year after the base year in this report)."""
        return self.cagr_period[0]

    @property
    def report_countries(self) -> tuple[str, ...]:
        """The countries the report names, by name (the model sizes them and may size more)."""
        return tuple(c for countries in self.named_countries.values() for c in countries)

    @property
    def key_years(self) -> tuple[int, int, int]:
        """The base year, the first growth year and the forecast's last year: the years the book reports."""
        return (self.base_year, self.first_growth_year, self.end_year)

    def published_values(self) -> pd.Series:
        """The market values the report publishes, USD million, indexed by ``year``: its base year and its forecast's last year."""
        values = {self.base_year: self.base_value_usd_m, self.end_year: self.end_value_usd_m}
        return pd.Series(values, name="report_usd_m").rename_axis("year")

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Headline:
        """The headline of a validated ``report_headline`` record."""
        base, end = record["base_year"], record["forecast_period"][1]
        period = tuple(record["cagr_period"])
        named = lambda segment: REPORT_SEGMENT_NAMES.get(segment, segment)  # noqa: E731 - the book's label of the report's segment
        claims = [Claim("largest_in_base_year", by, named(segment), (base, base)) for by, segment in record["dominant_in_base_year"].items()]
        claims.append(Claim("largest_every_year", "region", record["largest_region"], (base, end)))
        fastest = record["fastest_growing_segment"]
        claims.append(Claim("fastest_growing", fastest["segmentation"], named(fastest["segment"]), period))
        return cls(
            base_year=base,
            end_year=end,
            cagr_period=period,
            base_value_usd_m=float(record["market_size_usd_m"][base]),
            end_value_usd_m=float(record["market_size_usd_m"][end]),
            cagr=float(record["cagr_pct"]) / 100,
            claims=tuple(claims),
            named_countries={region: tuple(countries) for region, countries in record["segments"]["regions"].items()},
        )

    @classmethod
    def from_data(cls) -> Headline:
        """The headline of ``data/report_headline.yaml``."""
        return cls.from_record(load_record("report_headline"))
