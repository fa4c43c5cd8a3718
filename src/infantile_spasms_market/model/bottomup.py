"""The bottom-up market: births x incidence x diagnosis x treatment x drug choice x cost per course.

Computed beside the top-down model, and mixed into its totals only where a scenario sets
``market.level: bottom_up`` (then it is the 2024 level); it sets the split of each region's value
across its countries and serves as the triangulation check. One implementation,
:func:`bottom_up`, works on parameter draws; a scenario's table is its case of one draw.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..inputs.files import DataFileError
from ..inputs.headline import Headline
from ..inputs.reading import load_table, memoised_tables
from ..inputs.taxonomy import (
    COUNTRIES,
    COUNTRY_IDS_BY_NAME,
    COUNTRY_REGION,
    ESTABLISHED_DRUG_IDS,
    REGION_IDS,
    REGIONS,
    rest_of,
)
from ..scenario.parameters import Parameters
from .draws import ParameterDraws, set_draws
from .pricing import PriceCalibration, anchored_groups, calibrate, derived_costs, price_basis, price_levels, reference_costs
from ..remembered import remembered

def births_by_country(params: Parameters, births: pd.DataFrame | None = None) -> pd.DataFrame:
    """Live births per country id: the latest year in the data, scaled to full coverage, plus rest-of rows.

    Returns
    -------
    DataFrame indexed by country id with ``region_id``, ``births`` (scaled), ``births_in_data``
    (as counted by the source; empty for rest-of rows), ``births_year`` and ``births_basis``.
    """
    if births is None:  # the data's latest year of each country, once per version of the file
        latest = memoised_tables("latest_births", ("live_births",), lambda: _latest(load_table("live_births")))
    else:
        latest = _latest(births)
    coverage = params.countries.births_coverage_factor.model_dump()
    rows = []
    for row in latest.itertuples(index=False):
        country = COUNTRY_IDS_BY_NAME[row.country]
        factor = coverage[country]
        basis = f"data ({row.coverage})" + (f" x {factor:g} coverage factor" if factor != 1 else "")
        rows.append((country, COUNTRY_REGION[country], row.births * factor, row.births, int(row.year), basis))
    for region, value in params.countries.rest_of_region_births.model_dump().items():
        rows.append((rest_of(region), region, float(value), None, None, "assumption (countries.rest_of_region_births)"))
    frame = pd.DataFrame(rows, columns=["country_id", "region_id", "births", "births_in_data", "births_year", "births_basis"])
    missing = set(COUNTRIES) - set(frame["country_id"])
    if missing:
        raise DataFileError(f"live_births.csv: no births for {', '.join(sorted(missing))}")
    return frame.set_index("country_id").loc[list(COUNTRIES)]


def _latest(births: pd.DataFrame) -> pd.DataFrame:
    return births.sort_values("year").groupby("country", sort=False).tail(1)


def us_course_cost_usd(params: Parameters) -> pd.Series:
    """The reference course of each drug group in USD (the scenario, one draw): the US course from US pack prices
    where the data hold them, else the group's course at the US price level calibrated on the pack-priced
    countries, else the assumed cost (:func:`.pricing.reference_costs`)."""
    state, countries = set_draws(params, 1, {}), list(COUNTRIES)
    reference = reference_costs(params, state, derived_costs(params, state, countries), countries)[0]
    return pd.Series(reference, index=list(ESTABLISHED_DRUG_IDS), name="cost_per_course_usd")


def price_calibration(params: Parameters) -> PriceCalibration:
    """The calibration of course costs on the pack-priced countries, against the scenario's US course costs."""
    return calibrate(params, us_course_cost_usd(params))


@dataclass(frozen=True)
class BottomUp:
    """The bottom-up arithmetic per draw and country: arrays of shape (n, C), countries in ``country_ids`` order."""

    country_ids: list[str]
    births: np.ndarray
    incident_cases: np.ndarray
    diagnosed_cases: np.ndarray
    treated_patients: np.ndarray
    courses: np.ndarray
    price_index: np.ndarray
    cost_per_course_usd: np.ndarray
    value_usd_m: np.ndarray
    cost_by_drug_usd: np.ndarray  # (n, C, D) cost of a course of each drug group
    priced: np.ndarray  # (C, D) True where the cost is derived from data/prices.csv, not from the price index
    country_mix: np.ndarray  # (n, C, D) the share of courses of each drug group: the region's mix or the country's own

    @property
    def value_by_drug_usd_m(self) -> np.ndarray:
        """Value of each drug group by draw and country (n, C, D): courses x the country's mix x its cost of a course."""
        return self.courses[..., None] * self.country_mix * self.cost_by_drug_usd / 1e6

    def by_region(self, values: np.ndarray) -> np.ndarray:
        """(n, C) summed into regions: (n, R), regions in taxonomy order."""
        position = np.array([REGION_IDS.index(COUNTRY_REGION[c]) for c in self.country_ids])
        membership = np.zeros((len(self.country_ids), len(REGION_IDS)))
        membership[np.arange(len(self.country_ids)), position] = 1.0
        return values @ membership


def bottom_up(params: Parameters, state: ParameterDraws, use_prices: bool = True) -> BottomUp:
    """The bottom-up market in the base year for every draw of ``state`` (one draw: the scenario).

    births x incidence / 1000 x diagnosed share x treated share = treated patients; x courses per
    patient = courses; x the region's drug mix . the country's cost of a course of each drug = value.
    A drug's course cost comes from the country's pack prices where data/prices.csv has them, else
    from the group's reference course x its calibrated ratio x the country's price level (:mod:`.pricing`). A named country's births are the data's count times its (drawn) coverage factor.
    """
    births_data = births_by_country(params)
    countries = list(births_data.index)
    region = [REGION_IDS.index(COUNTRY_REGION[c]) for c in countries]
    births = np.empty((state.n, len(countries)))
    for i, country in enumerate(countries):
        if country.startswith("rest_of_"):
            births[:, i] = state.value(f"countries.rest_of_region_births.{COUNTRY_REGION[country]}")
        else:
            births[:, i] = births_data.loc[country, "births_in_data"] * state.value(f"countries.births_coverage_factor.{country}")
    derived = derived_costs(params, state, countries)  # (n, C, D) from data/prices.csv, NaN where none
    cost = reference_costs(params, state, derived, countries)  # (n, D) the reference course of each group
    mix = np.stack([state.stack(f"epidemiology.first_line_mix.{r}", ESTABLISHED_DRUG_IDS) for r in REGION_IDS], axis=1)
    price_index = state.stack("countries.price_index", countries)  # (n, C) price level, US = 1
    calibrated_cell = np.ones((len(countries), len(ESTABLISHED_DRUG_IDS)), bool)  # where the calibration's factor applies
    if "united_states" in countries:
        calibrated_cell[countries.index("united_states")] = ~anchored_groups(countries, derived)
    log_factor = (state.stack("countries.price_level_error", countries)[:, :, None]
                  + state.stack("pricing.outside_us_log_ratio", ESTABLISHED_DRUG_IDS)[:, None, :])
    calibrated = cost[:, None, :] * price_index[:, :, None] * np.where(calibrated_cell[None], np.exp(log_factor), 1.0)
    if not use_prices:
        derived = np.full_like(derived, np.nan)
    cost_by_drug = np.where(np.isnan(derived), calibrated, derived)
    country_mix = mix[:, region, :].copy()  # (n, C, D) the region's mix, or the country's own where a source gives it
    for country in params.epidemiology.first_line_mix_by_country:
        if country in countries:
            country_mix[:, countries.index(country), :] = state.stack(
                f"epidemiology.first_line_mix_by_country.{country}", ESTABLISHED_DRUG_IDS)
    cost_per_course = (country_mix * cost_by_drug).sum(axis=-1)  # (n, C) mean cost of a course in the country's mix
    incident = births * state.value("epidemiology.incidence_per_1000")[:, None] / 1000
    diagnosed = incident * state.stack("epidemiology.diagnosed_share", REGION_IDS)[:, region]
    treated = diagnosed * state.stack("epidemiology.treated_share", REGION_IDS)[:, region]
    courses = treated * state.value("epidemiology.courses_per_treated_patient")[:, None]
    return BottomUp(countries, births, incident, diagnosed, treated, courses, price_index, cost_per_course,
                    courses * cost_per_course / 1e6, cost_by_drug, ~np.isnan(derived[0]),
                    country_mix)


def bottom_up_by_country(params: Parameters, use_prices: bool = True) -> pd.DataFrame:
    """The bottom-up market in the base year, one row per country (named and rest-of): :func:`bottom_up` of one draw.

    Columns carry their units: ``births``, ``incidence_per_1000``, ``incident_cases``,
    ``diagnosed_cases``, ``treated_patients``, ``courses``, ``price_index``,
    ``cost_per_course_usd``, ``value_usd_m``; with ``region``, ``country``, ``region_id``,
    ``births_year`` and ``births_basis``. ``use_prices=False`` gives the model before course costs were
    derived from prices (the price index everywhere), for comparison.
    """
    frame, model = _counts_by_country(params, use_prices)
    frame["price_basis"] = price_basis(list(frame.index), model.priced, price_levels())
    frame["price_basis_short"] = price_basis(list(frame.index), model.priced, price_levels(), short=True)
    frame.insert(0, "region", frame["region_id"].map(REGIONS))
    frame.insert(1, "country", frame.index.map(COUNTRIES))
    return frame


def _counts_by_country(params: Parameters, use_prices: bool = True) -> tuple[pd.DataFrame, BottomUp]:
    """:func:`bottom_up_by_country`'s counts and values, without the words on what each country's prices rest on."""
    model = bottom_up(params, set_draws(params, 1, {}), use_prices)
    frame = births_by_country(params).drop(columns="births_in_data")
    frame["births"] = model.births[0]
    frame["incidence_per_1000"] = params.epidemiology.incidence_per_1000
    for column in ("incident_cases", "diagnosed_cases", "treated_patients", "courses", "price_index",
                   "cost_per_course_usd", "value_usd_m"):
        frame[column] = getattr(model, column)[0]
    return frame, model


_counts_by_country = remembered(_counts_by_country)  # kept between chapters and builds (not a decorator: mutmut skips decorated functions)


def bottom_up_by_region(params: Parameters) -> pd.DataFrame:
    """The bottom-up model summed by region (counts and value).

    The sums of :func:`bottom_up_by_country`'s columns, without its words on prices, which take longer than the
    model itself: the triangulation runs this some fifty times a chapter.
    """
    columns = ["births", "incident_cases", "diagnosed_cases", "treated_patients", "courses", "value_usd_m"]
    by_country, _ = _counts_by_country(params)
    return by_country.groupby("region_id", sort=False)[columns].sum().rename(index=REGIONS).rename_axis("region")


def compare_with_top_down(params: Parameters, table: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Bottom-up value beside the top-down market table's value in ``year``, by region and globally.

    Parameters
    ----------
    params : Parameters
        The scenario (the bottom-up model is computed from it).
    table : DataFrame
        The scenario's long market table (``year``, ``region``, ``value_usd_m``).
    year : int, optional
        The top-down year to compare with (default: the report's base year, which the bottom-up
        model describes).

    Returns
    -------
    DataFrame indexed by region (then ``Global``) with ``bottom_up_usd_m``, ``top_down_usd_m`` and
    ``ratio`` (bottom-up / top-down; NaN where the top-down value is zero).
    """
    year = Headline.from_data().base_year if year is None else year
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
