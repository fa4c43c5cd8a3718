"""A drawn parameter moves the quantities it feeds, in the right region and drug, in the right direction, and nothing else.

Each case builds two draws: draw 0 at the scenario's value, draw 1 with one parameter moved up.
The test then reads which cells of the market (year x region x drug), the dosage split, the
bottom-up model and the country split moved, and which way. A draw fed to the wrong region or
drug, or with its sign flipped, fails here.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.taxonomy import (
    COUNTRIES,
    COUNTRY_REGION,
    DRUG_IDS,
    ESTABLISHED_DRUG_IDS,
    REGION_IDS,
)
from infantile_spasms_market.model import arrays, pricing
from infantile_spasms_market.model.draws import FEEDS, set_draws
from infantile_spasms_market.model.topdown import country_weights, evaluate
from infantile_spasms_market.scenario.loading import load_parameters

HEADLINE = Headline.from_data()
# Novel therapies on, from 2028, so the paths that size them move the market; North America gets
# rest-of-region births, so its rest-of row has value and a price index that matters.
PARAMS = load_parameters(None, ["trends.novel_therapy.enabled=true", "countries.rest_of_region_births.north_america=100000"])
YEARS = np.arange(HEADLINE.base_year, PARAMS.market.end_year + 1)
LAUNCH = PARAMS.trends.novel_therapy.launch_year
NOVEL = len(ESTABLISHED_DRUG_IDS)  # the last drug axis position
# Countries whose course costs come from pack prices (data/prices.csv), and the regions without any.
_DERIVED = pricing.derived_costs(PARAMS, set_draws(PARAMS, 1, {}), list(COUNTRIES))[0]
PRICED = [i for i in range(len(COUNTRIES)) if np.isfinite(_DERIVED[i]).any()]
# A region is unpriced when none of its countries has a pack price or a drug mix of its own (either sets it apart).
_APART = PRICED + [list(COUNTRIES).index(c) for c in PARAMS.epidemiology.first_line_mix_by_country]
UNPRICED = [i for i, c in enumerate(COUNTRIES) if not any(COUNTRY_REGION[list(COUNTRIES)[j]] == COUNTRY_REGION[c] for j in _APART)]
# Of those, the ones with a pack price dosed by weight (vigabatrin); ACTH analogues and prednisolone take a fixed dose.
BY_WEIGHT = [i for i in PRICED if np.isfinite(_DERIVED[i][ESTABLISHED_DRUG_IDS.index("vigabatrin")])]
COUNTRY_IDS = list(COUNTRIES)
TOL = 1e-12


class Moved:
    """What moved between draw 0 and draw 1 of a two-draw build."""

    def __init__(self, path: str, change: float):
        value = float(PARAMS.value_at(path))
        built = arrays.build(PARAMS, set_draws(PARAMS, 2, {path: np.array([value, value + change])}))
        values = evaluate(built.inputs, HEADLINE, PARAMS.market.reconciliation)
        self.market = values[1] - values[0]  # (Y, R, D+1)
        self.before = values[0]
        self.liquid = built.liquid_share[1] - built.liquid_share[0]  # (D+1,)
        bottom_up = built.bottom_up
        self.bottom_up = bottom_up.value_usd_m[1] - bottom_up.value_usd_m[0]  # (C,)
        self.patients = bottom_up.treated_patients[1] - bottom_up.treated_patients[0]  # (C,)
        weights = country_weights(bottom_up)
        self.weights = weights[1] - weights[0]  # (C,)

    def established(self) -> np.ndarray:
        return self.market[..., :NOVEL]


def region_index(region: str) -> int:
    return REGION_IDS.index(region)


def countries_of(region: str) -> list[int]:
    return [i for i, c in enumerate(COUNTRY_IDS) if COUNTRY_REGION[c] == region]


def up(x) -> bool:
    return bool(np.all(np.asarray(x) > TOL))


def flat(x) -> bool:
    return bool(np.allclose(x, 0, atol=1e-9))


def down(x) -> bool:
    return bool(np.all(np.asarray(x) < -TOL))


def only_top_down(moved: Moved) -> None:
    assert flat(moved.bottom_up) and flat(moved.weights) and flat(moved.liquid)


def total_unchanged(moved: Moved) -> None:
    assert flat(moved.market.sum(axis=(1, 2))), "the total moved"


# --------------------------------------------------------------------------- top-down: the total and its splits
@pytest.mark.parametrize("name", list(PARAMS.growth.model_dump()))
def test_a_growth_component_grows_every_region_after_the_first_growth_year(name):
    """Each region's established value before novel therapies take their part grows by ((1 + g + 0.01) / (1 + g)) ** years."""
    moved = Moved(f"growth.{name}", 0.01)
    first = HEADLINE.first_growth_year
    later = YEARS > first
    assert flat(moved.market[~later]), "bridge_2025 keeps the report's 2024 and 2025 values"
    assert flat(moved.market[..., NOVEL]), "novel therapy sales do not follow the growth rate"
    growth = PARAMS.growth_rate
    factor = ((1 + growth + 0.01) / (1 + growth)) ** (YEARS[later] - first)
    established = moved.before[later][..., :NOVEL].sum(axis=-1) + PARAMS.trends.novel_therapy.cannibalisation * moved.before[later][..., NOVEL]
    np.testing.assert_allclose(moved.established()[later].sum(axis=-1), (factor[:, None] - 1) * established, rtol=1e-9)
    only_top_down(moved)


@pytest.mark.parametrize("region", REGION_IDS)
def test_a_regions_2024_share_moves_that_region_and_no_other_the_same_way(region):
    moved = Moved(f"regions.share_2024.{region}", 0.02)
    r = region_index(region)
    by_region = moved.established().sum(axis=-1)  # (Y, R)
    assert up(by_region[:, r])
    assert down(np.delete(by_region, r, axis=1)), "the other regions give up what it gains"
    total_unchanged(moved)
    only_top_down(moved)


@pytest.mark.parametrize("region", REGION_IDS)
def test_a_regions_growth_differential_moves_it_from_the_second_year_on(region):
    moved = Moved(f"regions.growth_differential.{region}", 0.01)
    r = region_index(region)
    by_region = moved.established().sum(axis=-1)
    assert flat(by_region[0]), "no differential acts in the base year"
    assert up(by_region[1:, r]) and down(np.delete(by_region[1:], r, axis=1))
    assert np.all(np.diff(by_region[1:, r]) > 0), "the gap widens year by year"
    total_unchanged(moved)
    only_top_down(moved)


@pytest.mark.parametrize(("region", "drug"), [(r, d) for r in REGION_IDS for d in ("acth", "vigabatrin", "oral_steroids")])
def test_a_drug_mix_share_moves_that_drug_in_that_region_only(region, drug):
    moved = Moved(f"segments.drug_mix_2024.{region}.{drug}", 0.005)  # small enough for any share (North America's ACTH share is 0.888)
    r, d = region_index(region), ESTABLISHED_DRUG_IDS.index(drug)
    cells = moved.established()
    assert flat(np.delete(cells, r, axis=1)), "another region moved"
    assert up(cells[:, r, d])
    others = [i for i in range(NOVEL) if i != d and PARAMS.segments.drug_mix_2024.model_dump()[region][ESTABLISHED_DRUG_IDS[i]] > 0]
    assert down(cells[:, r, others]), "the region's other drugs give up what it gains"
    assert flat(cells.sum(axis=-1)), "a region's value moved"
    only_top_down(moved)


@pytest.mark.parametrize("drug", ESTABLISHED_DRUG_IDS)
def test_a_drug_growth_differential_moves_that_drug_in_every_region_from_the_second_year_on(drug):
    moved = Moved(f"segments.drug_growth_differential.{drug}", 0.01)
    d = ESTABLISHED_DRUG_IDS.index(drug)
    cells = moved.established()
    assert flat(cells[0])
    mix = PARAMS.segments.drug_mix_2024.model_dump()
    has_drug = [region_index(r) for r in REGION_IDS if mix[r][drug] > 0]
    assert up(cells[1:, has_drug, d])
    assert flat(cells.sum(axis=-1)), "a region's value moved"
    for r in has_drug:
        others = [i for i in range(NOVEL) if i != d and mix[REGION_IDS[r]][ESTABLISHED_DRUG_IDS[i]] > 0]
        assert down(cells[1:, r, others])
    only_top_down(moved)


@pytest.mark.parametrize("drug", DRUG_IDS)
def test_a_liquid_share_moves_only_that_drugs_dosage_split(drug):
    value = PARAMS.segments.liquid_share.model_dump()[drug]
    moved = Moved(f"segments.liquid_share.{drug}", -0.05 if value >= 0.05 else 0.05)
    expected = np.zeros(len(DRUG_IDS))
    expected[DRUG_IDS.index(drug)] = -0.05 if value >= 0.05 else 0.05
    np.testing.assert_allclose(moved.liquid, expected, atol=1e-15)
    assert flat(moved.market) and flat(moved.bottom_up)


# --------------------------------------------------------------------------- the bottom-up model and the country split
@pytest.mark.parametrize("country", ["united_states", "japan", "brazil", "rest_of_europe", "uae"])
@pytest.mark.parametrize("kind", ["price_index", "births_coverage_factor"])
def test_a_countrys_price_or_births_moves_its_bottom_up_value_and_its_share_of_its_region(kind, country):
    if kind == "births_coverage_factor" and country.startswith("rest_of_"):
        kind, path = "rest_of_region_births", f"countries.rest_of_region_births.{COUNTRY_REGION[country]}"
    else:
        path = f"countries.{kind}.{country}"
    moved = Moved(path, 0.1 * float(PARAMS.value_at(path)))
    c, region = COUNTRY_IDS.index(country), COUNTRY_REGION[country]
    assert up(moved.bottom_up[c]) and flat(np.delete(moved.bottom_up, c))
    assert up(moved.weights[c])
    siblings = [i for i in countries_of(region) if i != c and moved.weights[i] != 0]
    assert down(moved.weights[siblings]), "the other countries of the region lose share"
    assert flat(np.delete(moved.weights, countries_of(region))), "a country of another region moved"
    assert flat(moved.liquid)
    r = region_index(region)
    novel = moved.market[..., NOVEL]
    assert up(novel[YEARS >= LAUNCH, r]) and flat(np.delete(novel, r, axis=1)), "novel therapies follow the region's priced patients"
    assert flat(novel[YEARS < LAUNCH])


@pytest.mark.parametrize("region", REGION_IDS)
@pytest.mark.parametrize("share", ["diagnosed_share", "treated_share"])
def test_a_regions_diagnosed_or_treated_share_moves_that_regions_patients_only(share, region):
    current = float(PARAMS.value_at(f"epidemiology.{share}.{region}"))
    moved = Moved(f"epidemiology.{share}.{region}", min(0.03, 1 - current) or -0.03)
    sign = 1 if current < 1 else -1
    inside = countries_of(region)
    patients = moved.patients[inside] * sign
    assert up(patients[moved.patients[inside] != 0]) and flat(np.delete(moved.patients, inside))
    assert flat(np.delete(moved.bottom_up, inside))
    assert flat(moved.weights), "a region-wide share moves no country's share of its region"
    novel = moved.market[..., NOVEL] * sign
    assert up(novel[YEARS >= LAUNCH, region_index(region)]) and flat(np.delete(novel, region_index(region), axis=1))


def test_incidence_moves_every_countrys_patients_in_proportion():
    moved = Moved("epidemiology.incidence_per_1000", 0.05)
    before = moved.patients  # the change is 0.05 / 0.249 of each country's patients
    base = arrays.build(PARAMS, set_draws(PARAMS, 1, {})).bottom_up.treated_patients[0]
    np.testing.assert_allclose(before, base * 0.05 / PARAMS.epidemiology.incidence_per_1000, rtol=1e-10)
    assert flat(moved.weights)
    assert up(moved.market[YEARS >= LAUNCH][..., NOVEL])
    assert down(moved.established()[YEARS >= LAUNCH].sum(axis=-1)), "novel therapies take more from the established drugs"


@pytest.mark.parametrize(
    "path",
    ["epidemiology.courses_per_treated_patient", "epidemiology.course_length_14d_units.vigabatrin",
     "epidemiology.assumed_course_cost_usd.other_anticonvulsants", "epidemiology.first_line_mix.europe.acth"],
)
def test_course_counts_and_costs_move_the_bottom_up_value_only(path):
    moved = Moved(path, 0.05 if "first_line_mix" in path else 0.1 * float(PARAMS.value_at(path)))
    assert flat(moved.market) and flat(moved.patients), "the top-down market or the patients moved"
    # Where every country's courses are priced by the index, a change scales a region's countries
    # alike and no country's share of its region moves; a country priced from its packs moves
    # against its neighbours, and the shares of its region only.
    assert flat(moved.weights[UNPRICED]), "a country's share moved in a region with no pack prices"
    assert np.allclose([moved.weights[countries_of(r)].sum() for r in REGION_IDS], 0, atol=1e-12)
    region = path.split(".")[2] if "first_line_mix" in path else None
    reached = countries_of(region) if region else range(len(COUNTRY_IDS))
    base = arrays.build(PARAMS, set_draws(PARAMS, 1, {})).bottom_up.value_usd_m[0]
    has_value = [c for c in reached if base[c] > 0]
    assert up(moved.bottom_up[has_value]), "more courses, longer or dearer ones, or more of ACTH (the dearest) cost more"
    if region:
        assert flat(np.delete(moved.bottom_up, countries_of(region)))


def test_a_heavier_infant_costs_more_wherever_vigabatrin_is_given():
    moved = Moved("pricing.infant_weight_kg", 0.5)
    assert flat(moved.market) and flat(moved.patients), "the top-down market or the patients moved"
    assert up(moved.bottom_up[BY_WEIGHT]), "a dose per kilogram: a heavier infant needs more vigabatrin"
    # Vigabatrin's reference course is the US course (Medicaid's spending per unit, a dose per kilogram): it rises, and
    # the calibrated courses priced from it rise with it, the fixed-dose countries' too; nothing falls.
    fixed_dose = [i for i in PRICED if i not in BY_WEIGHT]
    assert fixed_dose and up(moved.bottom_up[fixed_dose]) and bool(np.all(moved.bottom_up > -TOL))
    assert flat(moved.weights[UNPRICED]), "countries priced alike share the rise"


# --------------------------------------------------------------------------- novel therapies
@pytest.mark.parametrize("name", ["peak_uptake", "price_per_patient_usd", "eligible_share_of_treated"])
def test_a_bigger_novel_therapy_sells_more_from_launch_and_takes_more(name):
    path = f"trends.novel_therapy.{name}"
    moved = Moved(path, 0.1 * float(PARAMS.value_at(path)))
    launched = YEARS >= LAUNCH
    assert flat(moved.market[~launched]), "nothing moves before the launch year"
    assert up(moved.market[launched][..., NOVEL])
    assert down(moved.established()[launched].sum(axis=-1))
    assert flat(moved.bottom_up) and flat(moved.weights)


def test_cannibalisation_takes_from_the_established_drugs_without_changing_novel_sales():
    moved = Moved("trends.novel_therapy.cannibalisation", 0.1)
    launched = YEARS >= LAUNCH
    assert flat(moved.market[..., NOVEL]) and flat(moved.market[~launched])
    by_region = moved.established()[launched].sum(axis=-1)
    novel = moved.before[launched][..., NOVEL]
    np.testing.assert_allclose(by_region, -0.1 * novel, rtol=1e-9, atol=1e-12)


def test_a_later_launch_sells_less_and_nothing_in_the_old_launch_year():
    moved = Moved("trends.novel_therapy.launch_year", 1)
    novel = moved.market[..., NOVEL]
    assert flat(novel[YEARS < LAUNCH])
    assert np.allclose(moved.before[YEARS == LAUNCH][..., NOVEL] + novel[YEARS == LAUNCH], 0, atol=1e-12)
    assert down(novel[YEARS >= LAUNCH])


def test_a_later_peak_changes_sales_only_from_launch():
    moved = Moved("trends.novel_therapy.peak_year", 1)
    novel = moved.market[..., NOVEL]
    assert flat(novel[YEARS < LAUNCH]) and not flat(novel[YEARS >= LAUNCH])


# --------------------------------------------------------------------------- every kind of draw has its targeted test
TESTED = [
    "growth.access", "regions.share_2024.europe", "regions.growth_differential.europe", "segments.drug_mix_2024.europe.acth",
    "segments.drug_growth_differential.acth", "segments.liquid_share.acth", "trends.novel_therapy.peak_uptake",
    "epidemiology.diagnosed_share.europe", "epidemiology.courses_per_treated_patient", "countries.price_index.japan",
    "pricing.infant_weight_kg",
]


def test_every_kind_of_drawable_parameter_has_a_targeted_test():
    untested = [pattern for pattern, _ in FEEDS if not any(re.fullmatch(pattern, path) for path in TESTED)]
    assert not untested, f"kinds of parameters with no targeted draw test: {untested}"
