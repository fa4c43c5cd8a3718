"""Tests for analysis.uncertainty: a small hand-made Monte Carlo result and tornado table read as the chapter reports them."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.analysis import uncertainty as unc
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model.montecarlo import MonteCarloResult
from infantile_spasms_market.scenario.loading import load_parameters

HEADLINE = Headline(2024, 2030, (2025, 2030), 100.0, 120.0, 0.03)
YEARS = np.array([2024, 2025, 2026, 2030])
CLAIMS = pd.DataFrame({"claim": ["A leads", "B grows fastest"], "probability": [1.0, 0.8123], "holds_in_scenario": [True, False]})


def result(claims: pd.DataFrame = CLAIMS) -> MonteCarloResult:
    totals = np.array([
        [100.0, 103.0, 104.0, 110.0],
        [100.0, 103.0, 105.0, 115.0],
        [100.0, 103.0, 106.0, 118.0],
        [100.0, 103.0, 107.0, 125.0],
        [100.0, 103.0, 108.0, 130.0],
    ])
    return MonteCarloResult(
        scenario="base", seed=7, years=YEARS, values=totals[:, :, None, None], liquid_share=np.zeros((5, 1)),
        bottom_up_by_region=np.zeros((5, 1)), draws={},
        scenario_total=pd.Series([100.0, 103.0, 106.0, 120.0], index=pd.Index(YEARS, name="year")), claims=claims, end_year=2030,
    )


def test_run_values():
    params = load_parameters(None, ["uncertainty.draws=100"])
    params = params.model_copy(update={"uncertainty": params.uncertainty.model_copy(update={
        "distributions": dict(list(params.uncertainty.distributions.items())[:3])})})
    values = unc.run_values(result(), params, HEADLINE)
    assert values["unc-draws"] == "5" and values["unc-seed"] == "7" and values["unc-n-distributions"] == 3
    assert values["unc-p50-2030"] == 118.0 and values["unc-mean-2030"] == pytest.approx(119.6)
    assert values["unc-p5-2030"] == pytest.approx(111.0) and values["unc-p95-2030"] == pytest.approx(129.0)
    assert values["unc-below-scenario-pct"] == 60.0
    assert values["unc-p5-p95-width-pct"] == pytest.approx(100 * 18 / 120)
    assert values["unc-median-side"] == "below" and values["unc-report-position"] == "inside"
    assert values["unc-first-spread-year"] == "2026"  # the base year and the next are the same in every draw
    assert "opens only in 2026" in values["unc-spread-sentence"].data and "by construction" in values["unc-spread-sentence"].data


def test_spread_sentence_when_the_level_is_drawn():
    params = SimpleNamespace(market=SimpleNamespace(level="bottom_up"))
    assert "opens in 2024 already" in unc.spread_sentence(2024, params, HEADLINE)


def test_fan_data_and_percentile_table():
    data = unc.fan_data(result(), HEADLINE)
    assert list(data.columns) == ["P5", "P25", "P50", "P75", "P95", "scenario_usd_m", "report_usd_m"]
    assert data.loc[2030, "P50"] == 118.0 and data.loc[2030, "scenario_usd_m"] == 120.0
    assert data["report_usd_m"].isna().tolist() == [False, True, True, False]
    table = unc.percentile_table(result())
    assert table.index.tolist() == ["2024", "2025", "2026", "2030"] and table.index.name == "Year"
    assert list(table.columns)[-1] == "Scenario (USD m)" and table.loc["2030", "P50 (USD m)"] == 118.0


def test_histogram_table_and_lines():
    bins = unc.histogram_table(np.array([1.0, 2.0, 2.5, 4.0]), bins=3)
    assert bins.to_dict("list") == {"bin_low_usd_m": [1.0, 2.0, 3.0], "bin_high_usd_m": [2.0, 3.0, 4.0], "draws": [1, 2, 1]}
    assert unc.histogram_lines(result(), HEADLINE) == {"Scenario 'base'": 120.0}
    other = Headline(2024, 2030, (2025, 2030), 100.0, 121.5, 0.03)
    assert unc.histogram_lines(result(), other) == {"Scenario 'base'": 120.0, "The report's 2030 value": 121.5}


def tornado_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"kind": ["triangular", "dirichlet", "uniform"], "low": [0.0, np.nan, 2027.0], "high": [0.03, np.nan, 2031.0],
         "outcome_low": [170.0, 178.0, 181.0], "outcome_base": [180.0] * 3, "outcome_high": [196.0, 183.0, 181.0],
         "swing": [26.0, 5.0, 0.0]},
        index=pd.Index(["growth.innovation", "regions.share_2024", "trends.novel_therapy.launch_year"], name="path"),
    )


def test_tornado_labels_values_and_still():
    plotted = unc.tornado_data(tornado_frame())
    assert plotted.index.tolist() == ["Growth from innovation", "Regional shares, 2024"]  # display names; the still one left out
    assert plotted[["low_note", "high_note"]].to_dict("list") == {"low_note": ["+0.0 %/yr", "P5 of draws"],
                                                                       "high_note": ["+3.0 %/yr", "P95 of draws"]}
    assert plotted["outcome_high"].tolist() == [196.0, 183.0] and plotted["outcome_base"].tolist() == [180.0, 180.0]
    assert unc.tornado_values(tornado_frame()) == {"unc-top-driver": "Growth from innovation", "unc-top-swing": 26.0, "unc-dirichlet-draws": "2,000"}
    assert unc.still_text(tornado_frame()) == "Novel therapy: launch year"
    assert unc.still_text(tornado_frame().iloc[:2]) == "none"
    nothing = unc.tornado_values(tornado_frame().iloc[2:])
    assert nothing["unc-top-driver"] == "none" and nothing["unc-top-swing"] == 0.0


def test_a_bar_end_reads_in_its_parameters_unit():
    assert unc.end_note("growth.innovation", 0.0123) == "+1.2 %/yr"
    assert unc.end_note("trends.novel_therapy.launch_year", 2027.0) == "2027"
    assert unc.end_note("regions.share_2024.europe", 0.25) == "25.0 %"
    assert unc.end_note("no.such.parameter", 0.123456) == "0.123" and unc.end_note("no.such", 150686.4) == "150,686"


def test_describe():
    row = {"kind": "triangular", "low": 0.0, "centre": 0.01, "high": 0.03, "sd": None, "concentration": None}
    assert unc.describe(row) == "triangular: 0 / 0.01 / 0.03"
    assert unc.describe({**row, "kind": "uniform"}) == "uniform: 0 to 0.03"
    assert unc.describe({**row, "kind": "normal", "sd": 0.005}) == "normal: mean 0.01, sd 0.005, cut at 0 and 0.03"
    assert unc.describe({**row, "kind": "dirichlet", "concentration": 200.0}) == "Dirichlet, concentration 200"


def test_distribution_rows_of_the_base():
    params = load_parameters()
    rows = unc.distribution_rows(params)
    parameter, distribution, why = rows.columns  # three columns: the table fits its column at 1280 px
    assert (parameter, distribution, why) == ("Parameter", "Distribution (low / most likely / high), and the scenario's value",
                                              "What it moves, and why this range")
    assert len(rows) == len(params.uncertainty.distributions)
    assert rows[parameter].str.match(r"^[A-Z][^`]*$").all()  # display names only: code names stay in Methodology
    first = rows.iloc[0]
    assert first[parameter] == "Growth from diagnosis"
    assert first[distribution] == "triangular: 0.004 / 0.012 / 0.022<br>scenario: 0.012"
    assert first[why].startswith("Moves the growth rate of the total from 2025 (the components add up).<br>EEG access")
    incidence = rows[why][rows[parameter].str.startswith("Incidence")].item()
    assert "`data/incidence_estimates.csv`" in incidence  # a file name in code, so that it may wrap


def test_the_median_and_the_plausible_ranges_are_explained_from_the_scenarios_own_distributions():
    base = load_parameters()
    reason = unc.median_reason(base)
    assert reason.startswith("That is not noise. Every distribution is centred on this scenario's value")
    assert "price erosion reaches 0.016 below its value and 0.008 above" in reason.split(";")[0], "the most lopsided first"
    even = load_parameters(None, [f"uncertainty.distributions.growth.{g}.above={v}" for g, v in
                                  (("diagnosis", 0.008), ("innovation", 0.014), ("prevalence", 0.008), ("access", 0.0107),
                                   ("price_erosion", 0.016))])
    assert unc.median_reason(even).endswith("growth compounds, and a draw above the centre adds more than a draw as far below it takes away.")
    assert unc.plausible_sentence(base) == "Every value of this scenario lies within the range the base case finds plausible for it."
    slower = unc.plausible_sentence(load_parameters(None, ["growth.diagnosis=0.002"]))
    assert slower.startswith("In this scenario growth from diagnosis (0.002; the base case's range is 0.004 to 0.022) lies outside")


def test_the_fan_title_says_when_the_report_level_is_held_fixed():
    values = {"unc-p5-2030": 165.754, "unc-p95-2030": 194.3}
    fixed = unc.fan_takeaway(values, load_parameters(), HEADLINE)
    assert fixed.startswith("Holding the report's 2024 value fixed") and "USD 165.75 to 194.30 million" in fixed
    assert "not the book's own estimate's range" in fixed
    drawn = unc.fan_takeaway(values, load_parameters("params/triangulated.yaml"), HEADLINE)
    assert "level and growth drawn" in drawn and "fixed" not in drawn
