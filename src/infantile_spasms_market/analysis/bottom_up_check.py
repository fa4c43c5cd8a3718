"""Top-down against bottom-up by region: the report's total split by assumption beside what the treated infants would cost."""

from __future__ import annotations

import pandas as pd

from ..model.bottomup import bottom_up_by_region, compare_with_top_down
from ..scenario.parameters import Parameters

PER_PATIENT_FORMATS = {
    "Treated patients (bottom-up)": ",.0f",
    "Top-down USD per treated patient": ",.0f",
    "Bottom-up USD per treated patient": ",.0f",
}


def comparison(params: Parameters, table: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each region's top-down and bottom-up value, their ratio, treated patients and spend per patient, then ``World``.

    The values are :func:`..model.bottomup.compare_with_top_down`'s, with the ratio the other way
    round (top-down ÷ bottom-up) as the regions chapter tells it.

    Parameters
    ----------
    params : Parameters
        The scenario (the bottom-up model is computed from it).
    table : DataFrame
        The scenario's long market table (the top-down values).
    year : int
        The top-down year (the report's base year, which the bottom-up model describes).

    Returns
    -------
    DataFrame
        Indexed by ``Region`` (the regions, then ``World``): ``Top-down <year> (USD m)``,
        ``Bottom-up (USD m)``, ``Top-down ÷ bottom-up``, ``Treated patients (bottom-up)`` and the
        top-down and bottom-up ``USD per treated patient``. Print with :data:`PER_PATIENT_FORMATS`.
    """
    values = compare_with_top_down(params, table, year).drop(index="Global")
    treated = bottom_up_by_region(params)["treated_patients"]
    top = f"Top-down {year} (USD m)"
    compare = pd.DataFrame({top: values["top_down_usd_m"], "Bottom-up (USD m)": values["bottom_up_usd_m"]})
    compare["Top-down ÷ bottom-up"] = compare[top] / compare["Bottom-up (USD m)"]
    compare["Treated patients (bottom-up)"] = treated.round().astype(int)
    compare["Top-down USD per treated patient"] = 1e6 * compare[top] / treated
    compare["Bottom-up USD per treated patient"] = 1e6 * compare["Bottom-up (USD m)"] / treated
    compare.loc["World"] = [
        compare[top].sum(), compare["Bottom-up (USD m)"].sum(),
        compare[top].sum() / compare["Bottom-up (USD m)"].sum(),
        compare["Treated patients (bottom-up)"].sum(),
        1e6 * compare[top].sum() / compare["Treated patients (bottom-up)"].sum(),
        1e6 * compare["Bottom-up (USD m)"].sum() / compare["Treated patients (bottom-up)"].sum(),
    ]
    compare.index.name = "Region"
    return compare


def chart_data(compare: pd.DataFrame, year: int) -> pd.DataFrame:
    """The regions of a :func:`comparison` (no ``World``): ``top_down_<year>_usd_m``, ``bottom_up_usd_m`` and ``ratio``."""
    return compare.drop(index="World").iloc[:, :3].set_axis([f"top_down_{year}_usd_m", "bottom_up_usd_m", "ratio"], axis=1)


def ratio_highlights(compare: pd.DataFrame) -> dict[str, object]:
    """The world's bottom-up and top-down values and ratio, and the regions with the lowest and highest ratio, for glue."""
    ratios = compare.drop(index="World")["Top-down ÷ bottom-up"]
    world = compare.loc["World"]
    return {
        "bu-world": float(world["Bottom-up (USD m)"]),
        "td-world": float(world.iloc[0]),  # the top-down column comes first
        "ratio-world": float(world["Top-down ÷ bottom-up"]),
        "ratio-min-region": str(ratios.idxmin()),
        "ratio-min": float(ratios.min()),
        "ratio-max-region": str(ratios.idxmax()),
        "ratio-max": float(ratios.max()),
    }
