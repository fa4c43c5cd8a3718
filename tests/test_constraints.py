"""One wording for a bound: data errors, parameter errors and the methodology table all use Interval."""

from __future__ import annotations

from typing import Annotated, Optional

import pytest
from pydantic import BaseModel, Field

from infantile_spasms_market.constraints import Interval, interval_at, number


@pytest.mark.parametrize(
    ("interval", "words"),
    [
        (Interval(0, 1), "from 0 to 1"),
        (Interval(0, 2, low_included=False), "greater than 0 and at most 2"),
        (Interval(0, 2, high_included=False), "at least 0 and less than 2"),
        (Interval(0, 2, False, False), "greater than 0 and less than 2"),
        (Interval(0), "at least 0"),
        (Interval(0, low_included=False), "greater than 0"),
        (Interval(high=3), "at most 3"),
        (Interval(high=3, high_included=False), "less than 3"),
        (Interval(), "any number"),
        (Interval(100, 1_000_000), "from 100 to 1000000"),
        (Interval(-0.2, 0.2), "from -0.2 to 0.2"),
    ],
)
def test_an_interval_describes_itself(interval: Interval, words: str):
    assert str(interval) == words


@pytest.mark.parametrize(("value", "inside"), [(0, False), (1e-9, True), (2, True), (2.0001, False), (-1, False)])
def test_membership_respects_open_and_closed_ends(value: float, inside: bool):
    assert (value in Interval(0, 2, low_included=False)) is inside


def test_numbers_are_written_as_readers_write_them():
    assert [number(v) for v in (1_000_000, 0.25, 2030.0, -0.2)] == ["1000000", "0.25", "2030", "-0.2"]


class _Row(BaseModel):
    share_pct: Annotated[float, Field(ge=0, le=100)]
    count: Optional[Annotated[int, Field(gt=0)]] = None
    year: int = Field(ge=1900, le=2100)
    label: str = "x"
    by_year: dict[int, Annotated[float, Field(gt=0)]] = {}


@pytest.mark.parametrize(
    ("loc", "words"),
    [(("share_pct",), "from 0 to 100"), (("count",), "greater than 0"), (("year",), "from 1900 to 2100"), (("by_year", 2024), "greater than 0")],
)
def test_bounds_are_read_wherever_the_field_declares_them(loc, words):
    assert str(interval_at(_Row, loc)) == words


def test_a_field_without_bounds_has_no_interval():
    assert interval_at(_Row, ("label",)) is None
    assert interval_at(_Row, ("nowhere",)) is None
