"""The built book in a real browser (headless Chromium): every page loads cleanly and offline,
the navigation and the search work, and axe-core finds no serious accessibility problem."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = ROOT / "test-artifacts"
CHAPTER = "notebooks/segments.html"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
# Pages checked with axe-core: the front page, one chapter, the figures page, the search page, and
# the references (docutils' citation markup needs the book's sphinx_citations extension).
AXE_PAGES = ("index.html", CHAPTER, "book/figures.html", "search.html?q=vigabatrin", "book/references.html")
AXE_BLOCKING = {"serious", "critical"}

# Makes every image load now (lazy ones too) and reports what each one loaded.
LOAD_IMAGES = """async () => {
  const images = Array.from(document.images);
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.complete ? null :
      new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done);
                            setTimeout(done, 10000); })));
  return images.map(img => ({src: img.currentSrc || img.src, width: img.naturalWidth, alt: img.alt}));
}"""


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the site, relative (theme fragments under ``_static`` are not pages)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not {"_static", "_sources", "downloads"} & set(p.relative_to(site).parts)
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    """The built site served over HTTP on 127.0.0.1 (a free port), as a reader's browser sees it."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_context():
    """One headless Chromium (Debian's) and one context for the whole module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        yield context
        context.close()
        browser.close()


@dataclass
class PageReport:
    """What one page did in the browser."""

    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)


def open_page(context, url: str):
    """Open ``url`` in a new tab that records requests, failures and console errors; (page, report)."""
    page = context.new_page()
    report = PageReport(url)
    page.on("request", lambda request: report.requests.append(request.url))
    page.on("requestfailed", lambda request: report.failed.append(f"{request.url} ({request.failure})"))
    page.on("response", lambda response: response.status >= 400 and report.failed.append(f"{response.url} (HTTP {response.status})"))
    page.on("console", lambda message: message.type == "error"
            and report.console_errors.append(f"{message.text} [{message.location.get('url')}]"))
    page.on("pageerror", lambda error: report.console_errors.append(f"uncaught: {error}"))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, report


@pytest.fixture(scope="module")
def page_reports(built_site: Path, site_url: str, browser_context) -> dict[str, PageReport]:
    """Every page of the site visited once, its images forced to load; ``{relative path: report}``."""
    reports = {}
    for relative in site_pages(built_site):
        page, report = open_page(browser_context, site_url + relative)
        report.images = page.evaluate(LOAD_IMAGES)
        page.wait_for_load_state("networkidle")
        reports[relative] = report
        page.close()
    return reports


def test_the_site_has_the_pages_a_reader_expects(page_reports):
    assert {"index.html", "search.html", CHAPTER, "book/figures.html"} <= set(page_reports)


def test_no_page_logs_a_console_error(page_reports):
    errors = {page: r.console_errors for page, r in page_reports.items() if r.console_errors}
    assert not errors, f"console errors: {errors}"


def test_no_request_fails(page_reports):
    failed = {page: r.failed for page, r in page_reports.items() if r.failed}
    assert not failed, f"failed requests: {failed}"


def test_no_request_leaves_the_local_server(page_reports, site_url):
    local = urlsplit(site_url).netloc
    outside = {
        page: sorted({u for u in r.requests if urlsplit(u).scheme not in {"data", "blob", "about"} and urlsplit(u).netloc != local})
        for page, r in page_reports.items()
    }
    outside = {page: urls for page, urls in outside.items() if urls}
    assert all(r.requests for r in page_reports.values()), "a page made no request at all: the recorder is broken"
    assert not outside, f"requests to other hosts: {outside}"


def test_every_image_loads(page_reports):
    assert page_reports[CHAPTER].images, "the chapter shows no image"
    assert page_reports["book/figures.html"].images, "the figures page shows no thumbnail"
    broken = {page: [i["src"] for i in r.images if i["width"] <= 0] for page, r in page_reports.items()}
    broken = {page: srcs for page, srcs in broken.items() if srcs}
    assert not broken, f"images that did not load: {broken}"


def test_sidebar_link_leads_to_its_page(built_site, site_url, browser_context):
    redirect = re.search(r'url=([^"]+)"', (built_site / "index.html").read_text(encoding="utf-8"))
    assert redirect, "index.html does not send the reader to the first page"
    page, report = open_page(browser_context, site_url + "index.html")
    try:
        assert page.url == site_url + redirect.group(1), f"the front page went to {page.url}"
        links = page.locator("nav.bd-docs-nav a.reference.internal")
        targets = links.evaluate_all("links => links.map(a => a.href)")
        chapter = next((i for i, href in enumerate(targets) if "/notebooks/" in href and href != page.url), None)
        assert chapter is not None, f"the sidebar links to no other chapter: {targets}"
        title = links.nth(chapter).inner_text().strip()
        links.nth(chapter).click()
        page.wait_for_url(targets[chapter])
        heading = page.locator("main h1").first.inner_text()
        assert re.sub(r"^[\d.\s]+", "", title) in heading, f"clicked {title!r}, landed on a page titled {heading!r}"
        assert not report.console_errors and not report.failed
    finally:
        page.close()


def test_search_finds_vigabatrin(site_url, browser_context):
    page, report = open_page(browser_context, site_url + "search.html?q=vigabatrin")
    try:
        results = page.locator("#search-results ul.search li")
        results.first.wait_for(state="visible", timeout=15_000)
        hrefs = [a.get_attribute("href") for a in page.locator("#search-results ul.search li a").all()]
        assert any(CHAPTER in (h or "") for h in hrefs), f"the segments chapter is not among the results: {hrefs}"
        summary = page.locator("#search-results p.search-summary").inner_text()
        assert re.search(r"found \d+ page", summary), f"unexpected search summary: {summary!r}"
        assert not report.console_errors and not report.failed
    finally:
        page.close()


@pytest.mark.parametrize("relative", AXE_PAGES)
def test_axe_finds_no_serious_accessibility_problem(site_url, browser_context, relative):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = open_page(browser_context, site_url + relative)
    try:
        if relative.startswith("search.html"):
            page.locator("#search-results ul.search li").first.wait_for(state="visible", timeout=15_000)
        results = Axe().run(page)
        blocking = [
            f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"]
            if v["impact"] in AXE_BLOCKING
        ]
        assert not blocking, f"{relative}: " + "; ".join(blocking)
    finally:
        page.close()


@pytest.mark.parametrize("relative, name", [("index.html", "front-page"), (CHAPTER, "chapter-segments")])
def test_screenshots_are_saved_as_artefacts(site_url, browser_context, relative, name):
    page, _ = open_page(browser_context, site_url + relative)
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000, f"{target} is suspiciously small"
    finally:
        page.close()
