"""The data register (``data/register.yaml``): every source's provenance and every file's documentation, checked for gaps."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from ..constraints import one_of
from .files import REGISTER_FILE, DataFileError, _memoised, _resolve, _yaml_load


def load_register(data_dir: Path | str | None = None) -> dict[str, Any]:
    """Read the data register ``register.yaml``.

    Parameters
    ----------
    data_dir : path-like, optional
        Directory to read from; defaults to the project's (:data:`..paths.DATA_DIR`).

    Returns
    -------
    dict
        The register with its two lists, ``sources`` (provenance of every source:
        id, producer, title, url, date_published, date_accessed, licence, notes)
        and ``files`` (one entry per data file: file, title, description,
        columns with units, sources).

    Raises
    ------
    DataFileError
        If the register is missing, is not valid YAML or lacks either list.
    """
    directory = _resolve(data_dir)
    return _memoised("load_register", "register", directory, (REGISTER_FILE,), lambda: _load_register(directory))


def _load_register(data_dir: Path | str | None = None) -> dict[str, Any]:
    """Uncached :func:`load_register`."""
    path = _resolve(data_dir) / REGISTER_FILE
    if not path.is_file():
        raise DataFileError(f"{path}: file not found")
    try:
        register = _yaml_load(path)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{REGISTER_FILE}: not valid YAML ({exc})") from None
    if not isinstance(register, dict) or not isinstance(register.get("sources"), list) or not isinstance(
        register.get("files"), list
    ):
        raise DataFileError(f"{REGISTER_FILE}: must be a mapping with the lists 'sources' and 'files'")
    return register


_SOURCE_FIELDS = ("id", "producer", "title", "url", "date_published", "date_accessed", "licence", "read", "verified", "verification", "notes")
READ = ("full text", "abstract", "press release", "secondary report", "web page", "registry record", "statistical release")
"""What was read of a source: the document itself, only its abstract, a company's release, a report about it, ..."""
_FILE_FIELDS = ("file", "title", "description", "columns", "sources")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _data_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.suffix in (".csv", ".yaml") and p.name != REGISTER_FILE)


def _file_header(path: Path) -> list[str]:
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            return [h.strip() for h in next(csv.reader(handle), [])]
    raw = _yaml_load(path)
    return list(raw) if isinstance(raw, dict) else []


def _used_source_ids(path: Path) -> set[str]:
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            return {row["source_id"].strip() for row in csv.DictReader(handle) if (row.get("source_id") or "").strip()}
    raw = _yaml_load(path)
    return {str(raw["source_id"])} if isinstance(raw, dict) and raw.get("source_id") else set()


def _unlocated_rows(path: Path) -> list[str]:
    """Where a data file's figures lack a locator: a CSV without the column or rows with it empty (line numbers)."""
    if path.suffix != ".csv":
        raw = _yaml_load(path)
        return [] if isinstance(raw, dict) and raw.get("locators") else ["no 'locators' mapping"]
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if "locator" not in (reader.fieldnames or []):
            return ["no 'locator' column"]
        return [f"row {reader.line_num} has no locator" for row in reader if not (row.get("locator") or "").strip()]


def check_register(data_dir: Path | str | None = None) -> list[str]:
    """List the problems of the data register; an empty list means it is complete.

    Parameters
    ----------
    data_dir : path-like, optional
        Directory to check; defaults to the project's (:data:`..paths.DATA_DIR`).

    Returns
    -------
    list of str
        One sentence per problem: a data file without a register entry, an entry
        without a file, an entry missing a field or whose columns differ from the
        file's header, a source id used by a file (in the register or in its
        ``source_id`` values) that is not in ``sources``, a data row without a
        ``locator``, a source missing a required field (what was ``read``,
        whether it was ``verified`` and the ``verification``) or with a malformed
        date, and duplicate ids.

    Raises
    ------
    DataFileError
        If the register itself cannot be read (see :func:`load_register`).
    """
    directory = _resolve(data_dir)
    register = load_register(directory)
    problems: list[str] = []
    source_ids: set[str] = set()
    for index, source in enumerate(register["sources"], start=1):
        if not isinstance(source, dict):
            problems.append(f"source #{index}: must be a mapping")
            continue
        label = f"source {source.get('id')!r}" if source.get("id") else f"source #{index}"
        for key in _SOURCE_FIELDS:
            if key not in source:
                problems.append(f"{label}: missing field {key!r}")
            elif source[key] in (None, "") and key not in ("date_published", "verified"):
                problems.append(f"{label}: field {key!r} is empty")
        if "read" in source and source["read"] not in READ:
            problems.append(f"{label}: read {source['read']!r} must be {one_of(READ)}")
        if "verified" in source and not isinstance(source["verified"], bool):
            problems.append(f"{label}: verified must be true or false")
        published = source.get("date_published")
        if published is None and "date_published" in source and not source.get("notes"):
            problems.append(f"{label}: date_published is null without notes explaining why")
        for key in ("date_published", "date_accessed"):
            value = source.get(key)
            if value is not None and not isinstance(value, dt.date) and not _PARTIAL_DATE.match(str(value)):
                problems.append(f"{label}: {key} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if source.get("id") in source_ids:
            problems.append(f"{label}: duplicate id")
        source_ids.add(str(source.get("id")))
    entries: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(register["files"], start=1):
        if not isinstance(entry, dict) or not entry.get("file"):
            problems.append(f"files entry #{index}: must be a mapping with a 'file'")
            continue
        if entry["file"] in entries:
            problems.append(f"files entry {entry['file']!r}: duplicate entry")
        entries[entry["file"]] = entry
        for key in _FILE_FIELDS:
            if not entry.get(key):
                problems.append(f"files entry {entry['file']!r}: missing field {key!r}")
        for sid in entry.get("sources") or []:
            if sid not in source_ids:
                problems.append(f"files entry {entry['file']!r}: source {sid!r} is not in sources")
    present = _data_files(directory)
    for name in present:
        if name not in entries:
            problems.append(f"{name}: data file without a register entry")
    for name, entry in entries.items():
        path = directory / name
        if name not in present:
            problems.append(f"{name}: register entry without a file")
            continue
        header, documented = _file_header(path), list((entry.get("columns") or {}).keys())
        for column in header:
            if column not in documented:
                problems.append(f"{name}: column {column!r} is not documented in the register")
        for column in documented:
            if column not in header:
                problems.append(f"{name}: register documents column {column!r} that the file lacks")
        problems += [f"{name}: {problem}" for problem in _unlocated_rows(path)]
        for sid in sorted(_used_source_ids(path)):
            if sid not in source_ids:
                problems.append(f"{name}: source_id {sid!r} is not in sources")
            elif sid not in (entry.get("sources") or []):
                problems.append(f"{name}: source_id {sid!r} is used but not listed in the entry's sources")
    return problems


_PERSON = re.compile(r"^(?P<surname>[A-Z][A-Za-z'\-]+(?: [A-Z][a-z]+)?) [A-Z]{1,3}\b")


def data_cutoff(register: dict[str, Any]) -> str:
    """The book's data cut-off: the latest date a source of the register was read (ISO date)."""
    return max(str(source["date_accessed"]) for source in register["sources"] if source.get("date_accessed"))


def citation_year(source: dict[str, Any]) -> str:
    """The year a citation shows: the publication year, or ``accessed 2026`` for a source that shows no date.

    An undated web page is cited by the year it was read, worded so that no reader takes it for a
    publication year; a dated source is never shown without its year.
    """
    published = source.get("date_published")
    return str(published)[:4] if published else f"accessed {str(source['date_accessed'])[:4]}"


def source_label(source: dict[str, Any]) -> str:
    """A short citation of a register source for tables: ``Jia et al. 2018``, ``Kossoff et al. 2009``, ``CDC ... 2024``.

    A source's ``short`` field wins when present. Personal authors (``Surname AB, Surname C, ...``)
    give the first surname, both surnames for two authors, ``et al.`` for more; an organisation gives
    its name up to the first parenthesis. The year is :func:`citation_year`'s (``TechSci Research,
    accessed 2026`` for an undated page).
    """
    producer = str(source["producer"])
    year = (" " if source.get("date_published") else ", ") + citation_year(source)
    if source.get("short"):
        return f"{source['short']}{year}"
    people = [_PERSON.match(part) for part in producer.split(" (")[0].split(", ")]
    if people and people[0]:
        if len(people) == 2 and people[1] and "et al" not in producer:
            return f"{people[0]['surname']} & {people[1]['surname']}{year}"
        more = len(people) > 1 or "et al" in producer
        return f"{people[0]['surname']}{' et al.' if more else ''}{year}"
    return f"{producer.split(' (')[0].strip()}{year}"
