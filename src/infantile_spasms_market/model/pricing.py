"""Course costs: from pack prices where a country has them, else from its price level calibrated on those that do.

Where data/prices.csv prices an infantile spasms product of a drug group in a country (the United States
included), a course costs the product's price per unit x the daily dose for the assumed infant x the course
length. Elsewhere it costs the group's reference course x the group's calibrated ratio x the country's price
level (the ICP 2021 health price level, United States = 1, data/price_levels.csv) x the country's calibration
error. A group's reference course is the US course from US pack prices where the data hold them (ACTH: Acthar
Gel's list price); else the group's pack-priced courses brought to the US price level (their geometric mean of
course cost / price level), so the United States is priced like any country without a pack price; else the
scenario's assumed course cost. The ratios are calibrated on the pack-priced countries (:func:`calibrate`),
with the slope on the price level fixed at 1 (a price level is a price relative to the US).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ..inputs.files import DataFileError
from ..inputs.reading import area_price_levels, load_table, memoised_tables
from ..inputs.taxonomy import COUNTRIES, COUNTRY_IDS_BY_NAME, ESTABLISHED_DRUG_IDS, rest_of
from ..scenario.parameters import Parameters
from .draws import ParameterDraws, set_draws

REFERENCE_COUNTRY = "United States"
"""The country at price level 1: its pack-priced course of a group is the reference of that group's ratios."""
DOSE_RULES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("vigabatrin", "mg"): ("vigabatrin", "minimum daily dose in the UK trial", "per kg"),
    ("acth", "U"): ("acth", "daily dose for infantile spasms", "per m2"),
    ("acth", "mg"): ("acth", "tetracosactide depot dose in the UK trial", "every 2 days"),
    ("oral_steroids", "mg"): ("prednisolone", "minimum daily dose in the UK trial", "per day"),
}
"""Which row of dosing.csv (drug, parameter) doses a product, by drug group and pack unit, and how the dose scales."""
OFF_LABEL_GROUPS = ("acth", "oral_steroids")
"""Groups whose products count without an infantile spasms label: tetracosactide and prednisolone are first-line
by trial and guideline (the UK trial used both) although few labels name infantile spasms. A vigabatrin product
counts only in an infant form labelled for infantile spasms (tablets for adults sit beside it)."""
SHORT_ACTING = "(short-acting)"
"""How products.csv marks a short-acting tetracosactide in its form: it sets a course only where its market has no depot
(the UK trial used the depot; a short-acting ampoule priced per mg at the depot's dose stands in for it in South Korea)."""
REGION_PRICE_LEVELS: dict[str, tuple[str, ...]] = {
    rest_of("north_america"): ("wb_north_america",),
    rest_of("europe"): ("wb_europe_central_asia",),
    rest_of("asia_pacific"): ("wb_east_asia_pacific", "wb_south_asia"),
    rest_of("south_america"): ("wb_latin_america_caribbean",),
    rest_of("middle_east_africa"): ("wb_sub_saharan_africa", "wb_middle_east_north_africa"),
}
"""The World Bank regions whose price level stands for a "rest of" row (the geometric mean where two share its births)."""
PREDICTION_LEVEL = 0.90
"""Coverage of the calibration's prediction interval, and of the Monte Carlo spread it sets."""


def fx_year(price_year: int | None, years: list[int]) -> int:
    """The year whose exchange rate converts a price: its own year, else the nearest year with a rate (the later
    of two), and for an undated price the latest year (the price is shown today)."""
    if not years:
        raise DataFileError("exchange_rates.csv: no rate for the currency")
    if price_year is None or pd.isna(price_year):
        return max(years)
    return min(years, key=lambda y: (abs(y - int(price_year)), -y))


def priced_products(products: pd.DataFrame | None = None, prices: pd.DataFrame | None = None) -> pd.DataFrame:
    """The prices that can set a course cost (see :data:`OFF_LABEL_GROUPS` and :data:`SHORT_ACTING`), joined to their product.

    Raises
    ------
    DataFileError
        When a price names a product that products.csv lacks, or a product no dose rule covers.
    """
    if products is None and prices is None:  # the data's own: joined once per version of the two files
        return memoised_tables("priced_products", ("products", "prices"),
                               lambda: _priced_products(load_table("products"), load_table("prices")))
    return _priced_products(load_table("products") if products is None else products,
                            load_table("prices") if prices is None else prices)


def _priced_products(products: pd.DataFrame, prices: pd.DataFrame) -> pd.DataFrame:
    unknown = sorted(set(prices["product_id"]) - set(products["product_id"]))
    if unknown:
        raise DataFileError(f"prices.csv: product_id {', '.join(unknown)} not in products.csv")
    joined = prices.merge(products[["product_id", "brand", "drug_group", "form", "dosage", "labelled_for_infantile_spasms"]],
                          on="product_id")
    labelled_infant_form = (joined["labelled_for_infantile_spasms"] == "yes") & (joined["dosage"] == "Liquid")
    short = (joined["drug_group"] == "acth") & joined["form"].str.contains(SHORT_ACTING, regex=False)
    with_depot = set(joined.loc[(joined["drug_group"] == "acth") & ~short, "market"])
    used = joined[(labelled_infant_form | joined["drug_group"].isin(OFF_LABEL_GROUPS)) & ~(short & joined["market"].isin(with_depot))]
    for row in used.itertuples():
        if (row.drug_group, row.pack_unit) not in DOSE_RULES:
            raise DataFileError(f"prices.csv: no dose rule for {row.product_id} ({row.drug_group} priced per {row.pack_unit})")
    return used.reset_index(drop=True)


def dose_values() -> dict[tuple[str, str], float]:
    """``{(drug, parameter): value}`` of dosing.csv, the first row of each pair (read once per version of the file)."""
    def first_rows() -> dict[tuple[str, str], float]:
        doses: dict[tuple[str, str], float] = {}
        for row in load_table("dosing").itertuples(index=False):
            doses.setdefault((row.drug, row.parameter), float(row.value))
        return doses

    return memoised_tables("dose_values", ("dosing",), first_rows)


def _daily_dose(doses: dict[tuple[str, str], float], group: str, unit: str, state: ParameterDraws) -> np.ndarray:
    drug, parameter, scale = DOSE_RULES[(group, unit)]
    if (drug, parameter) not in doses:
        raise DataFileError(f"dosing.csv: no row '{parameter}' for {drug}")
    dose = doses[(drug, parameter)]
    if scale == "per kg":
        return dose * state.value("pricing.infant_weight_kg")
    if scale == "per m2":
        return dose * state.value("pricing.infant_bsa_m2")
    return np.full(state.n, dose / 2 if scale == "every 2 days" else dose)


def course_costs_by_product(params: Parameters, state: ParameterDraws | None = None) -> tuple[pd.DataFrame, np.ndarray]:
    """Each priced product's cost of a course in USD, per draw: the table of products and an (n, P) array.

    A course is ``14 x epidemiology.course_length_14d_units`` days at the daily dose (no waste of
    opened packs is counted).
    """
    state = set_draws(params, 1, {}) if state is None else state
    used, doses = priced_products(), dose_values()
    costs = np.empty((state.n, len(used)))
    for i, row in enumerate(used.itertuples()):
        days = 14 * state.value(f"epidemiology.course_length_14d_units.{row.drug_group}")
        costs[:, i] = row.price_usd / row.pack_quantity * _daily_dose(doses, row.drug_group, row.pack_unit, state) * days
    return used, costs


def derived_costs(params: Parameters, state: ParameterDraws, country_ids: list[str]) -> np.ndarray:
    """Course cost by draw, country and drug group (n, C, D) in USD, NaN where no price applies.

    A group priced by several products in a country takes their mean.
    """
    used, costs = course_costs_by_product(params, state)
    result = np.full((state.n, len(country_ids), len(ESTABLISHED_DRUG_IDS)), np.nan)
    for (market, group), rows in used.groupby(["market", "drug_group"]).groups.items():
        country = COUNTRY_IDS_BY_NAME.get(market)
        if country is None:
            raise DataFileError(f"prices.csv: market {market!r} is not one of the report's countries")
        if country in country_ids:
            result[:, country_ids.index(country), ESTABLISHED_DRUG_IDS.index(group)] = costs[:, list(rows)].mean(axis=1)
    return result


REFERENCE_ID = COUNTRY_IDS_BY_NAME[REFERENCE_COUNTRY]


def reference_costs(params: Parameters, state: ParameterDraws, derived: np.ndarray, country_ids: list[str]) -> np.ndarray:
    """The reference course of each drug group by draw (n, D) in USD, the base of every calibrated course cost.

    ``derived`` is :func:`derived_costs` over ``country_ids`` (all the countries). The US course where the US
    has a pack price of the group; else the geometric mean over the other pack-priced countries of their course
    cost / price level (the group's course at the US price level); else ``epidemiology.assumed_course_cost_usd``.
    """
    levels = price_levels()[country_ids].to_numpy()
    others = np.array([c != REFERENCE_ID for c in country_ids])
    assumed = params.epidemiology.assumed_course_cost_usd.model_dump()
    result = np.empty((state.n, len(ESTABLISHED_DRUG_IDS)))
    for d, group in enumerate(ESTABLISHED_DRUG_IDS):
        us = derived[:, country_ids.index(REFERENCE_ID), d] if REFERENCE_ID in country_ids else np.full(state.n, np.nan)
        priced = others & ~np.isnan(derived[0, :, d])
        if not np.isnan(us[0]):
            result[:, d] = us
        elif priced.any():
            result[:, d] = np.exp((np.log(derived[:, priced, d]) - np.log(levels[priced])).mean(axis=1))
        elif group in assumed:
            result[:, d] = state.value(f"epidemiology.assumed_course_cost_usd.{group}")
        else:
            raise DataFileError(f"prices.csv: no pack price of {group} anywhere and no assumed course cost for it")
    return result


def anchored_groups(country_ids: list[str], derived: np.ndarray) -> np.ndarray:
    """(D,) True where the reference course is the US pack-priced course (no calibration factor applies to it there)."""
    if REFERENCE_ID not in country_ids:
        return np.zeros(len(ESTABLISHED_DRUG_IDS), bool)
    return ~np.isnan(derived[0, country_ids.index(REFERENCE_ID)])


def price_levels(levels: pd.DataFrame | None = None) -> pd.Series:
    """The price level of every country id (United States = 1): a named country's own, a "rest of" row's World Bank regions'.

    Raises
    ------
    DataFileError
        When price_levels.csv lacks a named country or a World Bank region a "rest of" row needs.
    """
    if levels is None:  # the data's own: computed once per version of the file
        return memoised_tables("price_levels", ("price_levels",), lambda: _price_levels(load_table("price_levels")))
    return _price_levels(levels)


def _price_levels(levels: pd.DataFrame) -> pd.Series:
    by_area = area_price_levels(levels)
    result = {}
    for country in COUNTRIES:
        areas = REGION_PRICE_LEVELS.get(country, (country,))
        missing = [a for a in areas if a not in by_area.index]
        if missing:
            raise DataFileError(f"price_levels.csv: no price level for {', '.join(missing)}")
        result[country] = float(np.exp(np.log(by_area[list(areas)]).mean()))
    return pd.Series(result, name="price_level")


@dataclass(frozen=True)
class PriceCalibration:
    """The fit of ln(course cost / US course cost) = group ratio + ln(price level), on the pack-priced countries.

    ``observations`` has one row per pack-priced country and drug group: ``country_id``, ``country``,
    ``drug_group``, ``cost_usd``, ``us_cost_usd``, ``ratio``, ``price_level``, ``fitted_ratio``,
    ``pi_low_ratio``, ``pi_high_ratio``, ``residual`` (log) and ``inside`` (within the prediction interval).
    """

    observations: pd.DataFrame
    log_ratio: dict[str, float]  # by drug group with pack prices
    n: dict[str, int]
    residual_sd: float
    dof: int
    t: float  # the t quantile of the two-sided prediction interval
    r2: float
    free_slope: float  # the slope fitted freely, a diagnostic
    free_slope_se: float
    free_r2: float

    def prediction_sd(self, group: str) -> float:
        """Standard deviation (log scale) of a new country's ratio for ``group``: residual and group-ratio error."""
        return self.residual_sd * float(np.sqrt(1 + 1 / self.n[group]))

    def interval(self, group: str, price_level: float) -> tuple[float, float, float]:
        """Point, low and high of a country's course cost relative to the US at ``price_level`` (the prediction interval)."""
        centre = self.log_ratio[group] + np.log(price_level)
        half = self.t * self.prediction_sd(group)
        return float(np.exp(centre)), float(np.exp(centre - half)), float(np.exp(centre + half))

    @property
    def spread_scale(self) -> float:
        """The factor that makes a normal's interval of :data:`PREDICTION_LEVEL` as wide as the t-based one."""
        return self.t / float(stats.norm.ppf(0.5 + PREDICTION_LEVEL / 2))


def calibrate(params: Parameters, us_cost_usd: Mapping[str, float]) -> PriceCalibration:
    """Fit the group ratios on the pack-priced countries of the scenario (one draw), with the prediction interval.

    Parameters
    ----------
    params : Parameters
        The scenario (its infant and course lengths turn pack prices into course costs).
    us_cost_usd : mapping
        The reference course by drug group (:func:`reference_costs`: the US pack-priced course, else the
        group's course at the US price level).

    Raises
    ------
    DataFileError
        When fewer pack-priced observations than drug groups plus one leave no residual to measure.
    """
    ids = list(COUNTRIES)
    derived, level = derived_costs(params, set_draws(params, 1, {}), ids)[0], price_levels()
    rows = []
    for c, country in enumerate(ids):
        for d, group in enumerate(ESTABLISHED_DRUG_IDS):
            if country != REFERENCE_ID and not np.isnan(derived[c, d]):
                rows.append({"country_id": country, "country": COUNTRIES[country], "drug_group": group,
                             "cost_usd": derived[c, d], "us_cost_usd": float(us_cost_usd[group]),
                             "price_level": float(level[country])})
    obs = pd.DataFrame(rows)
    obs["ratio"] = obs["cost_usd"] / obs["us_cost_usd"]
    excess = np.log(obs["ratio"]) - np.log(obs["price_level"])
    log_ratio = excess.groupby(obs["drug_group"]).mean().to_dict()
    n = obs["drug_group"].value_counts().to_dict()
    dof = len(obs) - len(log_ratio)
    if dof < 1:
        raise DataFileError(f"prices.csv: {len(obs)} pack-priced observations cannot calibrate {len(log_ratio)} drug groups")
    residual = excess - obs["drug_group"].map(log_ratio)
    sd = float(np.sqrt((residual**2).sum() / dof))
    t = float(stats.t.ppf(0.5 + PREDICTION_LEVEL / 2, dof))
    y = np.log(obs["ratio"].to_numpy())
    calibration = PriceCalibration(obs, log_ratio, n, sd, dof, t, 1 - float((residual**2).sum() / ((y - y.mean()) ** 2).sum()),
                                   *_free_slope(obs, y))
    fitted = obs["drug_group"].map(log_ratio) + np.log(obs["price_level"])
    half = t * obs["drug_group"].map(calibration.prediction_sd)
    obs["fitted_ratio"], obs["residual"] = np.exp(fitted), residual
    obs["pi_low_ratio"], obs["pi_high_ratio"] = np.exp(fitted - half), np.exp(fitted + half)
    obs["inside"] = (obs["ratio"] >= obs["pi_low_ratio"]) & (obs["ratio"] <= obs["pi_high_ratio"])
    return calibration


def _free_slope(obs: pd.DataFrame, y: np.ndarray) -> tuple[float, float, float]:
    """The slope on ln(price level) fitted freely beside the group ratios, its standard error and R² (NaN without a residual)."""
    groups = sorted(set(obs["drug_group"]))
    x = np.column_stack([(obs["drug_group"] == g).to_numpy(float) for g in groups] + [np.log(obs["price_level"])])
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    dof = len(y) - x.shape[1]
    if dof < 1:
        return float(coef[-1]), float("nan"), float("nan")
    resid = y - x @ coef
    s2 = float(resid @ resid) / dof
    se = float(np.sqrt(s2 * np.linalg.inv(x.T @ x)[-1, -1]))
    return float(coef[-1]), se, 1 - float(resid @ resid) / float(((y - y.mean()) ** 2).sum())


def course_cost_table(params: Parameters) -> pd.DataFrame:
    """The scenario's derived cost of a course by product and market, with what it rests on (one row per price)."""
    used, costs = course_costs_by_product(params)
    return used.assign(cost_per_course_usd=costs[0], used_in_model=True)[
        ["market", "drug_group", "product_id", "brand", "pack", "price_local", "currency", "price_usd",
         "cost_per_course_usd", "used_in_model"]
    ]


def price_basis(country_ids: list[str], priced: np.ndarray, levels: pd.Series, short: bool = False) -> list[str]:
    """What each country's course costs rest on, in words: its pack prices (by product) and the calibrated price level.

    ``short`` gives a table cell: ``pack prices (ACTH, vigabatrin) and price level 47 %``.
    """
    brands: dict[tuple[str, str], set[str]] = {}  # (market, drug group) -> its brands, without their forms
    for row in priced_products().itertuples(index=False):
        brands.setdefault((row.market, row.drug_group), set()).add(row.brand.split(" (")[0])
    out = []
    for c, country in enumerate(country_ids):
        groups = [g for d, g in enumerate(ESTABLISHED_DRUG_IDS) if priced[c, d]]
        if short:
            level = f"price level {100 * levels[country]:.0f} %"
            names = ", ".join(g.replace("_", " ") if g != "acth" else "ACTH" for g in groups)
            out.append(f"Pack prices ({names}) and {level}" if groups else level.capitalize())
            continue
        level = f"ICP 2021 health price level ({100 * levels[country]:.0f} % of the US)"
        if country in REGION_PRICE_LEVELS:
            level = f"ICP 2021 health price level of World Bank regions ({100 * levels[country]:.0f} % of the US)"
        if not groups:
            out.append(f"{level}, calibrated on the pack-priced countries")
            continue
        packs = "; ".join(f"{g.replace('_', ' ')}: {', '.join(sorted(brands.get((COUNTRIES[country], g), ())))}"
                          for g in groups)
        out.append(f"pack prices ({packs}); other groups: {level}, calibrated")
    return out
