"""One row model per CSV table in ``data/``: columns in file order, types, ranges and cross-column rules."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator

from .fields import (
    Count,
    Country,
    Drug,
    Locator,
    Money,
    Pct,
    Positive,
    Rate,
    Region,
    Text,
    Year,
    _Row,
)
from .taxonomy import REGION_OF_COUNTRY_NAME


# --------------------------------------------------------------------------- one model per table
class LiveBirthsRow(_Row):
    """One row of live_births.csv."""

    region: Region
    country: Country
    year: Year
    births: Count
    coverage: Text
    source_id: Text
    locator: Locator
    note: Optional[str] = None

    @field_validator("country")
    @classmethod
    def _country_in_region(cls, value: str, info: ValidationInfo) -> str:
        region = info.data.get("region")
        if region is not None and REGION_OF_COUNTRY_NAME[value] != region:
            raise ValueError(f"is in '{REGION_OF_COUNTRY_NAME[value]}', not in region '{region}'")
        return value


class BirthsByPartRow(_Row):
    """One row of births_by_part.csv: the parts of a country whose live_births row covers only one of them."""

    country: Country
    part: Text
    year: Year
    births: Count
    coverage: Text
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class IncidenceRow(_Row):
    """One row of incidence_estimates.csv."""

    estimate_id: Text
    setting: Text
    period: Text
    incidence_per_1000_low: Optional[Rate] = None
    incidence_per_1000_central: Optional[Rate] = None
    incidence_per_1000_high: Optional[Rate] = None
    published_as: Text
    kind: Literal["pooled", "regional", "review", "report"]
    source_id: Text
    locator: Locator
    note: Optional[str] = None

    @field_validator("incidence_per_1000_high")
    @classmethod
    def _ordered(cls, value: Optional[float], info: ValidationInfo) -> Optional[float]:
        low, central = info.data.get("incidence_per_1000_low"), info.data.get("incidence_per_1000_central")
        present = [v for v in (low, central, value) if v is not None]
        if not present:
            raise ValueError("must be given when low and central are empty (at least one value is required)")
        if present != sorted(present):
            raise ValueError("must satisfy low <= central <= high")
        return value


class EtiologyRow(_Row):
    """One row of etiology.csv."""

    cohort: Text
    category: Text
    share_pct: Pct
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class DiagnosticYieldRow(_Row):
    """One row of diagnostic_yield.csv."""

    test: Text
    yield_low_pct: Pct
    yield_high_pct: Pct
    source_id: Text
    locator: Locator
    note: Optional[str] = None

    @field_validator("yield_high_pct")
    @classmethod
    def _high_not_below_low(cls, value: float, info: ValidationInfo) -> float:
        low = info.data.get("yield_low_pct")
        if low is not None and value < low:
            raise ValueError(f"must be >= yield_low_pct ({low})")
        return value


class TreatmentResponseRow(_Row):
    """One row of treatment_response.csv."""

    study: Text
    treatment: Text
    outcome: Text
    response_pct: Pct
    n_patients: Optional[Count] = None
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class TimeToTreatmentRow(_Row):
    """One row of time_to_treatment.csv."""

    study: Text
    measure: Text
    value: Rate
    unit: Literal["days", "weeks", "months", "percent"]
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class AgeAtOnsetRow(_Row):
    """One row of age_at_onset.csv."""

    study: Text
    statistic: Text
    age_low_months: Positive
    age_high_months: Positive
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class CourseCostRow(_Row):
    """One row of course_costs.csv."""

    drug: Drug
    country: Country
    year: Optional[Year] = None
    cost_usd: Optional[Money] = None
    basis: Text
    currency_original: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    cost_original: Money
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class ActhPriceRow(_Row):
    """One row of acth_price_history.csv."""

    year: Year
    price_usd_per_vial: Money
    product: Text
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class DosingRow(_Row):
    """One row of dosing.csv."""

    drug: Drug
    parameter: Text
    value: Positive
    unit: Text
    source_id: Text
    locator: Locator
    note: Optional[str] = None


class PrevalentPopulationRow(_Row):
    """One row of prevalent_population.csv."""

    geography: Text
    year: Year
    measure: Text
    patients: Count
    source_id: Text
    locator: Locator
    note: Optional[str] = None


from .market_schemas import (  # noqa: E402
    EventRow,
    GeneTherapyPriceRow,
    KeyPlayerRow,
    OtherEstimateRow,
    PeerClaimRow,
    PipelineRow,
    ReportThemeRow,
)
from .product_schemas import (  # noqa: E402
    CitedMarketSalesRow,
    CompanyRevenueRow,
    CompanyRow,
    ExchangeRateRow,
    PriceLevelRow,
    PriceRow,
    ProductRow,
)

_MODELS: dict[str, type[_Row]] = {
    "live_births": LiveBirthsRow,
    "births_by_part": BirthsByPartRow,
    "incidence_estimates": IncidenceRow,
    "etiology": EtiologyRow,
    "diagnostic_yield": DiagnosticYieldRow,
    "age_at_onset": AgeAtOnsetRow,
    "time_to_treatment": TimeToTreatmentRow,
    "treatment_response": TreatmentResponseRow,
    "course_costs": CourseCostRow,
    "acth_price_history": ActhPriceRow,
    "dosing": DosingRow,
    "prevalent_population": PrevalentPopulationRow,
    "other_estimates": OtherEstimateRow,
    "key_players": KeyPlayerRow,
    "events": EventRow,
    "pipeline": PipelineRow,
    "gene_therapy_prices": GeneTherapyPriceRow,
    "report_themes": ReportThemeRow,
    "products": ProductRow,
    "prices": PriceRow,
    "exchange_rates": ExchangeRateRow,
    "price_levels": PriceLevelRow,
    "companies": CompanyRow,
    "company_revenue": CompanyRevenueRow,
    "cited_market_sales": CitedMarketSalesRow,
    "peer_claims": PeerClaimRow,
}

TABLES: tuple[str, ...] = tuple(_MODELS)
"""Names of every CSV table in ``data/`` (without the ``.csv`` suffix)."""
