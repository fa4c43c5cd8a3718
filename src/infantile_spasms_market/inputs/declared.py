"""What the running chapter declared it reads: reading any other input file is an error.

A chapter's cache key hashes only the files it declares (``open_chapter(..., reads=[...])``), so a
chapter that read an undeclared file could be reused after that file changed. Checking each read
against the declaration makes the key trustworthy. Outside a chapter nothing is declared and
every read is allowed.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from ..paths import REGISTER_FILE, data_file
from .files import DataFileError

ALWAYS_READ = tuple(data_file(name) for name in (
    REGISTER_FILE, "companies.csv", "report_headline.yaml", "live_births.csv", "course_costs.csv",
    "products.csv", "prices.csv", "dosing.csv", "exchange_rates.csv", "price_levels.csv",
))
"""Read by every chapter: the register (source ids) and the companies (company ids), which the labels name, and the
market model's own inputs."""

_declared: tuple[str, ...] | None = None


class UndeclaredInput(DataFileError):
    """A chapter read an input file it did not declare."""


def declare(paths: Iterable[str]) -> None:
    """Allow only ``paths`` (project-relative, ``*`` wildcards allowed) besides :data:`ALWAYS_READ`."""
    global _declared
    _declared = (*ALWAYS_READ, *paths)


def forget() -> None:
    """Allow every read again (a chapter is over, or a test is done)."""
    global _declared
    _declared = None


def check(path: str) -> None:
    """Raise :class:`UndeclaredInput` when a chapter is running and did not declare ``path`` (project-relative)."""
    if _declared is None or any(fnmatch.fnmatchcase(path, pattern) for pattern in _declared):
        return
    raise UndeclaredInput(
        f"this chapter reads {path} but does not declare it: add {path!r} to open_chapter(..., reads=[...]) "
        "so that the build executes the chapter again when the file changes"
    )
