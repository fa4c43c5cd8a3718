"""The diagnosis gap: infants from onset to treatment by region, and the bottom-up market if every region diagnosed and treated like a benchmark."""

from __future__ import annotations

import pandas as pd

from ..constraints import one_of
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
        raise KeyError(f"unknown benchmark region {benchmark!r}; must be {one_of(REGIONS)}")
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


CASCADE = {"incident_cases": "Incident cases", "diagnosed_cases": "Diagnosed", "treated_patients": "Treated"}
"""The stages from onset to treatment in the bottom-up model, as the book names them."""
DELAY = "median time from spasm onset to first visit with an effective provider"
WITHIN_WEEK = "share evaluated by an effective provider within 1 week of onset"
GAP_COUNTS = ("Treated now", "Treated at benchmark", "Added patients")
"""The columns of :func:`gap_table` that count infants (print them without decimals)."""


def care_cascade(regions: pd.DataFrame) -> pd.DataFrame:
    """Incident, diagnosed and treated infants per year by region (last region first), columns named by :data:`CASCADE`.

    ``regions`` is :func:`..model.bottomup.bottom_up_by_region`.
    """
    return regions[list(CASCADE)].iloc[::-1].rename(columns=CASCADE)


def treated_notes(cascade: pd.DataFrame) -> list[str]:
    """``NN % treated`` for each row of :func:`care_cascade`."""
    return [f"{100 * treated / incident:.0f} % treated" for incident, treated in zip(cascade["Incident cases"], cascade["Treated"])]


def cascade_bars(cascade: pd.DataFrame, colours: list[str]) -> dict[str, object]:
    """``plot_grouped_bars`` options for :func:`care_cascade`: one colour a stage, each region's :func:`treated_notes`
    beside its bars, and room on the right for them and the legend."""
    return {"colours": colours, "height": 0.27, "note_pad": 0.2, "room": 1.2, "notes": treated_notes(cascade),
            "legend_loc": "upper right"}


def cascade_numbers(regions: pd.DataFrame, prefix: str = "") -> dict[str, float | str]:
    """The world's incident, diagnosed, treated and untreated infants, and the regions treating the most and least.

    Keys (after ``prefix``): ``incident``, ``diagnosed``, ``treated``, ``untreated``,
    ``untreated-pct``, ``treated-best-region``, ``treated-best-pct``, ``treated-worst-region``,
    ``treated-worst-pct`` (share of incident cases treated, %).
    """
    world = regions[list(CASCADE)].sum()
    treated_rate = regions["treated_patients"] / regions["incident_cases"]
    return {
        f"{prefix}incident": float(world["incident_cases"]),
        f"{prefix}diagnosed": float(world["diagnosed_cases"]),
        f"{prefix}treated": float(world["treated_patients"]),
        f"{prefix}untreated": float(world["incident_cases"] - world["treated_patients"]),
        f"{prefix}untreated-pct": float(100 * (1 - world["treated_patients"] / world["incident_cases"])),
        f"{prefix}treated-best-region": str(treated_rate.idxmax()),
        f"{prefix}treated-best-pct": float(100 * treated_rate.max()),
        f"{prefix}treated-worst-region": str(treated_rate.idxmin()),
        f"{prefix}treated-worst-pct": float(100 * treated_rate.min()),
    }


def gap_numbers(params: Parameters, gap: pd.DataFrame, benchmark: str = "north_america", prefix: str = "") -> dict[str, float | str]:
    """What closing the gap (:func:`closing_the_gap` at ``benchmark``) would add, keyed for ``glue``.

    Keys (after ``prefix``): ``gap-patients``, ``gap-value``, ``gap-patients-pct``, ``gap-value-pct``,
    ``bottom-up-value``, ``bottom-up-closed``, ``gap-top-region`` and ``gap-top-region-value`` (the
    largest added value), ``gap-top-patients-region`` and ``gap-top-patients``,
    ``gap-still-untreated``, and the benchmark's shares ``na-diagnosed`` and ``na-treated`` (%).
    """
    world, regional = gap.loc["Global"], gap.drop(index="Global")
    return {
        f"{prefix}gap-patients": float(world["added_patients"]),
        f"{prefix}gap-value": float(world["added_value_usd_m"]),
        f"{prefix}gap-patients-pct": float(100 * world["added_patients"] / world["treated_patients"]),
        f"{prefix}gap-value-pct": float(100 * world["added_value_usd_m"] / world["value_usd_m"]),
        f"{prefix}bottom-up-value": float(world["value_usd_m"]),
        f"{prefix}bottom-up-closed": float(world["value_at_benchmark_usd_m"]),
        f"{prefix}gap-top-region": str(regional["added_value_usd_m"].idxmax()),
        f"{prefix}gap-top-region-value": float(regional["added_value_usd_m"].max()),
        f"{prefix}gap-top-patients-region": str(regional["added_patients"].idxmax()),
        f"{prefix}gap-top-patients": float(regional["added_patients"].max()),
        f"{prefix}gap-still-untreated": float(world["untreated_at_benchmark"]),
        f"{prefix}na-diagnosed": float(100 * params.value_at("epidemiology.diagnosed_share")[benchmark]),
        f"{prefix}na-treated": float(100 * params.value_at("epidemiology.treated_share")[benchmark]),
    }


def gap_table(gap: pd.DataFrame) -> pd.DataFrame:
    """:func:`closing_the_gap` as the book tabulates it (print the :data:`GAP_COUNTS` with ``,.0f``)."""
    table = pd.DataFrame({
        "Treated now": gap["treated_patients"],
        "Treated at benchmark": gap["treated_patients_at_benchmark"],
        "Added patients": gap["added_patients"],
        "Value now (USD m)": gap["value_usd_m"],
        "Added value (USD m)": gap["added_value_usd_m"],
    })
    table.index.name = "Region"
    return table


def delay_numbers(time_to_treatment: pd.DataFrame, prefix: str = "") -> dict[str, float]:
    """How long infants wait for an effective treatment (``data/time_to_treatment.csv`` indexed by measure).

    Keys (after ``prefix``): ``days-to-effective`` (median days) and ``within-week`` (%).
    """
    return {
        f"{prefix}days-to-effective": float(time_to_treatment.loc[DELAY, "value"]),
        f"{prefix}within-week": float(time_to_treatment.loc[WITHIN_WEEK, "value"]),
    }


def gap_chart_data(gap: pd.DataFrame) -> pd.DataFrame:
    """The regions of :func:`closing_the_gap` for its chart, last region first (bars are drawn from the bottom up):
    ``added_patients`` and ``added_value_usd_m``."""
    return gap.drop(index="Global").iloc[::-1][["added_patients", "added_value_usd_m"]]


def gap_bars(regional: pd.DataFrame, colour: str) -> list[tuple[pd.Series, dict[str, object]]]:
    """The gap chart's two panels, each ``(data, plot_bars options)``: infants treated in addition (thousands, bars in
    ``colour``, each labelled with its count) and the value added; each axis is 30 % longer than its longest bar."""
    added, value = regional["added_patients"], regional["added_value_usd_m"]
    return [
        (added / 1000, {"colours": colour, "texts": [f"{v:,.0f}" for v in added], "pad": 0.1,
                        "lim": (0, 1.3 * float(added.max()) / 1000),
                        "xlabel": "Infants treated in addition (thousands a year)", "title": "Patients"}),
        (value, {"fmt": "{:,.2f}", "pad": 0.05, "lim": (0, 1.3 * max(float(value.max()), 0.1)),
                 "xlabel": "Added value (USD million a year)", "title": "Value"}),
    ]
