"""Tests for analysis.events: events in date order with their date text, and what the record holds."""

from __future__ import annotations

import pandas as pd

from infantile_spasms_market.analysis.events import in_date_order, record_values

EVENTS = pd.DataFrame({
    "date": pd.to_datetime(["2014-01-01", "2009-08-21", "2019-07-01", "2024-06-01"]),
    "date_precision": ["year", "day", "month", "day"],
    "kind": ["deal", "approval", "generic", "deal"],
    "event": ["b", "a", "c", "d"],
})


def test_in_date_order_sorts_and_adds_the_date_text():
    ordered = in_date_order(EVENTS)
    assert ordered["event"].tolist() == ["a", "b", "c", "d"]
    assert list(ordered.index) == [0, 1, 2, 3]
    assert ordered["date_text"].tolist() == ["21 Aug 2009", "2014", "Jul 2019", "1 Jun 2024"]
    assert "date_text" not in EVENTS


def test_record_values_count_and_span():
    assert record_values(EVENTS, prefix="x-") == {
        "x-n-events": 4, "x-n-deals": 2, "x-n-generics": 1, "x-first-event-year": 2009, "x-last-event-year": 2024,
    }
    assert set(record_values(EVENTS)) == {"n-events", "n-deals", "n-generics", "first-event-year", "last-event-year"}
