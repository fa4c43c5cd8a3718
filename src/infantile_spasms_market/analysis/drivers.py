"""The report's growth drivers made measurable: each growth component's reach, incident cases, what testing finds, what regulators approved."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import labels
from ..inputs.taxonomy import REGIONS
from ..model.bottomup import bottom_up_by_region
from ..model.sensitivity import evaluate_changes, swings
from ..model.views import cagr, totals
from ..scenario.fields import described
from ..scenario.parameters import Parameters
from .incidence import IncidenceRange, published_range
from .wording import count_word

GROWTH = {path: d for path, d in described(Parameters).items() if path.startswith("growth.")}
COMPONENTS = {path: d.title for path, d in GROWTH.items()}
"""The growth components that add up to the growth rate, as the chapter names them (their declarations' titles)."""
PHRASES = {path: d.phrase for path, d in GROWTH.items()}
"""Each growth component as a phrase inside a sentence ("the growth from ..."), as declared."""
def components_text() -> str:
    """How many growth components there are, in words (``five growth components``): alt texts name no typed count."""
    return f"{count_word(len(COMPONENTS))} growth components"


REPORT_DRIVERS = ("growth.diagnosis", "growth.innovation", "growth.prevalence")
"""The three drivers the report names."""
RANGE_KEYS = {
    "growth.prevalence": ("prev-base", "prev-low", "prev-high"),
    "growth.diagnosis": ("diag-base", "diag-range-low", "diag-range-high"),
    "growth.innovation": ("innov-base", "innov-low", "innov-high"),
}
EMERGING = (REGIONS["asia_pacific"], REGIONS["middle_east_africa"])
REPORT_ESTIMATE = "techsci-nyc"
"""The report's own incidence figure in ``data/incidence_estimates.csv``."""
LEVELS = ("low", "central", "scenario", "high")
MRI, GENETIC, ANY_CAUSE = "MRI abnormality detected", "genetic cause identified", "any identified cause"
CHINA_COHORT, ICISS = "peng-2022", "osborne-iciss"
TESTS, CAUSES = "test", "cause (Peng 2022)"
"""The two parts of :func:`diagnostic_yield` (first level of its index)."""


def component_impact(params: Parameters) -> pd.DataFrame:
    """Each growth component at the low and the high end of its plausible range, one at a time, largest swing first.

    Returns
    -------
    DataFrame
        Indexed by parameter path: ``driver`` (its name), ``low``, ``base``, ``high`` (the growth
        rates, fractions), ``total_low``, ``total_base``, ``total_high`` (the last forecast year's
        value, USD million) and ``swing``.
    """
    impact = swings(params, list(COMPONENTS))
    impact.insert(0, "driver", impact.index.map(COMPONENTS))
    return impact.reindex(impact["swing"].abs().sort_values(ascending=False).index)


def impact_numbers(params: Parameters, impact: pd.DataFrame, year: int, prefix: str = "") -> dict[str, float | str]:
    """What the chapter quotes of :func:`component_impact` (``year``: the last forecast year), keyed for ``glue``.

    Keys (after ``prefix``): ``top-driver``, ``top-low``, ``top-high``, ``top-swing``,
    ``least-driver``, ``least-swing``, ``base-2030`` (the scenario's value in the last forecast
    year), ``report-share-of-cagr`` (the report's three drivers' share of the growth rate, %), and
    ``all-low``, ``all-high``, ``all-low-cagr``, ``all-high-cagr`` (every component at its low or its
    high end at once).
    """
    top, least = impact.iloc[0], impact.iloc[-1]
    extremes = evaluate_changes(params, [
        {path: row["low"] for path, row in impact.iterrows()},
        {path: row["high"] for path, row in impact.iterrows()},
    ], year=year)
    total = extremes[f"total_{year}"]
    report_share = 100 * float(impact.loc[list(REPORT_DRIVERS), "base"].sum()) / params.growth_rate
    return {
        f"{prefix}top-driver": PHRASES[top.name],
        f"{prefix}top-low": float(top["total_low"]),
        f"{prefix}top-high": float(top["total_high"]),
        f"{prefix}top-swing": float(top["swing"]),
        f"{prefix}least-driver": PHRASES[least.name],
        f"{prefix}least-swing": float(least["swing"]),
        f"{prefix}base-2030": float(top["total_base"]),
        f"{prefix}report-share-of-cagr": report_share,
        f"{prefix}all-low": float(total.iloc[0]),
        f"{prefix}all-high": float(total.iloc[1]),
        f"{prefix}all-low-cagr": 100 * float(extremes["cagr"].iloc[0]),
        f"{prefix}all-high-cagr": 100 * float(extremes["cagr"].iloc[1]),
    }


def component_ranges(params: Parameters, impact: pd.DataFrame, prefix: str = "") -> dict[str, float]:
    """The scenario's value and plausible range of the report's three drivers, % a year, keyed for ``glue``.

    Keys (after ``prefix``): those of :data:`RANGE_KEYS`.
    """
    values = {}
    for path, (base, low, high) in RANGE_KEYS.items():
        values[f"{prefix}{base}"] = 100 * params.value_at(path)
        values[f"{prefix}{low}"] = float(100 * impact.loc[path, "low"])
        values[f"{prefix}{high}"] = float(100 * impact.loc[path, "high"])
    return values


def tornado_data(impact: pd.DataFrame) -> pd.DataFrame:
    """What the tornado (:func:`..figures.distributions.plot_tornado`) plots: per component (by name) the value at each end and the base, each end's rate as a note."""
    return pd.DataFrame({
        "outcome_low": impact["total_low"].to_numpy(),
        "outcome_base": impact["total_base"].to_numpy(),
        "outcome_high": impact["total_high"].to_numpy(),
        "low_note": [f"{100 * v:+.1f} %/yr" for v in impact["low"]],
        "high_note": [f"{100 * v:+.1f} %/yr" for v in impact["high"]],
    }, index=pd.Index(impact["driver"].to_numpy(), name="driver"))


TORNADO_ENDS = ("Component at the low end of its range", "Component at the high end of its range")
"""The tornado's two ends as its legend names them (the uncertainty chapter's tornado speaks of parameters)."""
IMPACT_FORMATS = {"Scenario (%/yr)": "+.1f"}
"""How :func:`impact_table`'s scenario column is printed (a signed rate)."""


def impact_axis(impact: pd.DataFrame, year: int) -> str:
    """The tornado's value axis: the market in ``year``, with the scenario's value the bars are read against."""
    return f"Market value in {year} (USD million); scenario value {float(impact['total_base'].iloc[-1]):.2f}"


def impact_table(impact: pd.DataFrame, year: int) -> pd.DataFrame:
    """:func:`component_impact` as the chapter tabulates it (print it with :data:`IMPACT_FORMATS`)."""
    return pd.DataFrame({
        "Driver": impact["driver"].tolist(),  # the driver's name; its parameter's code name stays in Methodology
        "Range (%/yr)": [f"{100 * lo:+.1f} to {100 * hi:+.1f}" for lo, hi in zip(impact["low"], impact["high"])],
        "Scenario (%/yr)": 100 * impact["base"],
        f"{year} at low (USD m)": impact["total_low"],
        f"{year} at high (USD m)": impact["total_high"],
        "Swing (USD m)": impact["swing"],
    })


def ranges_table(params: Parameters, impact: pd.DataFrame) -> pd.DataFrame:
    """Why each growth component's plausible range is as wide as it is (the scenario file's rationale)."""
    return pd.DataFrame({
        "Driver": impact["driver"].to_numpy(),
        "Why the range is as wide as it is": [params.uncertainty.distributions[p].rationale for p in impact.index],
    })


def incidence_levels(span: IncidenceRange, params: Parameters) -> dict[str, float]:
    """The incidences the chapter compares (per 1,000 live births): lowest, median and highest published, and the scenario's."""
    return {**span.as_dict(), "scenario": params.epidemiology.incidence_per_1000}


def incidence_labels(span: IncidenceRange, params: Parameters) -> dict[str, str]:
    """How the chapter names each of :func:`incidence_levels`, with its value."""
    return {
        "low": f"Lowest published ({span.low:.3f})",
        "central": f"Median published ({span.central:.3f})",
        "scenario": f"This scenario ({params.epidemiology.incidence_per_1000:.3f})",
        "high": f"Highest published ({span.high:.2f})",
    }


def incidence_numbers(estimates: pd.DataFrame, cases: pd.DataFrame, params: Parameters, prefix: str = "") -> dict[str, float | int]:
    """The published incidence range and the incident cases it implies, keyed for ``glue``.

    ``cases`` is :func:`.incidence.incident_cases_by_region` at :func:`incidence_levels`. Keys (after
    ``prefix``): ``n-estimates``, ``inc-low``, ``inc-central``, ``inc-high``, ``inc-model``,
    ``cases-low``, ``cases-central``, ``cases-high``, ``cases-model``, ``cases-emerging-share``
    (%), ``report-one-in`` and ``report-inc`` (the report's figure as one case in N, and per 1,000).
    """
    span = published_range(estimates)
    report = estimates.set_index("estimate_id").loc[REPORT_ESTIMATE, "incidence_per_1000_central"]
    world = cases.loc["Global"]
    return {
        f"{prefix}n-estimates": len(estimates),
        f"{prefix}inc-low": span.low,
        f"{prefix}inc-central": span.central,
        f"{prefix}inc-high": span.high,
        f"{prefix}inc-model": float(params.epidemiology.incidence_per_1000),
        **{f"{prefix}cases-{key}": float(world[level]) for key, level in
           (("low", "low"), ("central", "central"), ("high", "high"), ("model", "scenario"))},
        f"{prefix}cases-emerging-share": 100 * float(cases.loc[list(EMERGING), "scenario"].sum() / world["scenario"]),
        f"{prefix}report-one-in": float(1000 / report),
        f"{prefix}report-inc": float(report),
    }


def cases_by_region(cases: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Incident cases per region (no ``Global`` row, last region first) at each level, columns named by ``labels``."""
    return cases.drop(index="Global")[list(LEVELS)].iloc[::-1].rename(columns=labels)


def cases_table(params: Parameters, cases: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Live births and incident cases per year by region and in total, at each level (columns named by ``labels``)."""
    table = pd.DataFrame({"Live births": bottom_up_by_region(params)["births"]})
    table.loc["Global"] = table.sum()
    for level in LEVELS:
        table[labels[level]] = cases[level]
    table.index.name = "Region"
    return table


def cohort(etiology: pd.DataFrame, source_id: str) -> pd.Series:
    """The share of infants (%) by cause category in one study of ``data/etiology.csv``."""
    return etiology[etiology["source_id"] == source_id].set_index("category")["share_pct"]


def diagnosis_numbers(yields: pd.DataFrame, etiology: pd.DataFrame, params: Parameters, prefix: str = "") -> dict[str, float | str]:
    """What testing finds and how many infants are diagnosed by region, keyed for ``glue``.

    ``yields`` is ``data/diagnostic_yield.csv`` indexed by test. Keys (after ``prefix``):
    ``mri-low``, ``mri-high``, ``genetic``, ``genetic-one-in``, ``peng-any``, ``iciss-any``,
    ``peng-structural``, ``diag-low``, ``diag-high`` (diagnosed share, %) and ``diag-low-region``.
    """
    china, iciss = cohort(etiology, CHINA_COHORT), cohort(etiology, ICISS)
    diagnosed = pd.Series(params.epidemiology.diagnosed_share.model_dump())
    return {
        f"{prefix}mri-low": float(yields.loc[MRI, "yield_low_pct"]),
        f"{prefix}mri-high": float(yields.loc[MRI, "yield_high_pct"]),
        f"{prefix}genetic": float(yields.loc[GENETIC, "yield_low_pct"]),
        f"{prefix}peng-any": float(china[ANY_CAUSE]),
        f"{prefix}iciss-any": float(iciss[ANY_CAUSE]),
        f"{prefix}peng-structural": float(china["structural-acquired"] + china["structural-congenital"]),
        f"{prefix}diag-low-region": REGIONS[diagnosed.idxmin()],
        f"{prefix}genetic-one-in": float(100 / yields.loc[GENETIC, "yield_low_pct"]),
        f"{prefix}diag-low": 100 * float(diagnosed.min()),
        f"{prefix}diag-high": 100 * float(diagnosed.max()),
    }


def diagnostic_yield(yields: pd.DataFrame, etiology: pd.DataFrame) -> pd.DataFrame:
    """The yield of each test (low and high, %) and the causes found in the China cohort, as the figure plots them.

    Returns
    -------
    DataFrame
        Columns ``low_pct`` and ``high_pct``, indexed by (:data:`TESTS`, name) for the report's MRI
        and genetic figures and each study's share with any cause, then by (:data:`CAUSES`,
        category) for the China cohort's causes, smallest first (``low_pct`` = ``high_pct``).
    """
    china, iciss = cohort(etiology, CHINA_COHORT), cohort(etiology, ICISS)
    tests = pd.DataFrame({
        "low_pct": [yields.loc[MRI, "yield_low_pct"], yields.loc[GENETIC, "yield_low_pct"], china[ANY_CAUSE], iciss[ANY_CAUSE]],
        "high_pct": [yields.loc[MRI, "yield_high_pct"], yields.loc[GENETIC, "yield_high_pct"], china[ANY_CAUSE], iciss[ANY_CAUSE]],
    }, index=["MRI abnormality (report)", "Genetic cause (report)", "Any cause (China cohort)", "Any cause (ICISS)"])
    causes = china.drop(index=ANY_CAUSE).sort_values()
    return pd.concat({TESTS: tests, CAUSES: causes.to_frame("low_pct").assign(high_pct=causes)})


def approval_numbers(approved: pd.DataFrame, prefix: str = "") -> dict[str, int]:
    """How many approvals (:func:`.events.approvals`) the data hold, how many for infantile spasms, and the years they span.

    Keys (after ``prefix``): ``n-approvals``, ``n-approvals-is``, ``first-approval-year``, ``last-approval-year``.
    """
    return {
        f"{prefix}n-approvals": len(approved),
        f"{prefix}n-approvals-is": int(approved["for_infantile_spasms"].sum()),
        f"{prefix}first-approval-year": int(approved["date"].iloc[0].year),
        f"{prefix}last-approval-year": int(approved["date"].iloc[-1].year),
    }


def approvals_table(approved: pd.DataFrame) -> pd.DataFrame:
    """The approvals as the chapter lists them, with whether each is for infantile spasms."""
    return pd.DataFrame({
        "Date": approved["date_text"].to_numpy(),
        "Drug": [labels.name(d, fallback=str(d).capitalize()) for d in approved["drug"]],
        "Company": approved["company"].to_numpy(),
        "Approval": approved["event"].to_numpy(),
        "For infantile spasms": np.where(approved["for_infantile_spasms"], "yes", "no"),
    })


def market_numbers(table: pd.DataFrame, end: int, first: int) -> dict[str, float]:
    """The market's value in ``end`` (``total-<end>``) and its growth a year from ``first`` (``cagr``, %), for glue."""
    total = totals(table)
    return {f"total-{end}": float(total.loc[end]), "cagr": 100 * cagr(total, first, end)}


def impact_download(impact: pd.DataFrame) -> pd.DataFrame:
    """What the tornado's CSV holds of :func:`component_impact`: each component's range and the totals at its ends."""
    return impact[["driver", "low", "base", "high", "total_low", "total_base", "total_high", "swing"]].round(6)


def impact_takeaway(impact: pd.DataFrame, year: int) -> str:
    """The tornado's slide title: the component that moves the ``year`` market most, and by how much."""
    top = impact.loc[impact["swing"].idxmax()]
    return (f"The driver that moves the {year} market most is {top['driver'].lower()}: "
            f"USD {impact['swing'].max():.2f} million between the ends of its range")
