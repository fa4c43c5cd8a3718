"""Tests for infantile_spasms_market.events: dates at their precision, indication, approvals."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market import data
from infantile_spasms_market.events import approvals, date_text, for_infantile_spasms


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


def test_for_infantile_spasms_reads_the_text_and_the_note():
    frame = _events([
        ("2009-08-21", "day", "FDA approves Sabril for infantile spasms", "approval", None),
        ("2024-03-01", "day", "Injector approved for infantile spasms patients' carers", "approval", "Adults only; not for infantile spasms"),
        ("2023-11-23", "day", "Approval for Dravet syndrome", "approval", "Not an infantile spasms indication"),
    ])
    assert for_infantile_spasms(frame).tolist() == [True, False, False]


def test_approvals_of_the_data():
    events = data.load_table("events")
    found = approvals(events)
    assert (found["kind"] == "approval").all()
    assert found["date"].is_monotonic_increasing
    spasms = found.loc[found["for_infantile_spasms"], "drug"].tolist()
    assert spasms == ["vigabatrin", "acth", "vigabatrin"]  # Sabril 2009, Acthar 2010, Vigafyde 2024


def test_missing_columns_are_named():
    with pytest.raises(KeyError, match="date_precision"):
        date_text(pd.DataFrame({"date": ["2020-01-01"]}))
