"""The sections of the parameter model: every assumption of a scenario, with unit, range, rationale and source."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from .fields import (
    AssumedCourseCost,
    CountryBirthsCoverage,
    CountryPriceIndex,
    CourseLength,
    DrugGrowth,
    DrugLiquidShare,
    DrugMixByRegion,
    RegionBirths,
    RegionGrowth,
    RegionRates,
    RegionShares,
    Strict,
    param,
)


class Scenario(Strict):
    """Which scenario this is, and why it exists."""

    name: str = param(
        description="Short id of the scenario, used in output folders and figure citations",
        unit="slug",
        rationale="Stable identifier",
        pattern=r"^[a-z][a-z0-9_-]{0,39}$",
    )
    title: str = param(description="Title shown on every page", unit="text", rationale="Reader orientation", min_length=3)
    rationale: str = param(
        description="Why this scenario is worth reading", unit="text", rationale="Every scenario says why", min_length=10
    )


class Market(Strict):
    """How the report's headline total is turned into a yearly series."""

    reconciliation: Literal["bridge_2025", "cagr_from_2024", "constant_cagr_2024_2030"] = param(
        description="How to resolve the report's inconsistent 2024 value, 2030 value and 2025-2030 CAGR",
        unit="choice",
        rationale=(
            "146.34 x 1.0367^6 = 181.67, not 181.94. bridge_2025 keeps all three published figures "
            "and lets 2025 absorb the gap (growth of about 3.8 % in 2025); cagr_from_2024 keeps 2024 "
            "and the CAGR; constant_cagr_2024_2030 keeps both end points with one growth rate."
        ),
        source="techsci-2025",
    )
    end_year: int = param(
        description="Last year of the forecast", unit="year", rationale="The report forecasts to 2030", ge=2030, le=2040
    )


class Growth(Strict):
    """The 2025-2030 annual growth of the total, attributed to the report's drivers and challenges.

    The components add up to the CAGR; the base values add up to the report's 3.67 %.
    """

    diagnosis: float = param(
        description="Growth from more cases diagnosed and treated (EEG, MRI, genetic testing, telemedicine)",
        unit="fraction per year",
        rationale="Report driver 1 (advances in diagnostic techniques); the largest volume effect in mature markets",
        ge=-0.2,
        le=0.2,
    )
    innovation: float = param(
        description="Growth from new formulations and therapies (price and mix)",
        unit="fraction per year",
        rationale="Report driver 2 (innovative therapeutic approaches): ready-to-use vigabatrin, ACTH injectors",
        ge=-0.2,
        le=0.2,
    )
    prevalence: float = param(
        description="Growth from more incident cases (births x incidence, recognised risk factors)",
        unit="fraction per year",
        rationale="Report driver 3 (increasing prevalence); falling birth numbers in most markets keep it small",
        ge=-0.2,
        le=0.2,
    )
    access: float = param(
        description="Growth from wider access in emerging markets (specialist centres, reimbursement)",
        unit="fraction per year",
        rationale="Report overview: access to paediatric neurology centres and infrastructure",
        ge=-0.2,
        le=0.2,
    )
    price_erosion: float = param(
        description="Change in value from generic competition and price pressure (usually negative)",
        unit="fraction per year",
        rationale="Report challenge: cost of treatment; generic vigabatrin (2019) and a second ACTH gel (2021)",
        ge=-0.2,
        le=0.2,
    )


class Segments(Strict):
    """How each region's value splits by drug and dosage, and how the split moves."""

    drug_mix_2024: DrugMixByRegion = param(
        description="Value share of each drug group within each region, 2024",
        unit="share of region value",
        rationale=(
            "The report names ACTH the dominant drug type in 2024. In the US a 14-day ACTH course costs about "
            "25 times a vigabatrin course (AWP 2020), so ACTH dominates value even where it is used in a "
            "minority of first-line cases; elsewhere ACTH (or tetracosactide) is cheaper and less dominant."
        ),
        source="techsci-2025; marketscan-iess",
    )
    drug_growth_differential: DrugGrowth = param(
        description="Yearly growth of each drug group relative to its region's market",
        unit="fraction per year",
        rationale=(
            "The report names anticonvulsants the fastest-growing class; ACTH's share of first-line use fell "
            "from 78 % (2006) to 18 % (2020) in US claims data."
        ),
        source="techsci-2025; marketscan-iess",
    )
    liquid_share: DrugLiquidShare = param(
        description="Share of each drug group's value in liquid forms (injectables, oral solutions, powders for solution)",
        unit="share",
        rationale=(
            "ACTH is injected; vigabatrin for infants is given as powder for oral solution or ready-to-use "
            "solution (Vigafyde); tablets are the solid forms. The report names Liquid the dominant dosage."
        ),
        source="techsci-2025",
    )


class Regions(Strict):
    """How the global total splits by region and how the split moves."""

    share_2024: RegionShares = param(
        description="Share of the global value by region, 2024",
        unit="share of global value",
        rationale="The report names North America the largest market; US prices for ACTH drive its lead",
        source="techsci-2025",
    )
    growth_differential: RegionGrowth = param(
        description="Yearly growth of each region relative to the global market",
        unit="fraction per year",
        rationale="Emerging markets grow from a low base as access improves; North America slows with generics",
    )


class Countries(Strict):
    """How each region's value splits by country (through the bottom-up model's weights)."""

    price_index: CountryPriceIndex = param(
        description="Spend per treated case relative to the United States",
        unit="ratio (United States = 1)",
        rationale=(
            "Unverified assumption: drug prices and reimbursement relative to the US, proxied by health "
            "spending per head; ACTH list prices outside the US are a small fraction of the US price."
        ),
    )
    births_coverage_factor: CountryBirthsCoverage = param(
        description="Multiplier from the births the data file covers to the whole country",
        unit="ratio",
        rationale=(
            "Some sources cover part of a country (England and Wales only; Saudi mothers only): the factor "
            "scales them to the country. Unverified where not 1."
        ),
    )
    rest_of_region_births: RegionBirths = param(
        description="Live births per year in the countries of each region the report does not name",
        unit="live births per year",
        rationale="Unverified assumption: order of magnitude from UN World Population Prospects",
    )


class Epidemiology(Strict):
    """The bottom-up check: births x incidence x diagnosis x treatment x drug choice x cost per course."""

    incidence_per_1000: float = param(
        description="Incidence of infantile spasms per 1,000 live births",
        unit="cases per 1,000 live births",
        rationale="Pooled meta-analysis of 39 estimates; the report's 1 in 2,920 (0.34) sits inside the range",
        source="jia-2018",
        gt=0,
        le=2,
    )
    diagnosed_share: RegionRates = param(
        description="Share of incident cases that are diagnosed",
        unit="share of incident cases",
        rationale="Unverified assumption: high where EEG and paediatric neurologists are at hand (report challenge 1)",
    )
    treated_share: RegionRates = param(
        description="Share of diagnosed cases that receive drug treatment",
        unit="share of diagnosed cases",
        rationale="Unverified assumption: standard therapy is near universal once diagnosed in high-income systems",
    )
    courses_per_treated_patient: float = param(
        description="Treatment courses per treated patient (first line plus second line after non-response)",
        unit="courses per patient",
        rationale="About half of infants do not respond to first-line therapy by day 14 (UKISS, NISC)",
        source="lux-2004; knupp-2016",
        ge=1,
        le=5,
    )
    first_line_mix: DrugMixByRegion = param(
        description="Share of treatment courses by drug group within each region",
        unit="share of courses",
        rationale="US: ACTH 18 % of first-line courses in 2020 (MarketScan); elsewhere steroids and vigabatrin lead",
        source="marketscan-iess",
    )
    price_reference_year: int = param(
        description="Year of the US course prices (average wholesale price) used as the reference",
        unit="year",
        rationale="Latest year with prices for ACTH, vigabatrin and prednisolone in the same study",
        source="marketscan-iess",
        ge=2006,
        le=2030,
    )
    course_length_14d_units: CourseLength = param(
        description="Length of a full course in units of the 14-day course the price data quotes",
        unit="14-day units",
        rationale=(
            "ACTH: 2 weeks plus a 2-week taper at lower dose (1.5); vigabatrin is usually continued about "
            "6 months (13); oral prednisolone 2 weeks plus taper (2)."
        ),
    )
    assumed_course_cost_usd: AssumedCourseCost = param(
        description="US cost of a course for drug groups with no published price in the data",
        unit="USD per course",
        rationale="Unverified assumption: generic anticonvulsants for several months; low-cost adjuncts",
    )


class NovelTherapy(Strict):
    """A new therapy class (gene therapy, anti-inflammatory biologic) taken up along a logistic curve."""

    enabled: bool = param(
        description="Whether the scenario includes a novel therapy",
        unit="on/off",
        rationale="No gene therapy trial in infantile spasms was found on ClinicalTrials.gov: a scenario, not a forecast",
    )
    launch_year: int = param(description="First year of sales", unit="year", rationale="Earliest plausible approval", ge=2025, le=2045)
    peak_year: int = param(
        description="Year uptake reaches its peak share", unit="year", rationale="Orphan launches peak in 5-8 years", ge=2026, le=2060
    )
    eligible_share_of_treated: float = param(
        description="Share of treated patients eligible (e.g. a genetic cause identified)",
        unit="share of treated patients",
        rationale="Genetic cause found in 12.9 % of cases (Peng et al. 2022)",
        source="peng-2022",
        ge=0,
        le=1,
    )
    peak_uptake: float = param(
        description="Share of eligible patients treated at peak", unit="share", rationale="Typical orphan-drug peak", ge=0, le=1
    )
    price_per_patient_usd: float = param(
        description="Price per treated patient", unit="USD per patient", rationale="Orphan gene therapies list at 1-3 million USD", ge=0, le=10_000_000
    )
    cannibalisation: float = param(
        description="Share of the novel therapy's sales taken from established drugs",
        unit="share",
        rationale="A new first-line option replaces part of existing treatment spend",
        ge=0,
        le=1,
    )

    @model_validator(mode="after")
    def _years_in_order(self) -> NovelTherapy:
        if self.peak_year <= self.launch_year:
            raise ValueError(
                f"years out of order: peak_year ({self.peak_year}) must be after launch_year ({self.launch_year})"
            )
        return self


class Trends(Strict):
    """Scenario levers for the report's trends (gene therapies, neuroinflammation)."""

    novel_therapy: NovelTherapy
