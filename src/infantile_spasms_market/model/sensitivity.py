"""Sensitivity: change named parameters and re-run the model; move each uncertain parameter from its low to its high value.

"Low" and "high" have one definition, :func:`.sampling.ends` (the declared low and high of a
triangular or uniform distribution, P5 and P95 of a truncated normal), used by the tornado and by
:func:`swings` alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import ValidationError

from ..inputs import declared
from ..inputs.headline import Headline
from ..scenario.errors import from_validation_error
from ..scenario.loading import set_value
from ..scenario.parameters import Parameters
from .arrays import build
from .draws import ParameterDraws, set_draws
from .sampling import ends, sample, stream
from .topdown import evaluate, market_table
from .views import cagr, totals
from ..remembered import remembered

TORNADO_DIRICHLET_DRAWS = 2000
SWING_NOISE = 1e-9
Outcome = Literal["total", "bottom_up"]


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
    with declared.unrecorded():  # the copy's reads are recorded as the scenario's, where it kept the scenario's value
        tree = params.model_dump()
        for path, value in changes.items():
            params.value_at(path)  # raises KeyError naming the path when it does not exist
            set_value(tree, path, _plain(value))
    try:
        changed = Parameters.model_validate(tree)
        declared.derive(changed, params, changes)
        return changed
    except ValidationError as exc:
        shown = ", ".join(f"{p}={v!r}" for p, v in changes.items())
        raise from_validation_error(exc, Parameters, f"scenario '{params.scenario.name}' with {shown}") from None


def outcome(params: Parameters, year: int | None = None, headline: Headline | None = None) -> dict[str, float]:
    """The model's global total in ``year`` (USD million; default the report's last forecast year) and its CAGR to it."""
    headline = Headline.from_data() if headline is None else headline
    year = headline.end_year if year is None else year
    series = totals(market_table(params, headline))
    if year not in series.index:
        raise ValueError(f"year {year} is outside the forecast ({series.index.min()}-{series.index.max()})")
    return {f"total_{year}": float(series.loc[year]), "cagr": cagr(series, headline.first_growth_year, year)}


def evaluate_changes(
    params: Parameters,
    variants: Sequence[Mapping[str, Any]],
    year: int | None = None,
    headline: Headline | None = None,
) -> pd.DataFrame:
    """Run the model once per variant (a mapping of dotted path to value) and tabulate the results.

    Returns
    -------
    DataFrame
        One row per variant: one column per changed path (its value), then ``total_<year>``
        (USD million) and ``cagr`` (from the first growth year to ``year``, a fraction).
    """
    headline = Headline.from_data() if headline is None else headline
    rows = []
    for changes in variants:
        rows.append({**{p: _plain(v) for p, v in changes.items()}, **outcome(with_values(params, changes), year, headline)})
    return pd.DataFrame(rows)


def sweep(params: Parameters, path: str, values: Iterable[Any], year: int | None = None) -> pd.DataFrame:
    """One parameter through ``values``, everything else held at the scenario's values.

    Returns
    -------
    DataFrame
        Columns ``value``, ``total_<year>`` (USD million) and ``cagr``.
    """
    result = evaluate_changes(params, [{path: v} for v in values], year)
    return result.rename(columns={path: "value"})


def swings(params: Parameters, paths: Sequence[str], headline: Headline | None = None) -> pd.DataFrame:
    """How the total in the last forecast year moves as each parameter goes from its low to its high value.

    The rows of :func:`tornado` for ``paths``, in that order, with the outcome columns named
    ``total_low``, ``total_base`` and ``total_high``.

    Raises
    ------
    KeyError
        Naming a path that has no distribution in ``uncertainty.distributions``.
    """
    unknown = [p for p in paths if p not in params.uncertainty.distributions]
    if unknown:
        known = ", ".join(params.uncertainty.distributions)
        raise KeyError(f"no distribution for {', '.join(unknown)} in uncertainty.distributions; distributions exist for: {known}")
    frame = tornado(params, "total", headline, paths=paths).loc[list(paths)]
    columns = {"outcome_low": "total_low", "outcome_base": "total_base", "outcome_high": "total_high"}
    return frame.rename(columns=columns)[["low", "base", "high", *columns.values(), "swing"]]


def _outcome(params: Parameters, state: ParameterDraws, headline: Headline, outcome: Outcome) -> np.ndarray:
    built = build(params, state, headline)
    if outcome == "bottom_up":
        return built.bottom_up_by_region.sum(axis=1)
    if outcome == "total":
        values = evaluate(built.inputs, headline, params.market.reconciliation)
        return values[:, list(built.inputs.years).index(headline.end_year)].sum(axis=(1, 2))
    raise ValueError(f"unknown outcome {outcome!r}; choose total or bottom_up")


def tornado(
    params: Parameters, outcome: Outcome = "total", headline: Headline | None = None, paths: Sequence[str] | None = None
) -> pd.DataFrame:
    """One-at-a-time sensitivity of an outcome to each declared distribution, largest swing first.

    Each scalar distribution is set to its low and high value (:func:`.sampling.ends`), every
    other parameter at the scenario's value. A ``dirichlet`` share section has no low or high
    value: it is drawn alone (``uncertainty.seed``, 2,000 draws) and the outcome's P5 and P95 stand
    for its low and high ends (parameter columns left empty).

    Parameters
    ----------
    outcome : {"total", "bottom_up"}
        The global total in the report's last forecast year (top-down) or the bottom-up value in
        the base year, USD million.
    paths : sequence of str, optional
        Only these distributions (default: all).

    Returns
    -------
    DataFrame
        Indexed by path: ``kind``, ``low``, ``base``, ``high`` (parameter values), ``outcome_low``,
        ``outcome_base``, ``outcome_high`` and ``swing`` (outcome_high - outcome_low).
    """
    headline = Headline.from_data() if headline is None else headline
    base_value = float(_outcome(params, set_draws(params, 1, {}), headline, outcome)[0])
    rows = {}
    for path, dist in params.uncertainty.distributions.items():
        if paths is not None and path not in paths:
            continue
        if dist.kind == "dirichlet":
            centre = np.array(list(params.value_at(path).values()), dtype=float)
            shares = sample(dist, TORNADO_DIRICHLET_DRAWS, stream(params.uncertainty.seed, path), centre)
            result = _outcome(params, set_draws(params, TORNADO_DIRICHLET_DRAWS, {path: shares}), headline, outcome)
            low = high = base = np.nan
            outcome_low, outcome_high = np.percentile(result, (5, 95))
        else:
            low, high = ends(dist)
            base = float(params.value_at(path))
            outcome_low, outcome_high = _outcome(params, set_draws(params, 2, {path: np.array([low, high])}), headline, outcome)
        rows[path] = {
            "kind": dist.kind,
            "low": low,
            "base": base,
            "high": high,
            "outcome_low": float(outcome_low),
            "outcome_base": base_value,
            "outcome_high": float(outcome_high),
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    swing = frame["outcome_high"] - frame["outcome_low"]
    frame["swing"] = swing.where(swing.abs() > SWING_NOISE * max(abs(base_value), 1.0), 0.0)  # rounding noise is no swing
    frame.index.name = "path"
    return frame.reindex(frame["swing"].abs().sort_values(ascending=False, kind="stable").index)


tornado = remembered(tornado)  # kept between chapters and builds (not a decorator: mutmut skips decorated functions)
