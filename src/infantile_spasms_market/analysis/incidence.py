"""The spread of published incidence estimates, and the incident cases by region it implies."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..model.bottomup import bottom_up_by_region
from ..model.sensitivity import with_values
from ..scenario.parameters import Parameters

VALUE_COLUMNS = ("incidence_per_1000_low", "incidence_per_1000_central", "incidence_per_1000_high")


@dataclass(frozen=True)
class IncidenceRange:
    """Lowest, middle and highest published incidence, cases per 1,000 live births."""

    low: float
    central: float
    high: float

    def as_dict(self) -> dict[str, float]:
        return {"low": self.low, "central": self.central, "high": self.high}


def point_estimates(estimates: pd.DataFrame) -> pd.Series:
    """One number per estimate: its central value, or the midpoint of its low-high range."""
    missing = [c for c in (*VALUE_COLUMNS, "estimate_id") if c not in estimates.columns]
    if missing:
        raise KeyError(f"incidence estimates lack the column(s) {', '.join(missing)}")
    low, central, high = (estimates[c] for c in VALUE_COLUMNS)
    midpoint = (low + high) / 2
    point = central.fillna(midpoint)
    unusable = estimates.loc[point.isna(), "estimate_id"].tolist()
    if unusable:
        raise ValueError(f"incidence estimates with neither a central value nor a low-high range: {', '.join(unusable)}")
    return pd.Series(point.to_numpy(dtype=float), index=estimates["estimate_id"], name="incidence_per_1000")


def published_range(estimates: pd.DataFrame) -> IncidenceRange:
    """The lowest and highest published values (any column) and the median of the point estimates."""
    values = estimates[list(VALUE_COLUMNS)].stack().astype(float).dropna()  # pandas 3 keeps missing values in a stack
    if values.empty:
        raise ValueError("no incidence values in the estimates")
    return IncidenceRange(float(values.min()), float(point_estimates(estimates).median()), float(values.max()))


def estimates_for_chart(estimates: pd.DataFrame, width: int = 26) -> pd.DataFrame:
    """One row per estimate as a chart shows it, lowest point estimate first.

    Columns: ``estimate`` (the setting without its parenthesis and the kind of study, wrapped at
    ``width`` characters), ``low_per_1000``, ``point_per_1000`` (:func:`point_estimates`),
    ``high_per_1000`` and ``source_id``.
    """
    return pd.DataFrame({
        "estimate": [textwrap.fill(f"{setting.split(' (')[0]} ({kind})", width) for setting, kind in zip(estimates["setting"], estimates["kind"])],
        "low_per_1000": estimates["incidence_per_1000_low"].to_numpy(),
        "point_per_1000": point_estimates(estimates).to_numpy(),
        "high_per_1000": estimates["incidence_per_1000_high"].to_numpy(),
        "source_id": estimates["source_id"].to_numpy(),
    }).sort_values("point_per_1000").reset_index(drop=True)


def incident_cases_by_region(params: Parameters, incidences: Mapping[str, float]) -> pd.DataFrame:
    """Incident cases per year by region (rows) for each labelled incidence (columns), through the model.

    Each column is the bottom-up model run with ``epidemiology.incidence_per_1000`` set to that value;
    a final row ``Global`` holds the sum.
    """
    columns = {
        label: bottom_up_by_region(with_values(params, {"epidemiology.incidence_per_1000": float(value)}))["incident_cases"]
        for label, value in incidences.items()
    }
    frame = pd.DataFrame(columns)
    frame.loc["Global"] = frame.sum()
    return frame
