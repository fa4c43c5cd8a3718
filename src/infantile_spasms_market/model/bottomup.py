"""The bottom-up market: births x incidence x diagnosis x treatment x drug choice x cost per course.

Computed beside the top-down model, never mixed into its totals: it sets the split of each
region's value across its countries and serves as the triangulation check.
"""

from __future__ import annotations

import pandas as pd

from ..inputs.files import DataFileError
from ..inputs.reading import load_table
from ..inputs.taxonomy import (
    COUNTRIES,
    COUNTRY_IDS_BY_NAME,
    COUNTRY_REGION,
    ESTABLISHED_DRUG_IDS,
    REGIONS,
    rest_of,
)
from ..scenario.parameters import Parameters

# Drugs whose US course price comes from the data (14-day average wholesale price).
PRICED_DRUGS = {"acth": "acth", "vigabatrin": "vigabatrin", "oral_steroids": "prednisolone"}
AWP_BASIS = "14-day course, median average wholesale price"


def births_by_country(params: Parameters, births: pd.DataFrame | None = None) -> pd.DataFrame:
    """Live births per country id: the latest year in the data, scaled to full coverage, plus rest-of rows.

    Returns
    -------
    DataFrame indexed by country id with ``region``, ``births``, ``births_year`` and ``births_basis``.
    """
    births = load_table("live_births") if births is None else births
    latest = births.sort_values("year").groupby("country", sort=False).tail(1)
    coverage = params.countries.births_coverage_factor.model_dump()
    rows = []
    for row in latest.itertuples(index=False):
        country = COUNTRY_IDS_BY_NAME[row.country]
        factor = coverage[country]
        basis = f"data ({row.coverage})" + (f" x {factor:g} coverage factor" if factor != 1 else "")
        rows.append((country, COUNTRY_REGION[country], row.births * factor, int(row.year), basis))
    for region, value in params.countries.rest_of_region_births.model_dump().items():
        rows.append((rest_of(region), region, float(value), None, "assumption (countries.rest_of_region_births)"))
    frame = pd.DataFrame(rows, columns=["country_id", "region_id", "births", "births_year", "births_basis"])
    missing = set(COUNTRIES) - set(frame["country_id"])
    if missing:
        raise DataFileError(f"live_births.csv: no births for {', '.join(sorted(missing))}")
    return frame.set_index("country_id").loc[list(COUNTRIES)]


def us_course_cost_usd(params: Parameters, costs: pd.DataFrame | None = None) -> pd.Series:
    """Cost of a full course in the United States by drug id, in USD of the reference year."""
    costs = load_table("course_costs") if costs is None else costs
    epi = params.epidemiology
    year = epi.price_reference_year
    us_awp = costs[(costs["country"] == "United States") & (costs["basis"] == AWP_BASIS)]
    awp = us_awp[us_awp["year"] == year]
    lengths = epi.course_length_14d_units.model_dump()
    result = {}
    for drug, data_drug in PRICED_DRUGS.items():
        match = awp.loc[awp["drug"] == data_drug, "cost_usd"]
        if match.empty:
            available = sorted(int(y) for y in us_awp.loc[us_awp["drug"] == data_drug, "year"].dropna())
            raise DataFileError(
                f"course_costs.csv: no US '{AWP_BASIS}' for {data_drug} in {year} "
                f"(epidemiology.price_reference_year); years available: {available}"
            )
        result[drug] = float(match.iloc[0]) * lengths[drug]
    result.update(epi.assumed_course_cost_usd.model_dump())
    return pd.Series(result, name="cost_per_course_usd").loc[list(ESTABLISHED_DRUG_IDS)]


def bottom_up_by_country(params: Parameters) -> pd.DataFrame:
    """The bottom-up market in the base year, one row per country (named and rest-of).

    Columns carry their units: ``births``, ``incident_cases``, ``diagnosed_cases``,
    ``treated_patients``, ``courses``, ``cost_per_course_usd``, ``value_usd_m``.
    """
    epi = params.epidemiology
    frame = births_by_country(params)
    costs = us_course_cost_usd(params)
    mix = pd.DataFrame(epi.first_line_mix.model_dump()).T[list(ESTABLISHED_DRUG_IDS)]  # region x drug
    mix_cost_us = mix @ costs  # mean US cost of a course in each region's drug mix
    price_index = pd.Series(params.countries.price_index.model_dump())
    diagnosed = pd.Series(epi.diagnosed_share.model_dump())
    treated = pd.Series(epi.treated_share.model_dump())

    region = frame["region_id"]
    frame["incidence_per_1000"] = epi.incidence_per_1000
    frame["incident_cases"] = frame["births"] * epi.incidence_per_1000 / 1000
    frame["diagnosed_cases"] = frame["incident_cases"] * region.map(diagnosed)
    frame["treated_patients"] = frame["diagnosed_cases"] * region.map(treated)
    frame["courses"] = frame["treated_patients"] * epi.courses_per_treated_patient
    frame["price_index"] = frame.index.map(price_index)
    frame["cost_per_course_usd"] = region.map(mix_cost_us) * frame["price_index"]
    frame["value_usd_m"] = frame["courses"] * frame["cost_per_course_usd"] / 1e6
    frame.insert(0, "region", region.map(REGIONS))
    frame.insert(1, "country", frame.index.map(COUNTRIES))
    return frame


def bottom_up_by_region(params: Parameters) -> pd.DataFrame:
    """The bottom-up model summed by region (counts and value)."""
    columns = ["births", "incident_cases", "diagnosed_cases", "treated_patients", "courses", "value_usd_m"]
    by_country = bottom_up_by_country(params)
    return by_country.groupby("region_id", sort=False)[columns].sum().rename(index=REGIONS).rename_axis("region")


def compare_with_top_down(params: Parameters, table: pd.DataFrame, year: int = 2024) -> pd.DataFrame:
    """Bottom-up value beside the top-down market table's value in ``year``, by region and globally.

    Parameters
    ----------
    params : Parameters
        The scenario (the bottom-up model is computed from it).
    table : DataFrame
        The scenario's long market table (``year``, ``region``, ``value_usd_m``).
    year : int
        The top-down year to compare with (the bottom-up model describes the base year).

    Returns
    -------
    DataFrame indexed by region (then ``Global``) with ``bottom_up_usd_m``, ``top_down_usd_m`` and
    ``ratio`` (bottom-up / top-down; NaN where the top-down value is zero).
    """
    missing = {"year", "region", "value_usd_m"} - set(table.columns)
    if missing:
        raise KeyError(f"market table lacks column(s) {', '.join(sorted(missing))}")
    if year not in set(table["year"]):
        raise KeyError(f"market table has no year {year}; years: {sorted(set(table['year']))}")
    bottom_up = bottom_up_by_region(params)["value_usd_m"]
    top_down = table[table["year"] == year].groupby("region")["value_usd_m"].sum()
    frame = pd.DataFrame(
        {"bottom_up_usd_m": bottom_up, "top_down_usd_m": top_down.reindex(bottom_up.index, fill_value=0.0)}
    )
    frame.loc["Global"] = frame.sum()
    frame["ratio"] = frame["bottom_up_usd_m"] / frame["top_down_usd_m"].where(frame["top_down_usd_m"] > 0)
    frame.index.name = "region"
    return frame
