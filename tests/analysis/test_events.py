"""Tests for infantile_spasms_market.analysis.events: dates at their precision, indication, approvals."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market import inputs
from infantile_spasms_market.analysis.events import (
    approvals,
    date_text,
    for_infantile_spasms,
)


def _events(rows):
    return pd.DataFrame(rows, columns=["date", "date_precision", "event", "kind", "note"])


def test_date_text_follows_the_precision():
    frame = _events([
        ("2009-08-21", "day", "a", "approval", None),
        ("2018-07-01", "month", "b", "generic", None),
        ("2014-01-01", "year", "c", "deal", None),
    ])
    assert date_text(frame).tolist() == ["21 Aug 2009", "Jul 2018", "2014"]


def test_date_text_refuses_an_unknown_precision():
    with pytest.raises(ValueError, match="unknown date precision"):
        date_text(_events([("2009-08-21", "week", "a", "approval", None)]))


def test_for_infantile_spasms_reads_the_data_column_not_the_wording():
    frame = _events([
        ("2009-08-21", "day", "FDA approves Sabril for infantile spasms", "approval", None),
        ("2024-03-01", "day", "Injector approved for infantile spasms patients' carers", "approval", "Adults only"),
        ("2018-07-01", "month", "Generic of Sabril powder launched", "generic", None),
    ]).assign(concerns_infantile_spasms=["yes", "no", "yes"])
    assert for_infantile_spasms(frame).tolist() == [True, False, True]


def test_for_infantile_spasms_needs_the_column():
    with pytest.raises(KeyError, match="concerns_infantile_spasms"):
        for_infantile_spasms(_events([("2009-08-21", "day", "a", "approval", None)]))


def test_events_of_the_data_that_concern_infantile_spasms():
    events = inputs.load_table("events")
    concerned = events.loc[for_infantile_spasms(events), "event"]
    assert concerned.str.contains(r"Sabril|Acthar|Synacthen|Kigabeq|Vigafyde|Vigadrone|Pyros|generic vigabatrin powder|"
                                  r"designation to \w+ for infantile spasms|orphan drug designation to Epidiolex").all()
    others = events.loc[~for_infantile_spasms(events), "event"]
    assert others.str.contains("ALS|amyotrophic|Lennox-Gastaut|Cortrophin|SelfJect|tablets|Actavis Generics|label not read").all()


def test_approvals_of_the_data():
    events = inputs.load_table("events")
    found = approvals(events)
    assert (found["kind"] == "approval").all()
    assert found["date"].is_monotonic_increasing
    spasms = found.loc[found["for_infantile_spasms"], "drug"].tolist()
    assert spasms == ["vigabatrin", "acth", "vigabatrin", "vigabatrin"]  # Sabril 2009, Acthar 2010, Kigabeq (CHMP) 2018, Vigafyde 2024


def test_missing_columns_are_named():
    with pytest.raises(KeyError, match="date_precision"):
        date_text(pd.DataFrame({"date": ["2020-01-01"]}))
