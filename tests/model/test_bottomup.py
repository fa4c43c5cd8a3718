"""Tests for the bottom-up model: its arithmetic checked by hand, rest-of rows from parameters, the top-down ratio."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market import inputs
from infantile_spasms_market.inputs.files import DataFileError
from infantile_spasms_market.inputs.taxonomy import (
    COUNTRIES,
    ESTABLISHED_DRUG_IDS,
    REGIONS,
)
from infantile_spasms_market.model import bottomup
from infantile_spasms_market.model.bottomup import (
    births_by_country,
    bottom_up_by_country,
    bottom_up_by_region,
    compare_with_top_down,
    us_course_cost_usd,
)
from infantile_spasms_market.model.draws import set_draws
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.scenario.loading import load_parameters

# Inputs of the United States row, copied from the data files and params/base.yaml.
US_BIRTHS_2023 = 3_596_017  # live_births.csv (CDC NCHS)
ACTHAR_VIAL_USD, ACTHAR_VIAL_U = 38_892, 400  # prices.csv: Mallinckrodt's list price of a 5-mL vial (2018)
SABRIL_UNIT_USD, SABRIL_UNIT_MG = 107.68, 500  # prices.csv: Medicaid's 2016 spending per 500 mg unit of Sabril (CMS)
PREDNISOLONE_ML_USD, PREDNISOLONE_ML_MG = 0.1465, 3  # prices.csv: Medicaid's 2016 spending per mL of 15 mg/5 mL liquid
COURSE_UNITS = {"acth": 1.5, "vigabatrin": 13, "oral_steroids": 2}
ASSUMED_COSTS = {"other_anticonvulsants": 3_000, "others": 1_000}
NA_FIRST_LINE_MIX = {"acth": 0.449, "vigabatrin": 0.206, "oral_steroids": 0.225, "other_anticonvulsants": 0.120, "others": 0.0}
# The US Acthar Gel course: the vial's price per unit x 150 U/m2/day x 0.37 m2 x 14 x 1.5 days.
US_ACTH = ACTHAR_VIAL_USD / ACTHAR_VIAL_U * 150 * 0.37 * 14 * 1.5
# Vigabatrin: Sabril's price per mg x 100 mg/kg/day x 7.5 kg x 14 x 13 days; oral steroids: the liquid's price per mg
# x 40 mg/day x 14 x 2 days (the UK trial's minimum doses, data/dosing.csv).
US_VIGABATRIN = SABRIL_UNIT_USD / SABRIL_UNIT_MG * 100 * 7.5 * 14 * 13
US_ORAL_STEROIDS = PREDNISOLONE_ML_USD / PREDNISOLONE_ML_MG * 40 * 14 * 2
# Before the US prices, a group's reference was its pack-priced courses over each country's ICP health price level,
# geometric mean (Sabril sachets in France, Italy, the UK and Japan): what the calibrated ratio of vigabatrin now gives.
CALIBRATED_VIGABATRIN = float(np.exp(np.mean(np.log([214.669 / 0.4941, 207.3708 / 0.60787, 3622.71 / 0.46732, 167.076 / 0.77969]))))


@pytest.fixture  # per test: mutmut then maps every test that reads it to the functions it calls
def params():
    return load_parameters()


@pytest.fixture  # per test: mutmut then maps every test that reads it to the functions it calls
def bottom_up(params) -> pd.DataFrame:
    return bottom_up_by_country(params)


def test_us_course_costs_by_hand(params) -> None:
    costs = us_course_cost_usd(params)
    assert list(costs.index) == list(ESTABLISHED_DRUG_IDS) and costs.name == "cost_per_course_usd"
    assert costs["acth"] == pytest.approx(US_ACTH, rel=1e-12) and US_ACTH == pytest.approx(113_321.565)
    assert costs["vigabatrin"] == pytest.approx(US_VIGABATRIN, rel=1e-12) and round(US_VIGABATRIN) == 29_397
    assert costs["oral_steroids"] == pytest.approx(US_ORAL_STEROIDS, rel=1e-12) and round(US_ORAL_STEROIDS, 2) == 54.69
    # The calibrated ratio puts the other countries' Sabril courses, at the US price level, where they were.
    ratio = load_parameters().pricing.outside_us_log_ratio.vigabatrin
    assert US_VIGABATRIN * np.exp(ratio) == pytest.approx(CALIBRATED_VIGABATRIN, rel=1e-4) and round(CALIBRATED_VIGABATRIN) == 704
    assert costs["other_anticonvulsants"] == 3_000 and costs["others"] == 1_000


def test_the_us_reference_follows_the_infant_and_the_pack_prices_not_a_study(params) -> None:
    from infantile_spasms_market.model.sensitivity import with_values
    larger = with_values(params, {"pricing.infant_bsa_m2": 0.74})
    assert us_course_cost_usd(larger)["acth"] == pytest.approx(2 * US_ACTH)
    heavier = with_values(params, {"pricing.infant_weight_kg": 15.0})
    assert us_course_cost_usd(heavier)["vigabatrin"] == pytest.approx(2 * US_VIGABATRIN, rel=1e-6)


def test_the_united_states_row_by_hand(bottom_up: pd.DataFrame) -> None:
    us = bottom_up.loc["united_states"]
    incident = 3_596_017 * 0.249 / 1000  # births x incidence per 1,000
    diagnosed = incident * 0.90
    treated = diagnosed * 0.95
    courses = treated * 1.5
    reference = us_course_cost_usd(load_parameters())
    cost = (
        0.449 * US_ACTH  # ACTH: Acthar Gel at its list price
        + 0.206 * US_VIGABATRIN  # vigabatrin: Medicaid's spending per unit of Sabril (2016)
        + 0.225 * US_ORAL_STEROIDS  # oral steroids: Medicaid's spending per mL of prednisolone liquid (2016)
        + 0.120 * 3_000
        + 0.0 * 1_000
    )
    assert cost == pytest.approx(57_309.40, abs=0.01) and reference["oral_steroids"] == pytest.approx(US_ORAL_STEROIDS)
    assert us["births"] == US_BIRTHS_2023 and us["births_year"] == 2023
    assert us["incident_cases"] == pytest.approx(incident, rel=1e-12)
    assert us["incident_cases"] == pytest.approx(895.408, abs=1e-3)
    assert us["diagnosed_cases"] == pytest.approx(diagnosed, rel=1e-12)
    assert us["treated_patients"] == pytest.approx(treated, rel=1e-12)
    assert us["courses"] == pytest.approx(courses, rel=1e-12)
    assert us["cost_per_course_usd"] == pytest.approx(cost, rel=1e-12)
    assert us["value_usd_m"] == pytest.approx(courses * cost / 1e6, rel=1e-12)
    assert round(us["value_usd_m"], 2) == 65.81
    assert (us["region"], us["country"], us["region_id"]) == ("North America", "United States", "north_america")


def test_the_hand_inputs_are_the_files_and_the_base(params) -> None:
    """The constants above are what the data files and the base scenario hold (so the hand check is honest)."""
    births = inputs.load_table("live_births")
    assert births.loc[(births["country"] == "United States") & (births["year"] == 2023), "births"].item() == US_BIRTHS_2023
    acthar = inputs.load_table("prices").set_index("product_id").loc["acthar-gel-us"]
    assert (acthar["price_usd"], acthar["pack_quantity"]) == (ACTHAR_VIAL_USD, ACTHAR_VIAL_U)
    prices = inputs.load_table("prices").set_index("product_id")
    assert tuple(prices.loc["sabril-powder-us", ["price_usd", "pack_quantity"]]) == (SABRIL_UNIT_USD, SABRIL_UNIT_MG)
    assert tuple(prices.loc["prednisolone-oral-liquid-15mg5ml-us", ["price_usd", "pack_quantity"]]) == (
        PREDNISOLONE_ML_USD, PREDNISOLONE_ML_MG)
    assert params.pricing.infant_bsa_m2 == 0.37
    assert params.epidemiology.course_length_14d_units.model_dump() == COURSE_UNITS
    assert params.epidemiology.assumed_course_cost_usd.model_dump() == ASSUMED_COSTS
    assert params.epidemiology.first_line_mix.north_america.model_dump() == NA_FIRST_LINE_MIX


def test_unpriced_countries_scale_the_regional_mix_by_group_ratio_and_price_level(bottom_up: pd.DataFrame) -> None:
    # Germany has no pack price: Europe's first-line mix, each group at its reference course x exp(group ratio) x 0.5653.
    europe_mix = {"acth": 0.15, "vigabatrin": 0.35, "oral_steroids": 0.42, "other_anticonvulsants": 0.06, "others": 0.02}
    reference = us_course_cost_usd(load_parameters()).to_dict()
    log_ratio = {"acth": -4.8838, "vigabatrin": -3.7313, "oral_steroids": 0.3697, "other_anticonvulsants": 0.0, "others": 0.0}
    mix_cost = sum(share * reference[d] * np.exp(log_ratio[d]) for d, share in europe_mix.items())
    assert bottom_up.loc["germany", "cost_per_course_usd"] == pytest.approx(0.5653 * mix_cost, rel=1e-12)
    assert bottom_up.loc["germany", "price_basis"].startswith("ICP 2021 health price level (57 % of the US)")
    assert bottom_up.loc["united_states", "price_basis"].startswith(
        "pack prices (acth: H.P. Acthar Gel; vigabatrin: Sabril; oral steroids: prednisolone syrup or oral solution 15 mg/5 mL); "
        "other groups: ICP 2021")
    assert bottom_up.loc["japan", "price_basis"].startswith("pack prices (acth: Cortrosyn Z; vigabatrin: Sabril)")


def test_a_partial_births_count_is_scaled_by_its_coverage_factor(bottom_up: pd.DataFrame) -> None:
    assert bottom_up.loc["united_kingdom", "births"] == pytest.approx(591_072 * 1.113, rel=1e-12)
    assert "x 1.113 coverage factor" in bottom_up.loc["united_kingdom", "births_basis"]


def test_each_country_uses_its_latest_year(bottom_up: pd.DataFrame) -> None:
    assert bottom_up.loc["argentina", "births_year"] == 2022
    assert bottom_up.loc["argentina", "births"] == 495_295


def test_the_latest_year_of_several_is_used_and_the_basis_says_where_the_births_come_from(params) -> None:
    births = inputs.load_table("live_births")
    canada = births[births["country"] == "Canada"].iloc[0]
    older = births[births["country"] == "Canada"].assign(year=int(canada["year"]) - 1, births=1.0)
    frame = births_by_country(params, pd.concat([older, births], ignore_index=True))
    assert list(frame.index) == list(COUNTRIES)  # one row per country, however many years the data gives
    assert (frame.loc["canada", "births"], frame.loc["canada", "births_year"]) == (canada["births"], canada["year"])
    assert frame.loc["canada", "births_basis"] == f"data ({canada['coverage']})"  # a factor of 1 is not mentioned
    uk = births[births["country"] == "United Kingdom"].iloc[0]
    assert frame.loc["united_kingdom", "births_basis"] == f"data ({uk['coverage']}) x 1.113 coverage factor"
    assert frame.loc["united_kingdom", "births"] == pytest.approx(uk["births"] * 1.113, rel=1e-12)  # scaled up to the whole country
    assert frame.loc["rest_of_europe", "births_basis"] == "assumption (countries.rest_of_region_births)"


def test_rest_of_rows_use_the_parameters(params, bottom_up: pd.DataFrame) -> None:
    for region, births in params.countries.rest_of_region_births.model_dump().items():
        row = bottom_up.loc[f"rest_of_{region}"]
        assert row["births"] == births
        assert pd.isna(row["births_year"])
        assert row["births_basis"] == "assumption (countries.rest_of_region_births)"
        assert row["price_index"] == params.countries.price_index.model_dump()[f"rest_of_{region}"]
    row = bottom_up.loc["rest_of_asia_pacific"]
    expected = 22_000_000 * 0.249 / 1000 * 0.55 * 0.85 * 1.5 * row["cost_per_course_usd"] / 1e6
    assert row["value_usd_m"] == pytest.approx(expected, rel=1e-12)


def test_changing_a_rest_of_row_changes_only_that_row(bottom_up: pd.DataFrame) -> None:
    changed = bottom_up_by_country(load_parameters(None, ["countries.rest_of_region_births.europe=1700000"]))
    assert changed.loc["rest_of_europe", "value_usd_m"] == pytest.approx(bottom_up.loc["rest_of_europe", "value_usd_m"] / 2)
    others = changed.index != "rest_of_europe"
    pd.testing.assert_series_equal(changed.loc[others, "value_usd_m"], bottom_up.loc[others, "value_usd_m"])


def test_one_row_per_country_in_taxonomy_order(bottom_up: pd.DataFrame) -> None:
    assert list(bottom_up.index) == list(COUNTRIES)
    assert list(bottom_up.columns) == [
        "region", "country", "region_id", "births", "births_year", "births_basis", "incidence_per_1000", "incident_cases",
        "diagnosed_cases", "treated_patients", "courses", "price_index", "cost_per_course_usd", "value_usd_m",
        "price_basis", "price_basis_short",
    ]
    assert (bottom_up["incidence_per_1000"] == 0.249).all()  # params/base.yaml, the same in every row
    assert (bottom_up[["births", "incident_cases", "treated_patients", "courses", "value_usd_m"]] >= 0).all().all()


def test_a_country_missing_from_the_births_data_is_named(params) -> None:
    births = inputs.load_table("live_births")
    with pytest.raises(DataFileError, match="live_births.csv: no births for canada"):
        births_by_country(params, births[births["country"] != "Canada"])


def test_every_country_missing_from_the_births_data_is_named(params) -> None:
    births = inputs.load_table("live_births")
    with pytest.raises(DataFileError, match="^live_births.csv: no births for canada, mexico$"):
        births_by_country(params, births[~births["country"].isin(["Canada", "Mexico"])])


def test_regions_sum_their_countries(params, bottom_up: pd.DataFrame) -> None:
    by_region = bottom_up_by_region(params)
    assert list(by_region.index) == list(REGIONS.values()) and by_region.index.name == "region"
    expected = bottom_up.groupby("region")[list(by_region.columns)].sum().loc[list(REGIONS.values())]
    pd.testing.assert_frame_equal(by_region, expected, check_names=False)


# --------------------------------------------------------------------------- the top-down comparison
@pytest.fixture  # per test: mutmut then maps every test that reads it to the functions it calls
def comparison(params) -> pd.DataFrame:
    return compare_with_top_down(params, market_table(params))


def test_ratio_table_sets_bottom_up_beside_top_down(params, comparison: pd.DataFrame) -> None:
    assert list(comparison.columns) == ["bottom_up_usd_m", "top_down_usd_m", "ratio"]
    assert list(comparison.index) == [*REGIONS.values(), "Global"] and comparison.index.name == "region"
    regions = comparison.drop(index="Global")
    pd.testing.assert_series_equal(regions["bottom_up_usd_m"], bottom_up_by_region(params)["value_usd_m"], check_names=False)
    shares = params.regions.share_2024.model_dump()
    np.testing.assert_allclose(regions["top_down_usd_m"], [146.34 * shares[r] for r in REGIONS], rtol=1e-12)
    np.testing.assert_allclose(comparison["ratio"], comparison["bottom_up_usd_m"] / comparison["top_down_usd_m"], rtol=1e-12)
    assert comparison.loc["Global", "top_down_usd_m"] == pytest.approx(146.34, abs=1e-9)
    assert comparison.loc["Global", "bottom_up_usd_m"] == pytest.approx(regions["bottom_up_usd_m"].sum(), rel=1e-12)


def test_the_ratio_compares_any_year(params) -> None:
    table = market_table(params)
    later = compare_with_top_down(params, table, year=2030)
    assert later.loc["Global", "top_down_usd_m"] == pytest.approx(181.94, abs=1e-9)
    with pytest.raises(KeyError, match="market table has no year 2040"):
        compare_with_top_down(params, table, year=2040)


def test_a_region_with_no_top_down_value_has_no_ratio() -> None:
    params = load_parameters(None, ["regions.share_2024.middle_east_africa=0", "regions.share_2024.europe=0.30"])
    comparison = compare_with_top_down(params, market_table(params))
    assert comparison.loc["Middle East & Africa", "top_down_usd_m"] == 0
    assert np.isnan(comparison.loc["Middle East & Africa", "ratio"])
    assert comparison["ratio"].drop(index="Middle East & Africa").notna().all()


def test_a_table_without_the_columns_compared_is_refused_by_name(params) -> None:
    table = market_table(params).drop(columns=["value_usd_m", "region"])
    with pytest.raises(KeyError, match=r"^'market table lacks column\(s\) region, value_usd_m'$"):
        compare_with_top_down(params, table)


def test_a_region_missing_from_the_table_counts_as_no_top_down_value(params) -> None:
    table = market_table(params)
    comparison = compare_with_top_down(params, table[table["region"] != REGIONS["europe"]])
    assert comparison.loc[REGIONS["europe"], "top_down_usd_m"] == 0.0
    assert np.isnan(comparison.loc[REGIONS["europe"], "ratio"])
    others = comparison.drop(index=[REGIONS["europe"], "Global"])
    assert comparison.loc["Global", "top_down_usd_m"] == pytest.approx(others["top_down_usd_m"].sum(), rel=1e-12)


def test_a_top_down_value_under_a_million_still_has_a_ratio(params) -> None:
    table = market_table(params)
    small = compare_with_top_down(params, table.assign(value_usd_m=table["value_usd_m"] / 1000))  # every region below USD 1 million
    assert (small["top_down_usd_m"].drop(index="Global") < 1).all()
    np.testing.assert_allclose(small["ratio"], small["bottom_up_usd_m"] / small["top_down_usd_m"], rtol=1e-12)


def test_brazil_takes_south_americas_mix_without_acth(params, bottom_up: pd.DataFrame) -> None:
    region = params.epidemiology.first_line_mix.south_america.model_dump()
    brazil = params.epidemiology.first_line_mix_by_country["brazil"].model_dump()
    assert brazil["acth"] == 0  # not available in Brazil (brazil-consensus-2023)
    assert brazil["oral_steroids"] == pytest.approx(region["oral_steroids"] + region["acth"])
    assert all(brazil[d] == pytest.approx(region[d]) for d in ("vigabatrin", "other_anticonvulsants", "others"))
    # Argentina keeps the region's mix, so Brazil's course, without ACTH, costs less at a higher price level.
    assert params.countries.price_index.brazil > params.countries.price_index.argentina
    ratio = bottom_up.loc["brazil", "cost_per_course_usd"] / bottom_up.loc["argentina", "cost_per_course_usd"]
    assert ratio < params.countries.price_index.brazil / params.countries.price_index.argentina


def test_a_country_mix_for_an_unnamed_country_is_refused(params) -> None:
    from infantile_spasms_market.scenario.errors import ParameterError
    from infantile_spasms_market.scenario.loading import load_parameters

    with pytest.raises(ParameterError, match="atlantis is not a country of the model"):
        load_parameters(None, ["epidemiology.first_line_mix_by_country.atlantis="
                               "{acth: 1.0, vigabatrin: 0, oral_steroids: 0, other_anticonvulsants: 0, others: 0}"])


def test_the_uae_takes_the_first_line_counts_of_its_cohort(params) -> None:
    uae = params.epidemiology.first_line_mix_by_country["uae"].model_dump()
    counts = {"oral_steroids": 15, "other_anticonvulsants": 12, "vigabatrin": 5}  # saleh-hassan-2022, no ACTH
    for drug, n in counts.items():
        assert uae[drug] == pytest.approx(n / sum(counts.values()), abs=5e-4)
    assert uae["acth"] == uae["others"] == 0


@pytest.mark.parametrize("scenario", [None, "params/triangulated.yaml", "params/acth_generic_erosion.yaml"])
def test_by_region_is_the_sum_of_the_countries_to_the_last_digit(scenario):
    """The region sums skip the words on prices, not a digit of the numbers (the triangulation solves on them)."""
    params = load_parameters(scenario)
    columns = ["births", "incident_cases", "diagnosed_cases", "treated_patients", "courses", "value_usd_m"]
    expected = (bottom_up_by_country(params).groupby("region_id", sort=False)[columns].sum()
                .rename(index=REGIONS).rename_axis("region"))
    pd.testing.assert_frame_equal(bottom_up_by_region(params), expected, check_exact=True)


def test_the_births_are_read_from_the_projects_file_its_latest_year_of_each_country(params, data: Path) -> None:
    """A copy of data/ with a later year for Canada (a new version of the file, so nothing read before is reused)."""
    births_file = data / "live_births.csv"
    lines = births_file.read_text(encoding="utf-8").splitlines(keepends=True)
    canada = next(line for line in lines if line.startswith("North America,Canada,2023,351477,"))
    births_file.write_text("".join(lines) + canada.replace(",2023,351477,", ",2024,360000,"), encoding="utf-8")
    frame = births_by_country(params)
    assert list(frame.index) == list(COUNTRIES)  # one row per country, however many years the file gives
    assert (frame.loc["canada", "births"], frame.loc["canada", "births_year"]) == (360_000, 2024)
    assert (frame.loc["united_states", "births"], frame.loc["united_states", "births_year"]) == (US_BIRTHS_2023, 2023)


def test_each_countrys_price_basis_is_said_in_full_and_as_a_table_cell(bottom_up: pd.DataFrame) -> None:
    us, rest = bottom_up.loc["united_states"], bottom_up.loc["rest_of_europe"]
    assert us["price_basis"].startswith("pack prices (acth: ") and us["price_basis_short"].startswith("Pack prices (ACTH, ")
    assert rest["price_basis"].startswith("ICP 2021 health price level of World Bank regions (")
    assert rest["price_basis_short"] == f"Price level {100 * rest['price_index']:.0f} %"


def test_the_us_groups_without_a_us_pack_price_take_its_price_level_error(params) -> None:
    """A drawn US price level error scales the assumed courses there; the pack-priced ones stay at their prices."""
    moved = load_parameters(None, ["countries.price_level_error.united_states=0.1"])
    us = list(COUNTRIES).index("united_states")
    before, after = (bottomup.bottom_up(p, set_draws(p, 1, {})).cost_by_drug_usd[0, us] for p in (params, moved))
    factor = dict(zip(ESTABLISHED_DRUG_IDS, after / before))
    assert factor == pytest.approx({"acth": 1, "vigabatrin": 1, "oral_steroids": 1,
                                    "other_anticonvulsants": np.exp(0.1), "others": np.exp(0.1)}, rel=1e-12)
