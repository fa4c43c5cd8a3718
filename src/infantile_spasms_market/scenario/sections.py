"""The sections of the parameter model: every assumption of a scenario, with unit, range, rationale and source."""

from __future__ import annotations

from typing import Literal

from .fields import (
    CountryBirthsCoverage,
    CountryLogError,
    CountryPriceIndex,
    DrugGrowth,
    DrugLiquidShare,
    DrugMixByRegion,
    RegionBirths,
    RegionGrowth,
    RegionShares,
    Strict,
    descriptor,
    param,
)


class Scenario(Strict):
    """Which scenario this is, and why it exists."""

    name: str = descriptor(
        description="Short id of the scenario, used in output folders and figure citations",
        pattern=r"^[a-z][a-z0-9_-]{0,39}$",
    )
    title: str = descriptor(description="Title shown on every page", min_length=3)
    rationale: str = descriptor(description="Why this scenario is worth reading", min_length=10)


class Market(Strict):
    """How the report's headline total is turned into a yearly series."""

    reconciliation: Literal["bridge_2025", "cagr_from_2024", "constant_cagr_2024_2030"] = param(
        label="Reconciliation of the report's figures",
        description="How to resolve the report's inconsistent 2024 value, 2030 value and 2025-2030 CAGR",
        unit="choice",
        rationale=(
            "A modelling choice. The report's 2024 value grown at its 3.67 % a year for six years gives "
            "181.67, not its published 181.94, so the three figures compound at one rate only if 2025 "
            "grows faster (about 3.8 %). A step in 2025 keeps all three published figures and lets 2025 "
            "take that step; the stated rate from 2024 keeps 2024 and the rate; one rate from 2024 to 2030 keeps both "
            "end points."
        ),
        basis="assumption",
    )
    level: Literal["report", "bottom_up"] = param(
        label="What sets the 2024 level",
        description="What sets the 2024 level of the market: the report's published value or the book's bottom-up estimate",
        unit="choice",
        rationale=(
            "A modelling choice. The report's value (the base case) keeps the report's 2024 value, so the market's size is "
            "the report's by construction; sized bottom-up, 2024 comes from births, incidence, diagnosis, treatment, "
            "courses and prices (the scenario of the book's own estimate) and keeps the report's growth "
            "path from there, so a Monte Carlo run draws the level too"
        ),
        basis="assumption",
    )
    regional_split: Literal["assumed", "bottom_up"] = param(
        label="What splits the 2024 total by region",
        description="What splits the 2024 total by region: the assumed shares or the bottom-up model's",
        unit="choice",
        rationale=(
            "A modelling choice. The assumed split (the base case) takes the regional shares for 2024, chosen to honour the "
            "report's claims; the bottom-up split takes each region's share of the bottom-up value in each draw (births, treatment and prices from "
            "evidence), so the split rests on the same evidence as the book's own level"
        ),
        basis="assumption",
    )
    end_year: int = param(
        label="Last year of the forecast",
        description="Last year of the forecast", unit="year", rationale="The last year of the report's forecast period",
        basis="derived", derived_from="data/report_headline.yaml (its forecast period)", sources=("techsci-2025",), ge=2030, le=2040,
    )


class Growth(Strict):
    """The 2025-2030 annual growth of the total, attributed to the report's drivers and challenges.

    The components add up to the CAGR; the base values add up to the report's 3.67 %.
    """

    diagnosis: float = param(
        label="Growth from diagnosis", title="Advances in diagnosis", phrase="better diagnosis",
        description="Growth from more cases diagnosed and treated (EEG, MRI, genetic testing, telemedicine)",
        unit="fraction per year",
        rationale=(
            "Report driver 1 (advances in diagnostic techniques). The report does not size it; this share of the "
            "report's growth rate is the book's attribution, with no published trend series behind it"
        ),
        basis="assumption",
        ge=-0.2,
        le=0.2,
    )
    innovation: float = param(
        label="Growth from innovation", title="Innovative therapies", phrase="new products",
        description="Growth from new formulations and therapies (price and mix)",
        unit="fraction per year",
        rationale=(
            "Report driver 2 (innovative therapeutic approaches). The one new product for infantile spasms in the "
            "data is a ready-to-use vigabatrin solution (2024); how much value it adds a year is not published"
        ),
        basis="assumption",
        ge=-0.2,
        le=0.2,
    )
    prevalence: float = param(
        label="Growth from prevalence", title="Increasing prevalence", phrase="more incident cases",
        description="Growth from more incident cases (births x incidence, recognised risk factors)",
        unit="fraction per year",
        rationale=(
            "Report driver 3 (increasing prevalence). Small: the national statistics behind the births data report "
            "fewer births in 2023 than in 2022 in most of the report's countries, and incidence estimates show no trend"
        ),
        basis="assumption",
        ge=-0.2,
        le=0.2,
    )
    access: float = param(
        label="Growth from access", title="Access in emerging markets", phrase="wider access",
        description="Growth from wider access in emerging markets (specialist centres, reimbursement)",
        unit="fraction per year",
        rationale=(
            "Report overview: access to paediatric neurology centres and infrastructure. No source quantifies how "
            "fast access widens; the value is what remains of the report's growth rate after the other components"
        ),
        basis="assumption",
        ge=-0.2,
        le=0.2,
    )
    price_erosion: float = param(
        label="Price erosion",
        description="Change in value from generic competition and price pressure (usually negative)",
        unit="fraction per year",
        rationale=(
            "Report challenge: cost of treatment. In the data, the generic vigabatrin powder for oral solution "
            "labelled for infantile spasms launched in 2018; the generic vigabatrin tablets (2019) and the second "
            "ACTH gel (2021) are not labelled for infantile spasms. The yearly effect on value is not published"
        ),
        basis="assumption",
        ge=-0.2,
        le=0.2,
    )


class Segments(Strict):
    """How each region's value splits by drug and dosage, and how the split moves."""

    drug_mix_2024: DrugMixByRegion = param(
        label="Drug mix by region, 2024",
        description="Value share of each drug group within each region, 2024",
        unit="share of region value",
        rationale=(
            "The report gives no split, only that ACTH was the largest drug type in 2024. North America's shares "
            "are the value shares the bottom-up model gives its first-line mix at the US reference courses (ACTH at "
            "Acthar Gel's list price; vigabatrin and oral steroids at Medicaid's 2016 spending per unit of Sabril and "
            "of generic prednisolone), so the two models agree there (a test checks it); oral steroids' share rounds "
            "to zero, their US course costing a small fraction of ACTH's. The other regions' shares are assumptions "
            "with ACTH less dominant, as pack prices and the "
            "calibrated price levels put ACTH at a fraction of the US price elsewhere."
        ),
        basis="assumption",
    )
    drug_growth_differential: DrugGrowth = param(
        label="Growth differential by drug",
        description=("Yearly growth of each drug group relative to its region's market: it moves value between drugs "
                     "and leaves the region's total as it is (price erosion lowers the total)"),
        unit="fraction per year",
        rationale=(
            "Signs chosen to honour the report's claim that anticonvulsants grow fastest and to follow a US "
            "centre's move from ACTH to oral drugs after ACTH's price rise of 2007 (Wray 2010); the rates "
            "themselves are assumptions."
        ),
        basis="assumption",
    )
    liquid_share: DrugLiquidShare = param(
        label="Liquid share by drug",
        description="Share of each drug group's value in liquid forms (injectables, oral solutions, powders for solution)",
        unit="share",
        rationale=(
            "ACTH is injected and vigabatrin for infants is a powder for oral solution or a ready-to-use "
            "solution; tablets are the solid forms. How each drug group's value splits between forms is "
            "assumed, chosen so that liquid forms lead as the report says."
        ),
        basis="assumption",
    )


class Regions(Strict):
    """How the global total splits by region and how the split moves."""

    share_2024: RegionShares = param(
        label="Regional shares, 2024",
        description="Share of the global value by region, 2024",
        unit="share of global value",
        rationale=(
            "The report gives no regional values, only that North America was the largest region in 2024; every "
            "share is an assumption chosen to honour that, with North America's lead set by the book's assumption "
            "that ACTH costs far more in the United States than elsewhere"
        ),
        basis="assumption",
    )
    growth_differential: RegionGrowth = param(
        label="Growth differential by region",
        description="Yearly growth of each region relative to the global market",
        unit="fraction per year",
        rationale=(
            "No source gives regional growth rates for this market. The differentials assume, as the report's "
            "overview suggests without figures, that emerging markets gain as access widens and North America "
            "loses a little to generic competition"
        ),
        basis="assumption",
    )


class Countries(Strict):
    """How each region's value splits by country (through the bottom-up model's weights)."""

    price_index: CountryPriceIndex = param(
        label="Health price level by country (US = 1)",
        description="Price level of health goods and services relative to the United States",
        unit="ratio (United States = 1)",
        rationale=(
            "The World Bank's ICP 2021 price level index for health, re-based to the United States (data/price_levels.csv); "
            "a \"rest of\" row takes its World Bank regions' (the geometric mean of two). Where a country has no pack price "
            "for a drug group, a course costs the US cost x the group's calibrated ratio outside the US x this level; with "
            "the slope on the level fixed at 1, this is all the calibration gives a country (a test checks the values). "
            "A user may override it"
        ),
        basis="derived",
        derived_from="data/price_levels.csv (ICP 2021, heading Health), divided by 100",
        sources=("icp-2021",),
    )
    price_level_error: CountryLogError = param(
        label="Calibration error of a country's price level (log)",
        description="How far a country's course costs lie from the calibrated price level (natural log)",
        unit="natural log of a ratio",
        rationale=(
            "Zero in a scenario: the calibration's central value. The Monte Carlo run draws it for every country with a "
            "drug group it does not price from packs, with the spread of the calibration's residuals (the pack-priced "
            "countries lie this far from the fit), so that the prediction interval's uncertainty reaches the draws"
        ),
        basis="derived",
        derived_from="the residuals of the price-level calibration (model/pricing.py)",
        sources=("icp-2021",),
    )
    births_coverage_factor: CountryBirthsCoverage = param(
        label="Births coverage factor",
        description="Multiplier from the births the data file covers to the whole country",
        unit="ratio",
        rationale=(
            "For a country whose data/births_by_part.csv rows add the parts its row of live births leaves out, all parts "
            "over the part it holds: the United Kingdom (Scotland and Northern Ireland; Northern Ireland's latest year "
            "is 2022), Japan (births to foreign nationals in 2023, an upper bound from the 2024 count) and Saudi Arabia "
            "(births to non-Saudi mothers, 2022; a Ministry of Health hospital count implies a factor up to 1.37). India: registered births over the 98.4 % registration coverage "
            "the Civil Registration System reports. Every other row covers the whole country, or counts a year's "
            "registrations as its births (Mexico, Brazil, Australia); South Africa's count of births registered in the "
            "same year is a lower bound left at 1."
        ),
        basis="derived",
        derived_from="data/births_by_part.csv (United Kingdom, Japan, Saudi Arabia); the CRS registration coverage (India); 1 elsewhere",
        sources=("ons-2024", "nrs-2024", "nisra-2023", "nikkei-2025-foreign-births", "gastat-2023",
                 "malayalamnews-2023-saudi-births", "orgi-crs-2023"),
    )
    rest_of_region_births: RegionBirths = param(
        label="Births in the rest of each region",
        description="Live births per year in the countries of each region the report does not name",
        unit="live births per year",
        rationale="Unverified assumption: orders of magnitude in line with UN World Population Prospects, not checked against its figures",
        basis="assumption",
    )


from .bottomup_sections import Epidemiology, NovelTherapy, Trends  # noqa: E402  (re-exported: one place lists every section)
from .company_sections import Companies, Pricing  # noqa: E402

__all__ = [
    "Scenario", "Market", "Growth", "Segments", "Regions", "Countries", "Epidemiology", "NovelTherapy", "Trends",
    "Pricing", "Companies",
]

