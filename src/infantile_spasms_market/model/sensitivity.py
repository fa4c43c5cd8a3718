"""One-at-a-time sensitivity: change named parameters, re-run the model, read the total and its growth."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from ..inputs.headline import Headline
from ..scenario.errors import from_validation_error
from ..scenario.overrides import set_value
from ..scenario.parameters import Parameters
from .arrays import build
from .draws import ParameterDraws, set_draws
from .montecarlo import SWING_NOISE, TORNADO_DIRICHLET_DRAWS, Outcome
from .sampling import ends, sample, stream
from .topdown import cagr, evaluate, market_table, totals

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


# --------------------------------------------------------------------------- one at a time
def _outcome(params: Parameters, state: ParameterDraws, headline: Headline, outcome: Outcome) -> np.ndarray:
    built = build(params, state)
    if outcome == "bottom_up_2024":
        return built.bottom_up_by_region.sum(axis=1)
    if outcome == "total_2030":
        values = evaluate(built.inputs, headline, params.market.reconciliation)
        return values[:, list(built.inputs.years).index(TARGET_YEAR)].sum(axis=(1, 2))
    raise ValueError(f"unknown outcome {outcome!r}; choose total_2030 or bottom_up_2024")


def tornado(params: Parameters, outcome: Outcome = "total_2030", headline: Headline | None = None) -> pd.DataFrame:
    """One-at-a-time sensitivity of an outcome to each declared distribution, largest swing first.

    Each scalar distribution is set to its low and high value (:func:`.distributions.ends`:
    the declared low and high for triangular and uniform, P5 and P95 for a truncated normal),
    every other parameter at the scenario's value. A ``dirichlet`` share section has no low or
    high value: it is drawn alone (``uncertainty.seed``, 2,000 draws) and the outcome's P5 and P95
    stand for its low and high ends (parameter columns left empty).

    Parameters
    ----------
    outcome : {"total_2030", "bottom_up_2024"}
        The global total in 2030 (top-down) or the bottom-up value in the base year, USD million.

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
