"""Every link and asset of the built site resolves: each ``href`` and ``src`` names a file the site holds, and
each ``#anchor`` an element that exists on its page. External links (``https:``, ``mailto:``) are not followed:
the tests run offline."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow

NOT_LOCAL = {"http", "https", "mailto", "data", "javascript", "tel", "ftp"}
URL_ATTRIBUTES = {"href", "src"}


class PageLinks(HTMLParser):
    """The URLs a page links to or loads (``href`` and ``src`` of any tag), and the anchors it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.urls.append((tag, value.strip()))
            if name == "id" or (tag == "a" and name == "name"):
                self.anchors.add(value or "")


@cache
def parsed(page: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    """The site's HTML pages (not the theme's fragments under ``_static``, nor Sphinx's ``_sources``)."""
    return sorted(p for p in site.rglob("*.html") if not {"_static", "_sources"} & set(p.relative_to(site).parts))


def broken_links(site: Path, page: Path) -> list[str]:
    """What on ``page`` points at no file of the site, or at an anchor its target page does not define."""
    broken = []
    for tag, url in parsed(page).urls:
        parts = urlsplit(url)
        if parts.scheme in NOT_LOCAL or parts.netloc or (not parts.path and not parts.fragment):
            continue
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(site.resolve()):
            broken.append(f"<{tag}> {url}: outside the site")
        elif not target.is_file():
            broken.append(f"<{tag}> {url}: no such file")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parsed(target).anchors:
            broken.append(f"<{tag}> {url}: no element with id {parts.fragment!r} on {target.relative_to(site.resolve())}")
    return broken


def test_every_link_and_asset_of_the_site_resolves(built_site):
    site_pages = pages(built_site)
    assert len(site_pages) > 15, f"only {len(site_pages)} pages found"
    broken = {p.relative_to(built_site).as_posix(): links for p in site_pages if (links := broken_links(built_site.resolve(), p.resolve()))}
    checked = sum(len(parsed(p.resolve()).urls) for p in site_pages)
    assert checked > 1000, f"only {checked} links found: the parser is broken"
    assert not broken, f"broken links and assets: {broken}"


def test_the_checker_notices_a_missing_file_and_a_missing_anchor(tmp_path):
    (tmp_path / "b.html").write_text('<p id="here">b</p>', encoding="utf-8")
    page = tmp_path / "a.html"
    page.write_text(
        '<a href="b.html#here">ok</a><a href="b.html#gone">x</a><img src="img/missing.png">'
        '<a href="#top">y</a><a href="https://example.org/">external</a><a href="../../outside.html">z</a>',
        encoding="utf-8",
    )
    problems = broken_links(tmp_path.resolve(), page.resolve())
    assert problems == [
        "<a> b.html#gone: no element with id 'gone' on b.html",
        "<img> img/missing.png: no such file",
        "<a> #top: no element with id 'top' on a.html",
        "<a> ../../outside.html: outside the site",
    ]
