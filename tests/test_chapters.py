"""Every chapter executes under the base and under a second scenario, its figures and tables
follow the scenario, and each built chapter has numbered figures (with files and alt text) and tables."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from infantile_spasms_market.bookbuild.plan import toc_notebooks
from infantile_spasms_market.bookbuild.sphinx_extensions import sentence
from infantile_spasms_market.paths import FIGURES

pytestmark = pytest.mark.slow

CHAPTERS = [p.stem for p in toc_notebooks()]
# Pages that document rather than analyse: they need no minimum of figures.
REFERENCE_CHAPTERS = {"methodology", "data"}
MIN_FIGURES = 3
PLAIN_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})  # Sphinx's smart quotes


def figure_records(site: Path, chapter: str) -> list[dict]:
    """Records of the figures a chapter saved (read from the chapter's own page)."""
    html = (site / "notebooks" / f"{chapter}.html").read_text(encoding="utf-8")
    ids = re.findall(r'<figure[^>]*id="(fig-[a-z0-9-]+)"', html)
    folder = site / FIGURES
    return [json.loads((folder / f"{i}.json").read_text()) for i in ids if (folder / f"{i}.json").is_file()]


def page_figure(html: str, fig_id: str) -> tuple[str, str]:
    """The alt text and the caption a page shows for ``fig_id`` (typographic quotes back to plain ones)."""
    body = re.search(rf'<figure[^>]*id="{fig_id}"[^>]*>(.*?)</figure>', html, re.S).group(1)
    alt = unescape(re.search(r'<img alt="([^"]*)"', body).group(1))
    caption = unescape(re.sub(r"<[^>]+>", "", re.search(r'<span class="caption-text">(.*?)</span>', body, re.S).group(1)))
    return alt, caption.translate(PLAIN_QUOTES)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_has_numbered_figures_with_files_and_alt_text(built_site, chapter):
    """... and each figure shows the caption and alt text of its record: written once, in ``chapter.figure``."""
    html = (built_site / "notebooks" / f"{chapter}.html").read_text(encoding="utf-8")
    figure_ids = re.findall(r'<figure[^>]*id="(fig-[a-z0-9-]+)"', html)
    if chapter not in REFERENCE_CHAPTERS:
        assert len(figure_ids) >= MIN_FIGURES, f"{chapter}: {len(figure_ids)} figures, at least {MIN_FIGURES} expected"
    numbers = re.findall(r'<span class="caption-number">Fig\. (\d+(?:\.\d+)*) </span>', html)
    assert len(numbers) == len(figure_ids), f"{chapter}: every figure must be numbered"
    folder = built_site / FIGURES
    for fig_id in figure_ids:
        for ext in ("png", "svg", "csv", "json"):
            assert (folder / f"{fig_id}.{ext}").is_file(), f"{chapter}: {fig_id}.{ext} missing"
        record = json.loads((folder / f"{fig_id}.json").read_text())
        assert record["alt"] and record["caption"] and record["source"]
        shown = page_figure(html, fig_id)
        assert shown == (record["alt"], sentence(record["caption"])), f"{chapter}: {fig_id} shows other texts than its record"
    for img in re.findall(r"<img [^>]*>", html):
        assert re.search(r'alt="[^"]+"', img), f"{chapter}: image without alt text: {img[:120]}"


@pytest.mark.parametrize("chapter", [c for c in CHAPTERS if c not in REFERENCE_CHAPTERS])
def test_chapter_has_a_numbered_table(built_site, chapter):
    html = (built_site / "notebooks" / f"{chapter}.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="caption-number">Table \d+(\.\d+)* </span>', html), f"{chapter}: no numbered table"


@pytest.mark.parametrize("chapter", [c for c in CHAPTERS if c not in REFERENCE_CHAPTERS])
def test_chapter_figures_follow_the_scenario(built_site, built_alternative_site, chapter):
    """At least one figure's data differs between the two scenarios (data-only figures may not)."""
    base = {r["id"]: r for r in figure_records(built_site, chapter)}
    folder_base = built_site / FIGURES
    folder_alt = built_alternative_site / FIGURES
    changed = [
        fig_id for fig_id in base
        if (folder_alt / f"{fig_id}.csv").is_file()
        and (folder_alt / f"{fig_id}.csv").read_bytes() != (folder_base / f"{fig_id}.csv").read_bytes()
    ]
    assert changed, f"{chapter}: no figure changed under the alternative scenario"


def test_alternative_scenario_is_announced_on_every_page(built_alternative_site):
    # Content pages only: not the redirect at the root, the theme's template fragments under
    # _static, or Sphinx's generated index and search pages.
    pages = [
        p for p in built_alternative_site.rglob("*.html")
        if "_static" not in p.relative_to(built_alternative_site).parts
        and p.relative_to(built_alternative_site).as_posix() not in {"index.html", "genindex.html", "search.html"}
    ]
    assert len(pages) > 10
    missing = [p.relative_to(built_alternative_site).as_posix() for p in pages
               if "Scenario: Test alternative, with 8 parameters changed. Not the base case." not in p.read_text(encoding="utf-8")]
    assert not missing, f"pages without the scenario banner: {missing}"


def test_base_pages_carry_no_scenario_banner(built_site):
    assert "Not the base case" not in (built_site / "index.html").read_text(encoding="utf-8")
