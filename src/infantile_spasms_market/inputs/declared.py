"""What the running chapter reads: the input files it declared (reading any other is an error) and the parameters it read.

A chapter's cache key hashes only the files it declares (``open_chapter(..., reads=[...])``), so a
chapter that read an undeclared file could be reused after that file changed. Checking each read
against the declaration makes the key trustworthy. Outside a chapter nothing is declared and
every read is allowed.

Parameters are recorded as the chapter reads them, inside the model too: the scenario's
parameter sections report each field read (:func:`accessed`), and a whole section read at once
(a dump, a comparison, a copy) counts as every parameter in it. The build keys the chapter's
cache on the values of exactly these paths, so a chapter that never read a changed parameter is
reused, and one that read it is executed again.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..paths import REGISTER_FILE, data_file, record_file, table_file
from .files import DataFileError

ALWAYS_READ = tuple(data_file(name) for name in (
    REGISTER_FILE, record_file("report_headline"), *map(table_file, (
        "companies", "live_births", "course_costs", "products", "prices", "dosing", "exchange_rates", "price_levels")),
))
"""Read by every chapter: the register (source ids) and the companies (company ids), which the labels name, and the
market model's own inputs."""

OVERRIDES = "@overrides"
"""The read of the scenario's ``--set`` overrides as such (a chapter that lists them), beside parameter paths."""
WHOLE_READS = frozenset({"__dict__", "model_dump", "model_dump_json", "__iter__", "__getstate__", "__reduce__", "__reduce_ex__"})
"""Attribute names through which a section's every value is read at once."""

_declared: tuple[str, ...] | None = None
_read: set[str] | None = None  # parameter paths the running chapter read (None: not recording)
_checked: set[str] | None = None  # the input files checked inside :func:`apart` (None: outside it)
_tracked: dict[int, tuple[Any, str]] = {}  # id(section) -> (the section, kept alive while its id is used; its path)
_paused = 0


class UndeclaredInput(DataFileError):
    """A chapter read an input file it did not declare."""


def declare(paths: Iterable[str]) -> None:
    """Allow only ``paths`` (project-relative, ``*`` wildcards allowed) besides :data:`ALWAYS_READ`."""
    global _declared
    _declared = (*ALWAYS_READ, *paths)


def forget() -> None:
    """Allow every read again and stop recording parameters (a chapter is over, or a test is done)."""
    global _declared, _read, _paused, _checked
    _declared, _read, _paused, _checked = None, None, 0, None
    _tracked.clear()


def check(path: str) -> None:
    """Raise :class:`UndeclaredInput` when a chapter is running and did not declare ``path`` (project-relative)."""
    if _checked is not None:
        _checked.add(path)
    if _declared is None or any(fnmatch.fnmatchcase(path, pattern) for pattern in _declared):
        return
    raise UndeclaredInput(
        f"this chapter reads {path} but does not declare it: add {path!r} to open_chapter(..., reads=[...]) "
        "so that the build executes the chapter again when the file changes"
    )


# --------------------------------------------------------------------------- parameters read
def track(params: Any) -> None:
    """Record, from now on, every parameter read from ``params`` (the chapter's scenario) and the sections inside it."""
    global _read
    _read = set() if _read is None else _read
    _tracked[id(params)] = (params, "")


def derive(copy: Any, original: Any, changed: Iterable[str]) -> None:
    """Record reads from ``copy``, made from ``original`` with the dotted paths ``changed`` set, as reads of ``original``.

    Validating the copy read the sections that hold the changed paths (their checks, e.g. shares
    summing to one) and the distributions (each inside its parameter's bounds): those are recorded
    now. They also cover the copy's own values at the changed paths.
    """
    entry = _tracked.get(id(original))
    if entry is None:
        return
    for path in changed:
        note(_join(entry[1], path.rsplit(".", 1)[0] if "." in path else ""))
    note(_join(entry[1], "uncertainty.distributions"))
    _tracked[id(copy)] = (copy, entry[1])


def reader(params: Any):
    """A function that records a dotted path of ``params`` as read (a no-op when ``params`` is not tracked).

    For values taken from ``params`` in bulk, unrecorded, and read one by one later (the model's draws).
    """
    entry = _tracked.get(id(params))
    if entry is None:
        return _ignore
    base = entry[1]
    return lambda path: note(_join(base, path))


def _ignore(path: str) -> None:
    return None


@contextmanager
def unrecorded() -> Iterator[None]:
    """Read without recording (values taken in bulk whose single reads are recorded where they are used)."""
    global _paused
    _paused += 1
    try:
        yield
    finally:
        _paused -= 1


def accessed(section: Any, name: str, value: Any) -> None:
    """Called by every parameter section when ``name`` is read from it (see ``scenario.fields.Strict``).

    A field holding a section makes that section tracked under its own path; a field holding a
    value is a parameter read; reading the whole section (:data:`WHOLE_READS`) reads every
    parameter in it.
    """
    entry = _tracked.get(id(section))
    if entry is None or _paused:
        return
    path = entry[1]
    if name in WHOLE_READS:
        note(path)
        return
    if name not in type(section).__pydantic_fields__:
        return
    child = _join(path, name)
    if hasattr(type(value), "__pydantic_fields__"):
        if hasattr(type(value), "__ism_records_reads__"):
            _tracked.setdefault(id(value), (value, child))
        else:  # a model that does not report its reads: all of it counts as read
            note(child)
        return
    note(child)


def recording() -> bool:
    """Whether the running chapter's parameter reads are being recorded now (not paused by :func:`unrecorded`)."""
    return _read is not None and not _paused


def tracked_root(params: Any) -> bool:
    """Whether ``params`` is a whole scenario whose reads are recorded (the chapter's, or a copy derived from it)."""
    entry = _tracked.get(id(params))
    return entry is not None and entry[0] is params and entry[1] == ""


@contextmanager
def apart() -> Iterator[tuple[set[str], set[str]]]:
    """Record the parameters read and the input files checked inside, in sets of their own (yielded), as well as the chapter's.

    What one computation read, while the chapter goes on recording everything (:mod:`..remembered`).
    """
    global _read, _checked
    outer_read, outer_checked = _read, _checked
    _read, _checked = set(), set()
    inner = (_read, _checked)
    try:
        yield inner
    finally:
        _read, _checked = outer_read, outer_checked
        if outer_read is not None:
            outer_read |= inner[0]
        if outer_checked is not None:
            outer_checked |= inner[1]


def note(path: str) -> None:
    """Record ``path`` as read by the running chapter."""
    if _read is not None and not _paused:
        _read.add(path)


def parameters_read() -> list[str]:
    """The parameter paths the running chapter read so far, without those inside another read path ("" is the whole scenario)."""
    return minimal(_read or ())


def recorded() -> list[str] | None:
    """:func:`parameters_read`, or None when nothing was recorded (no chapter opened its scenario)."""
    return None if _read is None else parameters_read()


def minimal(paths: Iterable[str]) -> list[str]:
    """``paths`` sorted, without any path that lies inside another of them."""
    kept: list[str] = []
    for path in sorted(set(paths), key=lambda p: (p.count(".") if p else -1, p)):
        if not any(covers(k, path) for k in kept):
            kept.append(path)
    return sorted(kept)


def covers(outer: str, path: str) -> bool:
    """Whether reading ``outer`` reads ``path`` ("" is the whole scenario)."""
    if outer.startswith("@") or path.startswith("@"):
        return outer == path
    return outer == "" or path == outer or path.startswith(outer + ".")


def overlaps(a: str, b: str) -> bool:
    """Whether two parameter paths share a value (one lies inside the other)."""
    return covers(a, b) or covers(b, a)


def override_path(override: str) -> str:
    """The dotted parameter path an override ``path=value`` sets."""
    return override.partition("=")[0].strip()


def overrides_read(overrides: Iterable[str], paths: Iterable[str]) -> list[str]:
    """The ``overrides`` of parameters within the read ``paths`` (all of them when the overrides themselves were read).

    What a chapter shows of the overrides: one of a parameter it did not read changes nothing it shows.
    """
    paths = list(paths)
    if OVERRIDES in paths:
        return list(overrides)
    return [o for o in overrides if any(overlaps(override_path(o), p) for p in paths)]


def _join(base: str, name: str) -> str:
    return f"{base}.{name}" if base else name
