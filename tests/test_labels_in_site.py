"""No code name reaches a reader: every built page's text, every figure's SVG text and record (caption, alt text,
source line, slide title), the deck's text and the data pack's titles, notes and headers are searched for code names
(:func:`infantile_spasms_market.labels.code_names_in`: snake_case ids, parameter paths, figure ids, ``--set``, the
registry's code-like keys) and for the project's paths and input files (``data/prices.csv``, ``params/``,
``key_players.csv``): readers see the data register's titles instead.

A code name may appear only in code format (``<code>``, ``<pre>``); equations are not text. The SVGs keep
their text as text (``svg.fonttype: none``), so their labels can be searched. The files a reader downloads
(``market_table.csv``) are named as they are.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from infantile_spasms_market import labels
from infantile_spasms_market.paths import FIGURES

pytestmark = pytest.mark.slow

SKIPPED_PARTS = {"_static", "_sources", "_images"}


def pattern(keys) -> re.Pattern:
    """A key as a whole token: not inside a longer name, a path or a file name."""
    alternatives = "|".join(sorted(map(re.escape, keys), key=len, reverse=True))
    return re.compile(rf"(?<![\w./-])({alternatives})(?![\w-])")


def page_text(markup: str) -> str:
    """The article of a page as a reader reads it, without code, scripts or styles (``<wbr>`` joins its halves)."""
    start, end = markup.find("<article"), markup.find("</article>")
    if start >= 0 and end > start:
        markup = markup[start:end]
    markup = re.sub(r"<(code|pre|script|style)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r'<(span|div) class="math[^"]*">.*?</\1>', " ", markup, flags=re.S)  # TeX, typeset by MathJax
    markup = re.sub(r"<wbr\s*/?>", "", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def svg_text(markup: str) -> str:
    """Every text element of an SVG, joined."""
    return " | ".join(html.unescape(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", markup, flags=re.S))


def paths_in(text: str, *, files: bool = True) -> list[str]:
    return labels.paths_in(text, files=files)


def found(text: str, where: str, keys: re.Pattern | None = None, *, files: bool = True) -> list[str]:
    """Each code name in ``text``, with where it stands: the registry's keys (``keys``), else every shape of code name
    and every project path or (with ``files``) input file name (:func:`paths_in`)."""
    if keys is None:
        return [f"{where}: {name!r} in ...{text[max(0, text.find(name) - 40):text.find(name) + len(name) + 20]!r}"
                for name in dict.fromkeys(labels.code_names_in(text) + paths_in(text, files=files))]
    return [f"{where}: {m.group(1)!r} in ...{text[max(0, m.start() - 40):m.end() + 20]!r}" for m in keys.finditer(text)]


def test_the_scan_finds_a_code_name_outside_code_and_not_inside():
    keys = pattern(["growth.innovation", "acth"])
    text = page_text('<article><p>Growth from innovation (<code>growth.innovation</code>), <em>acth</em> and '
                     'acth_price_history.csv; growth.<wbr>innovation</p></article>')
    assert [m.group(1) for m in keys.finditer(text)] == ["acth", "growth.innovation"]
    assert not found(svg_text('<svg><text x="1">ACTH</text><text>Growth from innovation</text></svg>'), "x.svg", keys)


def test_the_scan_finds_every_shape_of_code_name_and_leaves_words_files_addresses_and_equations():
    text = page_text('<article><p>Share (<code>share_2024_pct</code>) from share_2024_pct, trends.novel_therapy, '
                     '--set growth.innovation=0.03 and fig-summary-total; market_table.csv, https://a.org/x_y, '
                     'pharmacist.com, e.g. n.d.</p><span class="math notranslate">\\(\\pi_c\\)</span></article>')
    assert labels.code_names_in(text) == ["share_2024_pct", "trends.novel_therapy", "--set", "growth.innovation", "fig-summary-total"]


def test_the_scan_finds_project_paths_and_input_files_but_not_downloads_or_addresses():
    text = ("Pack prices in the data (data/prices.csv); scenario files in params/; as in key_players.csv; market_table.csv, "
            "https://example.org/data/prices.csv and downloads/data/bottom_up.csv; a source's file, 약제급여목록표 "
            "(data/prices.csv of PharmOS-kr/drug-price-kr, commit 0062803)")
    assert paths_in(text) == ["data/prices.csv", "params/", "key_players.csv"]
    assert found(text, "x")[0].startswith("x: 'data/prices.csv' in")


def test_no_code_name_in_pages_or_figures(built_site: Path):
    keys = None  # every shape of code name (the registry's keys among them)
    problems = []
    pages = [p for p in built_site.rglob("*.html") if not SKIPPED_PARTS & set(p.relative_to(built_site).parts)]
    svgs = sorted((built_site / FIGURES).glob("*.svg"))
    assert pages and svgs, "the built site has no pages or no SVG figures"
    for page in pages:
        problems += found(page_text(page.read_text(encoding="utf-8")), page.relative_to(built_site).as_posix(), keys)
    for svg in svgs:
        text = svg_text(svg.read_text(encoding="utf-8"))
        assert text.strip(), f"{svg.name} holds no text elements: save SVG text as text (svg.fonttype none)"
        problems += found(text, svg.name, keys)
        problems += [f"{svg.name}: the file path {m.group(0)!r}" for m in labels.PROJECT_FILE.finditer(text)]  # a source line's
    assert not problems, "code names where readers need words (use infantile_spasms_market.labels):\n" + "\n".join(problems)


def test_no_code_name_in_the_figures_records(built_site: Path):
    """What a figure's record carries to the catalogue, the deck and a presenter: caption, alt text, source line, slide title."""
    import json

    problems = []
    for record_file in sorted((built_site / "downloads" / "figures").glob("fig-*.json")):
        record = json.loads(record_file.read_text(encoding="utf-8"))
        chart = record.get("chart") or {}
        texts = [record.get(k, "") for k in ("caption", "alt", "source", "takeaway")]
        texts += [chart.get("y_title", ""), chart.get("x_title", ""), *(str(c) for c in chart.get("categories", [])),
                  *(s["name"] for s in chart.get("series", []))]
        problems += found(" | ".join(texts), record_file.name)
    assert not problems, "code names in the figures' records:\n" + "\n".join(problems)


def test_no_code_name_in_the_data_packs_titles_notes_and_headers(built_site: Path):
    """Each sheet's title and scenario line, its header row, and the cover and key numbers in full. The cells of the
    Parameters sheet's code-name column, the Sources sheet's ids and the Data files sheet's columns map code names
    to words (a glossary) and are left out; so are the input files' rows, which are data. The pack holds the input
    files themselves: a sheet may name the file it holds (``live_births.csv``), never a path."""
    import openpyxl

    book = openpyxl.load_workbook(next((built_site / "downloads").glob("*.xlsx")), read_only=True)
    problems = []
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True, max_row=None if sheet.title in {"Cover", "Key numbers"} else 3))
        if sheet.title not in {"Cover", "Key numbers"} and len([v for v in rows[0] if v is not None]) > 1:
            rows = rows[:1]  # no title: the header row (and the scenario line beside it), then data
        text = " | ".join(str(v) for row in rows for v in row if v is not None)
        problems += found(text, f"sheet {sheet.title!r}", files=False)
    assert not problems, "code names in the data pack:\n" + "\n".join(problems)
