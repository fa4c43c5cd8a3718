"""Uncertainty that belongs to the scenario: each distribution is declared around its parameter's value and follows it."""

from __future__ import annotations

import pytest

from infantile_spasms_market.cli import main
from infantile_spasms_market.constraints import Interval
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.scenario.errors import ParameterError
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.uncertainty import (
    around,
    outside_plausible,
    outside_plausible_ranges,
    value_percentile,
)

TRIANGLE = {"kind": "triangular", "below": 0.008, "above": 0.010, "rationale": "a test distribution"}


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def test_a_range_declared_around_the_value_is_centred_on_it():
    assert around(TRIANGLE, 0.012, Interval(-0.2, 0.2)) == {**TRIANGLE, "low": pytest.approx(0.004), "mode": 0.012,
                                                             "high": pytest.approx(0.022)}
    moved = around(TRIANGLE, 0.002, Interval(-0.2, 0.2))
    assert (moved["low"], moved["mode"], moved["high"]) == (pytest.approx(-0.006), 0.002, pytest.approx(0.012))
    uniform = around({"kind": "uniform", "below": 0.035, "above": 0.025, "rationale": "x" * 10}, -0.025, None)
    assert (uniform["low"], uniform["high"]) == (pytest.approx(-0.06), pytest.approx(0.0)) and "mode" not in uniform
    normal = around({"kind": "normal", "sd": 1.0, "below": 1.7, "above": 1.7, "rationale": "x" * 10}, -5.0, None)
    assert (normal["mean"], normal["low"], normal["high"]) == (-5.0, pytest.approx(-6.7), pytest.approx(-3.3))


def test_a_proportional_range_is_a_share_of_the_value():
    half = {"kind": "triangular", "scale": "proportional", "below": 0.5, "above": 0.5, "rationale": "x" * 10}
    assert (around(half, 13.0, None)["low"], around(half, 13.0, None)["high"]) == (6.5, 19.5)
    assert (around(half, 4.0, None)["low"], around(half, 4.0, None)["high"]) == (2.0, 6.0)


def test_near_a_bound_both_sides_shrink_alike_and_at_the_bound_the_value_stands_alone():
    near = around(TRIANGLE, 0.195, Interval(-0.2, 0.2))
    assert near["high"] == pytest.approx(0.2) and near["low"] == pytest.approx(0.195 - 0.008 * 0.5)
    at = around(TRIANGLE, 0.2, Interval(-0.2, 0.2))
    assert at["low"] == at["mode"] == at["high"] == 0.2


def test_a_range_written_with_its_ends_keeps_its_offsets_and_moves_to_the_value():
    old_style = {"kind": "triangular", "low": 0.0, "mode": 0.006, "high": 0.014, "rationale": "x" * 10}
    moved = around(old_style, 0.002, None)
    assert (moved["below"], moved["above"]) == (pytest.approx(0.006), pytest.approx(0.008))
    assert (moved["low"], moved["mode"], moved["high"]) == (pytest.approx(-0.004), 0.002, pytest.approx(0.010))
    with pytest.raises(ValueError, match="does not hold the parameter's value 0.5"):
        around({"kind": "uniform", "low": 0.0, "high": 0.07, "rationale": "x" * 10}, 0.5, None)


def test_one_end_given_alone_sets_that_side(base):
    wider = load_parameters(None, ["uncertainty.distributions.growth.diagnosis.high=0.03"])
    dist = wider.uncertainty.distributions["growth.diagnosis"]
    assert (dist.low, dist.mode, dist.high) == (pytest.approx(0.004), 0.012, pytest.approx(0.03))
    assert dist.above == pytest.approx(0.018), "declared around the value from now on"
    with pytest.raises(ParameterError, match="high \\(0.001\\) lies below the parameter's value \\(0.012\\)"):
        load_parameters(None, ["uncertainty.distributions.growth.diagnosis.high=0.001"])
    with pytest.raises(ParameterError, match="its mode is the parameter's value \\(0.012\\), not 0.02; change the parameter"):
        load_parameters(None, ["uncertainty.distributions.growth.diagnosis.mode=0.02"])


def test_a_scenario_that_moves_a_value_moves_its_distribution(base):
    for path, dist in base.uncertainty.distributions.items():
        if dist.kind == "dirichlet":
            continue
        value = base.value_at(path)
        moved = with_values(base, {path: value * 1.1 + 0.001}).uncertainty.distributions[path]
        assert moved.low < value * 1.1 + 0.001 < moved.high or moved.low == moved.high, path
        if dist.centre is not None:
            assert moved.centre == pytest.approx(value * 1.1 + 0.001), path


def test_a_resolved_scenario_holds_the_declaration_not_the_numbers(base):
    tree = base.resolved()["uncertainty"]["distributions"]["growth.diagnosis"]
    assert (tree["below"], tree["above"]) == (0.008, pytest.approx(0.010)) and not {"low", "mode", "high"} & set(tree)
    again = with_values(base, {"growth.diagnosis": 0.0})
    assert again.uncertainty.distributions["growth.diagnosis"].words() == "triangular -0.008 / 0 / 0.01"


def test_a_value_outside_the_plausible_range_is_named_with_the_range(base, capsys):
    slower = load_parameters(None, ["growth.diagnosis=0.002"])
    assert outside_plausible_ranges(slower, base) == [("growth.diagnosis", 0.002, pytest.approx(0.004), pytest.approx(0.022))]
    assert outside_plausible(base, base) == []
    assert main(["params", "--set", "growth.diagnosis=0.002"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# Scenario: Base case: the report's figures, with growth from diagnosis set to 0.002 (not the base case)\n")
    assert ("warning: growth.diagnosis: 0.002 lies outside its plausible range, 0.004 to 0.022 (the base case's uncertainty "
            "range); its Monte Carlo distribution is centred on it (triangular -0.006 / 0.002 / 0.012)") in err
    assert main(["params", "--set", "growth.diagnosis=0.5"]) == 2, "outside the allowed range: still an error"
    assert "growth.diagnosis" in capsys.readouterr().err


def test_a_parameter_that_moves_the_total_must_be_a_central_value_of_its_own_range():
    with pytest.raises(ParameterError, match="lies at percentile 2 of its own distribution"):
        load_parameters(None, ["market.level=bottom_up"])  # the base case's incidence: 0.249 in 0.243 to 0.6
    with pytest.raises(ParameterError, match="growth.diagnosis: its value 0.012 lies at percentile 0"):
        load_parameters(None, ["uncertainty.distributions.growth.diagnosis.below=0"])
    load_parameters("params/triangulated.yaml")
    dist = load_parameters().uncertainty.distributions["growth.price_erosion"]
    assert value_percentile(dist, -0.004) == pytest.approx(0.016 / 0.024)


def test_params_describe_says_what_each_parameter_is_and_where_its_value_stands(capsys):
    assert main(["params", "--set", "growth.diagnosis=0.002", "--describe", "growth.diagnosis"]) == 0
    out = capsys.readouterr().out
    for text in ("growth.diagnosis: Growth from diagnosis", "unit: fraction per year; allowed: from -0.2 to 0.2; basis: assumption",
                 "base case: 0.012", "this scenario: 0.002",
                 "distribution: triangular -0.006 / 0.002 / 0.012, reaching 0.008 below and 0.01 above the value",
                 "plausible (the base case's range): 0.004 to 0.022 (this scenario's value lies outside)"):
        assert text in out
    assert main(["params", "--describe", "--format", "csv"]) == 0
    import io

    import pandas as pd

    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(table.columns) == ["path", "label", "description", "unit", "allowed", "base", "value", "basis",
                                   "derived_from", "sources", "distribution", "plausible"]
    assert {"growth.diagnosis", "epidemiology.incidence_per_1000", "countries.price_index"} <= set(table["path"])
    assert set(table["basis"]) <= {"sourced", "derived", "assumption"}
    assert main(["params", "--describe", "nothing.here"]) == 2
