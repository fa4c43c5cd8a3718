"""analysis.diagnosis_gap: the care cascade by region, the gap's numbers and table, and the delay to treatment."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.analysis import diagnosis_gap
from infantile_spasms_market.scenario.loading import load_parameters


def regions() -> pd.DataFrame:
    return pd.DataFrame({
        "births": [1000.0, 4000.0],
        "incident_cases": [100.0, 400.0],
        "diagnosed_cases": [90.0, 200.0],
        "treated_patients": [80.0, 100.0],
        "value_usd_m": [50.0, 5.0],
    }, index=pd.Index(["North", "South"], name="region"))


def gap() -> pd.DataFrame:
    frame = pd.DataFrame({
        "incident_cases": [100.0, 400.0], "treated_patients": [80.0, 100.0], "treated_patients_at_benchmark": [80.0, 320.0],
        "value_usd_m": [50.0, 5.0], "value_at_benchmark_usd_m": [50.0, 15.0],
    }, index=["North", "South"])
    frame.loc["Global"] = frame.sum()
    frame["added_patients"] = frame["treated_patients_at_benchmark"] - frame["treated_patients"]
    frame["untreated_at_benchmark"] = frame["incident_cases"] - frame["treated_patients_at_benchmark"]
    frame["added_value_usd_m"] = frame["value_at_benchmark_usd_m"] - frame["value_usd_m"]
    return frame


def test_care_cascade_last_region_first_with_named_stages():
    cascade = diagnosis_gap.care_cascade(regions())
    assert cascade.index.tolist() == ["South", "North"]
    assert cascade.columns.tolist() == ["Incident cases", "Diagnosed", "Treated"]
    assert cascade["Treated"].tolist() == [100.0, 80.0]
    assert diagnosis_gap.treated_notes(cascade) == ["25 % treated", "80 % treated"]


def test_cascade_numbers():
    numbers = diagnosis_gap.cascade_numbers(regions(), prefix="c-")
    assert (numbers["c-incident"], numbers["c-diagnosed"], numbers["c-treated"], numbers["c-untreated"]) == (500.0, 290.0, 180.0, 320.0)
    assert numbers["c-untreated-pct"] == pytest.approx(64.0)
    assert (numbers["c-treated-best-region"], numbers["c-treated-best-pct"]) == ("North", 80.0)
    assert (numbers["c-treated-worst-region"], numbers["c-treated-worst-pct"]) == ("South", 25.0)


def test_gap_numbers():
    params = load_parameters()
    numbers = diagnosis_gap.gap_numbers(params, gap())
    assert (numbers["gap-patients"], numbers["gap-value"]) == (220.0, 10.0)
    assert numbers["gap-patients-pct"] == pytest.approx(100 * 220 / 180)
    assert numbers["gap-value-pct"] == pytest.approx(100 * 10 / 55)
    assert (numbers["bottom-up-value"], numbers["bottom-up-closed"]) == (55.0, 65.0)
    assert (numbers["gap-top-region"], numbers["gap-top-region-value"]) == ("South", 10.0)
    assert (numbers["gap-top-patients-region"], numbers["gap-top-patients"]) == ("South", 220.0)
    assert numbers["gap-still-untreated"] == 100.0
    assert numbers["na-diagnosed"] == pytest.approx(100 * params.epidemiology.diagnosed_share.north_america)
    assert numbers["na-treated"] == pytest.approx(100 * params.epidemiology.treated_share.north_america)


def test_gap_table():
    table = diagnosis_gap.gap_table(gap())
    assert table.index.name == "Region" and table.index.tolist() == ["North", "South", "Global"]
    assert table.columns.tolist() == ["Treated now", "Treated at benchmark", "Added patients", "Value now (USD m)", "Added value (USD m)"]
    assert table.loc["Global", "Added patients"] == 220.0
    assert set(diagnosis_gap.GAP_COUNTS) <= set(table.columns)


def test_delay_numbers():
    ttt = pd.DataFrame({"value": [28.5, 41.0]}, index=[diagnosis_gap.DELAY, diagnosis_gap.WITHIN_WEEK])
    assert diagnosis_gap.delay_numbers(ttt, prefix="t-") == {"t-days-to-effective": 28.5, "t-within-week": 41.0}


def test_the_charts_options_come_from_their_data():
    cascade = diagnosis_gap.care_cascade(regions())
    options = diagnosis_gap.cascade_bars(cascade, ["a", "b", "c"])
    assert options["colours"] == ["a", "b", "c"] and options["notes"] == ["25 % treated", "80 % treated"]
    (added, left), (value, right) = diagnosis_gap.gap_bars(diagnosis_gap.gap_chart_data(gap()), "green")
    assert added.tolist() == [0.22, 0.0] and left["texts"] == ["220", "0"] and left["colours"] == "green"
    assert left["lim"] == (0, pytest.approx(1.3 * 0.22)) and right["lim"] == (0, pytest.approx(13.0))
    assert value.tolist() == [10.0, 0.0]


def test_glue_keys_have_no_prefix_unless_one_is_given():
    assert {"incident", "untreated-pct", "treated-worst-region"} <= set(diagnosis_gap.cascade_numbers(regions()))
    ttt = pd.DataFrame({"value": [28.5, 41.0]}, index=[diagnosis_gap.DELAY, diagnosis_gap.WITHIN_WEEK])
    assert diagnosis_gap.delay_numbers(ttt) == {"days-to-effective": 28.5, "within-week": 41.0}


def test_the_cascade_chart_options():
    cascade = diagnosis_gap.care_cascade(regions())
    assert diagnosis_gap.cascade_bars(cascade, ["a", "b", "c"]) == {
        "colours": ["a", "b", "c"], "height": 0.27, "note_pad": 0.2, "room": 1.2, "notes": ["25 % treated", "80 % treated"],
        "legend_loc": "upper right"}


def test_the_gap_chart_panels_their_labels_and_lengths():
    (added, left), (value, right) = diagnosis_gap.gap_bars(diagnosis_gap.gap_chart_data(gap()), "green")
    assert left == {"colours": "green", "texts": ["220", "0"], "pad": 0.1, "lim": (0, pytest.approx(0.286)),
                    "xlabel": "Infants treated in addition (thousands a year)", "title": "Patients"}
    assert right == {"fmt": "{:,.2f}", "pad": 0.05, "lim": (0, pytest.approx(13.0)),
                     "xlabel": "Added value (USD million a year)", "title": "Value"}
    assert right["fmt"].format(1234.5) == "1,234.50"
    # a gap that adds almost no value still gets an axis of 0.13 (1.3 x 0.1), never one of zero length
    closed = gap().assign(added_value_usd_m=0.02)
    (_, _), (_, right) = diagnosis_gap.gap_bars(diagnosis_gap.gap_chart_data(closed), "green")
    assert right["lim"] == (0, pytest.approx(0.13))


def test_the_gap_tables_columns_hold_the_gaps_values():
    table = diagnosis_gap.gap_table(gap())
    assert table.loc["South"].to_dict() == {"Treated now": 100.0, "Treated at benchmark": 320.0, "Added patients": 220.0,
                                            "Value now (USD m)": 5.0, "Added value (USD m)": 10.0}
