"""Same commit, same bytes: the build's date and the function that fixes each format's metadata from it.

Each writer here is run twice, as two builds would, with what usually differs between runs made to
differ (the clock, random ids, paths); after the fixing function the two files are identical.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from infantile_spasms_market import reproducible as rep
from infantile_spasms_market.cli import main

WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


# --- the date -------------------------------------------------------------------------------------

def test_source_date_epoch_is_taken_first(tmp_path):
    date = rep.source_date(tmp_path, {rep.SOURCE_DATE_ENV: "1767323045"})
    assert (date.epoch, date.origin, date.day) == (1767323045, "SOURCE_DATE_EPOCH", "2026-01-02")
    assert date.record() == {"epoch": 1767323045, "date": "2026-01-02", "time": "2026-01-02T03:04:05+00:00",
                             "origin": "SOURCE_DATE_EPOCH"}


def test_without_it_the_date_is_the_last_commits(tmp_path):
    (tmp_path / "f.txt").write_text("x")
    env = {"GIT_AUTHOR_DATE": "2025-06-07T08:09:10Z", "GIT_COMMITTER_DATE": "2025-06-07T08:09:10Z", "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    for command in (["init", "-q"], ["add", "f.txt"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, env=env)
    date = rep.source_date(tmp_path, {})
    assert (date.when, date.origin) == (dt.datetime(2025, 6, 7, 8, 9, 10, tzinfo=dt.timezone.utc), "git commit")
    assert rep.source_date(tmp_path, {rep.SOURCE_DATE_ENV: "  "}).origin == "git commit"  # set but empty: unset


def test_outside_git_and_without_the_variable_the_manifest_says_it_is_the_build_time(tmp_path):
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    date = rep.source_date(tmp_path, {})
    assert date.origin == "build time" and before <= date.when <= dt.datetime.now(dt.timezone.utc)


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5e9", "2026-01-02"])
def test_a_source_date_epoch_that_is_not_whole_seconds_is_refused_with_what_is_allowed(tmp_path, value):
    with pytest.raises(rep.SourceDateError) as caught:
        rep.source_date(tmp_path, {rep.SOURCE_DATE_ENV: value})
    assert str(caught.value).startswith(f"SOURCE_DATE_EPOCH: {value!r} is not allowed; use whole seconds since 1970-01-01 UTC")
    assert caught.value.exit_code == 2


def test_the_build_command_refuses_a_bad_source_date_in_one_line(monkeypatch, capsys):
    monkeypatch.setenv(rep.SOURCE_DATE_ENV, "soon")
    assert main(["build", "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: SOURCE_DATE_EPOCH: 'soon' is not allowed") and "Traceback" not in err


def test_pages_take_the_source_date_and_older_manifests_the_build_day():
    assert rep.edition_date({"built_at": "2026-12-07T07:36:14+00:00", "source_date": {"date": "2026-01-02"}}) == "2026-01-02"
    assert rep.edition_date({"built_at": "2026-12-07T07:36:14+00:00"}) == "2026-12-07"


# --- OOXML: the data pack and the deck ------------------------------------------------------------

def _workbook(path, created: dt.datetime):
    with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
        writer.book.set_properties({"title": "T", "created": created})
        pd.DataFrame({"value_usd_m": [146.34, 181.94]}).to_excel(writer, sheet_name="Data", index=False)
    return path


def _deck(path, created: dt.datetime):
    deck = Presentation()
    deck.core_properties.created = deck.core_properties.modified = created.replace(tzinfo=None)
    deck.slides.add_slide(deck.slide_layouts[6])
    deck.save(str(path))
    return path


@pytest.mark.parametrize("write", [_workbook, _deck], ids=["xlsx", "pptx"])
def test_two_office_files_written_at_different_times_become_identical(tmp_path, write):
    suffix = ".xlsx" if write is _workbook else ".pptx"
    first = write(tmp_path / f"a{suffix}", dt.datetime(2026, 12, 7, 7, 36, 27, tzinfo=dt.timezone.utc))
    second = write(tmp_path / f"b{suffix}", dt.datetime(2026, 12, 8, 9, 0, 0, tzinfo=dt.timezone.utc))
    assert first.read_bytes() != second.read_bytes()
    assert rep.fix_office(first, WHEN) and rep.fix_office(second, WHEN)
    assert first.read_bytes() == second.read_bytes()
    assert not rep.fix_office(first, WHEN)  # fixed once is fixed: nothing to rewrite
    with zipfile.ZipFile(first) as package:
        core = package.read("docProps/core.xml").decode()
        assert core.count("2026-01-02T03:04:05Z") == 2 and "2026-12" not in core
        assert {info.date_time for info in package.infolist()} == {(2026, 1, 2, 3, 4, 4)}  # zip counts seconds in twos


def test_fixing_keeps_every_entry_its_order_and_content(tmp_path):
    path = _workbook(tmp_path / "a.xlsx", dt.datetime(2026, 12, 7, tzinfo=dt.timezone.utc))
    with zipfile.ZipFile(path) as package:
        before = [(i.filename, i.compress_type, package.read(i)) for i in package.infolist()]
    rep.fix_office(path, WHEN)
    with zipfile.ZipFile(path) as package:
        after = [(i.filename, i.compress_type, package.read(i)) for i in package.infolist()]
    assert [(n, c) for n, c, _ in after] == [(n, c) for n, c, _ in before]
    assert [d for n, _, d in after if n != "docProps/core.xml"] == [d for n, _, d in before if n != "docProps/core.xml"]
    assert pd.read_excel(path, sheet_name="Data")["value_usd_m"].tolist() == [146.34, 181.94]


def test_a_date_before_1980_is_dated_1980_in_the_zip_entries(tmp_path):
    path = _deck(tmp_path / "a.pptx", dt.datetime(2026, 1, 1))
    rep.fix_office(path, dt.datetime(1975, 1, 1, tzinfo=dt.timezone.utc))
    with zipfile.ZipFile(path) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_fix_site_fixes_every_office_file_whoever_wrote_it_and_nothing_else(tmp_path):
    site = tmp_path / "site"
    (site / "downloads" / "deep").mkdir(parents=True)
    _workbook(site / "downloads" / "pack.xlsx", dt.datetime(2026, 12, 7, tzinfo=dt.timezone.utc))
    _deck(site / "downloads" / "deep" / "deck.pptx", dt.datetime(2026, 12, 7))
    (site / "downloads" / "table.csv").write_text("a\n1\n")
    assert rep.fix_site(site, WHEN) == ["downloads/deep/deck.pptx", "downloads/pack.xlsx"]
    assert rep.fix_site(site, WHEN) == []


# --- the PDF --------------------------------------------------------------------------------------

def _pdf(created: str, producer: str, node_ids: tuple[int, ...] = (233, 235)) -> bytes:
    """A one-page PDF as Chromium prints it: its print time and version, table header cells numbered by DOM node."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/CreationDate": created, "/ModDate": created, "/Producer": producer, "/Creator": "HeadlessChrome/156.0"})
    names = [TextStringObject(f"node{n:08d}") for n in node_ids]
    headers = [DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/TH"),
                                 NameObject("/ID"): name}) for name in names]
    cell = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/TD"),
                             NameObject("/A"): DictionaryObject({NameObject("/O"): NameObject("/Table"),
                                                                 NameObject("/Headers"): ArrayObject(names[::-1])})})
    tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): ArrayObject([*headers, cell]),
                             NameObject("/IDTree"): DictionaryObject({NameObject("/Names"): ArrayObject(
                                 [x for name, h in zip(names, headers) for x in (name, h)])})})
    writer.root_object[NameObject("/StructTreeRoot")] = writer._add_object(tree)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_two_prints_at_different_times_by_different_chromiums_become_identical():
    first = _pdf("D:20261207073637+00'00'", "Skia/PDF m156", (233, 235))
    second = _pdf("D:20261208090000+00'00'", "Skia/PDF m157", (235, 1237))  # the DOM numbered the nodes otherwise
    assert len(first) == len(second) and first != second
    fixed = [rep.fix_pdf(pdf, WHEN, title="Book (Base)", author="Us") for pdf in (first, second)]
    assert fixed[0] == fixed[1]
    tree = PdfReader(io.BytesIO(fixed[0])).root_object["/StructTreeRoot"].get_object()
    assert [str(k.get_object()["/ID"]) for k in tree["/K"][:2]] == ["node00000001", "node00000002"]
    assert [str(n) for n in tree["/K"][2].get_object()["/A"]["/Headers"]] == ["node00000002", "node00000001"]  # references follow
    assert [str(n) for n in tree["/IDTree"]["/Names"][::2]] == ["node00000001", "node00000002"]  # still sorted
    info = PdfReader(io.BytesIO(fixed[0])).metadata
    assert info == {"/Title": "Book (Base)", "/Author": "Us", "/Creator": rep.GENERATOR, "/Producer": f"{rep.GENERATOR} (Chromium, pypdf)",
                    "/CreationDate": "D:20260102030405+00'00'", "/ModDate": "D:20260102030405+00'00'"}


def test_a_print_is_fixed_where_it_stands_with_nothing_of_chromiums_information_left():
    first = _pdf("D:20261207073637+00'00'", "Skia/PDF m156", (233, 235))
    fixed = rep.fix_pdf(first, WHEN, title="Book (Base)", author="Us")
    before, after = (PdfReader(io.BytesIO(pdf)).xref[0] for pdf in (first, fixed))
    assert {n: at for n, at in after.items() if n != 1} == {n: at for n, at in before.items() if n != 1}, \
        "emptied in place and updated after the file: no object of the print moved"
    assert fixed.startswith(first[:first.index(b"1 0 obj")])
    assert b"Skia" not in fixed and b"20261207" not in fixed, "no print time, no version, even in the file before the update"
    again = rep.fix_pdf(fixed, WHEN, title="Book (Base)", author="Us")  # an information of its own, emptied in turn
    assert PdfReader(io.BytesIO(again)).metadata == PdfReader(io.BytesIO(fixed)).metadata


def test_a_print_with_an_xmp_packet_is_written_again_without_it():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf("D:20261207073637+00'00'", "Skia/PDF m156"))))
    from pypdf.generic import StreamObject

    packet = StreamObject()
    packet.set_data(b"<x:xmpmeta><xmp:CreateDate>2026-12-07T07:36:37</xmp:CreateDate></x:xmpmeta>")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(packet)
    buffer = io.BytesIO()
    writer.write(buffer)
    fixed = rep.fix_pdf(buffer.getvalue(), WHEN, title="Book (Base)")
    assert b"2026-12-07" not in fixed and b"Skia" not in fixed
    assert "/Metadata" not in PdfReader(io.BytesIO(fixed)).root_object
    assert PdfReader(io.BytesIO(fixed)).metadata["/CreationDate"] == "D:20260102030405+00'00'"


# --- executed notebooks ---------------------------------------------------------------------------

def _executed(start: str, path: str) -> dict:
    timing = {"duration": 0.01, "start_time": start, "end_time": start, "exception": False, "status": "completed"}
    return {
        "metadata": {"kernelspec": {"name": "python3"}, "papermill": {"input_path": path, "start_time": start, "parameters": {"scenario": path}}},
        "cells": [
            {"cell_type": "code", "id": "parameters", "metadata": {"tags": ["parameters"], "papermill": timing}, "source": "scenario = ''",
             "outputs": [], "execution_count": 1},
            {"cell_type": "code", "id": path[-8:], "metadata": {"tags": ["injected-parameters", "remove-cell"], "papermill": timing},
             "source": f"# Parameters\nscenario = \"{path}\"\n", "outputs": [], "execution_count": 2},
            {"cell_type": "code", "id": "total", "metadata": {"tags": ["remove-input"], "papermill": timing,
                                                             "execution": {"iopub.execute_input": start}},
             "source": "glue('total', 146.34)", "outputs": [{"output_type": "display_data", "data": {"text/plain": "146.34"}, "metadata": {}}],
             "execution_count": 3},
        ],
        "nbformat": 4, "nbformat_minor": 5,
    }


def test_two_runs_of_a_chapter_in_two_folders_publish_the_same_notebook():
    shown = {"scenario": "params/base.yaml", "overrides": []}
    first = rep.clean_notebook(_executed("2026-12-07T07:36:12Z", "/tmp/a/cache/scenarios/68b37f79.yaml"), shown)
    second = rep.clean_notebook(_executed("2026-12-08T09:00:00Z", "/tmp/bb/cache/scenarios/68b37f79.yaml"), shown)
    assert first == second
    assert "/tmp" not in str(first) and "2026-12" not in str(first)
    assert first["metadata"] == {"kernelspec": {"name": "python3"}}
    assert first["cells"][2]["metadata"] == {"tags": ["remove-input"]}  # tags kept, times gone
    assert first["cells"][2]["outputs"][0]["data"] == {"text/plain": "146.34"} and first["cells"][2]["execution_count"] == 3
    assert first["cells"][1]["id"] == "injected-parameters"
    assert first["cells"][1]["source"].splitlines()[1:] == ['scenario = "params/base.yaml"', "overrides = []"]
