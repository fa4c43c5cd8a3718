"""Regions and countries: the regions chapter's numbers, country table and figure data, and the report's split by region
against the bottom-up model (top-down ÷ bottom-up, value per treated patient)."""

from __future__ import annotations

import pandas as pd

from ..inputs.headline import Headline
from ..inputs.taxonomy import (
    COUNTRIES,
    COUNTRY_REGION,
    MODELLED_COUNTRIES,
    REGIONS,
    rest_of,
)
from ..model.bottomup import bottom_up_by_country, bottom_up_by_region, compare_with_top_down
from ..model.claims import claims_frame
from ..model.montecarlo import MonteCarloResult
from ..model.pricing import REFERENCE_COUNTRY, PriceCalibration
from ..model.views import cagr, totals, view
from ..scenario.fields import field_rationale
from ..scenario.parameters import Parameters
from ..scenario.sections import Regions
from .claims import region_claim
from .pricing import plausibility_findings
from .segments import highlights
from .wording import MarkdownText, significant

# --------------------------------------------------------------------------- regions
def region_values(table: pd.DataFrame) -> pd.DataFrame:
    """The market value by region and year (USD million), one column per region in the taxonomy's order."""
    return view(table, "region")[list(REGIONS.values())]


def region_numbers(table: pd.DataFrame, headline: Headline, summary: pd.DataFrame, years: tuple[int, int, int]) -> dict:
    """The Regions section's numbers for glue: the world's growth, the countries and regions the report names, the
    largest and fastest region (``summary`` is their :func:`.segments.segment_summary`), whether the report's claim
    that North America leads holds, and the rationales of the two regional parameters (Markdown)."""
    return {
        "total-cagr": 100 * cagr(totals(table), years[1], years[2]),
        "named-countries": len(headline.report_countries),
        "n-regions": len(REGIONS),
        **highlights(summary, years, leader="largest"),
        **region_claim(claims_frame(table, headline)),
        "rationale-share": MarkdownText(field_rationale(Regions, "share_2024")),
        "rationale-growth": MarkdownText(field_rationale(Regions, "growth_differential")),
    }


# --------------------------------------------------------------------------- countries
GROWTH_TOLERANCE = 1e-9  # percent a year


def country_table(table: pd.DataFrame, years: tuple[int, int, int]) -> pd.DataFrame:
    """Each country's value, growth and share of its region, region by region, its "rest of" row last.

    Parameters
    ----------
    table : DataFrame
        The long market table.
    years : (int, int, int)
        The base year, the first growth year and the end year.

    Returns
    -------
    DataFrame
        Columns ``Region``, ``Country``, ``<base> (USD m)``, ``<end> (USD m)``, ``CAGR <first>-<end> (%)``
        (NaN for a country without value in the first growth year) and ``Share of region <base> (%)``.

    Raises
    ------
    ValueError
        If a country grows at another rate than its region (the split inside a region is fixed in
        the base year, and the prose says so).
    """
    base, first, end = years
    regions = view(table, "region")[list(REGIONS.values())]
    countries = view(table, "country")
    country_cagr = {c: 100 * cagr(countries[c], first, end) for c in countries.columns if countries[c].loc[first] > 0}
    region_cagr = {r: 100 * cagr(regions[r], first, end) for r in regions.columns}
    region_of = {COUNTRIES[c]: REGIONS[COUNTRY_REGION[c]] for c in COUNTRIES}
    off = {c: g for c, g in country_cagr.items() if abs(g - region_cagr[region_of[c]]) > GROWTH_TOLERANCE}
    if off:
        raise ValueError(f"countries growing at another rate than their region: {off}")
    rows = []
    for region_id, region in REGIONS.items():
        members = [c for c in COUNTRIES if COUNTRY_REGION[c] == region_id and c != rest_of(region_id)]
        for country_id in [*members, rest_of(region_id)]:
            name = COUNTRIES[country_id]
            series = countries[name]
            rows.append({
                "Region": region,
                "Country": name,
                f"{base} (USD m)": series.loc[base],
                f"{end} (USD m)": series.loc[end],
                f"CAGR {first}-{end} (%)": country_cagr.get(name, float("nan")),
                f"Share of region {base} (%)": 100 * series.loc[base] / regions.loc[base, region],
            })
    return pd.DataFrame(rows)


def countries_for_print(countries: pd.DataFrame, params: Parameters, ranges: pd.DataFrame,
                        years: tuple[int, int]) -> pd.DataFrame:
    """A :func:`country_table` as the chapter prints it: each region named once, each value with its P5 to P95
    (:func:`with_ranges`), the value per live birth in the base year (the bottom-up model's births: what the assumed
    split of a region gives each birth) and the basis of each country's course costs."""
    bottom_up = bottom_up_by_country(params)
    per_birth = 1e6 * countries[f"{years[0]} (USD m)"] / countries["Country"].map(bottom_up.set_index("country")["births"])
    out = with_ranges(countries, ranges, years).assign(**{f"{years[0]} per live birth (USD)": per_birth.map(
        lambda v: significant(v, RANGE_FIGURES) if pd.notna(v) and v != float("inf") else "")})  # "": no births
    return shown(with_price_basis(out, bottom_up))


def evidence_numbers(params: Parameters) -> dict[str, float | int]:
    """The bottom-up model's inputs the Countries section quotes: ``incidence`` and ``courses``."""
    epi = params.epidemiology
    return {"incidence": float(epi.incidence_per_1000), "courses": float(epi.courses_per_treated_patient)}


def with_price_basis(countries: pd.DataFrame, bottom_up: pd.DataFrame) -> pd.DataFrame:
    """A :func:`country_table` with the basis of each country's course costs (``Course costs from``), for print.

    ``bottom_up`` is :func:`..model.bottomup.bottom_up_by_country`; its ``price_basis_short`` column gives the cell.
    """
    basis = bottom_up.set_index("country")["price_basis_short"]
    return countries.assign(**{"Course costs from": countries["Country"].map(basis)})


def shown(countries: pd.DataFrame) -> pd.DataFrame:
    """A :func:`country_table` for print: each region's name on its first row only."""
    return countries.assign(Region=countries["Region"].where(~countries["Region"].duplicated(), ""))


def named_countries(countries: pd.DataFrame) -> pd.DataFrame:
    """The rows of a :func:`country_table` for the countries the model sizes by name (no "rest of" rows), index kept."""
    return countries[countries["Country"].isin([COUNTRIES[c] for c in MODELLED_COUNTRIES])]


def country_chart_data(countries: pd.DataFrame, base: int, end: int) -> pd.DataFrame:
    """The named countries, smallest end value first: ``Region``, ``Country``, ``value_<base>_usd_m``, ``value_<end>_usd_m``."""
    named = named_countries(countries).sort_values(f"{end} (USD m)")
    return named[["Region", "Country", f"{base} (USD m)", f"{end} (USD m)"]].rename(
        columns={f"{base} (USD m)": f"value_{base}_usd_m", f"{end} (USD m)": f"value_{end}_usd_m"})


def country_highlights(countries: pd.DataFrame, world: float, base: int) -> dict[str, object]:
    """The two largest named countries in the base year and the unnamed countries' share, for glue.

    Parameters
    ----------
    countries : DataFrame
        A :func:`country_table`.
    world : float
        The world's value in the base year (USD million).
    base : int
        The base year.

    Returns
    -------
    dict
        ``top-country``, ``top-country-value``, ``top-country-world-share``, ``second-country``,
        ``second-country-value`` and ``rest-share`` (percent of the world outside the named countries).
    """
    named = named_countries(countries)
    value = f"{base} (USD m)"
    top, second = (named.sort_values(value, ascending=False).iloc[i] for i in (0, 1))
    return {
        "top-country": str(top["Country"]),
        "top-country-value": float(top[value]),
        "top-country-world-share": float(100 * top[value] / world),
        "second-country": str(second["Country"]),
        "second-country-value": float(second[value]),
        "rest-share": float(100 * (1 - named[value].sum() / world)),
    }


# --------------------------------------------------------------------------- top-down against bottom-up
BU_PCT = "Bottom-up (% of top-down)"
PER_PATIENT_FORMATS = {
    BU_PCT: ".0f",
    "Treated patients (bottom-up)": ",.0f",
    "Top-down USD per treated patient": ",.0f",
    "Bottom-up USD per treated patient": ",.0f",
}


def comparison(params: Parameters, table: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each region's top-down and bottom-up value, their ratio, treated patients and spend per patient, then ``World``.

    The values are :func:`..model.bottomup.compare_with_top_down`'s, the ratio as a percentage:
    "bottom-up is N % of the report", the one wording the book uses for the comparison.

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
        ``Bottom-up (USD m)``, ``Bottom-up (% of top-down)``, ``Treated patients (bottom-up)`` and the
        top-down and bottom-up ``USD per treated patient``. Print with :data:`PER_PATIENT_FORMATS`.
    """
    values = compare_with_top_down(params, table, year).drop(index="Global")
    treated = bottom_up_by_region(params)["treated_patients"]
    top = f"Top-down {year} (USD m)"
    compare = pd.DataFrame({top: values["top_down_usd_m"], "Bottom-up (USD m)": values["bottom_up_usd_m"]})
    compare[BU_PCT] = 100 * compare["Bottom-up (USD m)"] / compare[top]
    compare["Treated patients (bottom-up)"] = treated.round().astype(int)
    compare["Top-down USD per treated patient"] = 1e6 * compare[top] / treated
    compare["Bottom-up USD per treated patient"] = 1e6 * compare["Bottom-up (USD m)"] / treated
    compare.loc["World"] = [
        compare[top].sum(), compare["Bottom-up (USD m)"].sum(),
        100 * compare["Bottom-up (USD m)"].sum() / compare[top].sum(),
        round(treated.sum()),  # the world's count rounds the world's total, as every other chapter does
        1e6 * compare[top].sum() / treated.sum(),
        1e6 * compare["Bottom-up (USD m)"].sum() / treated.sum(),
    ]
    compare.index.name = "Region"
    return compare


def chart_data(compare: pd.DataFrame, year: int) -> pd.DataFrame:
    """The regions of a :func:`comparison` (no ``World``): ``top_down_<year>_usd_m``, ``bottom_up_usd_m`` and ``bottom_up_pct_of_top_down``."""
    return compare.drop(index="World").iloc[:, :3].set_axis(
        [f"top_down_{year}_usd_m", "bottom_up_usd_m", "bottom_up_pct_of_top_down"], axis=1)


def ratio_highlights(compare: pd.DataFrame) -> dict[str, object]:
    """The world's bottom-up and top-down values, the bottom-up as % of the top-down value, and the regions where it is lowest and highest, for glue."""
    ratios = compare.drop(index="World")[BU_PCT]
    world = compare.loc["World"]
    return {
        "bu-world": float(world["Bottom-up (USD m)"]),
        "td-world": float(world.iloc[0]),  # the top-down column comes first
        "bu-pct-world": float(world[BU_PCT]),
        "bu-pct-min-region": str(ratios.idxmin()),
        "bu-pct-min": float(ratios.min()),
        "bu-pct-max-region": str(ratios.idxmax()),
        "bu-pct-max": float(ratios.max()),
    }


# --------------------------------------------------------------------------- the regional split, assumed and bottom-up
def split_comparison(params: Parameters, table: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each region's share of the world in ``year``: the top-down split (the scenario's) beside the bottom-up model's, in percent.

    Columns ``Top-down share (%)``, ``Bottom-up share (%)`` and ``Difference (points)`` (bottom-up minus
    top-down), indexed by ``Region``; rows in the taxonomy's order.
    """
    values = compare_with_top_down(params, table, year).drop(index="Global")
    frame = pd.DataFrame({
        "Top-down share (%)": 100 * values["top_down_usd_m"] / values["top_down_usd_m"].sum(),
        "Bottom-up share (%)": 100 * values["bottom_up_usd_m"] / values["bottom_up_usd_m"].sum(),
    })
    frame["Difference (points)"] = frame["Bottom-up share (%)"] - frame["Top-down share (%)"]
    frame.index.name = "Region"
    return frame


def split_choice(params: Parameters) -> MarkdownText:
    """Where the scenario's top-down split comes from, in words (Markdown): the bottom-up split or the assumed shares."""
    return MarkdownText("the bottom-up split" if params.market.regional_split == "bottom_up"
                        else "the assumed shares (`regions.share_2024`)")


def split_numbers(split: pd.DataFrame) -> dict[str, float | str]:
    """The split comparison's numbers for glue: the North American shares and the region the bottom-up gives most above its assumed share."""
    na = REGIONS["north_america"]
    others = split.drop(index=na)
    return {
        "na-td-share": float(split.loc[na, "Top-down share (%)"]),
        "na-bu-share": float(split.loc[na, "Bottom-up share (%)"]),
        "rest-td-share": float(others["Top-down share (%)"].sum()),
        "rest-bu-share": float(others["Bottom-up share (%)"].sum()),
        "largest-gap-region": str(split["Difference (points)"].abs().idxmax()),
    }


# --------------------------------------------------------------------------- country values with ranges
def country_ranges(result: MonteCarloResult, table: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Each country's scenario value and the P5, P50 and P95 of its Monte Carlo values in two years (USD million).

    Rows region by region, named countries then the region's "rest of" row; columns ``Region``,
    ``Country``, then per year ``<year> scenario``, ``<year> P5``, ``<year> P50``, ``<year> P95``.
    """
    scenario = view(table, "country")
    ranges = result.country_percentiles(years)
    rows = []
    for region_id, region in REGIONS.items():
        members = [c for c in COUNTRIES if COUNTRY_REGION[c] == region_id and c != rest_of(region_id)]
        for country_id in [*members, rest_of(region_id)]:
            row: dict[str, object] = {"Region": region, "Country": COUNTRIES[country_id]}
            for year in years:
                row[f"{year} scenario"] = float(scenario.loc[year, COUNTRIES[country_id]])
                for p in ("P5", "P50", "P95"):
                    row[f"{year} {p}"] = float(ranges.loc[country_id, (year, p)])
            rows.append(row)
    return pd.DataFrame(rows)


RANGE_FIGURES = 3
"""Significant figures of a country's value and range wherever the book prints or publishes them (table and CSV alike)."""


def with_ranges(countries: pd.DataFrame, ranges: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """A :func:`country_table` for print with each year's value and its P5 to P95 beside it, to :data:`RANGE_FIGURES`
    significant figures (the numbers of the ranges CSV), so a small value shows no more decimals than its range supports.

    ``ranges`` is :func:`country_ranges` of the same countries, in the same order. The value columns keep their
    ``<year> (USD m)`` names; each is followed by ``<year> P5 to P95 (USD m)``.
    """
    if list(ranges["Country"]) != list(countries["Country"]):
        raise ValueError("country_ranges and country_table list different countries")
    out = countries.copy()
    for year in years:
        column = f"{year} (USD m)"
        out[column] = out[column].map(lambda v: significant(v, RANGE_FIGURES))
        spans = [f"{significant(lo, RANGE_FIGURES)} to {significant(hi, RANGE_FIGURES)}"
                 for lo, hi in zip(ranges[f"{year} P5"], ranges[f"{year} P95"])]
        out.insert(out.columns.get_loc(column) + 1, f"{year} P5 to P95 (USD m)", spans)
    return out


def ranges_for_print(ranges: pd.DataFrame) -> pd.DataFrame:
    """:func:`country_ranges` with every value to :data:`RANGE_FIGURES` significant figures and each region named once."""
    out = shown(ranges)
    for column in out.columns[2:]:
        out[column] = out[column].map(lambda v: significant(v, RANGE_FIGURES))
    return out


def ranges_for_download(ranges: pd.DataFrame) -> pd.DataFrame:
    """:func:`country_ranges` for the CSV: snake-case columns with units, values to :data:`RANGE_FIGURES` significant figures."""
    out = ranges.rename(columns=lambda c: c.lower() if c in ("Region", "Country") else
                        f"value_{c.split()[0]}_{c.split()[1].lower()}_usd_m")
    for column in out.columns[2:]:
        out[column] = out[column].map(lambda v: float(f"{v:.{RANGE_FIGURES}g}"))
    return out


def range_numbers(ranges: pd.DataFrame, end: int, draws: int) -> dict[str, object]:
    """What the ranges section says of :func:`country_ranges` in ``end``, for glue: the draws, the widest range
    relative to its value (``widest-country``, ``widest-factor``: P95 over P5), the United States' P5 and P95, and for
    how many named countries outside it the median lies below the scenario's value."""
    named = named_countries(ranges)
    width = named[f"{end} P95"] / named[f"{end} P5"]
    reference = named[named["Country"] == REFERENCE_COUNTRY].iloc[0]
    others = named[named["Country"] != REFERENCE_COUNTRY]
    return {
        "mc-draws": f"{draws:,}",
        "widest-country": str(named.loc[width.idxmax(), "Country"]),
        "widest-factor": float(width.max()),
        "us-p5": float(reference[f"{end} P5"]),
        "us-p95": float(reference[f"{end} P95"]),
        "median-below": int((others[f"{end} P50"] < others[f"{end} scenario"]).sum()),
        "n-outside-us": len(others),
    }


def range_chart_data(ranges: pd.DataFrame, end: int) -> pd.DataFrame:
    """The named countries' P5, P50 and P95 in ``end``, indexed by country, smallest median first (the dot-range chart)."""
    columns = [f"{end} P5", f"{end} P50", f"{end} P95"]
    return named_countries(ranges).set_index("Country")[columns].sort_values(f"{end} P50")


# --------------------------------------------------------------------------- are the country prices plausible?
def plausibility_numbers(calibration: PriceCalibration, countries: pd.DataFrame) -> dict[str, object]:
    """The plausibility checks for glue (``check-<name>``: what breaks each, or ``none``; see
    :func:`.pricing.plausibility_findings`) and ``us-cost-multiple``: the US course over the dearest other named
    country's. ``countries`` is the third frame of :func:`.pricing.plausibility_points`."""
    found = plausibility_findings(calibration, countries)
    others = countries[~countries["group"].str.startswith("Reference")]
    return {
        **{f"check-{name.replace('_', '-')}": ", ".join(items) if items else "none" for name, items in found.items()},
        "us-cost-multiple": float(countries["cost_per_course_usd"].max() / others["cost_per_course_usd"].max()),
    }


def plausibility_download(countries: pd.DataFrame) -> pd.DataFrame:
    """The countries of the plausibility figure for its CSV: the price level, the value per live birth, the country and the basis."""
    return countries.rename(columns={"x": "price_level_pct_of_us", "y": "value_per_birth_usd", "label": "country",
                                     "group": "basis"}).round(4)


def plausibility_panels(points: pd.DataFrame, fit: pd.DataFrame, countries: pd.DataFrame) -> list[tuple[pd.DataFrame, dict]]:
    """The plausibility figure's two panels of :func:`.pricing.plausibility_points`, each ``(data, options)``: the pack
    prices with each group's fit, and the countries' value per live birth, both against the price level on log axes."""
    level = "Price level (% of the US, log)"
    return [(points, {"fit": fit, "title": "Pack prices against the price level", "xlabel": level,
                      "ylabel": "Course cost (% of the reference, log)"}),
            (countries, {"title": "Value per live birth", "xlabel": level, "ylabel": "USD per live birth (log)"})]
