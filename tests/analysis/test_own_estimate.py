"""Tests for the book's own estimate: the front page's numbers are the Monte Carlo run's, its chart and drivers tables."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from infantile_spasms_market.analysis import own_estimate
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.reading import load_table
from infantile_spasms_market.model import montecarlo
from infantile_spasms_market.model.level import percentile_of
from infantile_spasms_market.paths import NOTEBOOKS_DIR
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def headline() -> Headline:
    return Headline.from_data()


@pytest.fixture(scope="module")
def base():
    return load_parameters()


@pytest.fixture(scope="module")
def result(base, headline):
    return own_estimate.run(base, headline)


def test_the_base_case_shows_the_triangulated_scenario_and_the_triangulated_case_itself(base):
    own = own_estimate.estimate_params(base)
    assert own.scenario.name == "triangulated" and own.market.level == "bottom_up"
    changed = load_parameters(own_estimate.TRIANGULATED, ["epidemiology.courses_per_treated_patient=1.6"])
    assert own_estimate.estimate_params(changed) is changed


def test_front_page_numbers_match_the_monte_carlo_result(result, headline):
    values = own_estimate.estimate_values(result, headline, prefix="sum-own-")
    again = montecarlo.run(load_parameters(own_estimate.TRIANGULATED), headline=headline)
    for year, report in ((headline.base_year, 146.34), (headline.end_year, 181.94)):
        drawn = again.value_in(year)
        assert values[f"sum-own-value-{year}"] == pytest.approx(float(again.scenario_total.loc[year]))  # the one own estimate
        for p in (5, 95):
            assert values[f"sum-own-p{p}-{year}"] == pytest.approx(float(np.percentile(drawn, p)), rel=1e-12)
        assert values[f"sum-own-report-pctile-{year}"] == pytest.approx(percentile_of(drawn, report))
        assert values[f"sum-own-report-pctile-{year}"] == pytest.approx(100 * float(np.mean(drawn < report)), abs=0.01)
    assert values["sum-own-draws"] == again.n
    assert values["sum-own-central-2024"] == pytest.approx(float(again.scenario_total.loc[2024]))
    assert values["sum-own-bu-pct"] == pytest.approx(100 * values["sum-own-central-2024"] / 146.34)
    assert values["sum-own-p5-2024"] < values["sum-own-value-2024"] < values["sum-own-p95-2024"]
    assert "sum-own-p50-2024" not in values  # one statistic: the median is not a second own estimate
    growth = 100 * ((again.value_in(2030) / again.value_in(2025)) ** (1 / 5) - 1)
    assert values["sum-own-cagr-p5"] == pytest.approx(float(np.percentile(growth, 5)))


def test_every_own_estimate_key_the_summary_page_shows_is_computed(result, headline):
    cells = json.loads((NOTEBOOKS_DIR / "summary.ipynb").read_text(encoding="utf-8"))["cells"]
    text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    shown = set(re.findall(r"`(sum-own-[\w-]+)", text))
    assert {"sum-own-value-2024", "sum-own-value-2030"} <= shown
    assert shown - {"sum-own-statistic"} <= set(own_estimate.estimate_values(result, headline, prefix="sum-own-"))


def test_published_range_brings_every_usable_estimate_to_the_year():
    low, high, count = own_estimate.published_range(load_table("other_estimates"), 2024)
    assert low <= 146.34 <= high
    assert count >= 2
    assert (low, high) == (pytest.approx(135.0), pytest.approx(257.5))


def test_chart_data_puts_the_estimate_first_with_its_percentiles(result, headline):
    shown = own_estimate.chart_data(result, headline, load_table("other_estimates"))
    assert list(shown.columns) == ["low", "point", "high"]
    first = shown.iloc[0]
    assert first["low"] < first["point"] < first["high"]
    assert first["point"] == pytest.approx(float(result.scenario_total.loc[2024]))  # the own estimate, as everywhere
    assert shown["low"].iloc[1:].isna().all() and shown["point"].iloc[1:].is_monotonic_increasing
    assert "TechSci Research" in shown.index


def test_drivers_table_and_values_use_display_names(base):
    drivers = own_estimate.drivers(base)
    table = own_estimate.drivers_table(drivers)
    assert not table["Input (drawn alone)"].str.contains(r"\.", regex=True).any()
    values = own_estimate.driver_values(drivers, prefix="unc-level-")
    assert values["unc-level-driver-1"] == table["Input (drawn alone)"].iloc[0]
    assert values["unc-level-driver-1-pct"] >= values["unc-level-driver-2-pct"]
    chart = own_estimate.driver_chart_data(drivers)
    assert chart.iloc[-1] == pytest.approx(values["unc-level-driver-1-pct"])


def test_section_values_place_the_us_acth_value_against_the_revenue_bound(base, headline):
    values = own_estimate.section_values(base, headline, load_table("company_revenue"), prefix="x-")
    assert values["x-incidence-low"] < values["x-incidence"] < values["x-incidence-high"]
    assert values["x-acthar-low"] < values["x-acthar-high"]
    assert values["x-acthar-position"] in {"below", "within", "above"}


@pytest.mark.parametrize("chapter", ["summary", "triangulation", "uncertainty", "estimates", "regions"])
def test_the_chapters_showing_the_own_estimate_declare_what_it_reads(chapter):
    from infantile_spasms_market.bookbuild import plan

    assert set(own_estimate.READS) <= set(plan.declared_reads(NOTEBOOKS_DIR / f"{chapter}.ipynb"))


def test_the_own_estimate_follows_the_scenario_it_is_shown_in(headline):
    # finding 1 of issue 23: the own estimate for 2030 was the same in three different builds
    base = load_parameters()
    slower = load_parameters(None, ["growth.diagnosis=0.002"])
    own = own_estimate.estimate_params(slower)
    assert own.market.level == "bottom_up" and own.growth.diagnosis == 0.002
    assert own.epidemiology.incidence_per_1000 == load_parameters(own_estimate.TRIANGULATED).epidemiology.incidence_per_1000
    assert own_estimate.estimate_params(base) == load_parameters(own_estimate.TRIANGULATED)
    pessimistic = own_estimate.estimate_params(load_parameters("params/pessimistic.yaml"))
    assert pessimistic.growth.price_erosion == -0.015 and pessimistic.market.level == "bottom_up"
    fewer = [load_parameters(s, ["uncertainty.draws=500"]) for s in (None, "params/pessimistic.yaml")]
    ends = [np.median(own_estimate.run(p, headline).value_in(headline.end_year)) for p in fewer]
    assert ends[1] < ends[0], "a slower scenario has a lower own estimate for the end year"
    assert own_estimate.basis_text(base) == "with the base case's growth"
    assert own_estimate.basis_text(slower) == "with this scenario's changes to the base case"
    assert own_estimate.basis_text(own) == "this scenario sizes its level bottom-up itself"


def test_the_level_section_says_where_this_scenarios_value_comes_from():
    # the Uncertainty chapter said "In the base case ..." in every scenario, and named the triangulated file's inputs
    base, slower = load_parameters(), load_parameters(None, ["growth.diagnosis=0.002"])
    own = load_parameters(own_estimate.TRIANGULATED)
    assert own_estimate.level_opening(base, True, 2024) == "In the base case the 2024 value is the report's, the same in every draw."
    assert own_estimate.level_opening(slower, False, 2024).startswith("In this scenario, as in the base case, the 2024 value is the report's")
    assert own_estimate.level_opening(own, False, 2024).startswith("This scenario sizes its 2024 value from the bottom-up model")
    assert own_estimate.drivers_source(base) == "bottom-up inputs of the book's own estimate (params/triangulated.yaml)"
    assert own_estimate.drivers_source(slower).endswith("(params/triangulated.yaml, with this scenario's changes to the base case)")
    assert own_estimate.drivers_source(own) == "bottom-up inputs of this scenario"


def test_the_own_estimate_keeps_the_growth_of_the_scenario_it_is_shown_in():
    # the Triangulation chapter said "keeps the base case's growth" in every build
    assert own_estimate.growth_words(load_parameters()) == "the base case's growth"
    assert own_estimate.growth_words(load_parameters(own_estimate.TRIANGULATED)) == "the base case's growth"
    slower = load_parameters(None, ["growth.diagnosis=0.002"])
    assert own_estimate.growth_words(slower) == "this scenario's growth (with its other changes to the base case)"
    assert own_estimate.growth_words(load_parameters(own_estimate.TRIANGULATED, ["growth.diagnosis=0.002"])) == "this scenario's growth"


@pytest.mark.parametrize(("pctile", "words"), [
    (99.97, "above the range (over its P95), higher than 99.9 % of the draws"), (100.0, "above the range, above every draw"),
    (98.86, "above the range (over its P95), higher than 98.8 % of the draws"),
    (0.02, "below the range (under its P5), lower than 99.9 % of the draws"), (0.0, "below the range, below every draw"),
    (81.2, "inside the range, above 81 % of the draws"),
    # each end of the range is inside it; just past it is not
    (5.0, "inside the range, above 5 % of the draws"), (95.0, "inside the range, above 95 % of the draws"),
    (4.5, "below the range (under its P5), lower than 95.5 % of the draws"), (5.5, "inside the range, above 6 % of the draws"),
    (95.5, "above the range (over its P95), higher than 95.5 % of the draws"),
])
def test_the_reports_place_never_rounds_to_a_share_no_draw_has(pctile, words):
    assert own_estimate.report_place({"report-pctile-2024": pctile}, 2024) == words


@pytest.mark.parametrize(("low", "high", "words"), [
    (130.0, 260.0, "every one of them lies above the own estimate's range (over its P95)"),
    (129.0, 260.0, "they overlap the own estimate's range"),
    (10.0, 66.0, "every one of them lies below the own estimate's range (under its P5)"),
    (10.0, 67.0, "they overlap the own estimate's range"),
    (67.0, 129.0, "every one of them lies inside the own estimate's range"),
    (60.0, 140.0, "they overlap the own estimate's range"),
    (129.5, 260.0, "they overlap the own estimate's range"),  # the lowest on P95 itself
    (67.0, 129.5, "every one of them lies inside the own estimate's range"),  # the highest on P95 itself
])
def test_the_published_estimates_place_follows_both_ends_of_the_range(low, high, words):
    values = {"published-low": low, "published-high": high, "p5-2024": 67.0, "p95-2024": 129.5}
    assert own_estimate.published_place(values, 2024) == words


def test_the_us_split_adds_up_and_the_reports_us_value_is_the_base_cases(base, headline, result):
    """Where the gap between the report and the own estimate lies: each side's US and outside-US values add up to its
    total, and the report's US value is the base case's (the report's total as the book splits it)."""
    from infantile_spasms_market.analysis.key_numbers import country_share
    from infantile_spasms_market.model.topdown import market_table

    table = market_table(base, headline)
    split = own_estimate.us_split(base, headline, table, result)
    values = own_estimate.estimate_values(result, headline)
    assert split["us"] + split["outside"] == pytest.approx(values["value-2024"])
    assert split["report-us"] + split["report-outside"] == pytest.approx(headline.base_value_usd_m)
    assert split["report-us-share"] == pytest.approx(country_share(table, "United States", 2024))
    assert split["gap-us"] + split["gap-outside"] == pytest.approx(split["gap"])
    assert split["gap"] == pytest.approx(headline.base_value_usd_m - values["value-2024"])
    assert split["us-p5"] < split["us"] < split["us-p95"]
    own = market_table(own_estimate.estimate_params(base), headline)
    assert split["us"] == pytest.approx(own.query("year == 2024 and country == 'United States'")["value_usd_m"].sum())
    bottom_up = load_parameters(own_estimate.TRIANGULATED)
    assert own_estimate.us_split(bottom_up, headline, own)["report-us"] == pytest.approx(split["report-us"]), \
        "a scenario sized bottom-up compares with the base case's split of the report"


def test_the_central_values_give_the_own_estimates_bottom_up_share_without_a_run(base, headline, result):
    central = own_estimate.central_values(base, headline, prefix="x-")
    assert central["x-bu-pct"] == pytest.approx(own_estimate.estimate_values(result, headline)["bu-pct"])
    assert central["x-incidence"] == load_parameters(own_estimate.TRIANGULATED).epidemiology.incidence_per_1000
    assert central["x-incidence"] != base.epidemiology.incidence_per_1000, "two bottom-up numbers, apart by the incidence"
    drawn = load_parameters(own_estimate.TRIANGULATED).uncertainty.distributions["epidemiology.incidence_per_1000"]
    assert (central["x-incidence-low"], central["x-incidence-high"]) == (drawn.low, drawn.high)


def test_the_us_split_places_the_gap_and_the_us_range(base, headline, result):
    split = own_estimate.us_split(base, headline, market_table_of(base, headline), result)
    assert split["gap-outside-pct"] == pytest.approx(100 * split["gap-outside"] / split["gap"])
    us = list(result.country_ids).index("united_states")
    drawn = result.country_values(headline.base_year)[:, us]
    assert (split["us-p5"], split["us-p95"]) == (pytest.approx(np.percentile(drawn, 5)), pytest.approx(np.percentile(drawn, 95)))
    assert "us-p5" not in own_estimate.us_split(base, headline, market_table_of(base, headline)), "no run, no range"
    # a report that the own estimate meets exactly leaves no gap, and no share of it outside the United States
    same = own_estimate.us_split(base, headline, market_table_of(own_estimate.estimate_params(base), headline))
    assert same["gap"] == pytest.approx(0.0, abs=1e-9) and np.isnan(same["gap-outside-pct"])


def market_table_of(params, headline):
    from infantile_spasms_market.model.topdown import market_table

    return market_table(params, headline)


def test_the_us_split_of_a_bottom_up_scenario_sets_it_against_the_base_case_under_the_report_given():
    # a report of another size: the base case's table scaled to it stands for the report
    from dataclasses import replace

    other = replace(Headline.from_data(), base_value_usd_m=100.0)
    split = own_estimate.us_split(load_parameters(own_estimate.TRIANGULATED), other, market_table_of(load_parameters(), other))
    assert split["report-us"] + split["report-outside"] == pytest.approx(100.0)


def test_section_values_are_the_own_estimates_us_acth_value_and_the_acthar_range(base, headline):
    from infantile_spasms_market.analysis.pricing import latest_acthar
    from infantile_spasms_market.model.topdown import market_table

    own = load_parameters(own_estimate.TRIANGULATED)
    revenue = load_table("company_revenue")
    values = own_estimate.section_values(base, headline, revenue)
    table = market_table(own, headline)
    us_acth = table.query("year == 2024 and country == 'United States' and drug == 'acth'")["value_usd_m"].sum()
    share = own.companies.acthar_sales_share_for_infantile_spasms
    sales = latest_acthar(revenue).sales_usd_m  # the latest reported Acthar Gel sales
    drawn = own.uncertainty.distributions["epidemiology.incidence_per_1000"]
    assert values["us-acth"] == pytest.approx(us_acth) and us_acth > 0
    assert (values["incidence"], values["incidence-low"], values["incidence-high"]) == (
        own.epidemiology.incidence_per_1000, drawn.low, drawn.high)
    assert (values["acthar-low"], values["acthar-high"]) == (pytest.approx(sales * share.low), pytest.approx(sales * share.high))
    low, high = values["acthar-low"], values["acthar-high"]
    assert values["acthar-position"] == ("below" if us_acth < low else "above" if us_acth > high else "within")


def test_section_values_refuse_an_own_estimate_without_a_drawn_incidence(headline):
    own = load_parameters(own_estimate.TRIANGULATED)
    kept = {k: v for k, v in own.uncertainty.distributions.items() if k != "epidemiology.incidence_per_1000"}
    without = own.model_copy(update={"uncertainty": own.uncertainty.model_copy(update={"distributions": kept})})
    with pytest.raises(ValueError, match=r"^triangulated: the own estimate needs a triangular distribution on "
                                         r"epidemiology\.incidence_per_1000$"):
        own_estimate.section_values(without, headline, load_table("company_revenue"))


def test_the_central_values_keys_without_a_prefix(base, headline):
    assert set(own_estimate.central_values(base, headline)) == {"bu-pct", "incidence", "incidence-low", "incidence-high"}


def test_the_own_estimate_of_a_tracked_scenario_records_what_validating_it_reads():
    """A chapter's key holds the paths its scenario's own estimate read: the sections the triangulated file departs from
    the base case in (its incidence, its level and regional split, its distributions), every distribution, and then
    whatever the chapter reads from the estimate, as reads of its own scenario."""
    from infantile_spasms_market.inputs import declared

    base = load_parameters()
    declared.track(base)
    try:
        own = own_estimate.estimate_params(base)
        distributions = set(own.uncertainty.distributions)
        assert set(declared.parameters_read()) == {"epidemiology", "market", "uncertainty.distributions"} | {
            d for d in distributions if not d.startswith("epidemiology.")}
        # read from the estimate alone: its values are the base case's (the triangulated file changes neither), and
        # reading them records the scenario's paths (the switch was not read before)
        with declared.unrecorded():
            access, switch = base.growth.access, base.trends.novel_therapy.enabled
        assert own.growth.access == access and own.trends.novel_therapy.enabled is switch
        assert {"growth.access", "trends.novel_therapy.enabled"} <= set(declared.parameters_read())
    finally:
        declared.forget()


def test_a_distribution_the_scenario_leaves_out_is_left_out_of_the_own_estimate():
    """A scenario without the base case's distribution of an input holds that input at its value; the own estimate
    under its assumptions does too, and keeps the distributions of its own file (the incidence). No scenario file can
    drop one distribution (sections are merged over the base case's, a null or empty one is refused) and ``--set`` can
    only empty the whole section; a scenario made in Python can."""
    base = load_parameters()
    kept = {k: v for k, v in base.uncertainty.distributions.items() if k != "growth.diagnosis"}
    fewer = base.model_copy(update={"uncertainty": base.uncertainty.model_copy(update={"distributions": kept})})
    own = own_estimate.estimate_params(fewer)
    triangulated = load_parameters(own_estimate.TRIANGULATED).uncertainty.distributions
    assert set(own.uncertainty.distributions) == set(triangulated) - {"growth.diagnosis"}
    assert own.uncertainty.distributions["epidemiology.incidence_per_1000"] == triangulated["epidemiology.incidence_per_1000"]


def test_a_value_the_scenario_file_sets_to_null_is_null_in_the_own_estimate(tmp_path):
    # a scenario file that makes a normal distribution triangular writes its sd as null: the own estimate's is null too
    path = tmp_path / "triangular_ratio.yaml"
    path.write_text("scenario: {name: triangular_ratio}\nuncertainty:\n  distributions:\n"
                    "    pricing.outside_us_log_ratio.acth: {kind: triangular, sd: null}\n", encoding="utf-8")
    scenario = load_parameters(path)
    own = own_estimate.estimate_params(scenario).uncertainty.distributions["pricing.outside_us_log_ratio.acth"]
    assert load_parameters().uncertainty.distributions["pricing.outside_us_log_ratio.acth"].sd is not None
    assert own == scenario.uncertainty.distributions["pricing.outside_us_log_ratio.acth"] and own.sd is None


def test_emptying_the_distributions_with_set_leaves_the_own_estimate_none():
    # --set can empty the whole section: the scenario draws nothing, and its own estimate draws nothing either
    own = own_estimate.estimate_params(load_parameters(None, ["uncertainty.distributions={}"]))
    assert own.uncertainty.distributions == {} and own.market.level == "bottom_up"


def test_the_own_estimates_run_uses_the_report_it_is_given(headline):
    from dataclasses import replace

    fewer = load_parameters(None, ["uncertainty.draws=100"])
    assert not own_estimate.run(fewer, replace(headline, claims=())).claims.size, "a report with no claims has none to check"
    assert own_estimate.run(fewer, headline).claims.size


def test_the_own_estimate_records_the_section_its_file_departs_in_however_deep(tmp_path, monkeypatch):
    # an own estimate's file that also changes the novel therapy's peak uptake (three levels deep) departs from the
    # base case in that section, trends.novel_therapy, not in the whole of trends
    from infantile_spasms_market.inputs import declared

    own_file = tmp_path / "triangulated.yaml"
    own_file.write_text(own_estimate.TRIANGULATED.read_text(encoding="utf-8") + "trends:\n  novel_therapy:\n    peak_uptake: 0.05\n", encoding="utf-8")
    monkeypatch.setattr(own_estimate, "TRIANGULATED", own_file)
    base = load_parameters()
    declared.track(base)
    try:
        assert own_estimate.estimate_params(base).trends.novel_therapy.peak_uptake == 0.05
        read = declared.parameters_read()
        assert "trends.novel_therapy" in read and "trends" not in read
    finally:
        declared.forget()


def test_the_own_estimate_is_sized_for_the_base_year_of_the_report_it_is_given(base, headline):
    # a report with another base year: the own estimate's value, its US split and its US ACTH value are that year's
    from dataclasses import replace

    from infantile_spasms_market.model.topdown import market_table

    earlier = replace(headline, base_year=2023)
    own = market_table(load_parameters(own_estimate.TRIANGULATED), earlier).query("year == 2023")
    assert own["value_usd_m"].sum() > 0
    central = own_estimate.central_values(base, earlier)
    assert central["bu-pct"] == pytest.approx(100 * own["value_usd_m"].sum() / earlier.base_value_usd_m)
    split = own_estimate.us_split(base, earlier, market_table(base, earlier))
    assert split["us"] == pytest.approx(own.query("country == 'United States'")["value_usd_m"].sum())
    assert split["us"] + split["outside"] == pytest.approx(own["value_usd_m"].sum())
    values = own_estimate.section_values(base, earlier, load_table("company_revenue"))
    assert values["us-acth"] == pytest.approx(own.query("country == 'United States' and drug == 'acth'")["value_usd_m"].sum())
