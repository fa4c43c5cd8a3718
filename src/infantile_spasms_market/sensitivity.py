"""One-at-a-time sensitivity: change named parameters, re-run the model, read the total and its growth.

Every variant is a full model run: the parameters are changed at dotted paths on a plain copy of
the scenario and re-validated through :class:`~.parameters.Parameters`, so a value outside a
parameter's allowed range fails with the same message a scenario file would get.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from .market import Headline, cagr, market_table, totals
from .overrides import set_value
from .parameter_errors import from_validation_error
from .parameters import Parameters

TARGET_YEAR = 2030
CAGR_START = 2025


def _plain(value: Any) -> Any:
    """``value`` with numpy scalars turned into Python values (strict validation refuses numpy integers)."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value.item() if isinstance(value, np.generic) else value


def with_values(params: Parameters, changes: Mapping[str, Any]) -> Parameters:
    """A copy of ``params`` with each dotted path in ``changes`` set, re-validated.

    Parameters
    ----------
    params : Parameters
        The scenario to start from (not modified).
    changes : mapping of str to value
        E.g. ``{"growth.diagnosis": 0.02, "trends.novel_therapy.enabled": True}``; a value may be
        a whole section as a dict (e.g. ``{"epidemiology.diagnosed_share": {...}}``).

    Raises
    ------
    KeyError
        When a path names no parameter.
    ParameterError
        When a value is not allowed (naming the path, the value and the allowed range).
    """
    tree = params.model_dump()
    for path, value in changes.items():
        params.value_at(path)  # raises KeyError naming the path when it does not exist
        set_value(tree, path, _plain(value))
    try:
        return Parameters.model_validate(tree)
    except ValidationError as exc:
        shown = ", ".join(f"{p}={v!r}" for p, v in changes.items())
        raise from_validation_error(exc, Parameters, f"scenario '{params.scenario.name}' with {shown}") from None


def outcome(params: Parameters, year: int = TARGET_YEAR, headline: Headline | None = None) -> dict[str, float]:
    """The model's global total in ``year`` (USD million) and its CAGR from 2025 to ``year``."""
    series = totals(market_table(params, headline))
    if year not in series.index:
        raise ValueError(f"year {year} is outside the forecast ({series.index.min()}-{series.index.max()})")
    return {f"total_{year}": float(series.loc[year]), "cagr": cagr(series, CAGR_START, year)}


def evaluate_changes(
    params: Parameters,
    variants: Sequence[Mapping[str, Any]],
    year: int = TARGET_YEAR,
    headline: Headline | None = None,
) -> pd.DataFrame:
    """Run the model once per variant (a mapping of dotted path to value) and tabulate the results.

    Returns
    -------
    DataFrame
        One row per variant: one column per changed path (its value), then ``total_<year>``
        (USD million) and ``cagr`` (2025 to ``year``, a fraction).
    """
    headline = Headline.from_data() if headline is None else headline
    rows = []
    for changes in variants:
        rows.append({**{p: _plain(v) for p, v in changes.items()}, **outcome(with_values(params, changes), year, headline)})
    return pd.DataFrame(rows)


def sweep(params: Parameters, path: str, values: Iterable[Any], year: int = TARGET_YEAR) -> pd.DataFrame:
    """One parameter through ``values``, everything else held at the scenario's values.

    Returns
    -------
    DataFrame
        Columns ``value``, ``total_<year>`` (USD million) and ``cagr`` (2025 to ``year``).
    """
    result = evaluate_changes(params, [{path: v} for v in values], year)
    return result.rename(columns={path: "value"})


def plausible_range(params: Parameters, path: str) -> tuple[float, float]:
    """``(low, high)`` of a parameter from the scenario's uncertainty distributions."""
    dist = params.uncertainty.distributions.get(path)
    if dist is None or dist.low is None or dist.high is None:
        known = ", ".join(p for p, d in params.uncertainty.distributions.items() if d.low is not None)
        raise KeyError(f"no plausible range for {path!r} in uncertainty.distributions; ranges exist for: {known}")
    return float(dist.low), float(dist.high)


def swings(params: Parameters, paths: Sequence[str], year: int = TARGET_YEAR) -> pd.DataFrame:
    """How the total in ``year`` moves as each parameter spans its plausible range (one at a time).

    Returns
    -------
    DataFrame
        Indexed by path: ``low``, ``base``, ``high`` (parameter values), ``total_low``,
        ``total_base``, ``total_high`` (USD million in ``year``) and ``swing`` (high minus low total).
    """
    headline = Headline.from_data()
    base_total = outcome(params, year, headline)[f"total_{year}"]
    rows = {}
    for path in paths:
        low, high = plausible_range(params, path)
        ends = evaluate_changes(params, [{path: low}, {path: high}], year, headline)[f"total_{year}"]
        rows[path] = {
            "low": low,
            "base": float(params.value_at(path)),
            "high": high,
            "total_low": float(ends.iloc[0]),
            "total_base": base_total,
            "total_high": float(ends.iloc[1]),
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame["swing"] = frame["total_high"] - frame["total_low"]
    frame.index.name = "path"
    return frame
