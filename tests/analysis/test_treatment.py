"""analysis.treatment, onset and response: onset studies, response groups and the rates the chapter quotes."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.analysis import treatment as tr
from infantile_spasms_market.scenario.loading import load_parameters


def response() -> pd.DataFrame:
    return pd.DataFrame({
        "study": [tr.UKISS, tr.UKISS, tr.NISC, tr.NISC],
        "treatment": ["hormonal (prednisolone or tetracosactide)", "vigabatrin", "ACTH", "non-standard therapy"],
        "outcome": ["cessation of spasms on days 13 and 14 of treatment", "same", "sustained remission", "x"],
        "response_pct": [73.0, 54.0, 46.0, 9.0],
    })


def onset() -> pd.DataFrame:
    return pd.DataFrame({
        "statistic": ["mean", "peak"],
        "age_low_months": [7.5, 4.0],
        "age_high_months": [None, 6.0],
    }, index=pd.Index([tr.UKISS_ONSET, tr.COWAN_HUDSON], name="study"))


def test_onset_numbers_and_table():
    assert tr.onset_numbers(onset(), prefix="o-") == {"o-onset-ukiss": 7.5, "o-onset-peak-low": 4.0, "o-onset-peak-high": 6.0}
    table = tr.onset_table(onset())
    assert table.index.name == "Study" and table.columns.tolist() == ["Statistic", *tr.ONSET_FORMATS]
    assert table["Age, high (months)"].iloc[1] == 6.0


def test_with_groups_maps_every_treatment_or_refuses():
    grouped = tr.with_groups(response())
    assert grouped["group"].tolist() == ["Hormonal (either)", "Vigabatrin", "ACTH or tetracosactide", "Non-standard therapy"]
    assert set(grouped["group"]) <= set(tr.GROUP_ORDER)
    with pytest.raises(ValueError, match=r"treatments without a chart group: \['ketogenic diet'\]"):
        tr.with_groups(response().assign(treatment=["ketogenic diet", "vigabatrin", "ACTH", "ACTH"]))


def test_response_chart_one_series_per_study_with_its_measure():
    chart = tr.response_chart(tr.with_groups(response()), width=200)
    assert chart.columns.tolist() == ["group", "series", "value"]
    assert chart["series"].tolist() == [f"{tr.UKISS}: cessation of spasms on days 13 and 14 of treatment"] * 2 + [f"{tr.NISC}: sustained remission"] * 2
    assert chart["value"].tolist() == [73.0, 54.0, 46.0, 9.0]
    assert "\n" in tr.response_chart(tr.with_groups(response()))["series"].iloc[0]  # wrapped at 34 characters


def test_response_numbers():
    numbers = tr.response_numbers(response(), load_parameters())
    assert (numbers["ukiss-hormonal"], numbers["ukiss-vigabatrin"], numbers["nisc-nonstandard"]) == (73.0, 54.0, 9.0)
    assert numbers["best-response-ceiling"] == 80.0
    assert numbers["courses"] == load_parameters().epidemiology.courses_per_treated_patient


def test_the_cost_chart_names_the_drug_groups_shortly():
    costs = pd.DataFrame({"cost_per_course_usd": [10.0, 900.0], "assumed": [True, False]}, index=["oral_steroids", "acth"])
    assert tr.cost_chart_data(costs).to_dict() == {"Oral steroids": 10.0, "ACTH": 900.0}
