"""Tests for CITATION.cff and the How to cite page: valid CFF 1.2.0 fields, agreeing with _config.yml."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from infantile_spasms_market.outputs.citing import Cited, address, book_url, how_to_cite

ROOT = Path(__file__).resolve().parents[1]
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BOOK_URL = book_url(CONFIG)
PAGE = (ROOT / "book" / "how-to-cite.md").read_text(encoding="utf-8")
CFF_KEYS = {  # the top-level keys CFF 1.2.0 allows
    "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers", "keywords",
    "license", "license-url", "message", "preferred-citation", "references", "repository", "repository-artifact",
    "repository-code", "title", "type", "url", "version",
}


def test_cff_has_the_required_fields_and_nothing_unknown():
    assert CFF["cff-version"] == "1.2.0"
    assert {"cff-version", "message", "title", "authors"} <= set(CFF)
    assert set(CFF) <= CFF_KEYS
    assert CFF["type"] in ("software", "dataset")


def test_cff_agrees_with_the_book():
    assert CFF["title"] == CONFIG["title"]
    assert CFF["authors"] == [{"name": CONFIG["author"]}]
    assert CFF["license"] == "CC-BY-4.0"


def test_cff_url_is_the_one_setting_in_config():
    # book_url in _config.yml is the book's address; CITATION.cff names it, or names none while it is empty
    assert CFF.get("url", "") == BOOK_URL
    assert "example.org" not in (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_the_page_covers_the_book_a_figure_a_scenario_and_bibtex():
    for heading in ("## The book", "## A figure", "## A scenario build", "## BibTeX"):
        assert heading in PAGE
    for part in ("address", "book", "figure", "bibtex"):  # generated from the setting at build time
        assert f"_generated/cite-{part}.md" in PAGE
    assert "example.org" not in PAGE


def cited(url: str) -> Cited:
    return Cited(CONFIG["title"], CONFIG["author"], "Base case", "2026-12-03", url, ("growth.diagnosis=0.02",))


def test_without_an_address_citations_name_the_book_and_no_host():
    parts = how_to_cite(cited(""))
    assert "http" not in parts["book"] + parts["figure"] + parts["bibtex"]
    assert CONFIG["title"] in parts["book"] and "Built 2026-12-03" in parts["book"]
    assert "with `--set growth.diagnosis=0.02`" in parts["book"], "as code on the page: prose would set -- as a dash"
    assert "with --set growth.diagnosis=0.02." in cited("").book(), "plain text elsewhere (the data pack's cover)"
    assert "url" not in parts["bibtex"]
    assert "no published address" in parts["address"]
    assert "_config" not in parts["address"] and "book_url" not in parts["address"], "a reader sees no configuration file"


def test_with_an_address_every_citation_gives_it():
    url = "https://books.example.net/is/"
    parts = how_to_cite(cited(url))
    assert url in parts["book"] and url in parts["bibtex"] and url in parts["address"]
    assert "https://books.example.net/is/downloads/figures/*id*.png" in parts["figure"]
    bibtex = re.search(r"```bibtex\n(.*?)```", parts["bibtex"], re.S).group(1)
    assert bibtex.count("{") == bibtex.count("}")
    assert address(url, "downloads/x.png") == "https://books.example.net/is/downloads/x.png"


def test_the_source_repository_is_one_setting_shared_with_the_cff():
    # repository_url in _config.yml; CITATION.cff's repository-code agrees, or is absent while it is empty
    repository = CONFIG["sphinx"]["config"]["html_context"].get("repository_url") or ""
    assert CFF.get("repository-code", "") == repository
    assert "{{ repository }}" in PAGE  # the page links the repository through the one setting


def test_a_citation_names_the_source_version_so_two_builds_of_one_day_cite_apart():
    manifest = {"scenario": {"title": "Base case", "overrides": []}, "source_date": {"date": "2026-12-07"},
                "git": {"commit": "6255d8fe816df56fc738d8881ced428ac9e951d0", "dirty": False}}
    cited = Cited.of(CONFIG, manifest)
    assert "Built 2026-12-07 from source version 6255d8fe816d." in cited.book()
    assert "built 2026-12-07 from source version 6255d8fe816d." in cited.figure("A caption", "f", "f.png")
    assert "Built 2026-12-07 from source version 6255d8fe816d; licence" in cited.bibtex()
    dirty = Cited.of(CONFIG, manifest | {"git": {"commit": "6255d8fe816df56f", "dirty": True}})
    assert "from source version 6255d8fe816d with uncommitted changes." in dirty.book()
    no_git = Cited.of(CONFIG, manifest | {"git": None})
    assert "Built 2026-12-07." in no_git.book() and "source version" not in no_git.book()
