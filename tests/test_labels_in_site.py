"""No code name reaches a reader: every built page's text, every figure's SVG text and the deck's text are searched
for code names (:func:`infantile_spasms_market.labels.code_names_in`: snake_case ids, parameter paths, figure ids,
``--set``, the registry's code-like keys).

A code name may appear only in code format (``<code>``, ``<pre>``); equations are not text. The SVGs keep
their text as text (``svg.fonttype: none``), so their labels can be searched.
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


def found(text: str, where: str, keys: re.Pattern | None = None) -> list[str]:
    """Each code name in ``text``, with where it stands: the registry's keys (``keys``), else every shape of code name."""
    if keys is None:
        return [f"{where}: {name!r} in ...{text[max(0, text.find(name) - 40):text.find(name) + len(name) + 20]!r}"
                for name in dict.fromkeys(labels.code_names_in(text))]
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
