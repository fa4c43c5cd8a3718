"""Tests for the PDF edition's document: title page, contents, chapters on new pages, print figures, local links."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from infantile_spasms_market.outputs.citing import Cited
from infantile_spasms_market.outputs.print_document import (
    EDITIONS_CLASS,
    PrintDocumentError,
    contents,
    root_page,
    title_page,
    write_print_document,
)

PAGE = """<!DOCTYPE html><html><head><title>t</title>
<link rel="stylesheet" href="_static/theme.css">
<script src="_static/theme.js"></script>
<script>window.MathJax = {}</script><script defer src="_static/mathjax/tex-chtml.js"></script>
</head><body><header>navigation</header><article class="bd-article">
<section id="summary"><h1>Summary<a class="headerlink" href="#summary">#</a></h1>
<p class="book-editions"><a href="../downloads/book.pdf">Download</a></p>
<p>See <a href="notebooks/summary.html#fig-one">Fig. 1.1</a>, <a href="../downloads/x.csv">the data</a> and
<a href="https://who.int/">WHO</a>.</p>
<div class="toctree-wrapper compound">
<span id="document-notebooks/one"></span><section id="one"><h2>1. One<a class="headerlink" href="#one">#</a></h2>
<figure id="fig-one"><img src="_images/screen.png" alt="A chart" loading="lazy"><figcaption>Fig. 1.1</figcaption></figure>
<img class="figure-thumbnail" src="downloads/figures/fig-one.thumb.png" loading="lazy">
</section>
<span id="document-book/about"></span><section id="about"><h2>About</h2><p>Text</p></section>
</div></section></article><footer>footer</footer></body></html>"""


@pytest.fixture
def singlehtml(tmp_path: Path) -> Path:
    site = tmp_path / "singlehtml"
    (site / "notebooks").mkdir(parents=True)
    (site / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=notebooks/summary.html" />')
    (site / "notebooks" / "summary.html").write_text(PAGE)
    (site / "downloads" / "figures").mkdir(parents=True)
    (site / "downloads" / "figures" / "fig-one.png").write_bytes(b"png")
    return site


@pytest.fixture
def toc(tmp_path: Path) -> Path:
    path = tmp_path / "_toc.yml"
    path.write_text("root: notebooks/summary\nparts:\n  - caption: The market\n    chapters:\n      - file: notebooks/one\n"
                    "  - caption: Reference\n    chapters:\n      - file: book/about\n")
    return path


EDITION = Cited("A Book", "The authors", "Base case", "2026-12-03")


def test_root_page_follows_the_redirect(singlehtml):
    assert root_page(singlehtml) == singlehtml / "notebooks" / "summary.html"


def test_root_page_without_index_is_a_clear_error(tmp_path):
    with pytest.raises(PrintDocumentError, match="no index.html"):
        root_page(tmp_path)


def test_the_document_has_a_title_page_contents_and_the_book(singlehtml, toc):
    path, entries, counts = write_print_document(singlehtml, toc, EDITION)
    assert path == singlehtml / "print.html"
    soup = BeautifulSoup(path.read_text(), "html.parser")
    title = soup.select_one(".print-title-page").get_text(" ", strip=True)
    assert "A Book" in title and "Scenario: Base case" in title and "Built 2026-12-03" in title
    assert [(e.anchor, e.title, e.part) for e in entries] == [
        ("summary", "Summary", None), ("document-notebooks/one", "1. One", "The market"), ("document-book/about", "About", "Reference")]
    assert [a["href"] for a in soup.select(".print-contents a")] == ["#summary", "#document-notebooks/one", "#document-book/about"]
    assert [p.get_text() for p in soup.select(".print-contents .print-part")] == ["The market", "Reference"]
    assert counts == {"figures": 1, "chapters": 3}
    # the site's navigation and footer are not printed; chapters start a page, with their anchor on it
    assert "navigation" not in soup.get_text() and "footer" not in soup.get_text()
    chapter = soup.find("section", id="one")
    assert "print-chapter" in chapter["class"]
    assert chapter.find("span", id="document-notebooks/one") is not None


def test_figures_print_at_print_resolution_and_links_stay_inside(singlehtml, toc):
    path, _, _ = write_print_document(singlehtml, toc, EDITION)
    soup = BeautifulSoup(path.read_text(), "html.parser")
    assert soup.select_one("figure#fig-one img")["src"] == "downloads/figures/fig-one.png"
    assert not soup.find_all("img", loading=True)  # nothing lazy: a print loads every image
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert "#fig-one" in hrefs and "https://who.int/" in hrefs
    assert not any(h.startswith("../") for h in hrefs)  # a download link would point at the local print server
    assert "the data" in soup.get_text()  # its text stays
    assert not soup.select("a.headerlink, img.figure-thumbnail, ." + EDITIONS_CLASS)


def test_only_the_stylesheets_and_mathjax_are_kept(singlehtml, toc):
    path, _, _ = write_print_document(singlehtml, toc, EDITION)
    head = BeautifulSoup(path.read_text(), "html.parser").head
    assert [link["href"] for link in head.find_all("link")] == ["_static/theme.css"]
    scripts = [s.get("src") or s.get_text() for s in head.find_all("script")]
    assert scripts == ["window.MathJax = {}", "_static/mathjax/tex-chtml.js"]
    assert "@page" in head.style.get_text()


def test_a_page_without_an_article_is_refused(singlehtml, toc):
    (singlehtml / "notebooks" / "summary.html").write_text("<html><head></head><body><p>no article</p></body></html>")
    with pytest.raises(PrintDocumentError, match="no <article>"):
        write_print_document(singlehtml, toc, EDITION)


def test_title_page_names_the_overrides_of_a_set_build():
    overridden = Cited("A Book", "The authors", "Base", "2026-12-03", overrides=("growth.diagnosis=0.02",))
    assert "With --set growth.diagnosis=0.02" in title_page(overridden)
    assert "With" not in title_page(EDITION)


def test_title_page_names_the_address_only_when_there_is_one():
    assert "http" not in title_page(EDITION)
    with_url = Cited("A Book", "The authors", "Base", "2026-12-03", "https://book.example.net/")
    assert 'href="https://book.example.net/"' in title_page(with_url)


def test_contents_escape_titles():
    from infantile_spasms_market.outputs.print_document import Entry

    html = contents([Entry("a", "Costs & <prices>", None)])
    assert "Costs &amp; &lt;prices&gt;" in html and 'data-anchor="a"' in html


def test_short_tables_are_kept_whole_and_long_ones_may_break(singlehtml, toc):
    rows = lambda n: "".join(f"<tr><td>{i}</td></tr>" for i in range(n))  # noqa: E731
    page = PAGE.replace("<p>Text</p>", f"<table id='short'><tbody>{rows(3)}</tbody></table>"
                                       f"<table id='long'><tbody>{rows(40)}</tbody></table>")
    (singlehtml / "notebooks" / "summary.html").write_text(page)
    soup = BeautifulSoup(write_print_document(singlehtml, toc, EDITION)[0].read_text(), "html.parser")
    assert "print-keep" in soup.find("table", id="short")["class"]
    assert "print-keep" not in soup.find("table", id="long").get("class", [])
