"""One registry of display names, so figures and tables show readers words, never the code names of parameters,
scenarios, drugs, places or sources.

A code name (``growth.price_erosion``, ``acth``, ``north_america``, ``value_usd_m``) appears in the book
only in code format, in Methodology's parameter table and its glossary (:func:`glossary`); everywhere
else :func:`name` gives its display name (a chapter's prose writes ``{param}`growth.innovation```,
which the book's Sphinx extension turns into the label). :func:`code_names_in` says what looks like a
code name in a reader's text; the tests run it on the built pages, the figures' SVG text and the deck.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache

import numpy as np

from .constraints import number
from .inputs.taxonomy import COUNTRIES, DOSAGES, DRUGS, REGIONS, REPORT_SEGMENT_NAMES
from .scenario.fields import described
from .scenario.parameters import Parameters

# Every documented parameter, as its declaration (``param(label=...)``) names it.
PARAMETERS: dict[str, str] = {path: d.label for path, d in described(Parameters).items()}

# Parameter sections named in prose without a field, and the choices of the choice parameters.
SECTIONS: dict[str, str] = {
    "market": "Market size and forecast",
    "growth": "Growth components",
    "segments": "Segment parameters",
    "regions": "Regional parameters",
    "countries": "Country parameters",
    "epidemiology": "Patients and courses (bottom-up)",
    "trends": "Trends",
    "trends.novel_therapy": "Novel therapy",
    "pricing": "Dosing for pack prices",
    "companies": "Company parameters",
    "uncertainty": "Monte Carlo settings",
    "uncertainty.distributions": "Uncertainty distributions",
}
CHOICES: dict[str, str] = {
    "report": "The report's value",
    "bridge_2025": "Step in 2025 (every published figure kept)",
    "cagr_from_2024": "Stated rate from 2024",
    "constant_cagr_2024_2030": "One rate from 2024 to 2030",
    "bottom_up": "Sized bottom-up",
    "assumed": "The assumed shares",
}

# Column names of the tables the book publishes, as plain headers (units in brackets).
COLUMNS: dict[str, str] = {
    "year": "Year",
    "region": "Region",
    "country": "Country",
    "drug": "Drug group",
    "drug_type": "Drug type",
    "therapeutic_class": "Therapeutic class",
    "dosage": "Dosage",
    "value_usd_m": "Value (USD million)",
}
UNIT_SUFFIXES: dict[str, str] = {"_usd_m": "USD million", "_pct": "%", "_usd": "USD"}

# The fields of the report's headline (data/report_headline.yaml), named where its locators are listed.
HEADLINE_FIELDS: dict[str, str] = {
    "title": "Title",
    "base_year": "Base year",
    "forecast_period": "Forecast period",
    "market_size_usd_m": "Market size",
    "cagr_pct": "Growth rate (CAGR)",
    "cagr_period": "Period of the growth rate",
    "fastest_growing_segment": "Fastest-growing segment",
    "largest_region": "Largest region",
    "dominant_in_base_year": "Leading segments in the base year",
    "segments": "Segments and countries covered",
    "key_players": "Key players",
    "epidemiology_quotes.incidence": "Incidence quoted",
    "epidemiology_quotes.mri_abnormal_pct": "Share with an abnormal MRI quoted",
    "epidemiology_quotes.genetic_cause_pct": "Share with a genetic cause quoted",
    "epidemiology_quotes.pgdm_neonatal_seizures_odds_ratio": "Odds ratio for maternal diabetes quoted",
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

FIGURE_TEXTS = ("caption", "alt")
"""The texts a chapter's figure shows readers beside its image: written once, in ``chapter.figure(...)``, and carried
by the glued page image's ``image/png`` metadata to its ``{glue:figure}`` block (``bookbuild.sphinx_extensions``)."""

CODE_LIKE = re.compile(r"[._-]")


def _sources() -> dict[str, str]:
    """Register id to short citation (``Jia et al. 2018``), read from the data register (once per version of it:
    every label and source line asks, and a copy of the whole register took longer than the answer)."""
    from .inputs.reading import memoised_tables
    from .inputs.register import load_register, source_label

    return memoised_tables("source_labels", (), lambda: {str(s["id"]): source_label(s) for s in load_register()["sources"]})


@lru_cache(maxsize=1)
def _companies() -> dict[str, str]:
    """Company id to the company's name (``daiichi_sankyo`` to ``Daiichi Sankyo``), read from ``data/companies.csv``."""
    from .inputs import load_table

    table = load_table("companies")
    return dict(zip(table["company_id"].astype(str), table["company"].astype(str)))


@lru_cache(maxsize=1)
def _static() -> dict[str, str]:
    return {**REPORT_SEGMENT_NAMES, **DOSAGES, **PLACES, **DRUG_NAMES, **SCENARIOS, **SECTIONS, **PARAMETERS, **CHOICES, **COLUMNS,
            **HEADLINE_FIELDS, **_companies()}


def registry(*, sources: bool = True) -> dict[str, str]:
    """Every code name the book knows and its display name.

    Parameters
    ----------
    sources : bool
        Include the data register's source ids (reads ``data/register.yaml``). The company ids
        (``data/companies.csv``) are always in.
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
    raise KeyError(f"no display name for {text!r}: add it to infantile_spasms_market/labels.py "
                   "(a parameter: to its param(label=...) declaration)")


def unit(path: str) -> str:
    """A parameter's unit as its declaration states it (a keyed entry, ``segments.drug_growth_differential.acth``,
    takes its section's); empty for an unknown path."""
    units = {p: d.unit for p, d in described(Parameters).items()}
    section = next((p for p in sorted(units, key=len, reverse=True) if path == p or path.startswith(p + ".")), None)
    return units[section] if section else ""


PROJECT_FILE = re.compile(r"\b(data|params)/([\w-]+)\.(csv|yaml)\b")


@lru_cache(maxsize=1)
def _file_titles() -> dict[str, str]:
    """The data register's title of each input file, by its name (``products.csv``)."""
    from .inputs.register import load_register

    return {str(f["file"]): str(f.get("title") or f["file"]) for f in load_register()["files"]}


def plain_source(text: str) -> str:
    """A source line for readers: each project file (``data/products.csv``, ``params/base.yaml``) named by the data
    register's title of the file or the scenario's label, so that no path reaches a page, a figure or a slide."""
    def title(match: re.Match) -> str:
        folder, stem, suffix = match.groups()
        if folder == "data":
            return _file_titles().get(f"{stem}.{suffix}", stem.replace("_", " "))
        if stem in SCENARIOS:
            return f"scenario \u201c{SCENARIOS[stem]}\u201d"
        return "the book's assumptions log" if stem == "assumptions_log" else stem.replace("_", " ")

    return PROJECT_FILE.sub(title, text)


# A file of another repository, named as a source's locator: "(data/prices.csv of PharmOS-kr/drug-price-kr, commit ...)".
EXTERNAL_FILE = re.compile(r"\([^()]*?\s(?:of|in)\s[\w.-]+/[\w.-]+[^()]*\)")
PROJECT_PATH = re.compile(r"(?<![\w./:-])(?:data|params|notebooks|src)/[\w./-]*")  # a path, or a folder alone ("params/")


@lru_cache(maxsize=1)
def _input_files() -> re.Pattern:
    from .inputs.register import load_register

    files = sorted((str(f["file"]) for f in load_register()["files"]), key=len, reverse=True)
    return re.compile(rf"(?<![\w./-])({'|'.join(map(re.escape, files))})(?![\w-])")


def paths_in(text: str, *, files: bool = True) -> list[str]:
    """The project's paths (``data/prices.csv``, ``params/``) and, with ``files``, the data register's input files by
    name (``key_players.csv``) in a reader's text, addresses left out: a reader sees :func:`plain_source`'s titles.
    The files a reader downloads (``market_table.csv``) are not input files."""
    plain = EXTERNAL_FILE.sub(" ", ADDRESS.sub(" ", text))
    return list(dict.fromkeys([m.group(0) for m in PROJECT_PATH.finditer(plain)] + (_input_files().findall(plain) if files else [])))


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
    if callable(getattr(value, "model_dump", None)):  # a section, also inside a keyed section (a country's drug mix)
        value = value.model_dump()
    if isinstance(value, Mapping):
        value = {k: v.model_dump() if callable(getattr(v, "model_dump", None)) else v for k, v in value.items()}
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return number(value)
    if isinstance(value, str):
        return CHOICES.get(value, value)
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


def parameter_cell(path: str, *, code: bool = False) -> str:
    """A parameter for a table cell (Markdown): its display name; with ``code``, then its code name in code format.

    Only Methodology's parameter table and the glossary show the code (``code=True``).
    """
    return f"{name(path)} (`{path}`)" if code else name(path)


def parameter_list(paths) -> str:
    """Parameters for prose: their display names, comma-separated."""
    return ", ".join(name(p) for p in paths)


def header(column: str, *, registry: bool = True) -> str:
    """A column name as a plain header with its unit: ``value_usd_m`` reads ``Value (USD million)``,
    ``share_2024_pct`` ``Share 2024 (%)``; a registered column reads as :data:`COLUMNS` says. Without ``registry``,
    any other column reads as its words (``source_id``: ``Source id``), not as a code name's label (an input file's
    ``market`` column is a country, not the parameter section "Market size and forecast")."""
    if column in COLUMNS:
        return COLUMNS[column]
    for suffix, unit in UNIT_SUFFIXES.items():
        if column.endswith(suffix):
            words = column[: -len(suffix)].replace("_", " ")
            return f"{words[:1].upper()}{words[1:]} ({unit})"
    words = column.replace("_", " ")
    return name(column, fallback=words.capitalize()) if registry else words[:1].upper() + words[1:]


def plain_header(column: object) -> str:
    """A column of an input file or of a table of code names as a header (the data pack's sheets): ``value_usd_m (USD m)``
    reads ``Value (USD million)``, ``source_id`` ``Source id`` (:func:`header` without the registry); words are kept."""
    base = str(column).split(" (")[0]
    return header(base, registry=False) if re.fullmatch(r"[a-z][a-z0-9_]*", base) else str(column)


# --------------------------------------------------------------------------- code names in a reader's text
# What a code name looks like where readers read: a snake_case or kebab-case id (``value_usd_m``,
# ``fig-summary-total``), a dotted parameter path (``growth.innovation``), a ``--set`` option.
# File names (``market_table.csv``), addresses and e-mail addresses are not code names.
FILE_NAME = re.compile(r"\b[\w./-]+\.(?:csv|json|parquet|yaml|yml|xlsx|pptx|pdf|png|svg|ipynb|py|bib|cff|md|txt|html)\b")
ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\b[\w.+-]+@)\S+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|int|io|uk|de|fr|it|es|jp|cn|in|au|br|ca|za|ae|sa)(?:/\S*)?\b", re.I)
CODE_NAME = re.compile(
    r"--set\b|(?<![\w.-])(?:"
    r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+"  # snake_case
    r"|(?:fig|tbl)-[a-z0-9]+(?:-[a-z0-9]+)*"  # figure and table ids
    r"|(?:" + "|".join(sorted({p.split(".")[0] for p in PARAMETERS}, key=len, reverse=True)) + r")\.[a-z_]+(?:\.[a-z_]+)*"  # parameter paths
    r")(?![\w-])"
)


def code_names_in(text: str, *, keys: bool = True) -> list[str]:
    """Every code name in ``text`` (a reader's text, code already taken out), in order.

    Besides the shapes of :data:`CODE_NAME`, ``keys`` also looks for the registry's code-like keys
    that are single words (``acth``, ``uae``: a display name in the wrong case).
    """
    text = FILE_NAME.sub(" ", ADDRESS.sub(" ", text))  # an address first: a file name inside it would cut it short
    found = [m.group(0) for m in CODE_NAME.finditer(text)]
    if keys:
        words = [k for k in scanned_keys(sources=False) if not CODE_LIKE.search(k)]
        if words:
            found += re.findall(rf"(?<![\w./-])({'|'.join(map(re.escape, words))})(?![\w-])", text)
    return found


def glossary() -> list[tuple[str, str, str]]:
    """Every code name a reader may meet in a download or a command, with its plain label: (kind, code name, label)."""
    kinds = [("Parameter", {**SECTIONS, **PARAMETERS}), ("Choice of a parameter", CHOICES), ("Scenario file", SCENARIOS),
             ("Column of the market table", COLUMNS), ("Drug group", DRUG_NAMES),
             ("The report's name of a segment", REPORT_SEGMENT_NAMES), ("Dosage", DOSAGES), ("Place", PLACES),
             ("Company", _companies())]
    return [(kind, key, label) for kind, entries in kinds for key, label in entries.items()]
