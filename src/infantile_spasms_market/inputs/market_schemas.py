"""Row models of the market tables: dated events, the pipeline, key players, other publishers' estimates, the report's themes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator

from .fields import Locator, Money, Pct, Region, Text, Year, _Row


class EventRow(_Row):
    """One row of events.csv."""

    date: dt.date
    date_precision: Literal["day", "month", "year"]

    @field_validator("date", mode="before")
    @classmethod
    def _iso(cls, value: Any) -> Any:
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("must be an ISO date YYYY-MM-DD")
        return value

    @field_validator("date_precision")
    @classmethod
    def _first_of_period(cls, value: str, info: ValidationInfo) -> str:
        date = info.data.get("date")
        if date is not None and value == "month" and date.day != 1:
            raise ValueError("must be 'day' unless the date is the first of its month")
        if date is not None and value == "year" and (date.month, date.day) != (1, 1):
            raise ValueError("must be 'day' or 'month' unless the date is 1 January")
        return value
    event: Text
    kind: Literal["approval", "launch", "deal", "generic", "pipeline", "market"]
    drug: Text
    company: Text
    region: Optional[Region] = None
    concerns_infantile_spasms: Literal["yes", "no"]
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class PipelineRow(_Row):
    """One row of pipeline.csv."""

    candidate: Text
    sponsor: Optional[str] = None
    phase: Optional[str] = None
    status: Text
    trial_id: Optional[Annotated[str, Field(pattern=r"^NCT\d{8}$")]] = None
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class GeneTherapyPriceRow(_Row):
    """One row of gene_therapy_prices.csv."""

    product: Text
    indication: Text
    year: Year
    price_usd: Money
    basis: Text
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class KeyPlayerRow(_Row):
    """One row of key_players.csv."""

    company: Text
    headquarters_country: Text
    relevant_products: Optional[str] = None
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class PeerClaimRow(_Row):
    """One row of peer_claims.csv: a share of the market another publisher says some companies hold."""

    publisher: Text
    claim: Text
    companies: Text
    bound: Literal["over", "under", "about"]
    share_pct: Pct
    base_year: Year
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class OtherEstimateRow(_Row):
    """One row of other_estimates.csv."""

    publisher: Text
    base_year: Year
    base_value_usd_m: Money
    forecast_year: Optional[Year] = None
    forecast_value_usd_m: Optional[Money] = None
    cagr_pct: Optional[Pct] = None
    cagr_period: Optional[Annotated[str, Field(pattern=r"^\d{4}-\d{4}")]] = None
    status: Literal["estimate", "outlier"]
    note: Optional[str] = None
    source_id: Text
    locator: Locator


class ReportThemeRow(_Row):
    """One row of report_themes.csv."""

    section: Literal["driver", "challenge", "trend", "segment", "region"]
    theme: Text
    summary: Text
    source_id: Text
    locator: Locator
    note: Optional[str] = None
