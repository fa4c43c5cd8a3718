"""Tests for the parameter model: exact validation messages, --set overrides, deep merge, scenario files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from infantile_spasms_market.constraints import InputError
from infantile_spasms_market.paths import BASE_SCENARIO
from infantile_spasms_market.scenario.errors import (
    ParameterError,
    from_validation_error,
)
from infantile_spasms_market.scenario.loading import (
    load_parameters,
    read_yaml,
    scenario_tree,
)
from infantile_spasms_market.scenario.loading import (
    apply_overrides,
    deep_merge,
    parse_override,
)
from infantile_spasms_market.scenario.parameters import Parameters

BASE_SOURCE = "params/base.yaml"


@pytest.fixture(scope="module")
def base() -> Parameters:
    return load_parameters()


@pytest.fixture
def base_tree() -> dict:
    return yaml.safe_load(BASE_SCENARIO.read_text(encoding="utf-8"))


def problems_of(overrides: list[str], scenario: Path | None = None) -> list[str]:
    """The problem lines a scenario with ``overrides`` is refused with (fails if it is accepted)."""
    with pytest.raises(ParameterError) as caught:
        load_parameters(scenario, overrides)
    return caught.value.problems


# --------------------------------------------------------------------------- the base scenario
def test_base_loads_and_reproduces_the_report_growth(base: Parameters) -> None:
    assert base.scenario.name == "base"
    assert base.market.reconciliation == "bridge_2025"
    assert base.growth_rate == pytest.approx(0.0367, abs=1e-12)


def test_value_at_reads_values_and_sections(base: Parameters) -> None:
    assert base.value_at("growth.diagnosis") == 0.012
    assert base.value_at("regions.share_2024")["north_america"] == 0.44
    with pytest.raises(KeyError):
        base.value_at("growth.nothing")


def test_parameters_are_frozen(base: Parameters) -> None:
    with pytest.raises(ValidationError):
        base.growth.diagnosis = 0.5


def test_resolved_is_plain_and_validates_back(base: Parameters) -> None:
    resolved = base.resolved()
    assert yaml.safe_load(yaml.safe_dump(resolved)) == resolved
    assert Parameters.model_validate(resolved) == base


# --------------------------------------------------------------------------- validation messages
@pytest.mark.parametrize(
    ("override", "expected"),
    [
        pytest.param(
            "regions.share_2024.europe=0.3",
            "regions.share_2024: shares must sum to 1 (they sum to 1.05)",
            id="region-shares-not-summing-to-one",
        ),
        pytest.param(
            "segments.drug_mix_2024.europe.acth=0.5",
            "segments.drug_mix_2024.europe: shares must sum to 1 (they sum to 1.22)",
            id="drug-mix-not-summing-to-one",
        ),
        pytest.param(
            "epidemiology.first_line_mix.asia_pacific.vigabatrin=0.1",
            "epidemiology.first_line_mix.asia_pacific: shares must sum to 1 (they sum to 0.9)",
            id="first-line-mix-not-summing-to-one",
        ),
        pytest.param(
            "epidemiology.diagnosed_share.europe=1.2",
            "epidemiology.diagnosed_share.europe: 1.2 is not allowed; must be from 0 to 1",
            id="rate-above-one",
        ),
        pytest.param(
            "epidemiology.treated_share.south_america=-0.1",
            "epidemiology.treated_share.south_america: -0.1 is not allowed; must be from 0 to 1",
            id="rate-below-zero",
        ),
        pytest.param(
            "segments.liquid_share.novel_therapies=1.5",
            "segments.liquid_share.novel_therapies: 1.5 is not allowed; must be from 0 to 1",
            id="liquid-share-above-one",
        ),
        pytest.param(
            "epidemiology.incidence_per_1000=0",
            "epidemiology.incidence_per_1000: 0 is not allowed; must be greater than 0 and at most 2",
            id="strict-lower-bound",
        ),
        pytest.param(
            "growth.diagnosis=0.25",
            "growth.diagnosis: 0.25 is not allowed; must be from -0.2 to 0.2",
            id="growth-out-of-range",
        ),
        pytest.param(
            "market.end_year=2029",
            "market.end_year: 2029 is not allowed; must be from 2030 to 2040",
            id="end-year-before-2030",
        ),
        pytest.param(
            "growth.foo=0.1",
            "growth.foo: unknown parameter; allowed here: diagnosis, innovation, prevalence, access, price_erosion",
            id="unknown-key",
        ),
        pytest.param(
            "forecast.years=5",
            "forecast: unknown parameter; allowed here: scenario, market, growth, segments, regions, countries, "
            "epidemiology, trends, pricing, companies, uncertainty",
            id="unknown-section",
        ),
        pytest.param(
            "regions.share_2024.antarctica=0",
            "regions.share_2024.antarctica: unknown parameter; allowed here: north_america, europe, asia_pacific, "
            "south_america, middle_east_africa",
            id="unknown-region",
        ),
        pytest.param(
            "uncertainty.distributions.growth.diagnosis.median=0.01",
            "uncertainty.distributions.growth.diagnosis.median: unknown parameter; allowed here: "
            "kind, below, above, scale, low, mode, high, mean, sd, concentration, rationale",
            id="unknown-distribution-field",
        ),
        pytest.param(
            "growth.diagnosis=abc",
            "growth.diagnosis: 'abc' is not allowed; must be a number from -0.2 to 0.2",
            id="text-for-a-number",
        ),
        pytest.param(
            "growth.diagnosis=3e-1",
            "growth.diagnosis: 0.3 is not allowed; must be from -0.2 to 0.2",
            id="exponent-is-a-number",
        ),
        pytest.param(
            "market.end_year=2030.5",
            "market.end_year: 2030.5 is not allowed; must be a whole number from 2030 to 2040",
            id="fraction-for-a-whole-number",
        ),
        pytest.param(
            "market.end_year='2031'",
            "market.end_year: '2031' is not allowed; must be a whole number from 2030 to 2040",
            id="quoted-text-for-a-whole-number",
        ),
        pytest.param(
            "trends.novel_therapy.enabled=1",
            "trends.novel_therapy.enabled: 1 is not allowed; must be true or false",
            id="number-for-a-switch",
        ),
        pytest.param("growth=0.03", "growth: 0.03 is not allowed; must be a section", id="value-for-a-section"),
        pytest.param(
            "market.reconciliation=average",
            "market.reconciliation: 'average' is not allowed; must be one of "
            "'bridge_2025', 'cagr_from_2024' or 'constant_cagr_2024_2030'",
            id="unknown-choice",
        ),
        pytest.param(
            "scenario.name=My Scenario",
            "scenario.name: 'My Scenario' is not allowed; must match ^[a-z][a-z0-9_-]{0,39}$",
            id="bad-scenario-name",
        ),
        pytest.param(
            "trends.novel_therapy.peak_year=2027",
            "trends.novel_therapy: years out of order: peak_year (2027) must be after launch_year (2028)",
            id="years-out-of-order",
        ),
        pytest.param(
            "trends.novel_therapy.peak_year=2028",
            "trends.novel_therapy: years out of order: peak_year (2028) must be after launch_year (2028)",
            id="years-equal",
        ),
        pytest.param(
            "uncertainty.distributions.growth.diagnosis.high=0.5",
            "uncertainty.distributions.growth.diagnosis: its range from 0.004 to 0.5 leaves what the parameter allows: from -0.2 to 0.2",
            id="distribution-outside-range",
        ),
        pytest.param(
            "uncertainty.distributions.epidemiology.incidence_per_1000.high=3",
            "uncertainty.distributions.epidemiology.incidence_per_1000: its range from 0.243 to 3 leaves what the "
            "parameter allows: greater than 0 and at most 2",
            id="distribution-outside-strict-range",
        ),
        pytest.param(
            "uncertainty.distributions.growth.diagnosis.low=0.05",
            "uncertainty.distributions.growth.diagnosis: low (0.05) lies above the parameter's value (0.012); the range must "
            "reach below it",
            id="distribution-low-above-high",
        ),
        pytest.param(
            "uncertainty.distributions.growth.access.mode=0.5",
            "uncertainty.distributions.growth.access: its mode is the parameter's value (0.0127), not 0.5; change the "
            "parameter itself to move it",
            id="distribution-mode-outside",
        ),
        pytest.param(
            "uncertainty.distributions.growth.access.kind=normal",
            "uncertainty.distributions.growth.access: a normal distribution needs mean, sd, low, high (missing: sd)",
            id="distribution-incomplete",
        ),
        pytest.param(
            "uncertainty.distributions.regions.share_2024.concentration=-1",
            "uncertainty.distributions.regions.share_2024.concentration: -1 is not allowed; must be greater than 0",
            id="distribution-negative-concentration",
        ),
        pytest.param(
            "uncertainty.distributions.growth.access.kind=lognormal",
            "uncertainty.distributions.growth.access.kind: 'lognormal' is not allowed; must be one of "
            "'triangular', 'uniform', 'normal' or 'dirichlet'",
            id="distribution-unknown-kind",
        ),
        pytest.param(
            "uncertainty.draws=10",
            "uncertainty.draws: 10 is not allowed; must be from 100 to 1000000",
            id="too-few-draws",
        ),
    ],
)
def test_each_invalid_value_is_refused_with_its_exact_message(override: str, expected: str) -> None:
    assert problems_of([override]) == [expected]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        pytest.param(
            [
                "uncertainty.distributions.growth.access.kind=dirichlet",
                "uncertainty.distributions.growth.access.concentration=50",
            ],
            "uncertainty.distributions.growth.access: a dirichlet distribution applies only to a share section that sums to 1",
            id="dirichlet-on-a-number",
        ),
        pytest.param(
            [
                "uncertainty.distributions.regions.share_2024.kind=uniform",
                "uncertainty.distributions.regions.share_2024.low=0",
                "uncertainty.distributions.regions.share_2024.high=1",
            ],
            "uncertainty.distributions.regions.share_2024: a uniform distribution needs a numeric parameter",
            id="uniform-on-a-section",
        ),
        pytest.param(
            [
                "uncertainty.distributions.growth.inflation.kind=uniform",
                "uncertainty.distributions.growth.inflation.low=0",
                "uncertainty.distributions.growth.inflation.high=0.1",
                "uncertainty.distributions.growth.inflation.rationale=No such driver in the model",
            ],
            "uncertainty.distributions.growth.inflation: no such parameter",
            id="distribution-of-an-unknown-parameter",
        ),
    ],
)
def test_distribution_targets_are_checked(overrides: list[str], expected: str) -> None:
    assert problems_of(overrides) == [expected]


NO_INFANT_DIAGNOSED = [f"epidemiology.diagnosed_share.{region}=0" for region in
                       ("north_america", "europe", "asia_pacific", "south_america", "middle_east_africa")]


def test_a_market_sized_bottom_up_with_no_infant_treated_is_refused_naming_the_shares() -> None:
    """Its level would be 0 and its regional split 0/0; the report's level and assumed split need no patients."""
    rates = "north_america 0 x 0.95, europe 0 x 0.95, asia_pacific 0 x 0.85, south_america 0 x 0.85, middle_east_africa 0 x 0.75"
    assert problems_of([*NO_INFANT_DIAGNOSED, "market.regional_split=bottom_up"]) == [
        "market.regional_split is bottom_up, but no infant is treated: epidemiology.diagnosed_share x "
        f"epidemiology.treated_share is 0 in every region ({rates}); the bottom-up market needs a region whose diagnosed "
        "and treated shares are both above 0 (or market.regional_split: assumed)"
    ]
    tree = load_parameters(None, NO_INFANT_DIAGNOSED).model_dump()
    tree["market"].update(level="bottom_up", regional_split="bottom_up")
    tree["uncertainty"]["distributions"] = {}  # the base's ranges are not centred for a bottom-up level
    with pytest.raises(ValidationError) as caught:
        Parameters.model_validate(tree)
    (both,) = from_validation_error(caught.value, Parameters).problems
    assert both.startswith("market.level and market.regional_split are bottom_up, but no infant is treated: ")
    assert both.endswith("(or market.level: report and market.regional_split: assumed)")
    assert load_parameters(None, NO_INFANT_DIAGNOSED).market.regional_split == "assumed"
    one_region = load_parameters(None, [*NO_INFANT_DIAGNOSED[1:], "market.regional_split=bottom_up"])
    assert one_region.epidemiology.diagnosed_share.north_america == 0.9  # North America treats: allowed


def test_every_problem_is_listed_and_the_source_is_named() -> None:
    overrides = ["growth.diagnosis=0.5", "epidemiology.treated_share.europe=2"]
    with pytest.raises(ParameterError) as caught:
        load_parameters(None, overrides)
    assert str(caught.value) == (
        f"invalid parameters in {BASE_SOURCE} with --set growth.diagnosis=0.5, epidemiology.treated_share.europe=2:\n"
        "  - growth.diagnosis: 0.5 is not allowed; must be from -0.2 to 0.2\n"
        "  - epidemiology.treated_share.europe: 2 is not allowed; must be from 0 to 1"
    )


def test_a_missing_parameter_is_named(base_tree: dict) -> None:
    del base_tree["growth"]["access"]
    with pytest.raises(ValidationError) as caught:
        Parameters.model_validate(base_tree)
    error = from_validation_error(caught.value, Parameters, "my.yaml")
    assert error.problems == ["growth.access: required parameter is missing"]
    assert str(error).startswith("invalid parameters in my.yaml:\n")


def test_parameter_errors_are_input_errors() -> None:
    error = ParameterError(["x: wrong"])
    assert isinstance(error, InputError) and isinstance(error, ValueError)
    assert error.exit_code == 2


# --------------------------------------------------------------------------- --set syntax
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("growth", "--set 'growth': expected dotted.name=value, e.g. market.end_year=2032", id="no-equals"),
        pytest.param("=0.1", "--set '=0.1': expected dotted.name=value, e.g. market.end_year=2032", id="no-name"),
        pytest.param(
            "growth..diagnosis=0.1", "--set 'growth..diagnosis=0.1': empty part in the name 'growth..diagnosis'", id="empty-part"
        ),
        pytest.param(".growth=0.1", "--set '.growth=0.1': empty part in the name '.growth'", id="leading-dot"),
        pytest.param("growth.diagnosis=", "--set growth.diagnosis: a value is required after '=' (empty and null are not values)", id="no-value"),
        pytest.param("growth.diagnosis=null", "--set growth.diagnosis: a value is required after '=' (empty and null are not values)", id="null-value"),
        pytest.param(
            "growth.diagnosis=\t",  # only blanks after '=' (a tab is not valid YAML): still "no value", not a YAML error
            "--set growth.diagnosis: a value is required after '=' (empty and null are not values)",
            id="blank-value",
        ),
        pytest.param(
            "growth.diagnosis=[0.1",
            "--set growth.diagnosis: value '[0.1' is not valid YAML (expected ',' or ']', but got '<stream end>')",
            id="malformed-yaml-value",
        ),
    ],
)
def test_bad_set_syntax_is_refused_with_its_exact_message(text: str, expected: str) -> None:
    with pytest.raises(ParameterError) as caught:
        parse_override(text)
    assert caught.value.problems == [expected]
    assert str(caught.value) == f"invalid parameters:\n  - {expected}"


def test_setting_inside_a_value_is_refused() -> None:
    assert problems_of(["growth.diagnosis.low=0.1"]) == ["--set growth.diagnosis.low: growth.diagnosis is a value, not a section"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("market.end_year=2032", 2032),
        ("growth.diagnosis=0.02", 0.02),
        ("growth.diagnosis=-0.02", -0.02),
        ("growth.diagnosis=2e-2", 0.02),  # YAML 1.2 floats: an exponent needs no dot
        ("trends.novel_therapy.enabled=true", True),
        ("scenario.title=High growth, no generics", "High growth, no generics"),
        ("scenario.title=__import__('os').getcwd()", "__import__('os').getcwd()"),
        ("a.b={x: 1, y: [2, 3]}", {"x": 1, "y": [2, 3]}),
        ("a.b=c=d", "c=d"),
    ],
)
def test_values_are_parsed_as_yaml_never_as_code(text: str, value: object) -> None:
    keys, parsed = parse_override(text)
    assert keys == text.partition("=")[0].split(".")
    assert parsed == value
    assert type(parsed) is type(value)


# --------------------------------------------------------------------------- overrides
def test_overrides_apply_to_a_copy(base_tree: dict) -> None:
    result = apply_overrides(base_tree, ["growth.diagnosis=0.02", "market.end_year=2032"])
    assert result["growth"]["diagnosis"] == 0.02 and result["market"]["end_year"] == 2032
    assert base_tree["growth"]["diagnosis"] == 0.012 and base_tree["market"]["end_year"] == 2030
    assert {k: v for k, v in result["growth"].items() if k != "diagnosis"} == {
        k: v for k, v in base_tree["growth"].items() if k != "diagnosis"
    }


def test_later_overrides_win(base_tree: dict) -> None:
    result = apply_overrides(base_tree, ["growth.diagnosis=0.02", "growth.diagnosis=0.03"])
    assert result["growth"]["diagnosis"] == 0.03


def test_override_reaches_a_dotted_key_in_uncertainty_distributions(base_tree: dict) -> None:
    result = apply_overrides(base_tree, ["uncertainty.distributions.growth.diagnosis.high=0.03"])
    distributions = result["uncertainty"]["distributions"]
    assert distributions["growth.diagnosis"] == {**base_tree["uncertainty"]["distributions"]["growth.diagnosis"], "high": 0.03}
    assert "growth" not in distributions
    params = load_parameters(None, ["uncertainty.distributions.growth.diagnosis.high=0.03"])
    assert params.uncertainty.distributions["growth.diagnosis"].high == 0.03
    assert params.uncertainty.distributions["growth.diagnosis"].mode == 0.012


def test_override_reaches_the_longest_dotted_key(base_tree: dict) -> None:
    text = "uncertainty.distributions.segments.drug_growth_differential.acth.below=0.05"
    distributions = apply_overrides(base_tree, [text])["uncertainty"]["distributions"]
    assert distributions["segments.drug_growth_differential.acth"]["below"] == 0.05
    assert distributions["segments.drug_growth_differential.other_anticonvulsants"]["below"] == 0.035


def test_overrides_can_add_a_distribution_for_another_parameter() -> None:
    prefix = "uncertainty.distributions.regions.growth_differential.europe"
    params = load_parameters(
        None,
        [f"{prefix}.kind=uniform", f"{prefix}.low=-0.01", f"{prefix}.high=0.01", f"{prefix}.rationale=Europe's growth is unknown"],
    )
    added = params.uncertainty.distributions["regions.growth_differential.europe"]
    assert (added.kind, added.low, added.high) == ("uniform", -0.01, 0.01)
    assert "growth.diagnosis" in params.uncertainty.distributions


def test_overrides_change_the_validated_parameters() -> None:
    params = load_parameters(None, ["growth.diagnosis=0.022", "regions.share_2024.europe=0.2", "regions.share_2024.asia_pacific=0.25"])
    assert params.growth_rate == pytest.approx(0.0467)
    assert params.regions.share_2024.europe == 0.2


# --------------------------------------------------------------------------- deep merge
def test_deep_merge_updates_section_by_section() -> None:
    base = {"a": {"x": 1, "y": {"p": 1, "q": 2}}, "b": [1, 2], "c": 3}
    changes = {"a": {"y": {"q": 20, "r": 30}}, "b": [9]}
    merged = deep_merge(base, changes)
    assert merged == {"a": {"x": 1, "y": {"p": 1, "q": 20, "r": 30}}, "b": [9], "c": 3}
    assert base == {"a": {"x": 1, "y": {"p": 1, "q": 2}}, "b": [1, 2], "c": 3}


def test_deep_merge_replaces_a_value_by_a_section_and_back() -> None:
    assert deep_merge({"a": 1}, {"a": {"x": 1}}) == {"a": {"x": 1}}
    assert deep_merge({"a": {"x": 1}}, {"a": 2}) == {"a": 2}


def test_deep_merge_result_shares_nothing_with_its_inputs() -> None:
    changes = {"a": {"x": [1]}}
    merged = deep_merge({}, changes)
    merged["a"]["x"].append(2)
    assert changes == {"a": {"x": [1]}}


# --------------------------------------------------------------------------- scenario files
def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_scenario_file_holds_only_what_differs(tmp_path: Path, base: Parameters) -> None:
    path = write(
        tmp_path,
        "fast.yaml",
        "scenario:\n  name: fast\n  title: Fast diagnosis\n  rationale: What if EEG access doubled the diagnosis effect?\n"
        "growth:\n  diagnosis: 0.024\n"
        "segments:\n  drug_growth_differential:\n    acth: -0.04\n",
    )
    params = load_parameters(path)
    assert params.scenario.name == "fast"
    assert params.growth.diagnosis == 0.024
    assert params.growth.innovation == base.growth.innovation
    assert params.segments.drug_growth_differential.acth == -0.04
    assert params.segments.drug_growth_differential.vigabatrin == base.segments.drug_growth_differential.vigabatrin
    assert params.regions == base.regions


def test_overrides_apply_after_the_scenario_file(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", "growth:\n  diagnosis: 0.024\n  access: 0.0\n")
    params = load_parameters(path, ["growth.diagnosis=0.03"])
    assert (params.growth.diagnosis, params.growth.access) == (0.03, 0.0)


def test_a_scenario_file_can_change_a_distribution_with_a_dotted_key(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", "uncertainty:\n  distributions:\n    growth.access:\n      high: 0.03\n")
    params = load_parameters(path)
    assert params.uncertainty.distributions["growth.access"].high == 0.03
    assert params.uncertainty.distributions["growth.access"].kind == "triangular"


def test_an_empty_scenario_file_has_the_base_assumptions_and_its_own_name(tmp_path: Path, base: Parameters) -> None:
    empty = load_parameters(write(tmp_path, "empty.yaml", ""))
    assert empty.model_dump(exclude={"scenario"}) == base.model_dump(exclude={"scenario"})
    assert empty.scenario.name == "empty" and empty.scenario.title == "Scenario empty (not the base case)"


def test_the_base_file_is_not_merged_twice(base_tree: dict) -> None:
    assert scenario_tree(BASE_SCENARIO) == base_tree == scenario_tree(None)


def test_errors_in_a_scenario_file_name_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "regions:\n  share_2024:\n    europe: 0.5\n")
    with pytest.raises(ParameterError) as caught:
        load_parameters(path)
    assert str(caught.value) == (
        f"invalid parameters in {path}:\n  - regions.share_2024: shares must sum to 1 (they sum to 1.25)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "growth:\n  diagnosis: [0.01, 0.02\n",
            "malformed YAML at line 3, column 1: expected ',' or ']', but got '<stream end>'",
            id="unclosed-list",
        ),
        pytest.param(
            "growth:\n  diagnosis: 0.01\n   innovation: 0.02\n",
            "malformed YAML at line 3, column 14: mapping values are not allowed here",
            id="bad-indentation",
        ),
        pytest.param("growth: diagnosis: 0.01\n", "malformed YAML at line 1, column 18: mapping values are not allowed here", id="two-colons"),
        pytest.param("- growth\n- market\n", "expected a mapping of sections at the top level, got list", id="top-level-list"),
        pytest.param("just text\n", "expected a mapping of sections at the top level, got str", id="top-level-text"),
    ],
)
def test_malformed_scenario_files_are_refused_with_their_exact_message(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, "scenario.yaml", text)
    with pytest.raises(ParameterError) as caught:
        load_parameters(path)
    assert caught.value.problems == [f"{path}: {expected}"]


def test_a_scenario_file_is_parsed_once_per_version_and_handed_out_as_a_copy(tmp_path: Path) -> None:
    path = write(tmp_path, "scenario.yaml", "growth:\n  diagnosis: 0.02\n")
    first = read_yaml(path)
    first["growth"]["diagnosis"] = 0.5  # the caller's copy: the next read is the file's
    assert read_yaml(path) == {"growth": {"diagnosis": 0.02}}
    path.write_text("growth:\n  diagnosis: 0.03\n  access: 0.01\n", encoding="utf-8")  # a new version of the file
    assert read_yaml(path) == {"growth": {"diagnosis": 0.03, "access": 0.01}}


def test_a_missing_scenario_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(ParameterError) as caught:
        read_yaml(path)
    assert caught.value.problems == [f"scenario file not found: {path}"]
