"""The value of closing the diagnosis gap: the bottom-up market if every region diagnosed and treated like a benchmark."""

from __future__ import annotations

import pandas as pd

from ..inputs.taxonomy import REGIONS
from ..model.bottomup import bottom_up_by_region
from ..model.sensitivity import with_values
from ..scenario.parameters import Parameters

SHARES = ("diagnosed_share", "treated_share")


def benchmark_changes(params: Parameters, benchmark: str = "north_america") -> dict[str, dict[str, float]]:
    """Parameter changes that lift each region's diagnosed and treated shares to the benchmark region's.

    A region already above the benchmark keeps its own share (closing a gap never lowers one).
    """
    if benchmark not in REGIONS:
        raise KeyError(f"unknown benchmark region {benchmark!r}; choose one of {', '.join(REGIONS)}")
    changes = {}
    for name in SHARES:
        shares = params.value_at(f"epidemiology.{name}")
        changes[f"epidemiology.{name}"] = {region: max(share, shares[benchmark]) for region, share in shares.items()}
    return changes


def closing_the_gap(params: Parameters, benchmark: str = "north_america") -> pd.DataFrame:
    """Bottom-up patients and value by region now and at the benchmark's shares, with a ``Global`` row.

    Returns
    -------
    DataFrame
        Indexed by region name: ``incident_cases``, ``treated_patients``,
        ``treated_patients_at_benchmark``, ``added_patients``, ``untreated_at_benchmark``,
        ``value_usd_m``, ``value_at_benchmark_usd_m``, ``added_value_usd_m`` (base year).
    """
    now = bottom_up_by_region(params)
    closed = bottom_up_by_region(with_values(params, benchmark_changes(params, benchmark)))
    frame = pd.DataFrame(
        {
            "incident_cases": now["incident_cases"],
            "treated_patients": now["treated_patients"],
            "treated_patients_at_benchmark": closed["treated_patients"],
            "value_usd_m": now["value_usd_m"],
            "value_at_benchmark_usd_m": closed["value_usd_m"],
        }
    )
    frame.loc["Global"] = frame.sum()
    frame["added_patients"] = frame["treated_patients_at_benchmark"] - frame["treated_patients"]
    frame["untreated_at_benchmark"] = frame["incident_cases"] - frame["treated_patients_at_benchmark"]
    frame["added_value_usd_m"] = frame["value_at_benchmark_usd_m"] - frame["value_usd_m"]
    return frame
