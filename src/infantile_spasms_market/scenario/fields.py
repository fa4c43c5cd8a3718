"""Building blocks of the parameter model: strict sections, documented fields, keyed sections and their bounds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from ..constraints import one_of
from ..inputs import declared
from ..inputs.files import DataFileError
from ..inputs.reading import area_price_levels
from ..inputs.taxonomy import (
    COUNTRIES,
    ESTABLISHED_DRUG_IDS,
    MODELLED_COUNTRIES,
    REGION_IDS,
)

SHARE_TOLERANCE = 1e-6


class Strict(BaseModel):
    """Base for every parameter section: unknown keys and loose types are errors, not guesses.

    Each read of a field is reported to :mod:`..inputs.declared`, which records it when the
    section belongs to the running chapter's scenario (the chapter's cache is keyed on it).
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    __ism_records_reads__ = True

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if declared._tracked:  # only while a chapter records what it reads
            declared.accessed(self, name, value)
        return value


BASES = ("sourced", "derived", "assumption")
"""Where a parameter's value comes from: a source that states it, a computation from data, or the book's judgement."""


def param(
    *,
    label: str,
    description: str,
    unit: str,
    rationale: str,
    basis: str,
    sources: tuple[str, ...] = (),
    derived_from: str | None = None,
    title: str | None = None,
    phrase: str | None = None,
    **bounds: Any,
) -> Any:
    """A parameter field, described once: what readers call it, its unit, bounds, basis and evidence.

    Everything the book says about a parameter is read from here: the label registry
    (:mod:`..labels`), the methodology's parameter table, the drivers chapter's list of growth
    components and the assumptions log's checks.

    Parameters
    ----------
    label : str
        Its display name wherever a reader sees it (``Growth from diagnosis``).
    description : str
        What it is, in a sentence (the parameter table).
    unit, rationale : str
        Its unit; why it has its value.
    basis : {"sourced", "derived", "assumption"}
        ``sourced``: ``sources`` (register ids) state the value. ``derived``: computed from data
        or other parameters, as ``derived_from`` says (``sources`` names the data's sources).
        ``assumption``: the book's judgement; ``rationale`` gives the reasoning and ``sources``
        stays empty (an assumption does not borrow a source).
    title, phrase : str, optional
        Where the parameter stands for a force on the market (a growth component): its name as a
        chart's row (``Advances in diagnosis``; default: ``label``) and inside a sentence (``the
        growth from better diagnosis``; default: ``label`` in lower case).
    **bounds
        ``ge``, ``gt``, ``le``, ``lt``: what it may be (:class:`..constraints.Interval` words them).
    """
    if basis not in BASES:
        raise ValueError(f"basis {basis!r} must be {one_of(BASES)}")
    extra = {
        "label": label,
        "title": title or label,
        "phrase": phrase or label[:1].lower() + label[1:],
        "unit": unit,
        "rationale": rationale,
        "basis": basis,
        "sources": list(sources),
        "derived_from": derived_from,
        "source": "; ".join(sources) or None,
    }
    return Field(description=description, json_schema_extra=extra, **bounds)


def descriptor(*, description: str, **bounds: Any) -> Any:
    """A field that describes a scenario (its name, title, rationale) rather than assuming anything: no basis."""
    return Field(description=description, **bounds)


def keyed(name: str, keys: tuple[str, ...], *, ge: float, le: float, sums_to_one: bool = False,
          default: float | None = None, derived: Callable[[str], float] | None = None) -> type[Strict]:
    """A section with one number per key (per region, per drug...), optionally a share vector.

    With a ``default``, a key the scenario leaves out takes it (a country a scenario file predates); with
    ``derived``, it takes ``derived(key)`` (the value the parameter's derivation gives, from the data).
    """
    def missing(key: str) -> Any:
        return Field(default_factory=lambda: derived(key)) if derived else (... if default is None else default)

    fields: dict[str, Any] = {key: (Annotated[float, Field(ge=ge, le=le)], missing(key)) for key in keys}
    validators = {}
    if sums_to_one:

        def shares_sum_to_one(self: Strict) -> Strict:
            total = sum(self.model_dump().values())
            if abs(total - 1.0) > SHARE_TOLERANCE:
                raise ValueError(f"shares must sum to 1 (they sum to {total:.6g})")
            return self

        validators["shares_sum_to_one"] = model_validator(mode="after")(shares_sum_to_one)
    return create_model(name, __base__=Strict, __validators__=validators, **fields)


def keyed_sections(name: str, outer: tuple[str, ...], inner: type[Strict]) -> type[Strict]:
    """A section with one sub-section per key, e.g. a drug mix per region."""
    return create_model(name, __base__=Strict, **{key: (inner, ...) for key in outer})


RegionShares = keyed("RegionShares", REGION_IDS, ge=0, le=1, sums_to_one=True)
RegionRates = keyed("RegionRates", REGION_IDS, ge=0, le=1)
RegionGrowth = keyed("RegionGrowth", REGION_IDS, ge=-0.3, le=0.3)
RegionBirths = keyed("RegionBirths", REGION_IDS, ge=0, le=100_000_000)
DrugShares = keyed("DrugShares", ESTABLISHED_DRUG_IDS, ge=0, le=1, sums_to_one=True)
DrugGrowth = keyed("DrugGrowth", ESTABLISHED_DRUG_IDS, ge=-0.3, le=0.3)
DrugLiquidShare = keyed("DrugLiquidShare", ESTABLISHED_DRUG_IDS + ("novel_therapies",), ge=0, le=1)
DrugMixByRegion = keyed_sections("DrugMixByRegion", REGION_IDS, DrugShares)


def _price_level(country: str) -> float:
    """A country's price level in data/price_levels.csv: its ``countries.price_index`` when a scenario file leaves it out."""
    levels = area_price_levels()
    if country not in levels.index:
        raise DataFileError(f"price_levels.csv: no price level for {country}, and the scenario gives it no countries.price_index")
    return float(levels[country])


CountryPriceIndex = keyed("CountryPriceIndex", tuple(COUNTRIES), ge=0, le=3, derived=_price_level)
CountryLogError = keyed("CountryLogError", tuple(COUNTRIES), ge=-10, le=10, default=0.0)  # 0: the calibration itself
DrugLogRatio = keyed("DrugLogRatio", ESTABLISHED_DRUG_IDS, ge=-20, le=10)
CountryBirthsCoverage = keyed("CountryBirthsCoverage", MODELLED_COUNTRIES, ge=1, le=3, default=1.0)  # 1: the whole country
CourseLength = keyed("CourseLength", ("acth", "vigabatrin", "oral_steroids"), ge=0.1, le=52)
AssumedCourseCost = keyed("AssumedCourseCost", ("other_anticonvulsants", "others"), ge=0, le=1_000_000)



def _locate(params: BaseModel, path: str) -> tuple[type[BaseModel], str, Any]:
    """The model class that declares the parameter at a dotted ``path``, its field name and value.

    Raises
    ------
    KeyError
        When ``path`` names no parameter.
    """
    node: Any = params
    owner, name = type(params), ""
    for name in path.split("."):
        if isinstance(node, dict) and name in node:  # inside a keyed dict parameter (companies.share_of_group)
            node = node[name]
            continue
        if not isinstance(node, BaseModel) or name not in type(node).model_fields:
            raise KeyError(path)
        owner, node = type(node), getattr(node, name)
    return owner, name, node


def field_rationale(section: type[BaseModel], name: str) -> str:
    """The rationale recorded for a parameter field of ``section``, as one sentence ending in a full stop."""
    return section.model_fields[name].json_schema_extra["rationale"].rstrip(".") + "."


NOT_TABLED = ("uncertainty.distributions",)
"""Documented parameters with a table of their own (the distributions), left out of :func:`described`."""


@dataclass(frozen=True)
class Described:
    """One parameter as its ``param(...)`` declaration describes it."""

    path: str
    owner: type[BaseModel]
    name: str
    description: str
    label: str
    title: str
    phrase: str
    unit: str
    rationale: str
    basis: str
    sources: tuple[str, ...]
    derived_from: str | None


def described(model: type[BaseModel], prefix: str = "") -> dict[str, Described]:
    """Every parameter declared with ``param(...)`` in ``model`` and its sections, by dotted path, in the model's order.

    A documented field is one parameter even when it is a section (a drug mix per region): the walk
    does not go below it. Descriptors (a scenario's name and title) are not parameters.
    """
    found: dict[str, Described] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        if path in NOT_TABLED:
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else None
        if extra is not None:
            found[path] = Described(
                path, model, name, info.description or "", extra["label"], extra["title"], extra["phrase"], extra["unit"],
                extra["rationale"], extra["basis"], tuple(extra["sources"]), extra["derived_from"])
        elif isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            found.update(described(info.annotation, path + "."))
    return found
