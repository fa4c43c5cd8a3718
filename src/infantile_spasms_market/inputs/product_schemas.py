"""Row models of the product tables: products by market, their prices, exchange rates, companies and reported revenue."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator

from .fields import Locator, Money, Positive, Text, Year, _Row

DRUG_GROUPS = ("acth", "vigabatrin", "oral_steroids", "other_anticonvulsants", "others")
"""The model's established drug groups, as products.csv names them."""


def _iso_or_empty(value: Any) -> Any:
    if isinstance(value, str) and value.strip() and len(value.strip()) != 10:
        raise ValueError("must be an ISO date YYYY-MM-DD or empty")
    return value or None


def _precision_with_date(value: Optional[str], info: ValidationInfo, date_field: str) -> Optional[str]:
    if (info.data.get(date_field) is None) != (value is None):
        raise ValueError(f"must be given exactly when {date_field} is")
    return value


class ProductRow(_Row):
    """One row of products.csv: a product in one market."""

    product_id: Text
    brand: Text
    molecule: Text
    drug_group: Literal[DRUG_GROUPS]  # type: ignore[valid-type]
    form: Text
    dosage: Literal["Liquid", "Solid"]
    market: Text
    company: Text
    company_id: Text
    countries: Optional[str] = None
    date: Optional[dt.date] = None
    date_precision: Optional[Literal["day", "month", "year"]] = None
    date_kind: Text
    labelled_for_infantile_spasms: Literal["yes", "no", "not confirmed"]
    source_id: Text
    locator: Locator
    note: Optional[str] = None

    _date = field_validator("date", mode="before")(classmethod(lambda cls, v: _iso_or_empty(v)))

    @field_validator("date_precision")
    @classmethod
    def _with_date(cls, value: Optional[str], info: ValidationInfo) -> Optional[str]:
        return _precision_with_date(value, info, "date")


class PriceRow(_Row):
    """One row of prices.csv: the price of one pack of a product in one market."""

    product_id: Text
    pack: Text
    pack_quantity: Positive
    pack_unit: Literal["mg", "U"]
    market: Text
    currency: Text
    price_local: Positive
    price_type: Text
    price_date: Optional[dt.date] = None
    date_precision: Optional[Literal["day", "month", "year"]] = None
    fx_year: Optional[Year] = None
    price_usd: Positive
    source_id: Text
    locator: Locator
    note: Optional[str] = None

    _date = field_validator("price_date", mode="before")(classmethod(lambda cls, v: _iso_or_empty(v)))

    @field_validator("date_precision")
    @classmethod
    def _with_date(cls, value: Optional[str], info: ValidationInfo) -> Optional[str]:
        return _precision_with_date(value, info, "price_date")


class ExchangeRateRow(_Row):
    """One row of exchange_rates.csv."""

    currency: Text
    year: Year
    units_per_usd: Positive
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class PriceLevelRow(_Row):
    """One row of price_levels.csv: a country's (or a World Bank region's) price level, United States = 100."""

    area_id: Text
    area: Text
    iso3: Text
    year: Year
    measure: Text
    price_level_us_100: Positive
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class CompanyRow(_Row):
    """One row of companies.csv."""

    company_id: Text
    company: Text
    headquarters: Optional[str] = None
    key_player: Literal["yes", "no"]
    other_anticonvulsants: Optional[str] = None
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class CompanyRevenueRow(_Row):
    """One row of company_revenue.csv: a product's revenue in one year or quarter, in the currency reported."""

    company_id: Text
    product: Text
    market: Text
    period: Literal["year", "fiscal year to 30 Sep", "Q1", "Q2", "Q3", "Q4"]
    year: Year
    revenue_m: Money
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    measure: Text
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class CitedMarketSalesRow(_Row):
    """One row of cited_market_sales.csv: a whole product market's sales as a maker quotes them (all indications)."""

    product_scope: Text
    drug_group: Literal[DRUG_GROUPS]  # type: ignore[valid-type]
    market: Text
    period_end: Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")]
    months: Annotated[int, Field(ge=1, le=24)]
    value_usd_m: Positive
    data_owner: Text
    cited_by: Text
    covers: Text
    source_id: Text
    locator: Locator
    note: Optional[str] = None
