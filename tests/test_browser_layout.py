"""Every page at 1280 px in a real browser (headless Chromium): no table wider than its column, no figure wider than
the text, no command line cut off; a screenshot of each page is kept under test-artifacts/layout/.

Folded blocks (dropdowns) are opened first, so the tables inside them are measured too.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT
from test_browser import CHROMIUM_ARGS, open_page, site_pages, site_url  # noqa: F401 (site_url: a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = ROOT / "test-artifacts" / "layout"
WIDTH = 1280
SLACK = 1  # px: sub-pixel rounding

# What overflows on a page: tables wider than their container, images wider than the article, code blocks
# whose text is cut off (scrolls sideways).
MEASURE = """() => {
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  const column = article.getBoundingClientRect().width;
  const out = [];
  article.querySelectorAll('table').forEach(t => {
    const box = t.parentElement;
    if (t.scrollWidth > box.clientWidth + %(slack)d || t.getBoundingClientRect().width > column + %(slack)d) {
      const caption = t.querySelector('caption');
      out.push(`table "${caption ? caption.innerText.slice(0, 70) : t.innerText.slice(0, 40)}": ` +
               `${t.scrollWidth} px in ${box.clientWidth} px`);
    }
  });
  article.querySelectorAll('img').forEach(img => {
    const w = img.getBoundingClientRect().width;
    if (w > column + %(slack)d) out.push(`image ${img.src.split('/').pop()}: ${Math.round(w)} px in ${Math.round(column)} px`);
  });
  article.querySelectorAll('pre').forEach(p => {
    if (p.scrollWidth > p.clientWidth + %(slack)d) out.push(`code block "${p.innerText.slice(0, 50)}": cut off`);
  });
  return {overflows: out, tables: article.querySelectorAll('table').length, column: column};
}""" % {"slack": SLACK}


@pytest.fixture(scope="module")
def wide_context():
    """One headless Chromium (Debian's) with a 1280 px wide window."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": WIDTH, "height": 900})
        context.set_default_timeout(20_000)
        yield context
        context.close()
        browser.close()


@pytest.fixture(scope="module")
def layouts(built_site, site_url, wide_context) -> dict[str, dict]:  # noqa: F811 (site_url: the fixture imported above)
    """Every page measured once with its dropdowns open, and its screenshot saved: ``{page: measures}``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    measured = {}
    for relative in site_pages(built_site):
        page, _ = open_page(wide_context, site_url + relative)
        try:
            page.evaluate("document.querySelectorAll('article details').forEach(d => { d.open = true; })")
            page.wait_for_timeout(100)
            measured[relative] = page.evaluate(MEASURE)
            page.screenshot(path=str(ARTIFACTS / (relative.replace("/", "_").removesuffix(".html") + ".png")), full_page=True)
        finally:
            page.close()
    return measured


def test_every_page_was_measured_with_its_tables(layouts):
    assert {"notebooks/data.html", "notebooks/methodology.html"} <= set(layouts)
    assert layouts["notebooks/methodology.html"]["tables"] >= 5 and layouts["notebooks/data.html"]["tables"] >= 4
    assert all(m["column"] > 300 for m in layouts.values()), "a page's text column is implausibly narrow"


def test_no_table_image_or_command_is_wider_than_its_column(layouts):
    problems = {page: m["overflows"] for page, m in layouts.items() if m["overflows"]}
    assert not problems, "at 1280 px:\n" + "\n".join(f"{page}: {'; '.join(o)}" for page, o in problems.items())


def test_screenshots_are_kept(layouts):
    shots = sorted(ARTIFACTS.glob("*.png"))
    assert len(shots) == len(layouts)
    assert all(p.stat().st_size > 10_000 for p in shots), "a screenshot is suspiciously small"
