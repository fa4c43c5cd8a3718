"""Same commit, same bytes: the date a build stamps on what it publishes, and one function per format that fixes its metadata.

Reproducible-builds practice: every date a published file carries is the source's date,
``SOURCE_DATE_EPOCH`` when set, else the time of the last git commit; never the clock. Files whose
writers embed dates, times, random ids or paths are put right here, one function per format
(executed notebooks, OOXML packages such as the data pack and the deck, the PDF), so that whoever
changes how an edition is written keeps it reproducible by calling the same function. SVG ids are
salted with :data:`SVG_SETTINGS`. What still carries the clock is listed in :data:`TIME_STAMPED`.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .constraints import InputError
from .paths import MANIFEST_FILE

SOURCE_DATE_ENV = "SOURCE_DATE_EPOCH"
GENERATOR = "infantile-spasms-market"
# The published files that may differ between two builds of one commit, each with why (shown on the
# Reproducibility page; the byte-for-byte test allows exactly these).
TIME_STAMPED = {
    MANIFEST_FILE: "the record of the run: when it ran (`built_at`), how long each step and chapter took, which chapters "
                     "were executed or reused from the cache, and the hashes of every other file",
}
# matplotlib salts the ids of an SVG's clip paths and glyphs with a random value unless given one.
SVG_SETTINGS = {"svg.hashsalt": GENERATOR}
SVG_METADATA = {"Date": None}
OFFICE_SUFFIXES = (".xlsx", ".pptx", ".docx")
ZIP_EARLIEST = (1980, 1, 1, 0, 0, 0)  # a zip entry cannot be dated earlier
CORE_DATE = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
STRUCTURE_ID = re.compile(rb"\(node(\d+)\)")  # Chromium's ids of tagged-PDF elements (table headers): its DOM node numbers
INJECTED_TAG = "injected-parameters"


class SourceDateError(InputError):
    """``SOURCE_DATE_EPOCH`` holds something other than whole seconds since 1970."""


@dataclass(frozen=True)
class SourceDate:
    """The one date of a build: seconds since 1970-01-01 UTC, and where it came from."""

    epoch: int
    origin: str  # "SOURCE_DATE_EPOCH", "git commit" or "build time"

    @property
    def when(self) -> dt.datetime:
        """The date as an aware UTC datetime."""
        return dt.datetime.fromtimestamp(self.epoch, dt.timezone.utc)

    @property
    def day(self) -> str:
        """``YYYY-MM-DD``: what pages, citations and editions print."""
        return self.when.date().isoformat()

    def record(self) -> dict[str, Any]:
        """The manifest's ``source_date`` entry."""
        return {"epoch": self.epoch, "date": self.day, "time": self.when.isoformat(), "origin": self.origin}


def source_date(root: Path, environ: dict[str, str] | None = None) -> SourceDate:
    """``SOURCE_DATE_EPOCH`` when set, else the time of ``root``'s last git commit, else now (the manifest says which).

    Raises
    ------
    SourceDateError
        When ``SOURCE_DATE_EPOCH`` is set but is not a whole number of seconds (0 or more).
    """
    environ = os.environ if environ is None else environ
    value = environ.get(SOURCE_DATE_ENV, "").strip()
    if value:
        if not value.isdigit():
            raise SourceDateError(
                f"{SOURCE_DATE_ENV}: {value!r} is not allowed; use whole seconds since 1970-01-01 UTC "
                f"(e.g. $(git log -1 --format=%ct)), or unset it to take the date of the last git commit"
            )
        return SourceDate(int(value), SOURCE_DATE_ENV)
    try:
        run = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        run = None
    if run is not None and run.returncode == 0 and run.stdout.strip().isdigit():
        return SourceDate(int(run.stdout.strip()), "git commit")
    return SourceDate(int(dt.datetime.now(dt.timezone.utc).timestamp()), "build time")


def edition_date(manifest: dict[str, Any]) -> str:
    """The date pages, citations and editions print, from a build's manifest: the source's, ``YYYY-MM-DD`` (older manifests: the build's)."""
    source = manifest.get("source_date") or {}
    return source.get("date") or str(manifest.get("built_at", "unknown"))[:10]


def source_commit(manifest: dict[str, Any]) -> tuple[str, bool]:
    """The git commit a build's manifest records, shortened to 12 characters (``""`` without git), and whether the tree was dirty."""
    git = manifest.get("git") or {}
    return (git.get("commit") or "")[:12], bool(git.get("dirty"))


def _zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """``when`` in UTC as a zip entry's time, which counts seconds in twos and starts in 1980."""
    when = when.astimezone(dt.timezone.utc)
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)
    return max(stamp, ZIP_EARLIEST)


def fix_office(path: Path, when: dt.datetime) -> bool:
    """Date an OOXML package (``.xlsx``, ``.pptx``) at ``when``: its core properties' created and modified, every entry's time.

    Entries keep their order, content and compression. Returns whether the file changed.
    """
    path = Path(path)
    original = path.read_bytes()
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = CORE_DATE.sub(lambda m: m.group(1) + stamp + m.group(3), data)
            entry = zipfile.ZipInfo(info.filename, date_time=_zip_time(when))
            entry.compress_type, entry.external_attr, entry.create_system = info.compress_type, info.external_attr, 3
            target.writestr(entry, data)
    fixed = out.getvalue()
    if fixed != original:
        path.write_bytes(fixed)
    return fixed != original


def pdf_information(when: dt.datetime, title: str, author: str = "") -> dict[str, str]:
    """A PDF's document information: ``title``, ``author``, this tool as creator and producer, ``when`` as both dates."""
    stamp = when.astimezone(dt.timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")
    return {"/Title": title, "/Creator": GENERATOR, "/Producer": f"{GENERATOR} (Chromium, pypdf)",
            "/CreationDate": stamp, "/ModDate": stamp, **({"/Author": author} if author else {})}


def fix_pdf(pdf: bytes, when: dt.datetime, *, title: str, author: str = "") -> bytes:
    """The PDF with its document information set (:func:`pdf_information`) and nothing of the run left in it.

    Chromium writes the time of printing and its own version there, and numbers the elements of
    the tagged structure that table cells refer to (their headers) with its DOM node numbers, which
    vary from run to run: they are renumbered 1, 2, ... in the same order, so the references and the
    sorted tree of ids still hold. With these, two prints of one source give the same bytes.

    Both are put right where they stand, without moving a byte (Chromium's information emptied,
    the ids at their width), and the new information is added as an incremental update: a
    rewrite of the book's 36,000 objects took pypdf six seconds. A file that cannot be fixed so
    (an XMP packet, which repeats the dates; no classic cross-reference table) is rewritten whole.
    """
    import logging

    from pypdf import PdfReader

    from .outputs.pdf import serialised, updated

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # Skia's cross-reference size is off by a few objects: harmless
    info = pdf_information(when, title, author)
    reader = PdfReader(io.BytesIO(pdf))
    number = reader.trailer.raw_get("/Info").idnum if "/Info" in reader.trailer else None
    emptied = _emptied(pdf, reader.xref.get(0, {}).get(number), number) if number is not None else pdf
    if emptied is not None and "/Metadata" not in reader.trailer["/Root"]:
        from pypdf.generic import DictionaryObject, NameObject, TextStringObject

        number = number if number is not None else int(reader.trailer["/Size"])
        dictionary = DictionaryObject({NameObject(k): TextStringObject(v) for k, v in info.items()})
        try:
            return renumber_structure_ids(updated(emptied, reader, {number: serialised(dictionary)}, info=number))
        except ValueError:
            pass
    return renumber_structure_ids(_rewritten(reader, info))


def _emptied(pdf: bytes, offset: int | None, number: int) -> bytes | None:
    """``pdf`` with the dictionary object ``number`` (at ``offset``) emptied in place, spaces where its entries were; None when
    it is not a plain dictionary there."""
    header = f"{number} 0 obj".encode()
    if offset is None or pdf[offset:offset + len(header)] != header:
        return None
    start, end = offset + len(header), pdf.find(b"endobj", offset)
    body = pdf[start:end]
    if end < 0 or not body.strip().startswith(b"<<") or b"stream" in body or len(body) < 6:
        return None
    return pdf[:start] + b"\n<<>>" + b" " * (len(body) - 6) + b"\n" + pdf[end:]


def _rewritten(reader, info: dict[str, str]) -> bytes:
    """The whole PDF written again by pypdf with ``info`` as its information and no XMP packet (the slow, general way)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=reader)
    writer.metadata = info  # replaces Chromium's information dictionary whole
    if "/Metadata" in writer.root_object:  # an XMP packet would repeat the dates and add random ids
        del writer.root_object["/Metadata"]
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # its stream too
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def renumber_structure_ids(pdf: bytes) -> bytes:
    """``(node<N>)`` ids replaced by their rank among all of them, at the same width (no byte moves, no order changes)."""
    ids = sorted({int(m.group(1)) for m in STRUCTURE_ID.finditer(pdf)})
    rank = {old: new for new, old in enumerate(ids, start=1)}
    return STRUCTURE_ID.sub(lambda m: b"(node" + str(rank[int(m.group(1))]).zfill(len(m.group(1))).encode() + b")", pdf)


def clean_notebook(notebook: dict[str, Any], shown: dict[str, Any]) -> dict[str, Any]:
    """An executed notebook without what depends on the run: times, durations, build paths, papermill's random cell id.

    papermill's injected parameters name the build's own files (the resolved scenario in its cache,
    a temporary folder); they are written instead as ``shown``, the scenario file and overrides
    they were resolved from, so the published notebook runs the same scenario from the project.
    """
    notebook = {**notebook, "metadata": {k: v for k, v in notebook.get("metadata", {}).items() if k != "papermill"}}
    cells = []
    for cell in notebook.get("cells", []):
        metadata = {k: v for k, v in cell.get("metadata", {}).items() if k not in ("execution", "papermill")}
        cell = {**cell, "metadata": metadata}
        if INJECTED_TAG in metadata.get("tags", []):
            lines = ["# Parameters injected by the build, shown as the scenario file and overrides it resolved once for every chapter"]
            lines += [f"{name} = {json.dumps(value, ensure_ascii=False)}" for name, value in shown.items()]
            cell = {**cell, "id": INJECTED_TAG, "source": "\n".join(lines) + "\n"}
        cells.append(cell)
    return {**notebook, "cells": cells}


def fix_site(site: Path, when: dt.datetime) -> list[str]:
    """Fix every OOXML package under ``site`` (whoever wrote it) with :func:`fix_office`; the files changed, relative."""
    site = Path(site)
    changed = []
    for path in sorted(p for p in site.rglob("*") if p.suffix.lower() in OFFICE_SUFFIXES and p.is_file()):
        if fix_office(path, when):
            changed.append(path.relative_to(site).as_posix())
    return changed
