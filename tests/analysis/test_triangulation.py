"""Tests for triangulation: solved levers really close the bottom-up/top-down gap, or are reported out of reach."""

from __future__ import annotations

import math

import pytest

from infantile_spasms_market.analysis.triangulation import (
    Solution,
    diagnosed_share_needed,
    incidence_needed,
    price_level_needed,
    reconciliation,
    region_countries,
    solve,
)
from infantile_spasms_market.inputs.taxonomy import REGION_IDS, REGIONS
from infantile_spasms_market.model.bottomup import bottom_up_by_region
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.parameters import Parameters


@pytest.fixture(scope="module")
def base() -> Parameters:
    return load_parameters()


@pytest.fixture(scope="module")
def frame(base: Parameters):
    return reconciliation(base, market_table(base))


def test_solve_finds_the_root_of_a_monotonic_function():
    solution = solve(lambda x: x**3, 8.0, 0.0, 5.0, "x")
    assert solution.reachable and solution.value == pytest.approx(2.0, abs=1e-9)


def test_solve_reports_a_target_out_of_reach():
    solution = solve(lambda x: 2 * x, 30.0, 0.0, 10.0, "x")
    assert not solution.reachable and math.isnan(solution.value)
    assert solution.note == "out of reach: even x = 10 leaves a gap of 10.00 USD m"


def test_the_needed_diagnosed_share_closes_the_gap(base: Parameters):
    # Reachable: the region's bottom-up value at full diagnosis (diagnosed share 0.55 in the base) is above it.
    target = 1.5 * bottom_up_by_region(base)["value_usd_m"]["Asia-Pacific"]
    solution = diagnosed_share_needed(base, "asia_pacific", target)
    assert solution.reachable and 0 <= solution.value <= 1
    changed = with_values(base, {"epidemiology.diagnosed_share.asia_pacific": solution.value})
    assert bottom_up_by_region(changed)["value_usd_m"]["Asia-Pacific"] == pytest.approx(target, rel=1e-8)


def test_the_needed_price_level_closes_the_gap_and_keeps_relative_prices(base: Parameters):
    target = 2 * bottom_up_by_region(base)["value_usd_m"]["Europe"]  # reachable within the price level's bound of 3
    solution = price_level_needed(base, "europe", target)
    assert solution.reachable
    index = base.countries.price_index.model_dump()
    scaled = {**index, **{c: index[c] * solution.value for c in region_countries("europe")}}
    changed = with_values(base, {"countries.price_index": scaled})
    assert bottom_up_by_region(changed)["value_usd_m"]["Europe"] == pytest.approx(target, rel=1e-8)
    assert bottom_up_by_region(changed)["value_usd_m"]["Asia-Pacific"] == pytest.approx(
        bottom_up_by_region(base)["value_usd_m"]["Asia-Pacific"], rel=1e-12
    )


def test_the_needed_incidence_closes_the_global_gap(base: Parameters):
    solution = incidence_needed(base, 146.34)
    changed = with_values(base, {"epidemiology.incidence_per_1000": solution.value})
    assert bottom_up_by_region(changed)["value_usd_m"].sum() == pytest.approx(146.34, rel=1e-8)


def test_reconciliation_table(frame, base: Parameters):
    assert list(frame.index) == [*REGIONS.values(), "Global"]
    assert frame.loc["Global", "top_down_usd_m"] == pytest.approx(146.34, abs=1e-9)
    assert frame["bottom_up_share_pct"].iloc[:-1].sum() == pytest.approx(100)
    assert frame["top_down_share_pct"].iloc[:-1].sum() == pytest.approx(100)
    for name in REGIONS.values():
        row = frame.loc[name]
        if math.isnan(row["diagnosed_share_needed"]):
            # Out of reach only when even full diagnosis leaves the bottom-up value short.
            region = next(r for r, n in REGIONS.items() if n == name)
            full = with_values(base, {f"epidemiology.diagnosed_share.{region}": 1.0})
            assert bottom_up_by_region(full)["value_usd_m"][name] < row["top_down_usd_m"]
            assert "out of reach" in row["note"]
        else:
            # Closing a shortfall needs more diagnosis, an excess less.
            assert (row["diagnosed_share_needed"] > row["diagnosed_share"]) == (row["ratio"] < 1)
        if not math.isnan(row["price_level_needed"]):
            # The factor on the region's price indexes (not on costs derived from prices) that closes the gap.
            region = next(r for r, n in REGIONS.items() if n == name)
            index = base.countries.price_index.model_dump()
            scaled = {**index, **{c: index[c] * row["price_level_needed"] for c in region_countries(region)}}
            changed = with_values(base, {"countries.price_index": scaled})
            assert bottom_up_by_region(changed)["value_usd_m"][name] == pytest.approx(row["top_down_usd_m"], rel=1e-6)


def test_the_regions_slide_names_both_bottom_up_numbers():
    from infantile_spasms_market.analysis.triangulation import bottom_up_takeaway

    text = bottom_up_takeaway({"tri-ratio-global-pct": 46.6}, {"tri-central-incidence": 0.307, "tri-central-bu-pct": 58.4},
                              0.249, 2024)
    assert text == ("At an incidence of 0.249 per 1,000 births, the bottom-up 2024 market is 47 % of the report's; the own "
                    "estimate, at 0.307, is 58 %")


def test_solve_at_either_end_of_the_range_and_one_off_it():
    assert solve(lambda x: x, 0.0, 0.0, 5.0, "x") == Solution(0.0, True, "x = 0")
    assert solve(lambda x: x, 5.0, 0.0, 5.0, "x") == Solution(5.0, True, "x = 5")
    assert solve(lambda x: x, 4.0, 0.0, 5.0, "x").value == pytest.approx(4.0)  # one below the high end
    below = solve(lambda x: x, -1.0, 0.0, 5.0, "x")  # one below the low end: out of reach
    assert below.reachable is False and math.isnan(below.value)
    assert below.note == "out of reach: even x = 0 leaves a gap of 1.00 USD m"
    assert solve(lambda x: x**3, 8.0, 0.0, 5.0, "x").note == "x = 2"


def test_each_lever_names_itself_in_its_note(base: Parameters):
    europe = bottom_up_by_region(base)["value_usd_m"]["Europe"]
    assert diagnosed_share_needed(base, "europe", europe).note.startswith("diagnosed share = ")
    assert price_level_needed(base, "europe", europe).note == "price level factor = 1"
    assert incidence_needed(base, bottom_up_by_region(base)["value_usd_m"].sum()).note == (
        f"incidence = {base.epidemiology.incidence_per_1000:.4g}")


def test_a_lower_price_level_closes_an_excess_and_the_highest_factor_keeps_every_index_within_3(base: Parameters):
    europe = bottom_up_by_region(base)["value_usd_m"]["Europe"]
    lower = price_level_needed(base, "europe", 0.5 * europe)
    assert lower.reachable and 0 < lower.value < 1  # not 0.5: course costs derived from prices do not move
    highest = max(base.countries.price_index.model_dump()[c] for c in region_countries("europe"))
    far = price_level_needed(base, "europe", 100 * europe)
    assert not far.reachable and far.note.startswith(f"out of reach: even price level factor = {3 / highest:.4g} leaves")


def test_a_region_whose_prices_are_all_zero_is_out_of_reach(base: Parameters):
    zero = with_values(base, {f"countries.price_index.{c}": 0.0 for c in region_countries("south_america")})
    solution = price_level_needed(zero, "south_america", 10.0)
    assert solution.reachable is False and math.isnan(solution.value)
    assert solution.note == "out of reach: every price index of the region is zero"


def test_the_global_row_holds_the_incidence_needed_and_no_note_when_it_is_reachable(frame, base: Parameters):
    needed = incidence_needed(base, frame.loc["Global", "top_down_usd_m"])
    assert needed.reachable
    assert frame.loc["Global", "incidence_needed"] == pytest.approx(needed.value)
    assert frame["incidence_needed"].drop(index="Global").isna().all()
    assert frame.loc["Global", "note"] == ""


def test_the_reconciliation_of_another_year_compares_that_years_values(base: Parameters):
    table = market_table(base)
    later = reconciliation(base, table, 2030)
    top_down_2030 = table[table["year"] == 2030]["value_usd_m"].sum()
    assert later.loc["Global", "top_down_usd_m"] == pytest.approx(top_down_2030)


def test_a_region_neither_lever_can_close_has_both_reasons_in_its_note(base: Parameters):
    shares = {"north_america": 0.025, "europe": 0.9, "asia_pacific": 0.025, "south_america": 0.025, "middle_east_africa": 0.025}
    lopsided = with_values(base, {"regions.share_2024": shares})
    note = reconciliation(lopsided, market_table(lopsided)).loc["Europe", "note"]
    share, price = note.split("; ")
    assert share.startswith("out of reach: even diagnosed share = 1 leaves")
    assert price.startswith("out of reach: even price level factor = ")


def test_a_global_gap_no_incidence_can_close_is_noted_on_the_global_row(base: Parameters):
    rare = with_values(base, {f"epidemiology.diagnosed_share.{r}": 0.01 for r in REGION_IDS})
    frame = reconciliation(rare, market_table(rare))
    assert frame.loc["Global", "note"].startswith("out of reach: even incidence = 2 leaves")


def test_the_sweeps_legend_names_every_element_plot_sweep_draws():
    from infantile_spasms_market.analysis.triangulation import SWEEP_LABELS

    assert set(SWEEP_LABELS) == {"band", "line", "ticks", "target", "current", "crossing"}
