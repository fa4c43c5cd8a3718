"""Tests for the comparison helpers of analysis.scenarios: this build, titles, spreads, tables, splits, changes and claims."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from infantile_spasms_market.analysis import scenarios
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.scenario.loading import load_parameters

HEADLINE = Headline(2024, 2030, (2025, 2030), 100.0, 120.0, 0.03)
CLAIM_A, CLAIM_B = "A is the largest drug type in 2024", "B is the fastest-growing class (2025-2030)"


def fake(title: str, rationale: str = "Because.") -> SimpleNamespace:
    return SimpleNamespace(scenario=SimpleNamespace(title=title, rationale=rationale))


def comparison() -> pd.DataFrame:
    return pd.DataFrame(
        {"title": ["Base: b", "High: h", "Low: l"], "value_2024_usd_m": [100.0] * 3, "value_2025_usd_m": [103.0] * 3,
         "value_2030_usd_m": [120.0, 150.0, 105.0], "cagr_2025_2030_pct": [3.0, 7.8, 0.4],
         CLAIM_A: [True, True, True], CLAIM_B: [True, False, True]},
        index=pd.Index(["base", "high", "low"], name="scenario"),
    )


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def test_with_this_build_finds_the_file_or_adds_an_entry(base):
    other = with_values(base, {"growth.diagnosis": 0.0})
    found, name = scenarios.with_this_build(base, {"base": base, "other": other})
    assert name == "base" and list(found) == ["base", "other"]
    changed = with_values(base, {"growth.access": 0.001})
    added, name = scenarios.with_this_build(changed, {"base": base, "other": other})
    assert name == "base (this build)" and list(added) == ["base", "other", "base (this build)"]
    assert added[name] is changed


def test_titles_short_and_suffixed():
    loaded = {"base": fake("Base case: the report"), "base (this build)": fake("Base case: the report")}
    assert scenarios.titles(loaded, ["base"]) == ["Base case: the report"] * 2
    assert scenarios.titles(loaded, ["base"], short=True, suffix=" (this build)") == ["Base case", "Base case (this build)"]


def test_spread_values():
    values = scenarios.spread_values(comparison(), HEADLINE)
    assert values["scn-highest"] == "High: h" and values["scn-lowest"] == "Low: l"
    assert values["scn-base-2030"] == 120.0 and values["scn-highest-2030"] == 150.0 and values["scn-lowest-cagr"] == 0.4
    assert values["scn-spread-2030"] == 45.0 and values["scn-spread-pct"] == pytest.approx(37.5)


def test_the_spread_ranks_the_growth_scenarios_only_and_the_own_estimate_stands_apart():
    """A scenario sized from patients and prices starts from another 2024 value: it is named on its own, not mixed into
    the growth scenarios' range."""
    own = pd.DataFrame({"title": ["The book's own estimate: sized"], "value_2024_usd_m": [60.0], "value_2025_usd_m": [62.0],
                        "value_2030_usd_m": [70.0], "cagr_2025_2030_pct": [3.0], CLAIM_A: [True], CLAIM_B: [True]},
                       index=pd.Index(["triangulated"], name="scenario"))
    both = pd.concat([comparison(), own])
    assert scenarios.at_report_level(both, HEADLINE).tolist() == [True, True, True, False]
    values = scenarios.spread_values(both, HEADLINE)
    assert values["scn-lowest"] == "Low: l" and values["scn-lowest-2030"] == 105.0, "the own estimate is not the lowest scenario"
    text = scenarios.trajectories_takeaway(both, HEADLINE)
    assert text.startswith("By 2030 the growth scenarios, all from the report's 2024 value, run from USD 105.00 to 150.00 million")
    assert text.endswith("; the book's own estimate, sized from patients and prices, reaches USD 70.00 million")
    assert scenarios.trajectories_takeaway(comparison(), HEADLINE).endswith("run from USD 105.00 to 150.00 million")


def test_the_scenario_charts_alt_text_says_which_lines_start_where_from_the_values_drawn():
    """Review 5: the notes said "all start at the report's 2024 value" while the own estimate's line starts at its own."""
    own = pd.DataFrame({"title": ["The book's own estimate: sized"], "value_2024_usd_m": [60.0], "value_2025_usd_m": [62.0],
                        "value_2030_usd_m": [70.0], "cagr_2025_2030_pct": [3.0], CLAIM_A: [True], CLAIM_B: [True]},
                       index=pd.Index(["triangulated"], name="scenario"))
    names = scenarios.scenario_names(pd.concat([comparison(), own]))
    alt = scenarios.trajectories_alt(pd.concat([comparison(), own]), HEADLINE, 2025)
    assert alt == (f"Line chart of the market value from 2024 to 2030 for every scenario; 3 start at the report's 2024 "
                   f"value and fan out after 2025, {names[1]} above the base, {names[2]} below the base; the book's own estimate "
                   f"starts at its own value, USD 60.00 million.")
    assert "all start" not in alt
    assert scenarios.trajectories_alt(comparison(), HEADLINE, 2025).endswith(f"{names[2]} below the base.")


def test_comparison_table():
    table = scenarios.comparison_table(comparison(), HEADLINE)
    assert list(table.columns) == ["2024 (USD m)", "2025 (USD m)", "2030 (USD m)", "CAGR 2025-2030 (%)", "2030 vs base (%)"]
    assert table.index.name == "Scenario"
    assert table["2030 vs base (%)"].tolist() == pytest.approx([0.0, 25.0, -12.5])


def test_trajectory_data_adds_the_report_values():
    paths = pd.DataFrame({"base": [100.0, 103.0, 120.0], "low": [100.0, 103.0, 105.0]}, index=[2024, 2025, 2030])
    data = scenarios.trajectory_data(paths, HEADLINE, ["Base", "Low"])
    assert list(data.columns) == ["Base", "Low", "report_usd_m"] and data.index.name == "year"
    assert data["report_usd_m"].tolist()[0] == 100.0 and pd.isna(data.loc[2025, "report_usd_m"])
    assert data.loc[2030, "report_usd_m"] == 120.0


def test_growth_components_add_up(base):
    components = scenarios.growth_components({"base": base})
    assert "Price erosion" in components.columns and "Diagnosis" in components.columns
    assert components.loc["base", "Diagnosis"] == pytest.approx(100 * base.growth.diagnosis)
    assert components.loc["base", "total_pct"] == pytest.approx(components.drop(columns="total_pct").loc["base"].sum())
    assert components.loc["base", "total_pct"] == pytest.approx(3.67)  # the report's growth rate


def test_growth_components_give_a_novel_therapy_its_own_part_and_the_tables_growth(base):
    headline = Headline.from_data()
    novel = with_values(base, {"trends.novel_therapy.enabled": True, "trends.novel_therapy.launch_year": 2026})
    comparison = scenarios.compare({"base": base, "novel": novel}, headline)
    components = scenarios.growth_components({"base": base, "novel": novel}, comparison, headline)
    growth = comparison[f"cagr_{headline.first_growth_year}_{headline.end_year}_pct"]
    assert components["total_pct"].tolist() == pytest.approx(growth.tolist())  # what the chart says is what the table says
    assert components.loc["novel", scenarios.NOVEL_NET] > 0 and components.loc["base", scenarios.NOVEL_NET] == 0
    parts = components.drop(columns="total_pct")
    assert parts.sum(axis=1).tolist() == pytest.approx(growth.tolist())
    assert scenarios.NOVEL_NET not in scenarios.growth_components({"base": base}, comparison.loc[["base"]], headline)


def test_start_values_name_the_scenarios_that_do_not_start_at_the_report(base):
    headline = Headline.from_data()
    own = load_parameters("params/triangulated.yaml")
    values = scenarios.start_values(scenarios.compare({"base": base, "triangulated": own}, headline), headline)
    assert values["scn-n-at-report"] == 1 and values["scn-n-compared"] == 2
    assert values["scn-others"].startswith("*The book's own estimate* starts at USD ") and values["scn-others"].endswith(".")


def test_split_in_year_and_segment_share(base):
    headline = Headline.from_data()
    low = with_values(base, {"growth.diagnosis": 0.0})
    split = scenarios.split_in_year({"base": base, "low": low}, headline)
    assert list(split.index) == ["base", "low"]
    assert split.loc["base"].is_monotonic_decreasing  # largest segment in the base first
    assert split.loc["base"].sum() == pytest.approx(headline.end_value_usd_m)
    shares = scenarios.segment_share_values(
        pd.DataFrame({"A": [40.0, 20.0], "B": [60.0, 80.0]}, index=["base", "low"]), {"base": fake("Base"), "low": fake("Low")}, "A"
    )
    assert shares == {"base": 40.0, "low": 20.0, "low-who": "Low"}


def test_changes_table_leaves_out_the_base_and_the_distributions(base):
    other = with_values(base, {"growth.diagnosis": 0.0125})
    table = scenarios.changes_table({"base": base, "other": other})
    assert table.to_dict("records") == [
        {"Scenario": "other", "Parameter": "Growth from diagnosis", "Base": f"{base.growth.diagnosis:g}", "Scenario value": "0.0125"}
    ]
    assert list(scenarios.changes_table({"base": base}).columns) == ["Scenario", "Parameter", "Base", "Scenario value"]


def test_rationales_name_the_file_or_this_build():
    text = scenarios.rationales({"base": fake("Base", "Reproduces it."), "x": fake("X", "An idea.")}, {"base": Path("params/base.yaml")})
    assert text == "**Base** (`params/base.yaml`)\n: Reproduces it.\n\n**X** (this build's parameters)\n: An idea.\n"


# --- compare: scenarios side by side from the model --------------------------------------------

def test_compare_shows_what_differs_the_headline_and_every_split(base):
    from infantile_spasms_market.analysis.summary import key_figures
    from infantile_spasms_market.model.topdown import market_table
    from infantile_spasms_market.model.views import view

    headline = Headline.from_data()
    other = load_parameters(None, ["growth.diagnosis=0.002", "regions.share_2024.north_america=0.40",
                                   "regions.share_2024.europe=0.29"])
    table = scenarios.compare_table({"base": base, "mine": other}, headline)
    assert list(table.columns) == ["section", "item", "name", "unit", "year", "base", "mine"]
    params = table[table["section"] == scenarios.PARAMETERS_SECTION].set_index("name")
    assert params.loc["growth.diagnosis", ["item", "base", "mine"]].tolist() == ["Growth from diagnosis", "0.012", "0.002"]
    assert params.loc["regions.share_2024.europe", ["base", "mine"]].tolist() == ["0.25", "0.29"]
    assert "growth.innovation" not in params.index, "only what differs"
    end = headline.end_year
    figures = key_figures(market_table(other, headline), headline)
    value = table[(table["section"] == "Headline") & (table["item"] == "Market value") & (table["year"] == end)]
    assert value["mine"].item() == pytest.approx(figures[f"value-{end}"]) and value["base"].item() == pytest.approx(181.94)
    for by, section in (("region", "Market by region"), ("drug_type", "Market by drug type"), ("dosage", "Market by dosage"),
                        ("therapeutic_class", "Market by therapeutic class")):
        rows = table[(table["section"] == section) & (table["year"] == end)]
        assert rows["mine"].sum() == pytest.approx(figures[f"value-{end}"]), f"{section} adds up to the total"
        assert dict(zip(rows["item"], rows["mine"])) == pytest.approx(view(market_table(other, headline), by).loc[end].to_dict())
    assert scenarios.OWN_SECTION not in set(table["section"]), "no own estimate when no level is bottom-up"


def test_compare_gives_the_own_estimate_of_a_bottom_up_scenario_only(base):
    headline = Headline.from_data()
    own = load_parameters("params/triangulated.yaml", ["uncertainty.draws=200"])
    table = scenarios.compare_table({"base": base, "triangulated": own}, headline)
    rows = table[table["section"] == scenarios.OWN_SECTION]
    assert len(rows) == 6 and rows["base"].isna().all()
    own_value, p5, p95 = rows[rows["year"] == headline.base_year]["triangulated"]
    assert rows["item"].iloc[0].startswith("The own estimate") and p5 < own_value < p95
    distributions = table[table["name"].str.startswith("uncertainty.distributions.epidemiology.incidence_per_1000")]
    assert distributions[["base", "triangulated"]].values.tolist() == [["triangular 0.243 / 0.249 / 0.6", "triangular 0.243 / 0.307 / 0.42"]]
