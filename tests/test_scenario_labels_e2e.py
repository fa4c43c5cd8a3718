"""End to end: a book built with ``--set`` names its overrides in every edition, and publishes its numbers as data."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import openpyxl
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import run_cli
from pptx import Presentation
from pypdf import PdfReader

from infantile_spasms_market.paths import DATA_DOWNLOADS, DOWNLOADS, FIGURES, MANIFEST_FILE, edition_file

pytestmark = pytest.mark.slow

OVERRIDE = "growth.diagnosis=0.002"  # below the base case's plausible range (0.004 to 0.022)
NAME = "base-set-growth.diagnosis=0.002"
TITLE = "Base case: the report's figures, with growth from diagnosis set to 0.002 (not the base case)"


def plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u2019", "'").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    output = tmp_path_factory.mktemp("set-site") / NAME / "html"
    result = run_cli("build", "--output", str(output), "--cache-dir", str(cache_dir), "--set", OVERRIDE)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return output


def test_the_front_page_and_the_banner_name_the_overrides(site):
    soup = BeautifulSoup((site / "notebooks" / "summary.html").read_text(encoding="utf-8"), "html.parser")
    assert f"In the scenario the book was built with ( {TITLE} )" in plain(soup.article.get_text(" "))
    assert plain(soup.select_one(".bd-header-announcement").get_text(" ")) == f"Scenario: {TITLE}."


def test_every_pages_title_names_the_scenario(site):
    for page in ("notebooks/summary.html", "notebooks/uncertainty.html", "book/figures.html"):
        title = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").title.get_text()
        assert "Base case + growth from diagnosis set to 0.002 \u00b7 " in title, page


def test_the_deck_names_the_overrides_on_its_title_and_headline_slides(site):
    deck = Presentation(str(site / DOWNLOADS / edition_file(NAME, ".pptx")))
    title, numbers = ([s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in list(deck.slides)[:2])
    assert f"Scenario: {TITLE}" in [line for text in title for line in text.splitlines()]  # the subtitle's first line
    assert any(TITLE in text for text in numbers[1:]), "the key numbers slide names the scenario in its source line"
    assert TITLE in deck.core_properties.subject


def test_the_data_pack_names_the_overrides_and_sets_the_scenario_against_the_base(site):
    book = openpyxl.load_workbook(site / DOWNLOADS / edition_file(NAME, ".xlsx"))
    cover = dict(r[:2] for r in book["Cover"].iter_rows(values_only=True) if r[0])
    assert cover["Scenario"] == TITLE and TITLE in book.properties.subject
    assert book.sheetnames[1] == "Scenario against the base"
    rows = {r[0]: r for r in book["Scenario against the base"].iter_rows(min_row=4, values_only=True)}
    assert rows["Growth from diagnosis"][1:4] == ("growth.diagnosis", 0.012, 0.002)


def test_the_pdf_names_the_overrides_on_its_title_page_and_in_its_metadata(site):
    reader = PdfReader(site / DOWNLOADS / edition_file(NAME, ".pdf"))
    assert TITLE in reader.metadata.title
    first = plain(reader.pages[0].extract_text())
    assert f"Scenario: {TITLE}" in first and f"With --set {OVERRIDE}" in first


def test_the_scenario_and_the_key_numbers_are_published_as_data(site):
    data = site / DATA_DOWNLOADS
    numbers = json.loads((data / "key_numbers.json").read_text(encoding="utf-8"))
    assert numbers["scenario"]["title"] == TITLE and numbers["scenario"]["overrides"] == [OVERRIDE]
    assert numbers["scenario"]["published_as"] == NAME
    by_id = {n["id"]: n for n in numbers["numbers"]}
    manifest = json.loads((site / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert by_id["value-2030"]["value"] == pytest.approx(manifest["headline"]["numbers"]["value-end"])
    assert by_id["value-2030"]["unit"] == "USD million" and isinstance(by_id["cagr"]["value"], float)
    text = (data / "scenario.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# Scenario: {TITLE}\n"), "its parameters hold the base file's title; the header says what --set made of it"
    resolved = yaml.safe_load(text)
    assert resolved["resolved_scenario"] == {"file": "params/base.yaml", "overrides": [OVERRIDE]}
    assert resolved["parameters"] == manifest["parameters"] and resolved["parameters"]["growth"]["diagnosis"] == 0.002
    page = (site / "notebooks" / "data.html").read_text(encoding="utf-8")
    for link in ('href="../downloads/data/scenario.yaml"', 'href="../downloads/data/key_numbers.json"', 'href="../manifest.json"'):
        assert link in page


def test_the_fan_chart_is_centred_on_the_scenarios_own_path(site):
    # growth.diagnosis at 0.002 lies below the base case's plausible range (0.004 to 0.022): the band follows it
    import pandas as pd

    fan = pd.read_csv(site / FIGURES / "fig-uncertainty-fan.csv", index_col="year")
    assert ((fan["P5"] <= fan["scenario_usd_m"] + 1e-9) & (fan["scenario_usd_m"] <= fan["P95"] + 1e-9)).all()
    end = fan.index.max()
    assert abs(fan.loc[end, "P50"] - fan.loc[end, "scenario_usd_m"]) < 0.25 * (fan.loc[end, "P95"] - fan.loc[end, "P5"])
    page = plain(BeautifulSoup((site / "notebooks" / "uncertainty.html").read_text(encoding="utf-8"), "html.parser").article.get_text(" "))
    assert "In this scenario growth from diagnosis (0.002; the base case's range is 0.004 to 0.022) lies outside" in page
    assert "some distributions are lopsided" not in page


def test_figure_sources_and_citations_name_the_overrides_in_words_or_as_code(site):
    # "scenario 'base with --set ...'" was typeset "base with –set ..." (an en dash) on the Figures and How to cite pages
    for page in ("book/figures.html", "book/how-to-cite.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "\u2013set" not in html, page
    figures = plain(BeautifulSoup((site / "book" / "figures.html").read_text(encoding="utf-8"), "html.parser").get_text(" "))
    assert "scenario \u2018Base case + growth from diagnosis set to 0.002'" in figures  # plain() straightens the closing quote
    cite = BeautifulSoup((site / "book" / "how-to-cite.html").read_text(encoding="utf-8"), "html.parser")
    assert f"--set {OVERRIDE}" in [c.get_text() for c in cite.find_all("code")]
