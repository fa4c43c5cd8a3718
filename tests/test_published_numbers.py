"""The numbers the built book prints, read back from its HTML and recomputed from the market table it publishes.

The oracle is independent of the code that glued them: pandas group-bys on the exported
``downloads/data/market_table.csv``, written out in this file, and the report's figures read
from ``data/report_headline.yaml`` with plain YAML. A glue key holding the 2025 total under a 2024
label, a share computed with ``min`` instead of ``max`` or a claim judged in the wrong year fails
here. Both the base book and the alternative scenario's book are read (the alternative moves every
part of the model, so nothing holds merely by the base case's construction).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

from infantile_spasms_market.paths import DATA_DOWNLOADS, MANIFEST_FILE

pytestmark = pytest.mark.slow

SITES = ("built_site", "built_alternative_site")
# What the book's prose calls each column of the market table.
NOUNS = {"drug type": "drug_type", "therapeutic class": "therapeutic_class", "dosage": "dosage", "region": "region"}
SEGMENT_TABLES = {
    ("segments", "tbl-segments-drug-type"): "drug_type",
    ("segments", "tbl-segments-therapeutic-class"): "therapeutic_class",
    ("segments", "tbl-segments-dosage"): "dosage",
    ("regions", "tbl-regions-regions"): "region",
}
CLAIM_TABLES = (("summary", "tbl-summary-claims"), ("segments", "tbl-segments-claims"))  # the summary's only in a build
# that differs from the base (in the base the claims hold by design, and the section is not published)
NUMBER = r"(-?[\d,]+(?:\.\d+)?)"


@pytest.fixture(scope="module", params=SITES)
def site(request) -> Path:
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def market(site: Path) -> pd.DataFrame:
    """The long market table the site publishes for download."""
    return pd.read_csv(site / DATA_DOWNLOADS / "market_table.csv")


def page(site: Path, chapter: str) -> BeautifulSoup:
    return BeautifulSoup((site / "notebooks" / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")


def text_of(node) -> str:
    """A node's text with whitespace collapsed (the HTML wraps lines inside sentences)."""
    return " ".join(node.get_text(" ", strip=True).split()).replace(" ,", ",").replace(" .", ".").replace("( ", "(").replace(" )", ")")


def rows_of(soup: BeautifulSoup, table_id: str) -> tuple[list[str], list[list[str]]]:
    """(header, body rows) of the table with ``id``, each cell's text."""
    table = soup.find(id=table_id)
    assert table is not None, f"no table {table_id}"
    header = [text_of(th) for th in table.select("thead th")]
    body = [[text_of(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    return header, body


def assert_shown(shown: str, value: float, where: str) -> None:
    """``shown`` is ``value`` rounded to the decimals it shows (half a unit of its last digit); blank where it has none."""
    text = shown.replace(",", "").rstrip("%").strip()
    if not text:
        assert not math.isfinite(value), f"{where}: the book shows nothing, the market table gives {value:.6f}"
        return
    decimals = len(text.split(".")[1]) if "." in text else 0
    assert abs(float(text) - value) <= 0.5 * 10**-decimals + 1e-9, f"{where}: the book shows {shown}, the market table gives {value:.6f}"


# --------------------------------------------------------------------------- the oracle: pandas on the CSV
def by(market: pd.DataFrame, column: str) -> pd.DataFrame:
    """Value by year (rows) and the values of ``column`` (columns)."""
    return market.groupby(["year", column])["value_usd_m"].sum().unstack(column)


def total(market: pd.DataFrame) -> pd.Series:
    return market.groupby("year")["value_usd_m"].sum()


def growth(series: pd.Series, start: int, end: int) -> float:
    """Compound annual growth between two years, as a fraction (NaN from a start of zero)."""
    if series[start] == 0:
        return math.nan
    return (series[end] / series[start]) ** (1 / (end - start)) - 1


def report() -> dict:
    return yaml.safe_load((ROOT / "data" / "report_headline.yaml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the exported table itself
def test_the_exported_base_table_reproduces_the_report(built_site):
    market = pd.read_csv(built_site / DATA_DOWNLOADS / "market_table.csv")
    published = report()
    values, (start, end) = published["market_size_usd_m"], published["cagr_period"]
    series = total(market)
    for year, value in values.items():
        assert series[int(year)] == pytest.approx(value, abs=1e-6)
    assert 100 * growth(series, start, end) == pytest.approx(published["cagr_pct"], abs=1e-6)
    parquet = pd.read_parquet(built_site / DATA_DOWNLOADS / "market_table.parquet")
    pd.testing.assert_frame_equal(parquet.reset_index(drop=True), market, check_dtype=False, check_categorical=False)


# --------------------------------------------------------------------------- the executive summary
def test_the_summary_headline_is_the_market_tables(site, market):
    soup = page(site, "summary")
    paragraph = next(text_of(p) for p in soup.select("#the-market-year-by-year p") if "the market is worth" in p.get_text())
    series = total(market)
    quoted = re.findall(rf"USD {NUMBER} million in (\d{{4}})", paragraph)
    assert len(quoted) == 2, paragraph
    for shown, year in quoted:
        assert_shown(shown, series[int(year)], f"summary, 'USD {shown} million in {year}'")
    rate = re.search(rf"growth rate of {NUMBER} % from (\d{{4}}) to (\d{{4}})", paragraph)
    assert rate, paragraph
    assert_shown(rate.group(1), 100 * growth(series, int(rate.group(2)), int(rate.group(3))), "summary, the growth rate")

    header, rows = rows_of(soup, "tbl-summary-headline")  # the key numbers: the report, the own estimate, this build
    assert [re.sub(r"\D", "", h) for h in header[1:3]] == ["2024", "2030"] and re.fullmatch(r"Growth a year, (\d{4})-(\d{4}) \(%\)", header[3])
    start, end = map(int, re.findall(r"\d{4}", header[3]))
    published = report()
    label = {row[0]: row[1:] for row in rows}
    for shown, value in zip(label["The report"], [*published["market_size_usd_m"].values(), published["cagr_pct"]]):
        assert_shown(shown, value, "tbl-summary-headline, the report")
    built = [row for row in rows if row[0].startswith("This build:")]
    scenario = json.loads((site / MANIFEST_FILE).read_text(encoding="utf-8"))["scenario"]
    assert len(built) == (0 if scenario["name"] == "base" and not scenario["overrides"] else 1)
    for row in built:  # a build that differs from the base shows its own values beside the report's
        for shown, value in zip(row[1:], [series[2024], series[2030], 100 * growth(series, start, end)]):
            assert_shown(shown, value, f"tbl-summary-headline, {row[0]}")


def fastest(market: pd.DataFrame, column: str, start: int, end: int) -> pd.Series:
    """Growth of each segment with value at ``start``, as a fraction."""
    values = by(market, column)
    return pd.Series({name: growth(values[name], start, end) for name in values.columns if values.loc[start, name] > 0})


def test_the_summarys_largest_segments_are_the_market_tables(site, market):
    items = [text_of(li) for li in page(site, "summary").select("#the-market-year-by-year li")]
    assert len(items) == 4, items
    for item in items:
        if match := re.fullmatch(rf"Largest (.+) in (\d{{4}}): (.+), with {NUMBER} %( of the value)?\.", item):
            noun, year, leader, share = match.group(1), int(match.group(2)), match.group(3), match.group(4)
            values = by(market, NOUNS[noun]).loc[year]
            assert leader == values.idxmax(), item
            assert_shown(share, 100 * values.max() / values.sum(), item)
        elif match := re.fullmatch(rf"Fastest-growing (.+), (\d{{4}})-(\d{{4}}): (.+), at {NUMBER} % a year\.", item):
            rates = fastest(market, NOUNS[match.group(1)], int(match.group(2)), int(match.group(3)))
            assert match.group(4) == rates.idxmax(), item
            assert_shown(match.group(5), 100 * rates.max(), item)
        else:
            pytest.fail(f"a headline item this test does not read: {item!r}")


# --------------------------------------------------------------------------- the segment and region tables
@pytest.mark.parametrize(("chapter", "table_id"), list(SEGMENT_TABLES))
def test_segment_tables_are_the_market_tables_group_by(site, market, chapter, table_id):
    column = SEGMENT_TABLES[chapter, table_id]
    values = by(market, column)
    header, rows = rows_of(page(site, chapter), table_id)
    assert {row[0] for row in rows} == set(values.columns), f"{table_id}: the rows are not the market table's {column} values"
    for row in rows:
        check_row(header, row, values[row[0]], values.sum(axis=1), f"{table_id}, {row[0]}")


def check_row(header: list[str], row: list[str], values: pd.Series, whole: pd.Series, where: str) -> None:
    """Check each cell of a row whose columns are years in USD m, CAGRs and shares (of ``whole``)."""
    checked = 0
    for name, shown in zip(header, row):
        if match := re.fullmatch(r"(\d{4}) \(USD m\)", name):
            assert_shown(shown, values[int(match.group(1))], f"{where}, {name}")
        elif match := re.fullmatch(r"CAGR (\d{4})-(\d{4}) \(%\)", name):
            assert_shown(shown, 100 * growth(values, int(match.group(1)), int(match.group(2))), f"{where}, {name}")
        elif match := re.fullmatch(r"Share (?:of region )?(\d{4}) \(%\)", name):
            year = int(match.group(1))
            assert_shown(shown, 100 * values[year] / whole[year], f"{where}, {name}")
        else:
            continue
        checked += 1
    assert checked >= 3, f"{where}: only {checked} numeric columns recognised in {header}"


def test_country_table_is_the_market_tables_group_by(site, market):
    header, rows = rows_of(page(site, "regions"), "tbl-regions-countries")
    countries = market.groupby(["year", "region", "country"])["value_usd_m"].sum()
    regions = market.groupby(["year", "region"])["value_usd_m"].sum().unstack("region")
    assert len(rows) == market[["region", "country"]].drop_duplicates().shape[0]
    region = None
    for row in rows:
        region = row[0] or region  # a region's name is shown on its first row only
        series = countries.xs((region, row[1]), level=("region", "country"))
        check_row(header, row, series, regions[region], f"tbl-regions-countries, {row[1]}")


def test_the_regions_chapter_names_the_largest_and_fastest_region(site, market):
    paragraph = next(text_of(p) for p in page(site, "regions").select("article p") if "is the largest region" in p.get_text())
    values = by(market, "region")
    match = re.search(rf"In (\d{{4}}) (.+?) is the largest region, with {NUMBER} % of the value \({NUMBER} % in (\d{{4}})\)", paragraph)
    assert match, paragraph
    first, leader, end = int(match.group(1)), match.group(2), int(match.group(5))
    assert leader == values.loc[first].idxmax()
    assert_shown(match.group(3), 100 * values.loc[first, leader] / values.loc[first].sum(), "regions, share of the largest region")
    assert_shown(match.group(4), 100 * values.loc[end, leader] / values.loc[end].sum(), "regions, its share at the end")
    match = re.search(rf"The fastest-growing region is (.+?), at {NUMBER} % a year from (\d{{4}}) to (\d{{4}}), against {NUMBER} %", paragraph)
    assert match, paragraph
    rates = fastest(market, "region", int(match.group(3)), int(match.group(4)))
    assert match.group(1) == rates.idxmax()
    assert_shown(match.group(2), 100 * rates.max(), "regions, the fastest region's growth")
    assert_shown(match.group(5), 100 * growth(total(market), int(match.group(3)), int(match.group(4))), "regions, the world's growth")


# --------------------------------------------------------------------------- the report's claims
def judge(market: pd.DataFrame, claim: str) -> tuple[bool, str, pd.Series]:
    """Judge one claim's words on the market table: (holds, what kind of claim, the numbers it rests on)."""
    if match := re.fullmatch(r"(.+) is the largest (.+) in (\d{4})", claim):
        values = by(market, NOUNS[match.group(2)]).loc[int(match.group(3))]
        return values.idxmax() == match.group(1), "largest", values
    if match := re.fullmatch(r"(.+) is the largest (.+) in every year", claim):
        leaders = by(market, NOUNS[match.group(2)]).idxmax(axis=1)
        return bool((leaders == match.group(1)).all()), "every year", leaders
    if match := re.fullmatch(r"(.+) is the fastest-growing (.+) \((\d{4})-(\d{4})\)", claim):
        rates = fastest(market, NOUNS[match.group(2)], int(match.group(3)), int(match.group(4)))
        return rates.idxmax() == match.group(1), "fastest", rates
    raise AssertionError(f"a claim this test cannot judge: {claim!r}")


@pytest.mark.parametrize(("chapter", "table_id"), CLAIM_TABLES)
def test_claims_tables_judge_the_market_table(site, market, chapter, table_id):
    soup = page(site, chapter)
    if chapter == "summary" and soup.find(id=table_id) is None:
        assert "the-report-s-claims-checked" not in str(soup), "the summary's claims section without its table"
        pytest.skip("the base book does not publish the summary's claims (they hold by design)")
    header, rows = rows_of(soup, table_id)
    assert header == ["The report says", "Holds in this scenario", "What the model shows"]
    for claim, holds, shows in rows:
        expected, kind, numbers = judge(market, claim)
        assert holds == ("yes" if expected else "no"), f"{table_id}: {claim!r} is shown as {holds!r}"
        if kind == "largest":
            match = re.fullmatch(rf"largest: (.+) \({NUMBER}% of (\d{{4}}) value\)", shows)
            assert match and match.group(1) == numbers.idxmax(), f"{claim}: {shows}"
            assert_shown(match.group(2), 100 * numbers.max() / numbers.sum(), f"{claim}: {shows}")
            assert int(match.group(3)) == int(claim[-4:])
        elif kind == "every year":
            off = [int(year) for year, leader in numbers.items() if leader != claim.split(" is the ")[0]]
            assert shows == (f"another region leads in {off}" if off else f"{claim.split(' is the ')[0]} leads in every year")
        else:
            shown = dict((name, value) for name, value in re.findall(rf"(.+?) {NUMBER}%(?:, |$)", shows))
            assert set(shown) == set(numbers.index), f"{claim}: {shows}"
            for name, value in shown.items():
                assert_shown(value, 100 * numbers[name], f"{claim}: {name}")
            assert list(shown) == list(numbers.sort_values(ascending=False).index), f"{claim}: not in order of growth"


BOOK_LABEL = {"Adrenocorticotropic Hormone": "ACTH"}
"""The one report segment name the book shows by a shorter label (the glossary's "The report's name of a segment")."""


def test_the_summary_judges_every_claim_of_the_report(built_site, built_alternative_site):
    """Each claim the report makes (read from its YAML) has its row in a build that differs from the base, naming the
    segment the report names; the base book leaves the section out (its claims hold by design)."""
    published = report()
    named = [BOOK_LABEL.get(n, n) for n in (*published["dominant_in_base_year"].values(), published["largest_region"],
                                            published["fastest_growing_segment"]["segment"])]
    assert page(built_site, "summary").find(id="tbl-summary-claims") is None
    _, rows = rows_of(page(built_alternative_site, "summary"), "tbl-summary-claims")
    assert sorted(claim.split(" is the ")[0] for claim, _, _ in rows) == sorted(named)


def test_the_scenario_comparison_starts_from_this_books_table(built_site):
    """The base row of the scenarios chapter's table is the base book's own market table."""
    header, rows = rows_of(page(built_site, "scenarios"), "tbl-scenarios-compare")
    base = next(row for row in rows if row[0] == "Base case")  # the base scenario, by its display name
    base_market = pd.read_csv(built_site / DATA_DOWNLOADS / "market_table.csv")
    series = total(base_market)
    check_row(header, base, series, series, "tbl-scenarios-compare, base")
