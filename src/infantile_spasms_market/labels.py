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
from .scenario.fields import described
from .scenario.parameters import Parameters

# Every documented parameter, as its declaration (``param(label=...)``) names it.
PARAMETERS: dict[str, str] = {path: d.label for path, d in described(Parameters).items()}

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


def _companies() -> dict[str, str]:
    """Company id to the company's name (``daiichi_sankyo`` to ``Daiichi Sankyo``), read from ``data/companies.csv``."""
    from .inputs import load_table

    table = load_table("companies")
    return dict(zip(table["company_id"].astype(str), table["company"].astype(str)))


@lru_cache(maxsize=1)
def _static() -> dict[str, str]:
    return {**DOSAGES, **PLACES, **DRUG_NAMES, **SCENARIOS, **PARAMETERS}


def registry(*, sources: bool = True) -> dict[str, str]:
    """Every code name the book knows and its display name.

    Parameters
    ----------
    sources : bool
        Include the data register's source ids (reads ``data/register.yaml``) and the company ids
        (``data/companies.csv``).
    """
    return {**(_sources() if sources else {}), **(_companies() if sources else {}), **_static()}


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
    raise KeyError(f"no display name for {text!r}: add it to infantile_spasms_market/labels.py "
                   "(a parameter: to its param(label=...) declaration)")


def names(keys, **options) -> list[str]:
    """:func:`name` of each key."""
    return [name(k, **options) for k in keys]


NOT_SET = "(not set)"


def _key_name(key: object) -> str:
    """A section key's display name: a known code name's, else a company's (a company split), else the key itself."""
    try:
        return name(key)
    except KeyError:
        return _companies().get(str(key), str(key))


def value_text(value: object) -> str:
    """A parameter value as short text for a table or a sentence: the one formatter of values the book shows.

    Numbers as :func:`..constraints.number` writes them (``2030``, ``0.0127``, ``1500000``), ``yes``
    or ``no``, a missing value as ``(not set)``, a list as JSON. The keys of a section read as display
    names: ``{"acth": 0.6, "vigabatrin": 0.4}`` reads ``ACTH 0.6, Vigabatrin 0.4``; a section of
    sections gives one ``Region: ...`` group per entry, separated by semicolons.
    """
    if value is None:
        return NOT_SET
    if callable(getattr(value, "model_dump", None)):  # a section, also inside a keyed section (a country's drug mix)
        value = value.model_dump()
    if isinstance(value, Mapping):
        value = {k: v.model_dump() if callable(getattr(v, "model_dump", None)) else v for k, v in value.items()}
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return number(value)
    if isinstance(value, Mapping):
        nested = any(isinstance(v, Mapping) for v in value.values())
        if nested:
            return "; ".join(f"{_key_name(k)}: {value_text(v)}" for k, v in value.items())
        return ", ".join(f"{_key_name(k)} {value_text(v)}" for k, v in value.items())
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
