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

from .fields import (
    Count,
    Country,
    Locator,
    Pct,
    Positive,
    Region,
    Text,
    Year,
    _check_source_id,
)
from .taxonomy import REGION_OF_COUNTRY_NAME, REGIONS


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
    def _modelled(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        """The report's own list; the model must size every region and country it names (it may size more)."""
        if set(value) != set(REGIONS.values()):
            raise ValueError(f"must list the model's {len(REGIONS)} regions")
        misplaced = [c for r, countries in value.items() for c in countries if REGION_OF_COUNTRY_NAME.get(c) != r]
        if misplaced:
            raise ValueError(f"names countries the model does not size in that region: {', '.join(misplaced)}")
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
    locators: dict[str, Locator]
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


    @model_validator(mode="after")
    def _every_value_located(self) -> ReportHeadline:
        """A locator for every value: each field, or each field of a nested section (``epidemiology_quotes.incidence``)."""
        wanted = located_values(self)
        missing = [key for key in wanted if key not in self.locators]
        unknown = sorted(set(self.locators) - set(wanted))
        if missing:
            raise ValueError(f"locators: no locator for {', '.join(missing)} (say where in the source each value stands)")
        if unknown:
            raise ValueError(f"locators: {', '.join(unknown)} name no value of the record")
        return self


UNLOCATED = ("source_id", "locators", "note")
"""Fields of a record that are not figures from the source, so need no locator."""
LOCATED_PER_FIELD = ("epidemiology_quotes",)
"""Sections whose values stand in different places of the source: each of their fields has its own locator."""


def located_values(record: _Record) -> list[str]:
    """The keys a record's ``locators`` must hold: every field but :data:`UNLOCATED`; a nested section's fields dotted."""
    keys = []
    for name in type(record).model_fields:
        if name in UNLOCATED:
            continue
        value = getattr(record, name)
        if isinstance(value, _Record) and name in LOCATED_PER_FIELD:
            keys += [f"{name}.{inner}" for inner in type(value).model_fields]
        else:
            keys.append(name)
    return keys


_RECORD_MODELS: dict[str, type[_Record]] = {"report_headline": ReportHeadline}

RECORDS: tuple[str, ...] = tuple(_RECORD_MODELS)
"""Names of every YAML record in ``data/`` (without the ``.yaml`` suffix)."""
