"""The parameter table of the methodology chapter, generated from the parameter model's own metadata.

Each documented field of :class:`~.parameters.Parameters` (declared with ``param(...)``: unit,
rationale, basis, sources) becomes one row: its dotted path, the scenario's value, unit, allowed
range, rationale, basis (sourced, derived or assumption), what a derived value comes from and the
sources. A section of numbers keyed by region, drug or country is one row.
"""

from __future__ import annotations

import typing
from dataclasses import asdict, dataclass

import pandas as pd
from pydantic import BaseModel

from .. import labels
from ..constraints import Interval
from .parameters import Parameters

# The scenario section describes a scenario; the distributions have their own table.
SKIPPED = ("scenario", "uncertainty.distributions")


@dataclass(frozen=True)
class ParameterRow:
    """One documented parameter (or keyed section of parameters)."""

    path: str
    description: str
    value: str
    unit: str
    allowed: str
    rationale: str
    basis: str
    derived_from: str
    source: str


def allowed_range(owner: type[BaseModel], name: str) -> str:
    """What a field accepts: choices, numeric bounds (of each entry for a keyed section), sums to 1."""
    field = owner.model_fields[name]
    annotation = field.annotation
    if typing.get_origin(annotation) is typing.Literal:
        return "one of " + ", ".join(str(a) for a in typing.get_args(annotation))
    if annotation is bool:
        return "yes or no"
    if typing.get_origin(annotation) is dict:
        return "each share from 0 to 1; the shares of each region and drug group sum to 1"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        inner: type[BaseModel] = annotation
        while True:  # a section of sections (drug mix per region): describe the innermost entries
            first = next(iter(inner.model_fields.values())).annotation
            if isinstance(first, type) and issubclass(first, BaseModel):
                inner = first
                continue
            break
        text = f"each {Interval.of_field(inner, next(iter(inner.model_fields))) or 'any number'}"
        if "shares_sum_to_one" in inner.__pydantic_decorators__.model_validators:
            text += "; shares sum to 1" + (" in each section" if inner is not annotation else "")
        return text
    return str(Interval.of_field(owner, name) or "any number")


def parameter_rows(params: Parameters) -> list[ParameterRow]:
    """One :class:`ParameterRow` per documented field, in the model's order."""
    rows: list[ParameterRow] = []

    def visit(model: BaseModel, prefix: str) -> None:
        for name, field in type(model).model_fields.items():
            path = f"{prefix}{name}"
            if path in SKIPPED:
                continue
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else None
            value = getattr(model, name)
            if extra is None:
                if not isinstance(value, BaseModel):
                    raise ValueError(f"parameter {path} has no unit and rationale: declare it with parameters.param(...)")
                visit(value, path + ".")
                continue
            rows.append(
                ParameterRow(
                    path=path,
                    description=field.description or "",
                    value=labels.value_text(value.model_dump() if isinstance(value, BaseModel) else value),
                    unit=str(extra["unit"]),
                    allowed=allowed_range(type(model), name),
                    rationale=str(extra["rationale"]),
                    basis=str(extra.get("basis") or ""),
                    derived_from=str(extra.get("derived_from") or ""),
                    source=str(extra.get("source") or ""),
                )
            )

    for section, field in Parameters.model_fields.items():
        if section not in SKIPPED:
            visit(getattr(params, section), section + ".")
    return rows


def parameter_table(params: Parameters) -> pd.DataFrame:
    """:func:`parameter_rows` as a DataFrame (columns ``path``, ``description``, ``value``, ``unit``,
    ``allowed``, ``rationale``, ``basis``, ``derived_from``, ``source``)."""
    return pd.DataFrame([asdict(r) for r in parameter_rows(params)])


def source_ids(source: str) -> list[str]:
    """The source ids in a parameter's ``source`` text (``"techsci-2025; jia-2018"``)."""
    return [s.strip() for s in source.split(";") if s.strip()]


def distribution_table(params: Parameters) -> pd.DataFrame:
    """The uncertainty distributions: path, kind, their numbers, the scenario's value and the rationale."""
    rows = []
    for path, dist in params.uncertainty.distributions.items():
        value = params.value_at(path)
        rows.append(
            {
                "path": path,
                "kind": dist.kind,
                "low": dist.low,
                "centre": dist.mode if dist.kind == "triangular" else dist.mean,
                "high": dist.high,
                "sd": dist.sd,
                "concentration": dist.concentration,
                "scenario_value": labels.value_text(value),
                "rationale": dist.rationale,
            }
        )
    return pd.DataFrame(rows, columns=["path", "kind", "low", "centre", "high", "sd", "concentration", "scenario_value", "rationale"])
