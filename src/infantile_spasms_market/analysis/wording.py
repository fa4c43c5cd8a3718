"""Words for the book's prose and tables: lists as a reader says them, paths that may wrap in a narrow column."""

from __future__ import annotations

from collections.abc import Iterable


def join_names(items: Iterable[str]) -> str:
    """``items`` as an English list: ``"A"``, ``"A and B"``, ``"A, B and C"``.

    Raises
    ------
    ValueError
        When there is nothing to list.
    """
    items = [str(item) for item in items]
    if not items:
        raise ValueError("no names to join")
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def breakable(text: str) -> str:
    """A dotted parameter path that may wrap after its dots and underscores in a narrow table column."""
    return text.replace(".", ".<wbr>").replace("_", "_<wbr>")
