"""analysis.drivers: the growth components' reach, incidence levels and cases, diagnostic yield, approvals."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.analysis import drivers
from infantile_spasms_market.analysis.incidence import IncidenceRange
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.taxonomy import REGIONS
from infantile_spasms_market.scenario.loading import load_parameters

YEAR = Headline.from_data().end_year  # evaluate_changes names its total column by the year


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def made_impact(params) -> pd.DataFrame:
    """Every component 1 point below and above the scenario's value, with made-up totals (largest swing first)."""
    rows = []
    for k, path in enumerate(["growth.access", "growth.diagnosis", "growth.innovation", "growth.prevalence", "growth.price_erosion"]):
        value = params.value_at(path)
        rows.append((path, drivers.COMPONENTS[path], value - 0.01, value, value + 0.01, 100.0 - 5 + k, 100.0, 100.0 + 5 - k, 10.0 - 2 * k))
    columns = ["path", "driver", "low", "base", "high", "total_low", "total_base", "total_high", "swing"]
    return pd.DataFrame(rows, columns=columns).set_index("path")


def test_component_impact_ranks_every_component_by_its_swing(base):
    impact = drivers.component_impact(base)
    assert set(impact.index) == set(drivers.COMPONENTS)
    assert impact["swing"].abs().is_monotonic_decreasing
    assert impact["driver"].tolist() == [drivers.COMPONENTS[p] for p in impact.index]
    assert (impact["total_low"] < impact["total_base"]).all() and (impact["total_base"] < impact["total_high"]).all()


def test_impact_numbers(base):
    impact = made_impact(base)
    numbers = drivers.impact_numbers(base, impact, YEAR, prefix="d-")
    assert numbers["d-top-driver"] == "wider access" and numbers["d-least-driver"] == "price erosion"
    assert (numbers["d-top-low"], numbers["d-top-high"], numbers["d-top-swing"]) == (95.0, 105.0, 10.0)
    assert numbers["d-least-swing"] == 2.0 and numbers["d-base-2030"] == 100.0
    report = sum(base.value_at(p) for p in drivers.REPORT_DRIVERS)
    assert numbers["d-report-share-of-cagr"] == pytest.approx(100 * report / base.growth_rate)
    # five components each one point lower (higher): the growth rate five points lower (higher)
    assert numbers["d-all-low-cagr"] == pytest.approx(100 * base.growth_rate - 5)
    assert numbers["d-all-high-cagr"] == pytest.approx(100 * base.growth_rate + 5)
    assert numbers["d-all-low"] < numbers["d-all-high"]


def test_component_ranges_in_percent(base):
    ranges = drivers.component_ranges(base, made_impact(base))
    assert ranges["prev-base"] == pytest.approx(100 * base.growth.prevalence)
    assert ranges["diag-range-low"] == pytest.approx(100 * base.growth.diagnosis - 1)
    assert ranges["innov-high"] == pytest.approx(100 * base.growth.innovation + 1)
    assert len(ranges) == 9


def test_tornado_data_names_rows_by_driver_with_each_end_as_a_rate():
    impact = pd.DataFrame({"driver": ["A", "B"], "low": [-0.012, 0.0], "high": [0.03, 0.004], "total_low": [90.0, 99.0],
                           "total_base": [100.0, 100.0], "total_high": [120.0, 101.0]}, index=["growth.a", "growth.b"])
    frame = drivers.tornado_data(impact)
    assert frame.index.tolist() == ["A", "B"]
    assert frame["outcome_low"].tolist() == [90.0, 99.0] and frame["outcome_high"].tolist() == [120.0, 101.0]
    assert frame["outcome_base"].tolist() == [100.0, 100.0]
    assert frame["low_note"].tolist() == ["-1.2 %/yr", "+0.0 %/yr"] and frame["high_note"].tolist() == ["+3.0 %/yr", "+0.4 %/yr"]


def test_impact_and_ranges_tables(base):
    impact = made_impact(base)
    table = drivers.impact_table(impact, 2031)
    assert table.columns.tolist() == ["Driver", "Range (%/yr)", "Scenario (%/yr)", "2031 at low (USD m)", "2031 at high (USD m)", "Swing (USD m)"]
    assert table["Driver"].iloc[0] == "Access in emerging markets"
    low, high = 100 * base.growth.access - 1, 100 * base.growth.access + 1
    assert table["Range (%/yr)"].iloc[0] == f"{low:+.1f} to {high:+.1f}"
    reasons = drivers.ranges_table(base, impact)
    assert reasons["Why the range is as wide as it is"].iloc[0] == base.uncertainty.distributions["growth.access"].rationale


def test_incidence_levels_and_labels(base):
    span = IncidenceRange(0.1234, 0.3, 0.987)
    assert drivers.incidence_levels(span, base) == {"low": 0.1234, "central": 0.3, "high": 0.987,
                                                   "scenario": base.epidemiology.incidence_per_1000}
    labels = drivers.incidence_labels(span, base)
    assert labels["low"] == "Lowest published (0.123)" and labels["high"] == "Highest published (0.99)"
    assert list(labels) == ["low", "central", "scenario", "high"]


def made_cases() -> pd.DataFrame:
    cases = pd.DataFrame({level: [100.0 * (k + 1), 50.0 * (k + 1), 25.0 * (k + 1)] for k, level in enumerate(drivers.LEVELS)},
                         index=[REGIONS["north_america"], REGIONS["asia_pacific"], REGIONS["middle_east_africa"]])
    cases.loc["Global"] = cases.sum()
    return cases


def test_incidence_numbers(base):
    estimates = pd.DataFrame({
        "estimate_id": ["a", "techsci-nyc", "c"],
        "incidence_per_1000_low": [0.2, None, 0.5],
        "incidence_per_1000_central": [None, 0.4, None],
        "incidence_per_1000_high": [0.4, None, 0.9],
    })
    numbers = drivers.incidence_numbers(estimates, made_cases(), base)
    assert (numbers["inc-low"], numbers["inc-central"], numbers["inc-high"]) == (0.2, 0.4, 0.9)
    assert numbers["n-estimates"] == 3 and numbers["report-inc"] == 0.4 and numbers["report-one-in"] == pytest.approx(2500)
    assert numbers["cases-low"] == 175.0 and numbers["cases-model"] == 525.0
    assert numbers["cases-emerging-share"] == pytest.approx(100 * 75 / 175)


def test_cases_by_region_last_region_first_named_columns():
    labels = {level: level.upper() for level in drivers.LEVELS}
    frame = drivers.cases_by_region(made_cases(), labels)
    assert frame.index.tolist() == [REGIONS["middle_east_africa"], REGIONS["asia_pacific"], REGIONS["north_america"]]
    assert frame.columns.tolist() == ["LOW", "CENTRAL", "SCENARIO", "HIGH"]
    assert frame["HIGH"].tolist() == [100.0, 200.0, 400.0]


def test_cases_table_adds_births_and_a_global_row(base):
    cases = pd.DataFrame({level: 1.0 for level in drivers.LEVELS}, index=[*REGIONS.values(), "Global"])
    table = drivers.cases_table(base, cases, {level: level for level in drivers.LEVELS})
    assert table.index.name == "Region" and table.index[-1] == "Global"
    assert table.loc["Global", "Live births"] == pytest.approx(table["Live births"].iloc[:-1].sum())
    assert table.columns.tolist() == ["Live births", *drivers.LEVELS]


def made_yields_and_etiology() -> tuple[pd.DataFrame, pd.DataFrame]:
    yields = pd.DataFrame({"yield_low_pct": [70.0, 12.5], "yield_high_pct": [80.0, 12.5]},
                          index=pd.Index([drivers.MRI, drivers.GENETIC], name="test"))
    etiology = pd.DataFrame({
        "source_id": ["peng-2022"] * 4 + ["osborne-iciss"],
        "category": [drivers.ANY_CAUSE, "structural-acquired", "structural-congenital", "genetic", drivers.ANY_CAUSE],
        "share_pct": [60.0, 20.0, 15.0, 12.0, 64.0],
    })
    return yields, etiology


def test_diagnosis_numbers(base):
    numbers = drivers.diagnosis_numbers(*made_yields_and_etiology(), base)
    assert (numbers["mri-low"], numbers["mri-high"], numbers["genetic"], numbers["genetic-one-in"]) == (70.0, 80.0, 12.5, 8.0)
    assert (numbers["peng-any"], numbers["iciss-any"], numbers["peng-structural"]) == (60.0, 64.0, 35.0)
    shares = base.epidemiology.diagnosed_share.model_dump()
    assert numbers["diag-low-region"] == REGIONS[min(shares, key=shares.get)]
    assert numbers["diag-high"] == pytest.approx(100 * max(shares.values()))


def test_diagnostic_yield_tests_then_causes():
    found = drivers.diagnostic_yield(*made_yields_and_etiology())
    assert found.loc["test"].index.tolist() == ["MRI abnormality (report)", "Genetic cause (report)", "Any cause (China cohort)", "Any cause (ICISS)"]
    assert found.loc["test", "high_pct"].tolist() == [80.0, 12.5, 60.0, 64.0]
    causes = found.loc[drivers.CAUSES]
    assert causes.index.tolist() == ["genetic", "structural-congenital", "structural-acquired"]
    assert causes["low_pct"].tolist() == causes["high_pct"].tolist() == [12.0, 15.0, 20.0]


def test_approvals_numbers_and_table():
    approved = pd.DataFrame({
        "date": pd.to_datetime(["2009-08-21", "2024-06-01"]), "date_text": ["21 Aug 2009", "Jun 2024"],
        "drug": ["vigabatrin", "acth"], "company": ["Lundbeck", "Mallinckrodt"], "event": ["a", "b"],
        "for_infantile_spasms": [True, False],
    })
    assert drivers.approval_numbers(approved) == {"n-approvals": 2, "n-approvals-is": 1, "first-approval-year": 2009, "last-approval-year": 2024}
    table = drivers.approvals_table(approved)
    assert table["For infantile spasms"].tolist() == ["yes", "no"] and table["Date"].tolist() == ["21 Aug 2009", "Jun 2024"]


def test_the_market_numbers_the_tornados_download_and_its_slide_title():
    table = pd.DataFrame({"year": [2024, 2025, 2026], "value_usd_m": [100.0, 110.0, 121.0]})
    numbers = drivers.market_numbers(table, 2026, 2025)
    assert numbers["total-2026"] == 121.0 and numbers["cagr"] == pytest.approx(10.0)
    impact = pd.DataFrame({"driver": ["Diagnosis", "Innovative therapies"], "low": [0.0, 0.0], "base": [0.01, 0.02],
                           "high": [0.02, 0.04], "total_low": [1.0, 1.0], "total_base": [2.0, 2.0],
                           "total_high": [3.0, 5.0], "swing": [2.0, 4.0], "other": [0, 0]})
    assert "other" not in drivers.impact_download(impact).columns
    assert drivers.impact_takeaway(impact, 2030) == (
        "The driver that moves the 2030 market most is innovative therapies: USD 4.00 million between the ends of its range")


def test_the_components_named_and_counted_from_their_declarations(base):
    assert drivers.components_text() == "five growth components"  # as many as base.yaml's growth section holds
    assert len(base.growth.model_dump()) == len(drivers.COMPONENTS) == 5


def test_the_tornados_axis_reads_the_scenarios_value(base):
    impact = made_impact(base)
    assert drivers.impact_axis(impact, 2031) == "Market value in 2031 (USD million); scenario value 100.00"
    assert list(drivers.IMPACT_FORMATS) == ["Scenario (%/yr)"] and "Scenario (%/yr)" in drivers.impact_table(impact, 2031)
