"""What the Monte Carlo run may draw and how the drawn values are held (``model/draws.py``), with known answers.

Each path's effect, every refusal in its own words, the scenario's value in every draw where
nothing is drawn, and share sections kept summing to one when single shares are drawn.
"""

from __future__ import annotations

import numpy as np
import pytest

from infantile_spasms_market.model.draws import (
    FEEDS,
    Leaves,
    ParameterDraws,
    UnsupportedDistribution,
    _is_share_section,
    draw_parameters,
    feeds,
    numeric_leaves,
    set_draws,
)
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.parameters import Parameters

REGIONS = ["north_america", "europe", "asia_pacific", "south_america", "middle_east_africa"]
SHARES = "regions.share_2024"


@pytest.fixture(scope="module")
def base() -> Parameters:
    return load_parameters()


def with_distributions(params: Parameters, distributions: dict[str, dict]) -> Parameters:
    """``params`` with its distributions replaced (validated like a scenario file)."""
    tree = params.model_dump()
    tree["uncertainty"]["distributions"] = distributions
    return Parameters.model_validate(tree)


def refusal(call, *args) -> str:
    with pytest.raises(UnsupportedDistribution) as caught:
        call(*args)
    return str(caught.value)


# --------------------------------------------------------------------------- what a path feeds
@pytest.mark.parametrize(
    "path, pattern",
    [
        ("growth.diagnosis", 0),
        (SHARES, 1),
        (SHARES + ".europe", 1),
        ("segments.drug_mix_2024.europe.acth", 3),
        ("trends.novel_therapy.peak_year", 6),
        ("epidemiology.diagnosed_share.europe", 7),
        ("epidemiology.first_line_mix_by_country.japan.acth", 8),
        ("pricing.infant_weight_kg", 9),
        ("countries.price_index.japan", 10),
    ],
)
def test_a_drawable_path_feeds_what_its_pattern_says(path: str, pattern: int):
    assert feeds(path) == FEEDS[pattern][1]


@pytest.mark.parametrize(
    "path, reason",
    [
        ("market.level", "the Monte Carlo model does not read this parameter"),
        ("growth.diagnosis.extra", "the Monte Carlo model does not read this parameter"),  # whole paths only
        ("xgrowth.diagnosis", "the Monte Carlo model does not read this parameter"),
        ("market.end_year", "it sets the length of the forecast, which every draw shares"),
        (
            "companies.share_concentration",
            "the market's Monte Carlo does not read it (the company split draws its own shares, companies.share_concentration)",
        ),
    ],
)
def test_a_path_the_model_cannot_draw_is_refused_naming_it_and_why(path: str, reason: str):
    assert refusal(feeds, path) == f"uncertainty.distributions.{path}: cannot be drawn: {reason}"


# --------------------------------------------------------------------------- the parameters and their values
def test_leaves_record_each_value_read_and_nothing_else():
    noted: list[str] = []
    leaves = Leaves({"a.b": 1.0, "c": 2.0}, noted.append)
    assert "a.b" in leaves and "x" not in leaves and len(leaves) == 2 and list(leaves) == ["a.b", "c"]
    assert noted == [], "asking what exists is not a read"
    assert leaves["c"] == 2.0 and noted == ["c"]
    assert dict(leaves) == {"a.b": 1.0, "c": 2.0} and noted == ["c", "a.b", "c"]
    with pytest.raises(KeyError):
        leaves["x"]
    assert noted == ["c", "a.b", "c"], "a path that does not exist was recorded as read"


def test_numeric_leaves_are_every_number_outside_the_scenario_uncertainty_and_company_sections(base: Parameters):
    leaves = numeric_leaves(base)
    assert leaves["growth.diagnosis"] == 0.012 and leaves["countries.price_index.japan"] == base.value_at("countries.price_index.japan")
    assert leaves["market.end_year"] == 2030 and type(leaves["market.end_year"]) is float
    assert {p for p in leaves if p.startswith(SHARES + ".")} == {f"{SHARES}.{r}" for r in REGIONS}
    assert "market.level" not in leaves, "a text parameter is not a number"
    assert "trends.novel_therapy.enabled" not in leaves, "a switch is not a number"
    assert isinstance(base.companies.share_concentration, float)
    assert not [p for p in leaves if p.split(".")[0] in ("scenario", "uncertainty", "companies")]


def test_a_share_section_is_one_whose_shares_must_add_up_to_one(base: Parameters):
    assert _is_share_section(base, SHARES) and _is_share_section(base, "segments.drug_mix_2024.europe")
    for path in ("regions.growth_differential", "segments.liquid_share", "segments.drug_mix_2024", "growth", "no.such.section"):
        assert not _is_share_section(base, path), path


def test_a_parameter_has_its_drawn_values_or_the_scenarios_value_in_every_draw():
    state = ParameterDraws(3, {"s.x": 1.5, "s.y": 2.0, "t": -1.0}, {"s.y": np.array([1.0, 2.0, 3.0])})
    np.testing.assert_array_equal(state.value("s.x"), [1.5, 1.5, 1.5])
    np.testing.assert_array_equal(state.value("s.y"), [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(state.stack("s", ["y", "x"]), [[1.0, 1.5], [2.0, 1.5], [3.0, 1.5]])
    with pytest.raises(KeyError, match=r"^\"no numeric parameter 'z'\"$"):
        state.value("z")


# --------------------------------------------------------------------------- setting draws
def test_set_draws_holds_n_floats_per_drawn_path_and_the_scenarios_values_elsewhere(base: Parameters):
    state = set_draws(base, 3, {"growth.diagnosis": 0.02, "countries.price_index.japan": [1, 2, 3]})
    assert state.n == 3 and set(state.drawn) == {"growth.diagnosis", "countries.price_index.japan"}
    np.testing.assert_array_equal(state.value("growth.diagnosis"), [0.02, 0.02, 0.02])
    assert state.drawn["countries.price_index.japan"].dtype == float
    np.testing.assert_array_equal(state.value("countries.price_index.japan"), [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(state.value("growth.innovation"), [0.014] * 3)  # growth is not a share section


def test_a_whole_share_section_drawn_keeps_each_row_as_drawn(base: Parameters):
    rows = np.array([[0.1, 0.2, 0.3, 0.2, 0.2], [0.3, 0.3, 0.2, 0.1, 0.1]])
    state = set_draws(base, 2, {SHARES: rows})
    np.testing.assert_array_equal(state.stack(SHARES, REGIONS), rows)


def test_set_draws_refuses_what_it_cannot_hold_in_its_words(base: Parameters):
    assert refusal(set_draws, base, 4, {SHARES: np.full((4, 3), 1 / 3)}) == (
        f"uncertainty.distributions.{SHARES}: 3 shares drawn for {SHARES}"
    )
    assert refusal(set_draws, base, 4, {"growth.diagnosis": np.full((4, 2), 0.01)}) == (
        "uncertainty.distributions.growth.diagnosis: 2 shares drawn for growth.diagnosis"
    )
    assert refusal(set_draws, base, 4, {"growth.nothing": 0.01}) == (
        "uncertainty.distributions.growth.nothing: not a numeric parameter"
    )
    assert "cannot be drawn" in refusal(set_draws, base, 4, {"market.end_year": 2031.0})


def test_single_drawn_shares_keep_their_values_and_the_others_absorb_the_rest_in_proportion(base: Parameters):
    europe, asia = np.array([0.2, 0.3, 0.25]), np.array([0.1, 0.25, 0.75])
    state = set_draws(base, 3, {f"{SHARES}.europe": europe, f"{SHARES}.asia_pacific": asia})
    left = 1 - europe - asia  # 0.7, 0.45, 0.0 for north america, south america, middle east and africa
    room = 0.44 + 0.06 + 0.05
    np.testing.assert_allclose(state.value(f"{SHARES}.north_america"), 0.44 * left / room, rtol=1e-12)
    np.testing.assert_allclose(state.value(f"{SHARES}.south_america"), 0.06 * left / room, rtol=1e-12)
    np.testing.assert_allclose(state.value(f"{SHARES}.middle_east_africa"), 0.05 * left / room, rtol=1e-12)
    np.testing.assert_array_equal(state.value(f"{SHARES}.europe"), europe)
    np.testing.assert_allclose(state.stack(SHARES, REGIONS).sum(axis=1), 1.0, rtol=1e-12)


def test_a_drawn_value_outside_a_share_section_moves_nothing_else(base: Parameters):
    state = set_draws(base, 2, {"regions.growth_differential.europe": [0.01, 0.02]})
    assert set(state.drawn) == {"regions.growth_differential.europe"}


def test_drawn_shares_adding_up_to_more_than_one_are_counted_and_refused(base: Parameters):
    draws = {f"{SHARES}.north_america": [0.5, 0.5, 0.1], f"{SHARES}.europe": [0.6, 0.7, 0.2]}
    assert refusal(set_draws, base, 3, draws) == (
        f"uncertainty.distributions: {SHARES}.europe, {SHARES}.north_america add up to more than 1 in 2 draws"
    )
    exact = set_draws(base, 1, {f"{SHARES}.europe": [1.0]})  # exactly 1 fits: the others get nothing
    np.testing.assert_array_equal(exact.stack(SHARES, REGIONS), [[0.0, 1.0, 0.0, 0.0, 0.0]])


def test_a_drawn_share_whose_section_has_no_other_share_is_refused(base: Parameters):
    alone = with_values(base, {SHARES: {"north_america": 1.0, "europe": 0.0, "asia_pacific": 0.0,
                                        "south_america": 0.0, "middle_east_africa": 0.0}})
    assert refusal(set_draws, alone, 2, {f"{SHARES}.north_america": [0.9, 0.8]}) == (
        f"uncertainty.distributions: {SHARES}.north_america: the other shares of {SHARES} are zero and cannot absorb "
        "the drawn shares; draw the section with a dirichlet distribution instead"
    )


# --------------------------------------------------------------------------- drawing
def test_every_path_that_cannot_be_drawn_is_named_in_one_refusal(base: Parameters):
    params = with_distributions(base, {
        "market.end_year": {"kind": "uniform", "low": 2030, "high": 2031, "rationale": "cannot be drawn"},
        "growth.diagnosis": {"kind": "uniform", "low": 0.01, "high": 0.02, "rationale": "can be drawn"},
        "companies.share_concentration": {"kind": "uniform", "low": 15, "high": 25, "rationale": "cannot be drawn"},
    })
    assert refusal(draw_parameters, params, 5) == (
        f"{refusal(feeds, 'market.end_year')}; {refusal(feeds, 'companies.share_concentration')}"
    )


def test_draws_follow_the_scenarios_count_and_seed_unless_given(base: Parameters):
    assert draw_parameters(base).n == base.uncertainty.draws
    state = draw_parameters(base, 5.0)
    assert state.n == 5 and state.value("growth.innovation").shape == (5,) and state.drawn["growth.diagnosis"].shape == (5,)
    same = draw_parameters(base, 5, seed=base.uncertainty.seed)
    other = draw_parameters(base, 5, seed=base.uncertainty.seed + 1)
    np.testing.assert_array_equal(state.drawn["growth.diagnosis"], same.drawn["growth.diagnosis"])
    assert not np.array_equal(state.drawn["growth.diagnosis"], other.drawn["growth.diagnosis"])


def test_only_the_chosen_paths_are_drawn_with_the_draws_they_have_among_all(base: Parameters):
    everything = draw_parameters(base, 8, seed=4)
    chosen = draw_parameters(base, 8, seed=4, only=["growth.diagnosis", SHARES])
    assert set(chosen.drawn) == {"growth.diagnosis", *(f"{SHARES}.{r}" for r in REGIONS)}
    np.testing.assert_array_equal(chosen.drawn["growth.diagnosis"], everything.drawn["growth.diagnosis"])
    np.testing.assert_array_equal(chosen.stack(SHARES, REGIONS), everything.stack(SHARES, REGIONS))
    assert draw_parameters(base, 8, seed=4, only=[]).drawn == {}
