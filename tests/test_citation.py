"""Tests for CITATION.cff and the How to cite page: valid CFF 1.2.0 fields, agreeing with _config.yml."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BOOK_URL = CONFIG["sphinx"]["config"]["html_context"]["book_url"]
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
    assert CFF["url"] == BOOK_URL


def test_the_page_covers_the_book_a_figure_a_scenario_and_bibtex():
    for heading in ("## The book", "## A figure", "## A scenario build", "## BibTeX"):
        assert heading in PAGE
    assert BOOK_URL in PAGE
    assert CONFIG["title"] in PAGE
    bibtex = re.search(r"```bibtex\n(.*?)```", PAGE, re.S)
    assert bibtex and bibtex.group(1).count("{") == bibtex.group(1).count("}")
    assert BOOK_URL in bibtex.group(1)


def test_the_source_repository_is_one_setting_shared_with_the_cff():
    repository = CONFIG["sphinx"]["config"]["html_context"]["repository_url"]
    assert repository.startswith("https://")
    assert CFF["repository-code"] == repository
    assert "{{ repository }}" in PAGE  # the page links the repository through the one setting
