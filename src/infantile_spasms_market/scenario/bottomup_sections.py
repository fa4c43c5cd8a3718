"""The parameter sections of the bottom-up model and the trends: epidemiology, costs of a course, the novel therapy."""

from __future__ import annotations

from pydantic import field_validator, model_validator

from .fields import (
    MODELLED_COUNTRIES,
    AssumedCourseCost,
    CourseLength,
    DrugMixByRegion,
    DrugShares,
    RegionRates,
    Strict,
    param,
)


class Epidemiology(Strict):
    """The bottom-up check: births x incidence x diagnosis x treatment x drug choice x cost per course."""

    incidence_per_1000: float = param(
        label="Incidence per 1,000 live births",
        description="Incidence of infantile spasms per 1,000 live births",
        unit="cases per 1,000 live births",
        rationale=(
            "The pooled estimate of a meta-analysis of 39 incidence figures from 54 publications, applied to every "
            "country. The United States estimates in the data are higher (0.29 to 0.34 per 1,000), while the same "
            "meta-analysis found North America's incidence lower than Europe's; the triangulation chapter shows "
            "what a US-specific rate would change"
        ),
        basis="sourced",
        sources=("jia-2018",),
        gt=0,
        le=2,
    )
    diagnosed_share: RegionRates = param(
        label="Share of cases diagnosed",
        description="Share of incident cases that are diagnosed",
        unit="share of incident cases",
        rationale="Unverified assumption: high where EEG and paediatric neurologists are at hand (report challenge 1); no registry counts undiagnosed infants",
        basis="assumption",
    )
    treated_share: RegionRates = param(
        label="Share of diagnosed cases treated",
        description="Share of diagnosed cases that receive drug treatment",
        unit="share of diagnosed cases",
        rationale="Unverified assumption: most diagnosed infants receive a drug in high-income systems, fewer where access is limited; no source measures it",
        basis="assumption",
    )
    courses_per_treated_patient: float = param(
        label="Courses per treated patient",
        description="Treatment courses per treated patient (first line plus second line after non-response)",
        unit="courses per patient",
        rationale=(
            "One course plus a second for the infants whose first fails: in a US cohort 46 % of infants on standard "
            "therapy responded to the first treatment, so about half need another; further courses are not counted"
        ),
        basis="derived",
        derived_from="1 + the share without a sustained response to the first standard treatment (Knupp 2016), rounded",
        sources=("knupp-2016",),
        ge=1,
        le=5,
    )
    first_line_mix: DrugMixByRegion = param(
        label="First-line drug mix",
        description="Share of treatment courses by drug group within each region",
        unit="share of courses",
        rationale=(
            "North America's mix is the initial treatments of the National Infantile Spasms Consortium's US cohort "
            "(23 centres, 2012-2018): ACTH 190, oral steroids 95, vigabatrin 87 and non-standard therapy 51 infants, "
            "non-standard counted as other anticonvulsants (data/treatment_response.csv; a test checks it). Every "
            "other region's mix is an assumption with oral steroids and vigabatrin leading"
        ),
        basis="derived",
        derived_from="the arm sizes of Grinspan et al. 2021 in data/treatment_response.csv (North America); the rest assumed",
        sources=("grinspan-2021",),
    )
    first_line_mix_by_country: dict[str, DrugShares] = param(
        label="First-line drug mix of a country a source describes",
        description="Share of treatment courses by drug group in a country whose first-line practice a source describes",
        unit="share of courses",
        rationale=(
            "Brazil: the Brazilian experts' consensus says intramuscular ACTH is not available in Brazil and that oral "
            "prednisolone and vigabatrin are the usual first-line drugs; the book takes South America's mix and moves "
            "its ACTH share to oral steroids. UAE: the first-line treatments of a cohort in Abu Dhabi (2014-2019): "
            "prednisolone 15, other anti-seizure drugs 12, vigabatrin 5, no ACTH. Every other country takes its region's "
            "mix (the first-line drug mix by region); Saudi neurologists' stated preference for vigabatrin (a survey) is not a "
            "count of infants and is not used"
        ),
        basis="derived",
        derived_from="the region's mix without the drugs a source says are unavailable (Brazil); a cohort's first-line counts (UAE)",
        sources=("brazil-consensus-2023", "saleh-hassan-2022"),
    )
    course_length_14d_units: CourseLength = param(
        label="Course length (14-day units)",
        description="Length of a full course in units of 14 days (the full-dose weeks of the label and the UK trial)",
        unit="14-day units",
        rationale=(
            "ACTH: the label's 2 weeks at full dose plus a 2-week taper, the taper counted at half cost (1.5). "
            "Vigabatrin: assumed to be continued for about 6 months (13); no source for the duration is in the "
            "data. Oral prednisolone: 2 weeks plus a taper (2)."
        ),
        basis="assumption",
    )
    assumed_course_cost_usd: AssumedCourseCost = param(
        label="Assumed course cost (USD)",
        description="US cost of a course for drug groups with no published price in the data",
        unit="USD per course",
        rationale="Unverified assumption: generic anticonvulsants for several months; low-cost adjuncts",
        basis="assumption",
    )


    @field_validator("first_line_mix_by_country")
    @classmethod
    def _named_countries(cls, value: dict[str, DrugShares]) -> dict[str, DrugShares]:
        unknown = sorted(set(value) - set(MODELLED_COUNTRIES))
        if unknown:
            raise ValueError(f"{', '.join(unknown)} is not a country of the model ({', '.join(MODELLED_COUNTRIES)})")
        return value


class NovelTherapy(Strict):
    """A new therapy class (gene therapy, anti-inflammatory biologic) taken up along a logistic curve."""

    enabled: bool = param(
        label="Novel therapy included",
        description="Whether the scenario includes a novel therapy",
        unit="on/off",
        rationale="Off in the base case: no gene therapy trial in infantile spasms was found, so the novel therapy is a scenario, not a forecast",
        basis="assumption",
    )
    launch_year: int = param(
        label="Novel therapy: launch year",
        description="First year of sales", unit="year",
        rationale=(
            "A what-if date, not a forecast: with no trial found, no approval date can be estimated. It is set "
            "inside the report's horizon so that the scenario shows an effect by the horizon's end"
        ),
        basis="assumption", ge=2025, le=2045,
    )
    peak_year: int = param(
        label="Novel therapy: peak year",
        description="Year uptake reaches its peak share", unit="year",
        rationale="An assumed ramp of a few years after launch; there is no product whose uptake could be measured",
        basis="assumption", ge=2026, le=2060,
    )
    eligible_share_of_treated: float = param(
        label="Novel therapy: eligible share",
        description="Share of treated patients eligible (e.g. a genetic cause identified)",
        unit="share of treated patients",
        rationale=(
            "The share of infants with a genetic cause in a cohort of 541 (Peng et al. 2022), taking every one of "
            "them as eligible, which is generous as the causes are spread over many genes"
        ),
        basis="derived",
        derived_from="the genetic share in data/etiology.csv (Peng 2022 cohort)",
        sources=("peng-2022",),
        ge=0,
        le=1,
    )
    peak_uptake: float = param(
        label="Novel therapy: peak uptake",
        description="Share of eligible patients treated at peak", unit="share",
        rationale="An assumption about access and evidence, not a measurement: no product exists in this indication",
        basis="assumption", ge=0, le=1,
    )
    price_per_patient_usd: float = param(
        label="Novel therapy: price per patient",
        description="Price per treated patient", unit="USD per patient",
        rationale=(
            "The lower of the two recent single-dose gene therapy list prices in the data (USD 3.5 million for a "
            "hemophilia B therapy, 4.25 million for a metachromatic leukodystrophy therapy); a therapy for infantile "
            "spasms has no price"
        ),
        basis="derived",
        derived_from="the lowest price in data/gene_therapy_prices.csv",
        sources=("pharmamanufacturing-2022-hemgenix", "cnn-2024-lenmeldy"),
        ge=0, le=10_000_000,
    )
    cannibalisation: float = param(
        label="Novel therapy: cannibalisation",
        description="Share of the novel therapy's sales taken from established drugs",
        unit="share",
        rationale="An assumption: a new first-line option would replace part of existing treatment spend; how much is unknown",
        basis="assumption",
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
