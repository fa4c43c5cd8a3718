"""End to end: the built book ships its PDF edition and Excel data pack, linked from the site, and a rebuild
that replaces a book says what changed."""

from __future__ import annotations

import html
import json
import re
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ALTERNATIVE_OVERRIDES, ROOT, run_cli

from infantile_spasms_market.analysis.summary import key_figures
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.paths import (
    DATA_DOWNLOADS,
    DOWNLOADS,
    FIGURES,
    MANIFEST_FILE,
    TOC_NAME,
    edition_file,
    toc_documents,
)
from infantile_spasms_market.scenario.loading import load_parameters

pytestmark = pytest.mark.slow

PDF = f"{DOWNLOADS}/{edition_file('base', '.pdf')}"
XLSX = f"{DOWNLOADS}/{edition_file('base', '.xlsx')}"


def plain(text: str) -> str:
    """Text as compared: ligatures undone (PDF text has \ufb02 for fl), whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def page_title(page: Path) -> str:
    """A page's title without its section number and heading link."""
    heading = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article h1")
    for extra in heading.select(".section-number, .headerlink"):
        extra.decompose()
    return plain(heading.get_text(" "))


@pytest.fixture(scope="module")
def numbers() -> dict:
    """The base scenario's headline numbers, as the executive summary glues them."""
    headline = Headline.from_data()
    return key_figures(market_table(load_parameters(), headline), headline)


@pytest.fixture(scope="module")
def pdf_reader(built_site: Path):
    from pypdf import PdfReader

    path = built_site / PDF
    assert path.is_file(), f"no PDF edition in {built_site / 'downloads'} although Chromium is installed"
    return PdfReader(path)


@pytest.fixture(scope="module")
def pdf_text(pdf_reader) -> list[str]:
    return [plain(page.extract_text()) for page in pdf_reader.pages]


@pytest.mark.browser
def test_pdf_holds_every_chapter_title(built_site, pdf_text):
    text = " ".join(pdf_text)
    missing = [t for t in (page_title(built_site / f"{d}.html") for d in toc_documents(ROOT / TOC_NAME)) if t not in text]
    assert not missing, f"chapter titles not in the PDF: {missing}"


@pytest.mark.browser
def test_pdf_has_a_title_page_and_numbered_contents(pdf_reader, pdf_text):
    assert "Infantile Spasms Therapeutics" in pdf_text[0] and "Scenario: Base case" in pdf_text[0] and "Built 20" in pdf_text[0]
    assert "Contents" in pdf_text[1][:200]  # after the running footer, which the text extraction may put first
    named = {str(k).lstrip("/"): pdf_reader.get_destination_page_number(v) + 1 for k, v in pdf_reader.named_destinations.items()}
    listed = re.findall(r"(\d+)\. Market segments (\d+)", pdf_text[1])
    assert listed and int(listed[0][1]) == named["document-notebooks/segments"]  # the contents' number is the chapter's page
    assert "1. Market segments" in pdf_text[named["document-notebooks/segments"] - 1]
    findings = re.findall(r"Key findings (\d+)", pdf_text[1])  # listed in the contents, with its page
    assert findings and "Key findings" in pdf_text[int(findings[0]) - 1] and int(findings[0]) == named["key-findings"]


@pytest.mark.browser
def test_pdf_title_page_names_the_report_and_the_own_estimate_with_its_range(built_site, pdf_text):
    key = json.loads((built_site / DATA_DOWNLOADS / "key_numbers.json").read_text())
    own = key["own"]
    assert key["report_title"] in pdf_text[0] and key["report"] in pdf_text[0]
    for value in (own["value-2024"], own["p5-2024"], own["p95-2024"]):
        assert f"{value:,.2f}" in pdf_text[0], f"{value:,.2f} not on the title page"


@pytest.mark.browser
def test_pdf_page_count_and_no_blank_page(pdf_reader, pdf_text):
    chapters = len(toc_documents(ROOT / TOC_NAME))
    assert chapters + 2 <= len(pdf_reader.pages) <= 400
    blank = [i + 1 for i, (page, text) in enumerate(zip(pdf_reader.pages, pdf_text))
             if not re.sub(rf"\b{i + 1}\b", "", text).strip() and not page.images]
    assert not blank, f"blank pages: {blank}"
    assert all(re.search(rf"(?<!\d){i + 1}(?!\d)", text) for i, text in enumerate(pdf_text) if i > 0)  # page numbers


@pytest.mark.browser
def test_pdf_draws_every_figure_as_vectors(built_site, pdf_reader, pdf_text):
    """Each figure is printed from its SVG: its text (axis titles, labels, the source line) is the PDF's text, and no
    raster of a figure is embedded (only the site's own small pictures are)."""
    text = re.sub(r"\s+", "", " ".join(pdf_text))
    svgs = sorted((built_site / FIGURES).glob("*.svg"))
    assert svgs
    for svg in svgs:
        words = [html.unescape(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg.read_text(encoding="utf-8"), re.S)]
        longest = re.sub(r"\s+", "", plain(max(words, key=len)))
        assert longest in text, f"{svg.name}: its text {longest!r} is not in the PDF"
    images = [image for page in pdf_reader.pages for image in page.images]
    assert len(images) < len(svgs) / 4, f"{len(images)} pictures in the PDF: figures printed as rasters"


@pytest.mark.browser
def test_pdf_text_holds_the_glued_headline_numbers(pdf_text, numbers):
    text = " ".join(pdf_text)
    for shown in (f"{numbers['value-2024']:.2f}", f"{numbers['value-2030']:.2f}", f"{numbers['cagr']:.2f}",
                  f"{numbers['drug-leader-share']:.1f}", numbers["drug-leader"], numbers["region-leader"]):
        assert str(shown) in text, f"{shown} not in the PDF"


MODIFIERS = ("long", "short", "first", "last", "own", "other", "total", "new", "main", "novel", "first-line", "each", "whose",
             "its", "their", "this", "these", "a", "an", "the", "of", "by", "in", "and", "with", "for", "to", "at", "from")
"""Words a sheet name cannot end on when its caption goes on: they wait for their noun ("A9 Data dictionary of the long")."""


def mid_phrase(built_site) -> list[str]:
    """The table sheets whose name ends on a word that waits for the rest of its phrase (:data:`MODIFIERS`, a possessive)
    while the caption the cover gives them goes on."""
    cover = pd.read_excel(built_site / XLSX, sheet_name="Cover", header=None).fillna("")
    cut = []
    for name, about in zip(cover[0].astype(str), cover[1].astype(str)):
        if re.match(r"[TAD][\d.]+ \w", name) and (name.split()[-1].lower() in MODIFIERS or re.search(r"[\u2019']s$", name)):
            cut.append(f"{name} ({about})")
    return cut


def test_xlsx_has_the_sheets_the_book_has(built_site):
    book = openpyxl.load_workbook(built_site / XLSX, read_only=True)
    # every table under its number: T in the front page and the chapters, A in the Method and reference part
    numbers = sorted({("T" if "." in n or page.name == "summary.html" else "A") + n
                      for page in built_site.rglob("*.html") if "_static" not in page.parts
                      for n in re.findall(r'<span class="caption-number">Table ([\d.]+) </span>', page.read_text(encoding="utf-8"))})
    assert len(numbers) > 20 and any(n.startswith("A") for n in numbers)
    named = {name.split(" ", 1)[0] for name in book.sheetnames if re.match(r"[TA][\d.]+ \w", name)}
    assert set(numbers) == named  # and a name that says what it holds
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert len({name.lower() for name in book.sheetnames}) == len(book.sheetnames)
    assert not [name for name in book.sheetnames if re.search(r"[a-z0-9]_[a-z0-9]", name)], "a snake_case sheet name"
    assert not [name for name in book.sheetnames if re.search(r"\b(of|the|by|in|and|each)$|\u2019s$", name)], "a name cut mid-phrase"
    titles = [name.split(" ", 1)[1] for name in book.sheetnames if re.match(r"[TAD][\d.]+ \w", name)]
    assert len(set(titles)) == len(titles), f"two sheets say the same after their numbers: {sorted(t for t in titles if titles.count(t) > 1)}"
    cut = mid_phrase(built_site)
    assert not cut, "a table's sheet name cut inside a phrase of its caption: " + "; ".join(cut)
    register = yaml.safe_load((ROOT / "data" / "register.yaml").read_text(encoding="utf-8"))
    csv_files = [f["file"] for f in register["files"] if f["file"].endswith(".csv")]
    data_sheets = pd.read_excel(built_site / XLSX, sheet_name="Data files").set_index("file")["sheet"]
    expected = {"Cover", "Key numbers", "Market table", "Parameters", "Series by region and segment", "Series by country and drug",
                "Market table columns", "Sources", "Data files", *(data_sheets[f] for f in csv_files)}
    expected |= {f"Country x {s} {y}" for s in ("drug type", "class", "dosage") for y in (2024, 2030)}
    assert expected <= set(book.sheetnames)
    assert book.sheetnames[:2] == ["Cover", "Key numbers"]


def test_xlsx_rows_match_what_the_book_publishes(built_site):
    path = built_site / XLSX
    market = pd.read_parquet(built_site / DATA_DOWNLOADS / "market_table.parquet")
    sheet = openpyxl.load_workbook(path)["Market table"]
    assert sheet.tables["MarketTable"].ref == f"A1:H{len(market) + 1}" and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:8] == ["Year", "Region", "Country", "Drug group", "Drug type", "Therapeutic class",
                                              "Dosage", "Value (USD million)"]
    assert str(sheet["J1"].value).startswith("Scenario: Base case")  # beside the table, which keeps its place and filter
    register = yaml.safe_load((ROOT / "data" / "register.yaml").read_text(encoding="utf-8"))
    sources = pd.read_excel(path, sheet_name="Sources")
    assert set(sources["id"]) == {s["id"] for s in register["sources"]}
    assert len(pd.read_excel(path, sheet_name="Data files")) == len(register["files"])
    sheet_of = pd.read_excel(path, sheet_name="Data files").set_index("file")["sheet"]
    births = pd.read_excel(path, sheet_name=sheet_of["live_births.csv"], skiprows=2)
    assert len(births) == len(pd.read_csv(ROOT / "data" / "live_births.csv"))


def test_xlsx_annual_series_run_every_year_and_add_up(built_site, numbers):
    path = built_site / XLSX
    years = [str(y) for y in range(2024, 2031)]
    regions = pd.read_excel(path, sheet_name="Series by region and segment", skiprows=2)
    assert list(regions.columns.astype(str)) == ["Region", "Segmentation", "Segment", *years]
    world = regions[(regions["Region"] == "World") & (regions["Segmentation"] == "Total")].iloc[0]
    assert round(world["2024"], 2) == round(numbers["value-2024"], 2) and round(world["2030"], 2) == round(numbers["value-2030"], 2)
    assert set(regions["Region"]) == {"World", "North America", "Europe", "Asia-Pacific", "South America", "Middle East & Africa"}
    countries = pd.read_excel(path, sheet_name="Series by country and drug", skiprows=2)
    assert list(countries.columns.astype(str)) == ["Region", "Country", "Drug group", *years]
    assert round(countries["2030"].sum(), 2) == round(numbers["value-2030"], 2)


def test_xlsx_totals_equal_the_books(built_site, numbers):
    path = built_site / XLSX
    for segmentation in ("drug type", "class", "dosage"):
        for year in (2024, 2030):
            frame = pd.read_excel(path, sheet_name=f"Country x {segmentation} {year}", skiprows=2)
            assert round(frame.iloc[-1]["Total"], 2) == round(numbers[f"value-{year}"], 2)
    table1 = openpyxl.load_workbook(path)[next(n for n in openpyxl.load_workbook(path, read_only=True).sheetnames if n.startswith("T1 "))]
    cells = {row[0]: row[1:] for row in table1.iter_rows(min_row=4, values_only=True)}
    assert "column 1" not in [c.value for c in table1[3]] and "Scenario: Base case" in str(table1["A2"].value)
    low, high = (cells[k] for k in cells if str(k).endswith((", low", ", high")))
    assert all(isinstance(v, float) for v in (*low[:2], *high[:2])) and low[0] < high[0]  # a range as two numbers
    key = pd.read_excel(path, sheet_name="Key numbers", skiprows=2).set_index("Figure")
    assert key.loc["The report", "2024 (USD million)"] == pytest.approx(146.34)
    own = json.loads((built_site / DATA_DOWNLOADS / "key_numbers.json").read_text())["own"]
    assert key.loc["The book's own estimate", "2024 (USD million)"] == pytest.approx(own["value-2024"], rel=1e-12)  # full precision


@pytest.mark.browser
def test_pdf_has_key_findings_running_headers_and_the_appendix_last(pdf_reader, pdf_text):
    named = {str(k).lstrip("/"): pdf_reader.get_destination_page_number(v) + 1 for k, v in pdf_reader.named_destinations.items()}
    assert "Key findings" in pdf_text[2][:200] and "own estimate" in pdf_text[2]
    page = pdf_text[named["document-notebooks/segments"]]  # the chapter's second page
    assert "Infantile spasms therapeutics market" in page and "1. Market segments" in page
    assert "Scenario: Base case" in page and "built 20" in page
    assert named["document-notebooks/data"] > named["document-book/references"]  # data and catalogue in the appendix
    assert named["document-book/figures"] > named["document-book/references"]
    data = named["document-notebooks/data"]  # the appendix's chapters run on under its header
    assert "Data and downloads" in pdf_text[data - 1] and "Appendix" in pdf_text[data]


def test_the_site_links_both_editions(built_site):
    manifest = json.loads((built_site / MANIFEST_FILE).read_text())
    files = [XLSX] + ([PDF] if manifest["editions"]["pdf"] else [])
    for page in ("notebooks/summary.html", "book/figures.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        for name in files:
            assert f'href="../{name}"' in html, f"{page} does not link {name}"
    assert all(f in manifest["published_files"] for f in files)


def test_a_first_build_says_it_has_nothing_to_compare(built_site):
    assert "first build published in this folder" in (built_site / "book" / "changes.html").read_text(encoding="utf-8")


def test_a_rebuild_with_set_shows_what_changed(built_site, cache_dir, tmp_path, numbers):
    site = tmp_path / "html"
    shutil.copytree(built_site, site)
    overrides = [arg for o in ALTERNATIVE_OVERRIDES for arg in ("--set", o)]
    result = run_cli("build", "--output", str(site), "--cache-dir", str(cache_dir), *overrides)
    assert result.returncode == 0, result.stderr
    text = plain(BeautifulSoup((site / "book" / "changes.html").read_text(encoding="utf-8"), "html.parser").article.get_text(" "))
    assert "growth.diagnosis" in text and "0.02" in text and "epidemiology.incidence_per_1000" in text
    new = json.loads((site / MANIFEST_FILE).read_text())["headline"]["numbers"]
    moved = f"{numbers['value-2030']:.2f} {new['value-end']:.2f} {new['value-end'] - numbers['value-2030']:+.2f}"
    assert moved in text, "the end-year value is not shown old, new and moved"
