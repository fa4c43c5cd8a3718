"""analysis.treatment, cost: the cost of a course, the published costs, and ACTH's price over time."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.analysis import treatment as tc
from infantile_spasms_market.model.bottomup import us_course_cost_usd
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def costs() -> pd.DataFrame:
    return pd.DataFrame({
        "drug": ["acth", "acth", "acth", "vigabatrin"],
        "country": ["United States"] * 4,
        "year": [2020.0, None, 2006.0, 2015.0],
        "cost_usd": [100457.0, 32828.0, 3718.0, 5000.0],
        "basis": ["14-day course, median", "60-day inpatient cost", "14-day course, median", "14-day course, median"],
        "currency_original": ["USD", "USD", "USD", "EUR"],
        "cost_original": [100457.0, 32828.0, 3718.0, 4500.4],
        "source_id": ["m", "m", "m", "v"],
    })


def long() -> pd.DataFrame:
    history = pd.DataFrame({"year": [2017, 2001, 2018], "price_usd_per_vial": [34034, 40, 38892], "source_id": ["j", "o", "m"]})
    return tc.acth_price(history)


def test_course_numbers(base):
    numbers = tc.course_numbers(base, prefix="c-")
    course = us_course_cost_usd(base)
    assert numbers["c-acth-course"] == course["acth"] and numbers["c-pred-course"] == course["oral_steroids"]
    assert numbers["c-acth-over-pred"] == pytest.approx(course["acth"] / course["oral_steroids"])
    assert numbers["c-vig-months"] == pytest.approx(base.epidemiology.course_length_14d_units.vigabatrin * 14 / 30.4375)


def test_course_costs_cheapest_first_with_assumptions_marked(base):
    frame = tc.course_costs(base)
    assert frame["cost_per_course_usd"].is_monotonic_increasing
    assumed = set(base.epidemiology.assumed_course_cost_usd.model_dump())
    assert frame["assumed"].tolist() == [d in assumed for d in frame.index]
    texts = tc.cost_texts(pd.DataFrame({"cost_per_course_usd": [1234.4, 99.0], "assumed": [False, True]}))
    assert texts == ["USD 1,234", "USD 99 (assumed)"]


def test_costs_table_original_currency_and_pooled_years():
    table = tc.costs_table(costs())
    assert table["Year"].tolist() == ["2020", "pooled", "2006", "2015"]
    assert table["Cost (original currency)"].tolist() == ["USD 100,457", "USD 32,828", "USD 3,718", "EUR 4,500"]
    assert all(cell.startswith("{cite:p}`") and "-" not in cell for cell in table["Source"])


def test_acth_price_in_year_order():
    frame = long()
    assert frame.columns.tolist() == ["series", "year", "value", "source_id"]
    assert frame["series"].tolist() == [tc.VIAL] * 3
    assert frame["year"].tolist() == [2001, 2017, 2018]
    assert frame["value"].tolist() == [40, 34034, 38892]


def test_acth_numbers_and_takeaway():
    numbers = tc.acth_numbers(long())
    assert (numbers["vial-start"], numbers["vial-end"], numbers["vial-start-year"], numbers["vial-end-year"]) == (40.0, 38892.0, 2001, 2018)
    assert numbers["vial-multiple"] == pytest.approx(38892 / 40)
    assert isinstance(numbers["vial-start-year"], int)
    assert tc.price_takeaway(long()) == "Acthar Gel's price per vial rose from about USD 40 in 2001 to USD 38,892 in 2018"


def test_acth_numbers_name_the_middle_price_and_refuse_another_count():
    numbers = tc.acth_numbers(long(), prefix="p-")
    assert (numbers["p-vial-middle"], numbers["p-vial-middle-year"]) == (34034.0, 2017)
    with pytest.raises(ValueError, match="three prices"):
        tc.acth_numbers(long().iloc[:2])


def test_cost_bars_grey_the_assumed_and_leave_room_for_the_texts():
    costs = pd.DataFrame({"cost_per_course_usd": [99.0, 1234.4], "assumed": [True, False]}, index=["a", "b"])
    options = tc.cost_bars(costs, "grey", "blue")
    assert options["colours"] == ["grey", "blue"] and options["texts"] == ["USD 99 (assumed)", "USD 1,234"]
    assert options["log"] is True and options["lim"] == (50, pytest.approx(1234.4 * 40))
