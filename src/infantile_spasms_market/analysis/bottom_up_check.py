"""Top-down against bottom-up by region: the report's total split by assumption beside what the treated infants would cost."""

from __future__ import annotations

import pandas as pd

from ..model.bottomup import bottom_up_by_region
from ..scenario.parameters import Parameters

PER_PATIENT_FORMATS = {
    "Treated patients (bottom-up)": ",.0f",
    "Top-down USD per treated patient": ",.0f",
    "Bottom-up USD per treated patient": ",.0f",
}


def comparison(params: Parameters, top_down: pd.Series, year: int) -> pd.DataFrame:
    """Each region's top-down and bottom-up value, their ratio, treated patients and spend per patient, then ``World``.

    Parameters
    ----------
    params : Parameters
        The scenario (the bottom-up model is computed from it).
    top_down : Series
        The top-down value of each region in ``year`` (USD million), in the order the table keeps.
    year : int
        The top-down values' year (the report's base year), for the column name.

    Returns
    -------
    DataFrame
        Indexed by ``Region`` (the regions, then ``World``): ``Top-down <year> (USD m)``,
        ``Bottom-up (USD m)``, ``Top-down ÷ bottom-up``, ``Treated patients (bottom-up)`` and the
        top-down and bottom-up ``USD per treated patient``. Print with :data:`PER_PATIENT_FORMATS`.
    """
    bottom = bottom_up_by_region(params)
    top = f"Top-down {year} (USD m)"
    compare = pd.DataFrame({top: top_down, "Bottom-up (USD m)": bottom["value_usd_m"]}).loc[list(top_down.index)]
    compare["Top-down ÷ bottom-up"] = compare[top] / compare["Bottom-up (USD m)"]
    compare["Treated patients (bottom-up)"] = bottom["treated_patients"].round().astype(int)
    compare["Top-down USD per treated patient"] = 1e6 * compare[top] / bottom["treated_patients"]
    compare["Bottom-up USD per treated patient"] = 1e6 * compare["Bottom-up (USD m)"] / bottom["treated_patients"]
    compare.loc["World"] = [
        compare[top].sum(), compare["Bottom-up (USD m)"].sum(),
        compare[top].sum() / compare["Bottom-up (USD m)"].sum(),
        round(bottom["treated_patients"].sum()),
        1e6 * compare[top].sum() / bottom["treated_patients"].sum(),
        1e6 * compare["Bottom-up (USD m)"].sum() / bottom["treated_patients"].sum(),
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
