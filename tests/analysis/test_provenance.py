"""Every parameter says where its value comes from, and the derived ones agree with the data they come from."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.inputs import load_table
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.register import load_register
from infantile_spasms_market.inputs.taxonomy import COUNTRY_IDS_BY_NAME
from infantile_spasms_market.model.bottomup import us_course_cost_usd
from infantile_spasms_market.scenario import loading
from infantile_spasms_market.analysis.parameter_table import (
    ParameterRow,
    parameter_rows,
    parameter_table,
)
from infantile_spasms_market.analysis.parameter_table import (
    basis_counts,
    provenance_problems,
)

SOURCES = [s["id"] for s in load_register()["sources"]]


@pytest.fixture(scope="module")
def base():
    return loading.load_parameters()


def _row(path: str = "x.y", basis: str = "assumption", source: str = "", derived_from: str = "", rationale: str = "Why.") -> ParameterRow:
    return ParameterRow(path=path, description="d", value="1", unit="u", allowed="any", rationale=rationale,
                        basis=basis, derived_from=derived_from, source=source)


def test_every_parameter_states_a_basis_the_register_supports(base) -> None:
    assert provenance_problems(parameter_rows(base), SOURCES) == []


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (_row(basis=""), "x.y: no basis"),
        (_row(basis="sourced"), "x.y: sourced but names no source"),
        (_row(basis="derived", source="jia-2018"), "x.y: derived but does not say from what"),
        (_row(basis="assumption", source="jia-2018"), "x.y: an assumption cannot name sources (jia-2018)"),
        (_row(rationale="As jia-2018 shows."), "x.y: an assumption's rationale cites source id(s) jia-2018"),
        (_row(basis="sourced", source="no-such-study"), "x.y: source 'no-such-study' is not in the data register"),
    ],
)
def test_each_broken_provenance_is_named(row: ParameterRow, problem: str) -> None:
    problems = provenance_problems([row], SOURCES)
    assert len(problems) == 1 and problems[0].startswith(problem), problems


def test_an_assumption_may_name_a_data_file_in_its_reasoning() -> None:
    assert provenance_problems([_row(rationale="Set from data/treatment_response.csv.")], SOURCES) == []


def test_basis_counts_cover_every_basis(base) -> None:
    counts = basis_counts(parameter_table(base))
    assert set(counts) == {"sourced", "derived", "assumption"}
    assert sum(counts.values()) == len(parameter_table(base))
    assert basis_counts(pd.DataFrame({"basis": ["derived"]})) == {"sourced": 0, "derived": 1, "assumption": 0}


# --- derived values agree with the data they are derived from ------------------------------------
@pytest.mark.parametrize("country", ["United Kingdom", "Japan", "Saudi Arabia"])
def test_a_coverage_factor_is_all_parts_of_the_countrys_births_over_the_part_its_row_holds(base, country) -> None:
    parts = load_table("births_by_part").query("country == @country")["births"]
    factor = base.countries.births_coverage_factor.model_dump()[COUNTRY_IDS_BY_NAME[country]]
    assert factor == pytest.approx(parts.sum() / parts.iloc[0], abs=5e-4)  # the first row is the part live_births.csv holds


def test_every_country_with_parts_has_its_factor_checked() -> None:
    assert set(load_table("births_by_part")["country"]) == {"United Kingdom", "Japan", "Saudi Arabia"}


def test_india_coverage_factor_is_registered_births_over_the_registration_coverage(base) -> None:
    assert "registration coverage 98.4 %" in load_table("live_births").set_index("country").loc["India", "coverage"]
    assert base.countries.births_coverage_factor.india == pytest.approx(1 / 0.984, abs=5e-4)


def test_novel_price_is_the_lowest_recent_gene_therapy_price(base) -> None:
    assert base.trends.novel_therapy.price_per_patient_usd == load_table("gene_therapy_prices")["price_usd"].min()


def test_eligible_share_is_the_genetic_share_of_the_cohort(base) -> None:
    etiology = load_table("etiology").set_index("category")["share_pct"]
    assert base.trends.novel_therapy.eligible_share_of_treated == pytest.approx(etiology["genetic"] / 100)


def test_end_year_is_the_report_forecast_end(base) -> None:
    assert base.market.end_year == Headline.from_data().end_year


def test_courses_per_patient_is_one_plus_the_non_responders(base) -> None:
    response = load_table("treatment_response")
    standard = response[(response["source_id"] == "knupp-2016") & (response["treatment"] != "non-standard therapy")]
    assert standard["response_pct"].max() > 50 > standard["response_pct"].min()  # about half respond, whatever the drug
    assert base.epidemiology.courses_per_treated_patient == pytest.approx(1.5)


def test_north_america_first_line_mix_is_the_us_consortium_cohort(base) -> None:
    arms = load_table("treatment_response").query("source_id == 'grinspan-2021'").set_index("treatment")["n_patients"]
    groups = {"ACTH": "acth", "oral steroids": "oral_steroids", "vigabatrin": "vigabatrin", "non-standard therapy": "other_anticonvulsants"}
    expected = (arms.rename(index=groups) / arms.sum()).to_dict()
    mix = base.epidemiology.first_line_mix.north_america.model_dump()
    assert set(arms.index) == set(groups) and mix["others"] == 0.0
    for drug, share in expected.items():
        assert mix[drug] == pytest.approx(share, abs=6e-4), drug


def test_north_america_top_down_mix_is_the_bottom_up_value_share(base) -> None:
    mix = pd.Series(base.epidemiology.first_line_mix.north_america.model_dump())
    value = mix * us_course_cost_usd(base)
    shares = value / value.sum()
    top_down = pd.Series(base.segments.drug_mix_2024.north_america.model_dump())
    assert (top_down - shares).abs().max() < 1e-3


def test_incidence_distribution_spans_the_published_estimates(base) -> None:
    estimates = load_table("incidence_estimates")
    values = estimates[["incidence_per_1000_low", "incidence_per_1000_central", "incidence_per_1000_high"]].stack()
    dist = base.uncertainty.distributions["epidemiology.incidence_per_1000"]
    assert (dist.low, dist.high) == (pytest.approx(values.min()), pytest.approx(values.max()))
    assert dist.mode == base.epidemiology.incidence_per_1000
