"""The market's dated events (approvals, launches, deals, generics, pipeline): dates shown at their precision, and which concern infantile spasms."""

from __future__ import annotations

import pandas as pd

DATE_FORMATS = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def _require(events: pd.DataFrame, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in events.columns]
    if missing:
        raise KeyError(f"events lack the column(s) {', '.join(missing)}")


def date_text(events: pd.DataFrame) -> pd.Series:
    """Each event's date written at its precision: ``21 Aug 2009``, ``Jul 2018`` or ``2014``."""
    _require(events, ("date", "date_precision"))
    unknown = sorted(set(events["date_precision"]) - set(DATE_FORMATS))
    if unknown:
        raise ValueError(f"unknown date precision(s) {unknown}; allowed: {', '.join(DATE_FORMATS)}")
    dates = pd.to_datetime(events["date"])
    return pd.Series(
        [d.strftime(DATE_FORMATS[p]) for d, p in zip(dates, events["date_precision"])], index=events.index, name="date_text"
    )


def for_infantile_spasms(events: pd.DataFrame) -> pd.Series:
    """Whether each event concerns infantile spasms (the data's ``concerns_infantile_spasms`` column)."""
    _require(events, ("concerns_infantile_spasms",))
    return events["concerns_infantile_spasms"].eq("yes").astype(bool).rename("for_infantile_spasms")


def approvals(events: pd.DataFrame) -> pd.DataFrame:
    """The approvals in date order, with ``date_text`` and ``for_infantile_spasms`` columns added."""
    _require(events, ("kind",))
    chosen = events[events["kind"] == "approval"].sort_values("date")
    return chosen.assign(date_text=date_text(chosen), for_infantile_spasms=for_infantile_spasms(chosen))


def in_date_order(events: pd.DataFrame) -> pd.DataFrame:
    """The events sorted by date (index renumbered), with a ``date_text`` column added (:func:`date_text`)."""
    ordered = events.sort_values("date").reset_index(drop=True)
    return ordered.assign(date_text=date_text(ordered))


def record_values(events: pd.DataFrame, prefix: str = "") -> dict[str, int]:
    """How many events, deals and generics the data hold and the years they span, keyed for ``glue``.

    Keys (after ``prefix``): ``n-events``, ``n-deals``, ``n-generics``, ``first-event-year`` and
    ``last-event-year``.
    """
    _require(events, ("date", "kind"))
    years = pd.to_datetime(events["date"]).dt.year
    return {
        f"{prefix}n-events": len(events),
        f"{prefix}n-deals": int((events["kind"] == "deal").sum()),
        f"{prefix}n-generics": int((events["kind"] == "generic").sum()),
        f"{prefix}first-event-year": int(years.min()),
        f"{prefix}last-event-year": int(years.max()),
    }
