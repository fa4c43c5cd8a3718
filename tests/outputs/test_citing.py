"""references.bib is written from the data register: one entry per source, with the register's title, year and address."""

from __future__ import annotations

from pathlib import Path

from infantile_spasms_market.inputs.register import citation_year, load_register, source_label
from infantile_spasms_market.outputs.citing import (
    bib_authors,
    bib_entry,
    keys,
    render,
)

BIB = Path(__file__).resolve().parents[2] / "references.bib"


def test_references_bib_is_the_register_rendered():
    assert BIB.read_text(encoding="utf-8") == render(load_register()), "run: python tools/sync_references.py"


def test_every_source_has_exactly_one_entry():
    ids = [s["id"].replace("-", "") for s in load_register()["sources"]]
    assert keys(BIB.read_text(encoding="utf-8")) == ids


def test_no_reference_points_at_internal_notes():
    assert "facts.md" not in BIB.read_text(encoding="utf-8")


def test_authors_people_and_organisations():
    assert bib_authors("Cowan LD, Hudson LS") == "Cowan, L. D. and Hudson, L. S."
    assert bib_authors("Trevathan E et al.") == "Trevathan, E. and others"
    assert bib_authors("Wray CD, et al.") == "Wray, C. D. and others"
    assert bib_authors("Statistics Canada") == "{Statistics Canada}"
    assert bib_authors("Chemical & Engineering News (ACS)") == r"{Chemical \& Engineering News (ACS)}"


def test_an_unverified_source_says_so():
    source = {"id": "x-1", "producer": "Org", "title": "T", "url": "https://x", "date_published": None,
              "date_accessed": "2026-01-01", "read": "abstract", "verified": False}
    entry = bib_entry(source)
    assert entry.startswith("@misc{x1,") and "Abstract read; figures not verified. Undated:" in entry


def test_an_undated_source_is_cited_by_its_access_year_never_n_d():
    source = {"id": "org-page", "producer": "Org", "title": "T", "url": "https://x", "date_published": None,
              "date_accessed": "2026-11-23", "read": "web page", "verified": True}
    entry = bib_entry(source)
    assert "{accessed 2026}" in entry and "the year shown is the year of access" in entry and "n.d." not in entry
    assert source_label(source) == "Org, accessed 2026"
    dated = dict(source, date_published="2019-06", producer="Trevathan E et al.")
    assert citation_year(dated) == "2019" and source_label(dated) == "Trevathan et al. 2019"
    assert "{2019}" in bib_entry(dated) and "Undated" not in bib_entry(dated)



def test_no_source_in_the_register_is_cited_without_authors_or_as_n_d():
    bib = BIB.read_text(encoding="utf-8")
    assert "not confirmed" not in bib and "n.d." not in bib
