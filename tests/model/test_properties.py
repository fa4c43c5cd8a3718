"""Property-based tests of the market model: for any valid parameters, the table's invariants hold.

Random valid :class:`Parameters` are built by perturbing every base value inside its allowed
range and normalising share vectors; then every view must sum to the total in every year,
no value may be negative and every share must stay in [0, 1]. The expected total path is the
closed form of ``tests/oracles.py``, never the model's own ``total_trajectory``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracles import total_path

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.taxonomy import (
    COUNTRIES,
    DOSAGES,
    DRUG_IDS,
    ESTABLISHED_DRUG_IDS,
    REGIONS,
    SEGMENTATIONS,
)
from infantile_spasms_market.model.bottomup import bottom_up_by_country
from infantile_spasms_market.model.topdown import MarketInputs, evaluate, market_table
from infantile_spasms_market.model.views import totals, view
from infantile_spasms_market.scenario.loading import load_parameters
from infantile_spasms_market.scenario.parameters import Parameters

HEADLINE = Headline.from_data()
BASE = load_parameters().resolved()
METHODS = ("bridge_2025", "cagr_from_2024", "constant_cagr_2024_2030")
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def floats(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def share_vector(keys) -> st.SearchStrategy[dict[str, float]]:
    """Non-negative weights (some may be zero) normalised to sum to 1."""
    weights = st.lists(floats(0, 1), min_size=len(keys), max_size=len(keys)).filter(lambda w: sum(w) > 1e-3)
    return weights.map(lambda w: {k: float(x / sum(w)) for k, x in zip(keys, w)})


def keyed(keys, low: float, high: float) -> st.SearchStrategy[dict[str, float]]:
    return st.fixed_dictionaries({k: floats(low, high) for k in keys})


@st.composite
def parameters(draw) -> Parameters:
    """A random valid scenario: the base with every model input perturbed within its bounds."""
    tree = {section: dict(values) if isinstance(values, dict) else values for section, values in BASE.items()}
    tree["market"] = {"reconciliation": draw(st.sampled_from(METHODS)), "level": "report", "end_year": draw(st.integers(2030, 2034)),
                      "regional_split": "assumed"}
    tree["growth"] = draw(keyed(BASE["growth"], -0.2, 0.2))
    tree["segments"] = {
        "drug_mix_2024": {r: draw(share_vector(ESTABLISHED_DRUG_IDS)) for r in REGIONS},
        "drug_growth_differential": draw(keyed(ESTABLISHED_DRUG_IDS, -0.3, 0.3)),
        "liquid_share": draw(keyed(DRUG_IDS, 0, 1)),
    }
    tree["regions"] = {"share_2024": draw(share_vector(tuple(REGIONS))), "growth_differential": draw(keyed(REGIONS, -0.3, 0.3))}
    tree["countries"] = {**BASE["countries"], "price_index": draw(keyed(COUNTRIES, 0, 3))}
    tree["epidemiology"] = {
        **BASE["epidemiology"],
        "incidence_per_1000": draw(floats(0.01, 2)),
        "diagnosed_share": draw(keyed(REGIONS, 0, 1)),
        "treated_share": draw(keyed(REGIONS, 0, 1)),
        "first_line_mix": {r: draw(share_vector(ESTABLISHED_DRUG_IDS)) for r in REGIONS},
    }
    launch = draw(st.integers(2025, 2033))
    tree["trends"] = {
        "novel_therapy": {
            "enabled": draw(st.booleans()),
            "launch_year": launch,
            "peak_year": draw(st.integers(launch + 1, launch + 10)),
            "eligible_share_of_treated": draw(floats(0, 1)),
            "peak_uptake": draw(floats(0, 1)),
            "price_per_patient_usd": draw(floats(0, 10_000_000)),
            "cannibalisation": draw(floats(0, 1)),
        }
    }
    return Parameters.model_validate(tree)


def check_invariants(table: pd.DataFrame, params: Parameters) -> None:
    """Every invariant a market table must satisfy."""
    years = list(range(HEADLINE.base_year, params.market.end_year + 1))
    assert len(table) == len(years) * len(COUNTRIES) * len(DRUG_IDS) * len(DOSAGES)
    values = table["value_usd_m"]
    assert values.notna().all(), "a value is missing"
    assert (values >= 0).all(), f"negative values: {table[values < 0].head()}"
    total = totals(table)
    assert list(total.index) == years
    for by in SEGMENTATIONS:
        segments = view(table, by)
        np.testing.assert_allclose(segments.sum(axis=1).to_numpy(), total.to_numpy(), rtol=1e-9, atol=1e-9, err_msg=by)
        positive = total > 0
        shares = segments[positive].div(total[positive], axis=0).to_numpy()
        assert ((shares >= -1e-12) & (shares <= 1 + 1e-12)).all(), f"a {by} share leaves [0, 1]"


@SETTINGS
@given(parameters())
def test_random_valid_parameters_keep_every_invariant(params: Parameters) -> None:
    table = market_table(params, HEADLINE)
    check_invariants(table, params)


@SETTINGS
@given(parameters())
def test_the_base_year_is_the_report_value_whatever_the_scenario(params: Parameters) -> None:
    """No scenario lever acts before 2025 (a novel therapy launches in 2025 at the earliest)."""
    assert totals(market_table(params, HEADLINE)).loc[HEADLINE.base_year] == pytest.approx(HEADLINE.base_value_usd_m, abs=1e-9)


@SETTINGS
@given(parameters())
def test_with_the_bottom_up_level_the_base_year_is_the_bottom_up_value(params: Parameters) -> None:
    """market.level: bottom_up replaces the report's base-year value by the global bottom-up value, and keeps every invariant."""
    params = params.model_copy(update={"market": params.market.model_copy(update={"level": "bottom_up"})})
    table = market_table(params, HEADLINE)
    expected = bottom_up_by_country(params)["value_usd_m"].sum()
    assert totals(table).loc[HEADLINE.base_year] == pytest.approx(expected, rel=1e-9, abs=1e-9)
    check_invariants(table, params)


@SETTINGS
@given(parameters())
def test_a_novel_therapy_never_shrinks_the_market(params: Parameters) -> None:
    """It adds its sales and takes at most what it sells (and never more than exists) from the others."""
    table = market_table(params, HEADLINE)
    years = np.arange(HEADLINE.base_year, params.market.end_year + 1)
    before = total_path(params.market.reconciliation, sum(params.growth.model_dump().values()), years)  # closed form, not the model
    assert (totals(table).to_numpy() >= before - 1e-9).all()
    novel = view(table, "drug")["novel_therapies"].to_numpy()
    assert (novel >= 0).all()
    if not params.trends.novel_therapy.enabled:
        assert (novel == 0).all()
        np.testing.assert_allclose(totals(table).to_numpy(), before, rtol=1e-12)


@st.composite
def draws(draw) -> MarketInputs:
    """A batch of parameter draws as the Monte Carlo path builds them (leading draw axis)."""
    n = draw(st.integers(1, 20))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    years = np.arange(HEADLINE.base_year, draw(st.integers(2030, 2040)) + 1)
    regions, drugs = len(REGIONS), len(ESTABLISHED_DRUG_IDS)
    return MarketInputs(
        years=years,
        cagr=rng.uniform(-1, 1, n),
        region_share_2024=rng.dirichlet(np.full(regions, draw(floats(0.1, 100))), n),
        region_growth=rng.uniform(-0.3, 0.3, (n, regions)),
        drug_mix_2024=rng.dirichlet(np.full(drugs, draw(floats(0.1, 100))), (n, regions)),
        drug_growth=rng.uniform(-0.3, 0.3, (n, drugs)),
        novel_value=rng.uniform(0, draw(floats(0, 500)), (n, len(years), regions)),
        cannibalisation=rng.uniform(0, 1, n),
    )


@SETTINGS
@given(draws(), st.sampled_from(METHODS))
def test_the_vectorised_path_keeps_its_invariants(inputs: MarketInputs, method: str) -> None:
    values = evaluate(inputs, HEADLINE, method)
    n, years = len(inputs.cagr), len(inputs.years)
    assert values.shape == (n, years, len(REGIONS), len(ESTABLISHED_DRUG_IDS) + 1)
    assert np.isfinite(values).all() and (values >= 0).all()
    trajectory = np.stack([total_path(method, growth, inputs.years) for growth in inputs.cagr])  # closed form, not the model
    established = values[..., :-1].sum(axis=(-1, -2))
    assert (established <= trajectory * (1 + 1e-12) + 1e-12).all()
    np.testing.assert_array_equal(values[..., -1], inputs.novel_value)
    no_novel = MarketInputs(**{**vars(inputs), "novel_value": np.zeros_like(inputs.novel_value)})
    np.testing.assert_allclose(evaluate(no_novel, HEADLINE, method).sum(axis=(-1, -2)), trajectory, rtol=1e-12, atol=1e-12)


# --- a scenario's Monte Carlo run is about that scenario ------------------------------------------

SHIPPED = None


def shipped() -> dict[str, Parameters]:
    global SHIPPED
    if SHIPPED is None:
        from infantile_spasms_market.scenario.loading import load_all

        SHIPPED = load_all()
    return SHIPPED


@st.composite
def scenario_values(draw) -> Parameters:
    """A scenario file of ``params/`` with every value that has a distribution (and every growth component) set anywhere it is allowed.

    Inside or outside the range the file finds plausible; each distribution keeps its shape and is
    centred on the new value. The level may be switched too; a combination the model refuses (a
    level input that would sit in the tail of its own distribution) is not a valid scenario.
    """
    from hypothesis import assume

    from infantile_spasms_market.constraints import InputError, interval_at
    from infantile_spasms_market.model.sensitivity import with_values

    params = shipped()[draw(st.sampled_from(sorted(shipped())))]
    paths = [p for p, d in params.uncertainty.distributions.items() if d.kind != "dirichlet"]
    paths += [f"growth.{g}" for g in params.growth.model_dump() if f"growth.{g}" not in paths]
    values = {}
    for path in paths:
        allowed = interval_at(Parameters, tuple(path.split(".")))
        value = params.value_at(path)
        low = allowed.low if allowed and allowed.low is not None else value - 10 * abs(value) - 1
        high = allowed.high if allowed and allowed.high is not None else value + 10 * abs(value) + 1
        if isinstance(value, int):
            values[path] = draw(st.integers(int(np.ceil(low)), int(np.floor(high))))
        else:
            values[path] = draw(floats(low, high).filter(lambda v, a=allowed: a is None or v in a))
    values["market.level"] = draw(st.sampled_from(["report", "bottom_up"]))
    try:
        return with_values(params, values)
    except (ValueError, InputError):
        assume(False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenario_values())
def test_a_scenarios_own_values_lie_between_p5_and_p95_of_its_own_draws_in_every_year(params):
    from infantile_spasms_market.model import montecarlo

    result = montecarlo.run(params, n=400, seed=7, headline=HEADLINE)
    bands = result.percentiles
    own = result.scenario_total
    slack = 1e-9 * own.abs().max()
    assert ((bands["P5"] - slack <= own) & (own <= bands["P95"] + slack)).all(), (
        f"{params.scenario.name}: the scenario's own path leaves P5-P95 of its draws\n"
        f"{pd.DataFrame({'P5': bands['P5'], 'scenario': own, 'P95': bands['P95']})}")


def test_a_value_outside_the_base_range_gets_a_fan_centred_on_it():
    # issue 23: growth.diagnosis at 0.002, below the base range (0.004 to 0.022), kept the base's band and put
    # the scenario at its 5th percentile
    from infantile_spasms_market.model import montecarlo

    slower = load_parameters(None, ["growth.diagnosis=0.002"])
    dist = slower.uncertainty.distributions["growth.diagnosis"]
    base = load_parameters().uncertainty.distributions["growth.diagnosis"]
    assert dist.mode == 0.002 and (dist.mode - dist.low, dist.high - dist.mode) == pytest.approx((base.mode - base.low, base.high - base.mode))
    result = montecarlo.run(slower, n=2000, headline=HEADLINE)
    end = HEADLINE.end_year
    p5, p50, p95 = (result.percentiles.loc[end, c] for c in ("P5", "P50", "P95"))
    own = result.scenario_total.loc[end]
    assert p5 < own < p95 and abs(p50 - own) < 0.25 * (p95 - p5), "the band is around the scenario's own path"
    base_run = montecarlo.run(load_parameters(), n=2000, headline=HEADLINE)
    assert p95 < base_run.percentiles.loc[end, "P95"], "not the base case's band"
