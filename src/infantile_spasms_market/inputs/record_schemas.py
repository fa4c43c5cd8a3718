"""The YAML records in ``data/``: the report's headline, segmentation and quoted figures."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .fields import Count, Country, Pct, Positive, Region, Text, Year, _check_source_id
from .taxonomy import REPORT_REGIONS


# --------------------------------------------------------------------------- the YAML record
class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class _Segment(_Record):
    segmentation: Literal["therapeutic_class", "drug_type", "dosage", "region"]
    segment: Text


class _Segments(_Record):
    therapeutic_class: list[Text]
    drug_type: list[Text]
    dosage: list[Text]
    regions: dict[Region, list[Country]]

    @field_validator("regions")
    @classmethod
    def _as_report(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if {r: tuple(c) for r, c in value.items()} != REPORT_REGIONS:
            raise ValueError("must list the report's 5 regions with their 19 countries")
        return value


class _Incidence(_Record):
    live_births_per_case: Count
    setting: Text
    period: tuple[Year, Year]
    note: Optional[str] = None


class _EpidemiologyQuotes(_Record):
    incidence: _Incidence
    mri_abnormal_pct: tuple[Pct, Pct]
    genetic_cause_pct: Pct
    pgdm_neonatal_seizures_odds_ratio: Positive


class ReportHeadline(_Record):
    """The TechSci report's headline, as published."""

    source_id: Text
    title: Text
    base_year: Year
    forecast_period: tuple[Year, Year]
    market_size_usd_m: dict[Year, Positive]
    cagr_pct: Pct
    cagr_period: tuple[Year, Year]
    fastest_growing_segment: _Segment
    largest_region: Region
    dominant_in_base_year: dict[Literal["therapeutic_class", "drug_type", "dosage"], Text]
    segments: _Segments
    key_players: list[Text]
    epidemiology_quotes: _EpidemiologyQuotes
    note: Optional[str] = None

    @field_validator("source_id")
    @classmethod
    def _known_source(cls, value: str, info: ValidationInfo) -> str:
        return _check_source_id(value, info)

    @model_validator(mode="after")
    def _years_agree(self) -> ReportHeadline:
        """Sizes for the base year and the forecast's last year; the growth period inside the two."""
        first, last = self.forecast_period
        wanted = {self.base_year, last}
        if not wanted <= set(self.market_size_usd_m):
            raise ValueError(f"market_size_usd_m must give the base year and the last forecast year ({self.base_year}, {last})")
        start, end = self.cagr_period
        if not (self.base_year <= start < end <= last and self.base_year < first <= last):
            raise ValueError("years out of order: need base_year <= cagr_period start < end <= forecast end")
        return self


_RECORD_MODELS: dict[str, type[_Record]] = {"report_headline": ReportHeadline}

RECORDS: tuple[str, ...] = tuple(_RECORD_MODELS)
"""Names of every YAML record in ``data/`` (without the ``.yaml`` suffix)."""
