"""The model's segmentation: regions, countries, drugs, drug types, therapeutic classes, dosages.

Every view in the book is a group-by over these labels, so they live in one place. Ids are
snake_case (used in parameter files); names are the report's own wording (used in the book).
The countries are the model's own: those it sizes with a row of their own. They start as the
report's named countries, but the report's list is its record (``data/report_headline.yaml``,
:attr:`..inputs.headline.Headline.named_countries`), not this one: a country the report does not
name is one line below and its rows in the data files.
"""

from __future__ import annotations

from dataclasses import dataclass

REGIONS: dict[str, str] = {
    "north_america": "North America",
    "europe": "Europe",
    "asia_pacific": "Asia-Pacific",
    "south_america": "South America",
    "middle_east_africa": "Middle East & Africa",
}

REGION_IDS: tuple[str, ...] = tuple(REGIONS)

# The countries the model sizes by region (one line each), plus one "rest of" row per region.
COUNTRIES_BY_REGION: dict[str, dict[str, str]] = {
    "north_america": {
        "united_states": "United States",
        "canada": "Canada",
        "mexico": "Mexico",
    },
    "europe": {
        "germany": "Germany",
        "united_kingdom": "United Kingdom",
        "france": "France",
        "italy": "Italy",
        "spain": "Spain",
    },
    "asia_pacific": {
        "china": "China",
        "japan": "Japan",
        "india": "India",
        "australia": "Australia",
        "south_korea": "South Korea",
    },
    "south_america": {
        "brazil": "Brazil",
        "argentina": "Argentina",
        "colombia": "Colombia",
    },
    "middle_east_africa": {
        "south_africa": "South Africa",
        "saudi_arabia": "Saudi Arabia",
        "uae": "UAE",
    },
}


def rest_of(region: str) -> str:
    """Id of the "rest of region" row, e.g. ``rest_of_europe``."""
    return f"rest_of_{region}"


COUNTRIES: dict[str, str] = {
    **{c: n for region in COUNTRIES_BY_REGION.values() for c, n in region.items()},
    **{rest_of(r): f"Rest of {n}" for r, n in REGIONS.items()},
}
COUNTRY_REGION: dict[str, str] = {
    **{c: r for r, countries in COUNTRIES_BY_REGION.items() for c in countries},
    **{rest_of(r): r for r in REGIONS},
}
MODELLED_COUNTRIES: tuple[str, ...] = tuple(c for cs in COUNTRIES_BY_REGION.values() for c in cs)
"""The ids of the countries the model sizes with a row of their own (no "rest of" rows)."""
COUNTRY_IDS_BY_NAME: dict[str, str] = {n: c for c, n in COUNTRIES.items()}
REGION_OF_COUNTRY_NAME: dict[str, str] = {
    name: REGIONS[r] for r, countries in COUNTRIES_BY_REGION.items() for name in countries.values()
}
"""Each modelled country's region, by name, spelled as the data files spell them."""


@dataclass(frozen=True)
class Drug:
    """A modelled drug group and the report segments it belongs to."""

    id: str
    name: str
    drug_type: str
    therapeutic_class: str


# The book's mapping of drug groups to the report's segments. ACTH is a hormonal therapy; the report files it under corticosteroids
# (an assumption the book states), because ACTH acts by stimulating cortisol release.
DRUGS: dict[str, Drug] = {
    d.id: d
    for d in (
        Drug("acth", "ACTH (corticotropin, tetracosactide)", "ACTH", "Corticosteroids"),
        Drug("vigabatrin", "Vigabatrin", "Vigabatrin", "Anticonvulsants"),
        Drug("oral_steroids", "Oral steroids (prednisolone, prednisone)", "Others", "Corticosteroids"),
        Drug(
            "other_anticonvulsants",
            "Other anticonvulsants (topiramate, valproate, cannabidiol, ...)",
            "Others",
            "Anticonvulsants",
        ),
        Drug("others", "Other treatments (ketogenic diet products, pyridoxine, ...)", "Others", "Others"),
        Drug("novel_therapies", "Novel therapies (gene, anti-inflammatory), scenario only", "Others", "Others"),
    )
}
DRUG_IDS: tuple[str, ...] = tuple(DRUGS)


def short_drug_name(drug_id: str) -> str:
    """A drug group's name without its parenthesis, where an axis has little room: ``ACTH``, ``Oral steroids``."""
    return DRUGS[drug_id].name.split(" (")[0]


ESTABLISHED_DRUG_IDS: tuple[str, ...] = tuple(d for d in DRUGS if d != "novel_therapies")

DRUG_TYPES: tuple[str, ...] = ("Vigabatrin", "ACTH", "Others")
# The report's segment names the book writes otherwise: one label for ACTH (adrenocorticotropic hormone) in every text,
# defined once in the glossary; the report's own spelling stays in its record and in quotes of it.
REPORT_SEGMENT_NAMES: dict[str, str] = {"Adrenocorticotropic Hormone": "ACTH"}
THERAPEUTIC_CLASSES: tuple[str, ...] = ("Anticonvulsants", "Corticosteroids", "Others")
DOSAGES: dict[str, str] = {"liquid": "Liquid", "solid": "Solid"}

# The segmentations a reader can view the market by, mapped to the long table's columns.
SEGMENTATIONS: dict[str, str] = {
    "therapeutic_class": "Therapeutic class",
    "drug_type": "Drug type",
    "dosage": "Dosage",
    "region": "Region",
    "country": "Country",
}
