"""Where each parameter's value comes from: sourced, derived or an assumption, checked against the data register."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from .fields import BASES
from .parameter_table import ParameterRow, source_ids


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
