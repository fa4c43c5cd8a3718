"""The parameter table of the methodology chapter, and where each value comes from, read from the parameters' declarations.

Each parameter declared with ``param(...)`` (:func:`..scenario.fields.described`) becomes one row:
its dotted path, the scenario's value, unit, allowed range, rationale, basis (sourced, derived or
assumption), what a derived value comes from and the sources. A section of numbers keyed by region,
drug or country is one row. :func:`provenance_problems` checks each basis against the data register.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
from pydantic import BaseModel

from .. import labels
from ..constraints import Interval
from ..scenario.fields import BASES, described
from ..scenario.parameters import Parameters


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
    """One :class:`ParameterRow` per declared parameter, in the model's order."""
    return [
        ParameterRow(
            path=path,
            description=d.description,
            value=labels.value_text(params.value_at(path)),
            unit=d.unit,
            allowed=allowed_range(d.owner, d.name),
            rationale=d.rationale,
            basis=d.basis,
            derived_from=d.derived_from or "",
            source="; ".join(d.sources),
        )
        for path, d in described(Parameters).items()
    ]


def parameter_table(params: Parameters) -> pd.DataFrame:
    """:func:`parameter_rows` as a DataFrame (columns ``path``, ``description``, ``value``, ``unit``,
    ``allowed``, ``rationale``, ``basis``, ``derived_from``, ``source``)."""
    return pd.DataFrame([asdict(r) for r in parameter_rows(params)])


def parameter_values(params: Parameters) -> pd.DataFrame:
    """Every parameter value as a number (or a choice), one row per entry of a keyed section: the data pack's parameter sheet.

    Columns ``Parameter`` (the code name, as ``--set`` takes it), ``Label``, ``Value``, ``Unit``, ``Allowed``,
    ``Basis`` and ``Source`` (short citations, or ``none (assumption)``).
    """
    names = labels.registry()
    rows = []
    for row in parameter_rows(params):
        for path, leaf in _leaves(row.path, _plain(params.value_at(row.path))):
            rows.append({
                "Parameter": path, "Label": labels.name(path), "Value": leaf if isinstance(leaf, (int, float)) else labels.value_text(leaf),
                "Unit": row.unit, "Allowed": row.allowed, "Basis": row.basis,
                "Source": "; ".join(names.get(s, s) for s in source_ids(row.source)) or "none (assumption)",
            })
    return pd.DataFrame(rows, columns=["Parameter", "Label", "Value", "Unit", "Allowed", "Basis", "Source"])


def _plain(value: Any) -> Any:
    """``value`` with every model inside it (a section, or a dict of sections) as a plain dict."""
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _leaves(path: str, value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [leaf for key, inner in value.items() for leaf in _leaves(f"{path}.{key}", inner)]
    return [(path, value)]


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


# --------------------------------------------------------------------------- where each value comes from
def provenance_problems(rows: Iterable[ParameterRow], known_sources: Iterable[str]) -> list[str]:
    """One sentence per parameter whose stated provenance does not hold; an empty list means every one does.

    Parameters
    ----------
    rows : iterable of ParameterRow
        The documented parameters (:func:`.parameter_table.parameter_rows`).
    known_sources : iterable of str
        The ids of the data register's sources.

    Returns
    -------
    list of str
        A parameter without a basis (or with one other than sourced, derived, assumption); a
        ``sourced`` one naming no source; a ``derived`` one not saying what it is derived from; an
        ``assumption`` that names a source, or whose rationale cites a register id (an assumption
        gives its reasoning, it does not borrow a source); any source id the register does not hold.
    """
    known = set(known_sources)
    cited = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, known), key=len, reverse=True)) + r")(?![\w-])") if known else None
    problems = []
    for row in rows:
        ids = source_ids(row.source)
        if row.basis not in BASES:
            problems.append(f"{row.path}: no basis (declare basis='sourced', 'derived' or 'assumption')")
        elif row.basis == "sourced" and not ids:
            problems.append(f"{row.path}: sourced but names no source")
        elif row.basis == "derived" and not row.derived_from:
            problems.append(f"{row.path}: derived but does not say from what (derived_from)")
        elif row.basis == "assumption":
            if ids:
                problems.append(f"{row.path}: an assumption cannot name sources ({', '.join(ids)}); give the reasoning instead")
            found = cited.findall(row.rationale) if cited else []
            if found:
                problems.append(f"{row.path}: an assumption's rationale cites source id(s) {', '.join(sorted(set(found)))}")
        problems += [f"{row.path}: source {sid!r} is not in the data register" for sid in ids if sid not in known]
    return problems


def basis_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many parameters of a parameter table are sourced, derived and assumptions (every basis, zero when absent)."""
    counts = table["basis"].value_counts()
    return {basis: int(counts.get(basis, 0)) for basis in BASES}


def describe(params: Parameters, base: Parameters, prefix: str = "") -> pd.DataFrame:
    """Every parameter as ``params --describe`` shows it: label, description, unit, allowed range, base and scenario value, basis, distribution.

    One row per documented parameter (a section keyed by region, drug or country is one row, its
    values listed by key). ``distribution``: each distribution on the parameter, as this scenario
    draws it, and how it is declared around the value; ``plausible``: the base case's range for it
    (the range of the base case's distribution), which a value outside of is warned about.
    ``prefix`` keeps the parameters whose dotted path starts with it.
    """
    from ..scenario.uncertainty import outside_plausible_ranges

    base_rows = {row.path: row for row in parameter_rows(base)}
    meaning = described(Parameters)
    outside = {path for path, *_ in outside_plausible_ranges(params, base)}
    rows = []
    for row in parameter_rows(params):
        if prefix and not (row.path == prefix or row.path.startswith(prefix.rstrip(".") + ".") or prefix.startswith(row.path + ".")):
            continue
        drawn, plausible = [], []
        for path, dist in params.uncertainty.distributions.items():
            if path != row.path and not path.startswith(row.path + "."):
                continue
            key = "" if path == row.path else f"{labels.name(path[len(row.path) + 1:], fallback=path[len(row.path) + 1:])}: "
            declared = ("" if dist.below is None else f", reaching {labels.value_text(dist.below)} below and {labels.value_text(dist.above)} "
                        f"above the value{' (as fractions of it)' if dist.scale == 'proportional' else ''}")
            drawn.append(f"{key}{dist.words()}{declared}")
            own = base.uncertainty.distributions.get(path)
            if own is not None and own.kind != "dirichlet":
                flag = " (this scenario's value lies outside)" if path in outside else ""
                plausible.append(f"{key}{labels.value_text(round(own.low, 12))} to {labels.value_text(round(own.high, 12))}{flag}")
        rows.append({
            "path": row.path, "label": meaning[row.path].label, "description": row.description,
            "unit": row.unit, "allowed": row.allowed, "base": base_rows[row.path].value if row.path in base_rows else "",
            "value": row.value, "basis": row.basis, "derived_from": row.derived_from, "sources": row.source,
            "distribution": "; ".join(drawn) or "none (the same in every draw)", "plausible": "; ".join(plausible),
        })
    return pd.DataFrame(rows, columns=["path", "label", "description", "unit", "allowed", "base", "value", "basis",
                                       "derived_from", "sources", "distribution", "plausible"])
