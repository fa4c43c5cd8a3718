"""One registry of display names, so figures and tables show readers words, never the code names of parameters,
scenarios, drugs, places or sources.

A code name (``growth.price_erosion``, ``acth``, ``north_america``, ``acth_generic_erosion``) appears in
the book only where a reader is told to type it, in code format (``--set growth.innovation=0.02``);
everywhere else :func:`name` gives its display name. ``tests/test_labels_in_site.py`` scans the built
pages and SVGs for the keys of :func:`registry` outside code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache

import numpy as np

from .constraints import number
from .inputs.taxonomy import COUNTRIES, DOSAGES, DRUGS, REGIONS

# Every documented parameter (scenario/parameter_table.py lists them); a test checks none is missing.
PARAMETERS: dict[str, str] = {
    "market.reconciliation": "Reconciliation of the report's figures",
    "market.level": "What sets the 2024 level",
    "market.regional_split": "What splits the 2024 total by region",
    "market.end_year": "Last year of the forecast",
    "growth.diagnosis": "Growth from diagnosis",
    "growth.innovation": "Growth from innovation",
    "growth.prevalence": "Growth from prevalence",
    "growth.access": "Growth from access",
    "growth.price_erosion": "Price erosion",
    "segments.drug_mix_2024": "Drug mix by region, 2024",
    "segments.drug_growth_differential": "Growth differential by drug",
    "segments.liquid_share": "Liquid share by drug",
    "regions.share_2024": "Regional shares, 2024",
    "regions.growth_differential": "Growth differential by region",
    "countries.price_index": "Health price level by country (US = 1)",
    "countries.price_level_error": "Calibration error of a country's price level (log)",
    "countries.births_coverage_factor": "Births coverage factor",
    "countries.rest_of_region_births": "Births in the rest of each region",
    "epidemiology.incidence_per_1000": "Incidence per 1,000 live births",
    "epidemiology.diagnosed_share": "Share of cases diagnosed",
    "epidemiology.treated_share": "Share of diagnosed cases treated",
    "epidemiology.courses_per_treated_patient": "Courses per treated patient",
    "epidemiology.first_line_mix": "First-line drug mix",
    "epidemiology.first_line_mix_by_country": "First-line drug mix of a country a source describes",
    "epidemiology.price_reference_year": "Year of the reference prices",
    "epidemiology.course_length_14d_units": "Course length (14-day units)",
    "epidemiology.assumed_course_cost_usd": "Assumed course cost (USD)",
    "trends.novel_therapy.enabled": "Novel therapy included",
    "trends.novel_therapy.launch_year": "Novel therapy: launch year",
    "trends.novel_therapy.peak_year": "Novel therapy: peak year",
    "trends.novel_therapy.eligible_share_of_treated": "Novel therapy: eligible share",
    "trends.novel_therapy.peak_uptake": "Novel therapy: peak uptake",
    "trends.novel_therapy.price_per_patient_usd": "Novel therapy: price per patient",
    "trends.novel_therapy.cannibalisation": "Novel therapy: cannibalisation",
    "pricing.infant_weight_kg": "Infant's weight for dosing",
    "pricing.infant_bsa_m2": "Infant's body surface area for dosing",
    "pricing.outside_us_log_ratio": "Course cost outside the US relative to the US, by drug group (log)",
    "companies.share_of_group": "Companies' shares of each drug group (region default)",
    "companies.country_share_of_group": "Companies' shares of each drug group in a named country",
    "companies.share_concentration": "Spread of the companies' shares (concentration)",
    "companies.acthar_sales_share_for_infantile_spasms": "Share of Acthar Gel sales for infantile spasms",
    "uncertainty.seed": "Random seed",
    "uncertainty.draws": "Monte Carlo draws",
}

# The scenario files of params/ by name (the file's stem); their full titles stay in the files.
SCENARIOS: dict[str, str] = {
    "base": "Base case",
    "pessimistic": "Pessimistic",
    "optimistic": "Optimistic",
    "novel_therapy": "Novel therapy",
    "acth_generic_erosion": "ACTH generic erosion",
    "triangulated": "The book's own estimate",
}

DRUG_NAMES: dict[str, str] = {drug_id: drug.name.split(" (")[0] for drug_id, drug in DRUGS.items()}
PLACES: dict[str, str] = {**REGIONS, **COUNTRIES}

CODE_LIKE = re.compile(r"[._-]")


def _sources() -> dict[str, str]:
    """Register id to short citation (``Jia et al. 2018``), read from the data register."""
    from .inputs.register import load_register, source_label

    return {str(s["id"]): source_label(s) for s in load_register()["sources"]}


@lru_cache(maxsize=1)
def _static() -> dict[str, str]:
    return {**DOSAGES, **PLACES, **DRUG_NAMES, **SCENARIOS, **PARAMETERS}


def registry(*, sources: bool = True) -> dict[str, str]:
    """Every code name the book knows and its display name.

    Parameters
    ----------
    sources : bool
        Include the data register's source ids (reads ``data/register.yaml``).
    """
    return {**(_sources() if sources else {}), **_static()}


def name(key: object, *, fallback: str | None = None) -> str:
    """The display name of a code name.

    A parameter path below a documented section (``segments.drug_growth_differential.acth``)
    reads ``Growth differential by drug: ACTH``. An unknown key gives ``fallback`` when one is
    given; otherwise it is an error, so that a new code name cannot reach a page unnoticed.

    Raises
    ------
    KeyError
        When ``key`` is unknown and no ``fallback`` is given.
    """
    text = str(key)
    static = _static()
    if text in static:
        return static[text]
    if text.startswith("uncertainty.distributions."):  # a distribution, keyed by the parameter it describes
        return "Uncertainty of " + name(text[len("uncertainty.distributions."):], fallback=fallback)
    section = next((p for p in sorted(PARAMETERS, key=len, reverse=True) if text.startswith(p + ".")), None)
    if section is not None:
        rest = text[len(section) + 1:].split(".")
        return f"{PARAMETERS[section]}: " + ", ".join(static.get(part, part) for part in rest)
    if fallback is not None:
        return fallback
    raise KeyError(f"no display name for {text!r}: add it to infantile_spasms_market/labels.py")


def names(keys, **options) -> list[str]:
    """:func:`name` of each key."""
    return [name(k, **options) for k in keys]


NOT_SET = "(not set)"


def value_text(value: object) -> str:
    """A parameter value as short text for a table or a sentence: the one formatter of values the book shows.

    Numbers as :func:`..constraints.number` writes them (``2030``, ``0.0127``, ``1500000``), ``yes``
    or ``no``, a missing value as ``(not set)``, a list as JSON. The keys of a section read as display
    names: ``{"acth": 0.6, "vigabatrin": 0.4}`` reads ``ACTH 0.6, Vigabatrin 0.4``; a section of
    sections gives one ``Region: ...`` group per entry, separated by semicolons.
    """
    if value is None:
        return NOT_SET
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return number(value)
    if isinstance(value, Mapping):
        nested = any(isinstance(v, Mapping) for v in value.values())
        if nested:
            return "; ".join(f"{name(k, fallback=str(k))}: {value_text(v)}" for k, v in value.items())
        return ", ".join(f"{name(k, fallback=str(k))} {value_text(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value))
    return str(value)


def code_like(key: str, label: str) -> bool:
    """Whether ``key`` cannot pass for ordinary text (``acth``, ``north_america``, ``growth.innovation``).

    A key with a dot, underscore or hyphen is code; so is a key that is its label in the wrong case
    (``acth`` for ``ACTH``, ``uae`` for ``UAE``). A key that is its label, or its label with a lower-case
    first letter (``vigabatrin``, ``base``), reads as an ordinary word.
    """
    if CODE_LIKE.search(key):
        return True
    return key.lower() == label.lower() and key not in {label, label[:1].lower() + label[1:]}


def scanned_keys(*, sources: bool = True) -> dict[str, str]:
    """The keys of :func:`registry` that must never reach a page outside code format, with their display names."""
    return {k: v for k, v in registry(sources=sources).items() if code_like(k, v)}


def parameter_cell(path: str) -> str:
    """A parameter for a table cell (Markdown): its display name, then its code name in code format for ``--set``."""
    return f"{name(path)} (`{path}`)"


def parameter_list(paths) -> str:
    """Parameters for prose (Markdown): display names, each with its code name in code format, comma-separated."""
    return ", ".join(parameter_cell(p) for p in paths)
