"""Tests for analysis.novel_therapy: the market with and without the novel therapy, its settings, the Bass reading and the launch/price grid."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.analysis import novel_therapy as nt
from infantile_spasms_market.analysis.adoption import BassFit
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.model.views import totals
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def params():
    return load_parameters()


@pytest.fixture(scope="module")
def headline():
    return Headline.from_data()


def small_effect() -> pd.DataFrame:
    effect = pd.DataFrame(
        {"Without (USD m)": [100.0, 110.0, 121.0], "With (USD m)": [100.0, 115.0, 133.1], "Novel therapy sales (USD m)": [0.0, 6.25, 15.0]},
        index=pd.Index([2028, 2029, 2030], name="Year"),
    )
    effect["Taken from established drugs (USD m)"] = effect.iloc[:, 0] - (effect.iloc[:, 1] - effect.iloc[:, 2])
    effect["Difference (USD m)"] = effect.iloc[:, 1] - effect.iloc[:, 0]
    return effect


def test_effect_lines_and_values_on_a_small_table():
    effect = small_effect()
    lines = nt.effect_lines(effect)
    assert list(lines.columns) == ["Without the novel therapy", "With the novel therapy", "Established drugs, with the novel therapy"]
    assert lines.iloc[:, 2].tolist() == pytest.approx([100.0, 108.75, 118.1])
    headline = Headline(2028, 2030, (2029, 2030), 100.0, 121.0, 0.1)
    values = nt.effect_values(effect, headline)
    assert values["trd-total-on-2030"] == 133.1 and values["trd-total-off-2030"] == 121.0
    assert values["trd-added-2030"] == pytest.approx(12.1)
    assert values["trd-added-2030-pct"] == pytest.approx(10.0)
    assert values["trd-novel-2030"] == 15.0 and values["trd-taken-2030"] == pytest.approx(2.9)
    assert values["trd-cagr-off"] == pytest.approx(10.0)
    assert values["trd-cagr-on"] == pytest.approx(100 * (133.1 / 115 - 1))
    assert values["trd-added-2030-about"] == "12" and values["trd-novel-2030-about"] == "15"  # two significant figures


def test_the_takeaway_rounds_what_the_therapy_adds_and_states_its_price():
    novel = load_parameters().trends.novel_therapy.model_copy(update={"launch_year": 2028, "price_per_patient_usd": 3.5e6})
    effect = small_effect().assign(**{nt.EFFECT_COLUMNS["difference"]: [0.0, 5.0, 113.21]})
    assert nt.takeaway(effect, novel) == ("A novel therapy launched in 2028 at an assumed price of USD 3.5 million per "
                                          f"patient would add about USD 110 million to the {effect.index[-1]} market")


def test_market_effect_switches_the_therapy_off_and_on(params, headline):
    effect = nt.market_effect(params, headline)
    assert list(effect.columns) == list(nt.EFFECT_COLUMNS.values()) and effect.index.name == "Year"
    off = totals(market_table(with_values(params, {"trends.novel_therapy.enabled": False}), headline))
    assert effect["Without (USD m)"].tolist() == pytest.approx(off.tolist())
    before = effect.loc[: params.trends.novel_therapy.launch_year - 1]
    assert (before["Difference (USD m)"] == 0).all() and (before["Novel therapy sales (USD m)"] == 0).all()
    end = effect.loc[headline.end_year]
    share = params.trends.novel_therapy.cannibalisation
    assert end["Taken from established drugs (USD m)"] == pytest.approx(share * end["Novel therapy sales (USD m)"])
    assert end["Difference (USD m)"] == pytest.approx((1 - share) * end["Novel therapy sales (USD m)"])


def test_scenario_values_follow_the_settings(params, headline):
    values = nt.scenario_values(params, headline)
    novel = params.trends.novel_therapy
    assert values["trd-scenario-includes"] == ("includes" if novel.enabled else "does not include")
    assert values["trd-launch"] == novel.launch_year and isinstance(values["trd-launch"], int)
    assert values["trd-peak-uptake"] == pytest.approx(100 * novel.peak_uptake)
    assert values["trd-price-m"] == pytest.approx(novel.price_per_patient_usd / 1e6)
    assert values["trd-eligible-patients"] == pytest.approx(values["trd-treated"] * novel.eligible_share_of_treated)
    assert values["trd-patients-2030"] == pytest.approx(values["trd-eligible-patients"] * values["trd-uptake-2030"] / 100)
    assert 0 < values["trd-uptake-2030"] < 100 * novel.peak_uptake


def test_scenario_table_has_one_row_per_setting(params):
    table = nt.scenario_table(params.trends.novel_therapy)
    assert list(table.columns) == ["Parameter", "Value", "Meaning", "Why"]
    rows = table.set_index("Parameter")["Value"]
    assert rows["Novel therapy included"] == "false (on/off)"
    assert rows["Novel therapy: price per patient"] == "3,500,000 (USD per patient)"
    assert rows["Novel therapy: peak uptake"] == "0.3 (share)"
    assert rows["Novel therapy: launch year"] == "2028 (year)"
    assert not any("`" in name for name in rows.index)


def test_uptake_values_read_the_curves():
    novel = load_parameters().trends.novel_therapy.model_copy(update={"launch_year": 2028, "peak_uptake": 0.4})
    years = pd.Index([2027.0, 2028.0, 2029.0, 2030.0], name="year")
    smooth = pd.DataFrame({"logistic_share": [0.0, 0.1, 0.3, 0.4], "bass_share": [0.0, 0.2, 0.3, 0.4]}, index=years)
    values = nt.uptake_values(BassFit(p=0.05, q=0.5, ceiling=0.4, launch_year=2028, rmse=0.012), smooth, novel)
    assert values["trd-bass-rmse"] == pytest.approx(1.2)
    assert values["trd-half-years-logistic"] == pytest.approx(0.5)
    assert values["trd-half-years-bass"] == pytest.approx(0.0)
    assert values["trd-bass-driver"].startswith("experience with the first patients")
    flipped = nt.uptake_values(BassFit(p=0.5, q=0.1, ceiling=0.4, launch_year=2028, rmse=0.0), smooth, novel)
    assert flipped["trd-bass-driver"].startswith("immediate adoption")


def test_sensitivity_values_on_a_small_grid():
    novel = load_parameters().trends.novel_therapy.model_copy(update={"launch_year": 2028, "price_per_patient_usd": 1e6})
    grid = pd.DataFrame([[20.0, 9.0, 4.0], [10.0, 4.5, 2.0], [5.0, 2.25, 1.0]], index=[1e6, 0.5e6, 0.25e6], columns=[2028, 2029, 2030])
    values = nt.sensitivity_values(grid, novel)
    assert values["trd-late-added"] == 9.0 and values["trd-later-added"] == 4.0
    assert values["trd-half-price-added"] == 10.0 and values["trd-quarter-price-added"] == 5.0
    assert values["trd-quarter-price"] == 0.25 and values["trd-max-added"] == 20.0
    assert values["trd-late-added-about"] == "9.0" and values["trd-half-price-added-about"] == "10"
    assert values["trd-late-cut-pct"] == pytest.approx(55.0)
    assert values["trd-half-price-cut-pct"] == pytest.approx(50.0)
    nothing = nt.sensitivity_values(grid * 0, novel)
    assert nothing["trd-late-cut-pct"] == 0.0 and nothing["trd-half-price-cut-pct"] == 0.0


def test_launch_price_grid(params, headline):
    novel = params.trends.novel_therapy
    grid = nt.launch_price_grid(params, headline)
    assert list(grid.columns) == [novel.launch_year + s for s in range(-2, 4)]
    assert list(grid.index) == sorted((m * novel.price_per_patient_usd for m in nt.PRICE_MULTIPLES), reverse=True)
    effect = nt.market_effect(params, headline)
    assert grid.loc[novel.price_per_patient_usd, novel.launch_year] == pytest.approx(effect.loc[headline.end_year, "Difference (USD m)"])
    assert (grid.loc[:, headline.end_year + 1] == 0).all()  # a launch after the end year adds nothing to it
    column = grid[novel.launch_year]
    assert column.loc[0.5 * novel.price_per_patient_usd] == pytest.approx(0.5 * column.loc[novel.price_per_patient_usd])


def test_launch_price_grid_needs_room_for_a_delay(params, headline):
    late = with_values(params, {"trends.novel_therapy.launch_year": 2044, "trends.novel_therapy.peak_year": 2059})
    with pytest.raises(ValueError, match="room for a delay of two years"):
        nt.launch_price_grid(late, headline)
