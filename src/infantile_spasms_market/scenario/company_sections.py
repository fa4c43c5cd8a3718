"""The parameter sections of prices and companies: the infant a course is dosed for, and who earns each drug group's value."""

from __future__ import annotations

from pydantic import field_validator, model_validator

from ..inputs.taxonomy import ESTABLISHED_DRUG_IDS, MODELLED_COUNTRIES, REGION_IDS
from .fields import SHARE_TOLERANCE, DrugLogRatio, Strict, param

UNIDENTIFIED = "unidentified"
"""The company id that stands for suppliers no source names (generic makers, countries with no product found)."""


class Pricing(Strict):
    """The infant a course is dosed for, when a course cost is derived from a pack price (data/prices.csv)."""

    infant_weight_kg: float = param(
        label="Infant's weight for dosing",
        description="Body weight of the infant a course is dosed for",
        unit="kg",
        rationale=(
            "An assumption: an infant of about 6 months, within the peak onset of 4 to 6 months of a review "
            "(data/age_at_onset.csv); no weight is in the data. Vigabatrin is dosed per kg"
        ),
        basis="assumption",
        ge=2,
        le=20,
    )
    infant_bsa_m2: float = param(
        label="Infant's body surface area for dosing",
        description="Body surface area of the same infant",
        unit="m²",
        rationale=(
            "An assumption: the Mosteller formula, which the Acthar Gel dosing page says is typical, for the assumed "
            "weight and a length of about 67 cm (the length is also assumed). Acthar Gel is dosed per m²"
        ),
        basis="assumption",
        ge=0.1,
        le=1.5,
    )
    outside_us_log_ratio: DrugLogRatio = param(
        label="Course cost relative to the group's reference course, by drug group (log)",
        description=("Cost of a course where no pack price applies relative to the group's reference course (the US "
                     "pack-priced course, else the group's course at the US price level), at the US price level (natural log)"),
        unit="natural log of a ratio",
        rationale=(
            "The calibration on the pack-priced countries (model/pricing.py): the mean over a group's pack-priced countries "
            "of ln(course cost / reference course) - ln(price level); a test checks the values. Each group's reference is "
            "its US course: ACTH at Acthar Gel's list price, vigabatrin and oral steroids at Medicaid's 2016 spending per "
            "unit of Sabril and of generic prednisolone; its spread is the calibration's. Other anticonvulsants and other "
            "treatments have no pack price in the data and take 0 (the assumed course cost at the country's price level), "
            "an assumption"
        ),
        basis="derived",
        derived_from="data/prices.csv (the US Acthar Gel list price and Medicaid's spending per unit among them), "
                     "data/dosing.csv and data/price_levels.csv",
        sources=("icp-2021", "mallinckrodt-acthar-facts-2018", "cms-medicaid-drug-spending-2016"),
    )


class SalesShare(Strict):
    """A share with its plausible range: low, central and high."""

    low: float = param(label="Low end", description="Low end", unit="share", rationale="The low end of the range",
                       basis="assumption", ge=0, le=1)
    central: float = param(label="Central value", description="Central value", unit="share", rationale="The central value",
                           basis="assumption", ge=0, le=1)
    high: float = param(label="High end", description="High end", unit="share", rationale="The high end of the range",
                        basis="assumption", ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> SalesShare:
        if not self.low <= self.central <= self.high:
            raise ValueError(f"must be ordered low <= central <= high (got {self.low}, {self.central}, {self.high})")
        return self


class Companies(Strict):
    """How each region's value of each drug group splits across the companies that sell it."""

    share_of_group: dict[str, dict[str, dict[str, float]]] = param(
        label="Companies' shares of each drug group (region default)",
        description="Share of each drug group's value in each region, by company",
        unit="share of the drug group's value in the region",
        rationale=(
            "The split used where a country has none of its own (the 'rest of' rows): the holders found in the "
            "region's named countries (data/products.csv) where the same products are likely sold, and 'unidentified' "
            "for the rest. Oral steroids and other anticonvulsants go to their labelled groups of many makers. No source "
            "gives a company's share of this market"
        ),
        basis="assumption",
    )
    country_share_of_group: dict[str, dict[str, dict[str, float]]] = param(
        label="Companies' shares of each drug group in a named country",
        description="A named country's own split of a drug group's value by company, where its products are known",
        unit="share of the drug group's value in the country",
        rationale=(
            "Who holds each product in the country is sourced (data/products.csv): a single holder takes the whole "
            "group; where several sell it (US vigabatrin), the split is the book's assumption, the originator ahead of "
            "the generics; a country where no product was found is 'unidentified'. Groups a country does not list take "
            "its region's split"
        ),
        basis="assumption",
    )
    share_concentration: float = param(
        label="Spread of the companies' shares (concentration)",
        description="Concentration of the Dirichlet distribution drawn around each split with several companies",
        unit="concentration",
        rationale=(
            "An assumption about how uncertain the splits are: at 20, a company with half a group's value is drawn "
            "between about 30 % and 70 % nine times in ten"
        ),
        basis="assumption",
        ge=1,
        le=10_000,
    )
    acthar_sales_share_for_infantile_spasms: SalesShare = param(
        label="Share of Acthar Gel sales for infantile spasms",
        description="Share of Acthar Gel's US sales that is for infantile spasms",
        unit="share of net sales",
        rationale=(
            "An assumption with a wide range: Acthar Gel is labelled for some 19 conditions, multiple sclerosis "
            "alone took about a third of its 2013 sales (Fierce Pharma), and no source gives the infantile spasms part"
        ),
        basis="assumption",
    )

    @field_validator("share_of_group")
    @classmethod
    def _complete_shares(cls, value: dict[str, dict[str, dict[str, float]]]) -> dict[str, dict[str, dict[str, float]]]:
        problems = [] if set(value) == set(REGION_IDS) else [f"needs exactly the regions {', '.join(REGION_IDS)}"]
        for region, groups in value.items():
            if set(groups) != set(ESTABLISHED_DRUG_IDS):
                problems.append(f"{region}: needs exactly the drug groups {', '.join(ESTABLISHED_DRUG_IDS)}")
            problems += _split_problems(region, groups)
        if problems:
            raise ValueError("; ".join(problems))
        return value

    @field_validator("country_share_of_group")
    @classmethod
    def _known_countries(cls, value: dict[str, dict[str, dict[str, float]]]) -> dict[str, dict[str, dict[str, float]]]:
        problems = [f"{c}: not one of the model's countries ({', '.join(MODELLED_COUNTRIES)})"
                    for c in value if c not in MODELLED_COUNTRIES]
        for country, groups in value.items():
            problems += [f"{country}.{g}: not a drug group ({', '.join(ESTABLISHED_DRUG_IDS)})"
                         for g in groups if g not in ESTABLISHED_DRUG_IDS]
            problems += _split_problems(country, groups)
        if problems:
            raise ValueError("; ".join(problems))
        return value


def _split_problems(where: str, groups: dict[str, dict[str, float]]) -> list[str]:
    """What is wrong with the company splits of ``where``'s drug groups: shares outside 0-1 or not summing to 1."""
    problems = []
    for group, shares in groups.items():
        if not shares or any(not 0 <= s <= 1 for s in shares.values()):
            problems.append(f"{where}.{group}: each share must be between 0 and 1")
        elif abs(sum(shares.values()) - 1) > SHARE_TOLERANCE:
            problems.append(f"{where}.{group}: shares must sum to 1 (they sum to {sum(shares.values()):.6g})")
    return problems
