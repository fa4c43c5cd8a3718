"""Lists in the book's prose written as a reader says them: ``A``, ``A and B``, ``A, B and C``."""

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
