"""Tests for the PDF edition's document: made from the site's pages, with a title page, contents, chapters on new pages,
figures as vectors, unique ids and links that stay inside."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from infantile_spasms_market.outputs.citing import Cited
from infantile_spasms_market.outputs.print_document import (
    EDITIONS_CLASS,
    PrintDocumentError,
    contents,
    title_page,
    write_print_document,
)

HEAD = """<head><title>t</title>
<link rel="stylesheet" href="{up}_static/theme.css">
<script src="{up}_static/theme.js"></script>
<script>window.MathJax = {{}}</script><script defer src="{up}_static/mathjax/tex-chtml.js"></script>
</head>"""
SUMMARY = """<!DOCTYPE html><html>{head}<body><header>navigation</header><article class="bd-article">
<section id="summary"><h1>Summary<a class="headerlink" href="#summary">#</a></h1>
<p class="book-editions"><a href="../downloads/book.pdf">Download</a></p>
<p>See <a href="one.html#fig-one">Fig. 1.1</a>, <a href="../downloads/x.csv">the data</a>, <a href="../book/about.html">About</a>,
<a href="#summary">this page</a>, <a href="../genindex.html">the index</a> and <a href="https://who.int/">WHO</a>.</p>
<figure id="fig-summary"><img src="../_images/s.png" alt="A chart" loading="lazy" aria-describedby="cap"><figcaption id="cap">Fig. 0</figcaption></figure>
</section></article><footer>footer</footer></body></html>"""
ONE = """<!DOCTYPE html><html>{head}<body><header>navigation</header><article class="bd-article">
<section id="one"><h1>1. One<a class="headerlink" href="#one">#</a></h1>
<figure id="fig-one"><img src="../_images/screen.png" alt="A chart" loading="lazy"><figcaption>Fig. 1.1</figcaption></figure>
<p>Back to <a href="summary.html#summary">the summary</a>.</p>
</section></article></body></html>"""
ABOUT = """<!DOCTYPE html><html>{head}<body><article class="bd-article">
<section id="about"><h1>About</h1><p>Text</p><img class="figure-thumbnail" src="../downloads/figures/fig-one.thumb.png" loading="lazy">
</section></article></body></html>"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A built site of three pages in two folders, with the figures' downloads."""
    site = tmp_path / "html"
    (site / "notebooks").mkdir(parents=True)
    (site / "book").mkdir()
    head = HEAD.format(up="../")
    (site / "notebooks" / "summary.html").write_text(SUMMARY.format(head=head))
    (site / "notebooks" / "one.html").write_text(ONE.format(head=head))
    (site / "book" / "about.html").write_text(ABOUT.format(head=head))
    (site / "downloads" / "figures").mkdir(parents=True)
    (site / "downloads" / "figures" / "fig-one.svg").write_text("<svg/>")
    return site


@pytest.fixture
def toc(tmp_path: Path) -> Path:
    path = tmp_path / "_toc.yml"
    path.write_text("root: notebooks/summary\nparts:\n  - caption: The market\n    chapters:\n      - file: notebooks/one\n"
                    "  - caption: Reference\n    numbered: false\n    chapters:\n      - file: book/about\n")
    return path


EDITION = Cited("A Book", "The authors", "Base case", "2026-12-03")


def test_the_document_has_a_title_page_contents_and_the_book(site, toc):
    path, entries, counts = write_print_document(site, toc, EDITION, "A Book (Base case)")
    assert path == site / "print.html"
    soup = BeautifulSoup(path.read_text(), "html.parser")
    assert soup.title.get_text() == "A Book (Base case)"  # the PDF's title
    title = soup.select_one(".print-title-page").get_text(" ", strip=True)
    assert "A Book" in title and "Scenario: Base case" in title and "Built 2026-12-03" in title
    assert [(e.anchor, e.title, e.part) for e in entries] == [
        ("document-notebooks/summary", "Summary", None), ("document-notebooks/one", "1. One", "The market"),
        ("document-book/about", "About", "Reference")]
    assert [a["href"] for a in soup.select(".print-contents a")] == [
        "#document-notebooks/summary", "#document-notebooks/one", "#document-book/about"]
    assert [p.get_text() for p in soup.select(".print-contents .print-part")] == ["The market", "Reference"]
    assert counts == {"figures": 1, "chapters": 3}
    # the site's navigation and footer are not printed; each page starts a new page, with its anchor on it
    assert "navigation" not in soup.get_text() and "footer" not in soup.get_text()
    chapters = soup.select("section.print-chapter")
    assert [c["id"] for c in chapters] == [e.anchor for e in entries]


def test_ids_stay_unique_and_links_stay_inside(site, toc):
    soup = BeautifulSoup(write_print_document(site, toc, EDITION)[0].read_text(), "html.parser")
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)) and {"d0-summary", "d1-fig-one", "d2-about"} <= set(ids)
    hrefs = [a["href"] for a in soup.select(".print-body a[href]")]
    assert hrefs == ["#d1-fig-one", "#document-book/about", "#d0-summary", "https://who.int/", "#d0-summary"]
    assert not any(a["href"] in ("../downloads/x.csv", "../genindex.html") for a in soup.find_all("a", href=True))
    assert "the data" in soup.get_text() and "the index" in soup.get_text()  # their text stays
    assert soup.find("img", alt="A chart")["aria-describedby"] == "d0-cap"


def test_figures_print_as_vectors_and_images_load_from_the_root(site, toc):
    soup = BeautifulSoup(write_print_document(site, toc, EDITION)[0].read_text(), "html.parser")
    assert soup.select_one("figure#d1-fig-one img")["src"] == "downloads/figures/fig-one.svg"
    assert soup.select_one("figure#d0-fig-summary img")["src"] == "_images/s.png"  # no SVG of it: the page's image
    assert not soup.find_all("img", loading=True)  # nothing lazy: a print loads every image
    assert not soup.select("a.headerlink, img.figure-thumbnail, ." + EDITIONS_CLASS)


def test_only_the_stylesheets_and_mathjax_are_kept(site, toc):
    head = BeautifulSoup(write_print_document(site, toc, EDITION)[0].read_text(), "html.parser").head
    assert [link["href"] for link in head.find_all("link")] == ["_static/theme.css"]
    scripts = [s.get("src") or s.get_text() for s in head.find_all("script")]
    assert scripts == ["window.MathJax = {}", "_static/mathjax/tex-chtml.js"]
    assert "@page" in head.style.get_text()


def test_a_page_without_an_article_is_refused(site, toc):
    (site / "notebooks" / "one.html").write_text("<html><head></head><body><p>no article</p></body></html>")
    with pytest.raises(PrintDocumentError, match="one.html has no <article>"):
        write_print_document(site, toc, EDITION)
    (site / "notebooks" / "one.html").unlink()
    with pytest.raises(PrintDocumentError, match="one.html is missing"):
        write_print_document(site, toc, EDITION)


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


def test_short_tables_are_kept_whole_and_long_ones_may_break(site, toc):
    rows = lambda n: "".join(f"<tr><td>{i}</td></tr>" for i in range(n))  # noqa: E731
    page = ABOUT.format(head=HEAD.format(up="../")).replace("<p>Text</p>", f"<table id='short'><tbody>{rows(3)}</tbody></table>"
                                                                           f"<table id='long'><tbody>{rows(40)}</tbody></table>")
    (site / "book" / "about.html").write_text(page)
    soup = BeautifulSoup(write_print_document(site, toc, EDITION)[0].read_text(), "html.parser")
    assert "print-keep" in soup.find("table", id="d2-short")["class"]
    assert "print-keep" not in soup.find("table", id="d2-long").get("class", [])


def test_key_findings_follow_the_contents_the_appendix_comes_last_and_each_chapter_names_its_header(site, toc):
    head = HEAD.format(up="../")
    summary = SUMMARY.format(head=head).replace('<p class="book-editions">', '<div class="key-findings"><table><tr><td>70.98</td>'
                                                '</tr></table></div><p class="book-editions">')
    (site / "notebooks" / "summary.html").write_text(summary)
    (site / "notebooks" / "data.html").write_text(ONE.format(head=head).replace('id="one"><h1>1. One', 'id="data"><h1>Data and downloads'))
    toc.write_text(toc.read_text() + "      - file: notebooks/data\n")
    path, entries, _ = write_print_document(site, toc, EDITION)
    html = path.read_text()
    soup = BeautifulSoup(html, "html.parser")
    body = [tag.get("class", [""])[0] for tag in soup.body.find_all(recursive=False)]
    assert body[:3] == ["print-title-page", "print-contents", "print-key-findings"]
    assert "70.98" in soup.select_one(".print-key-findings").get_text() and not soup.select(".print-body .key-findings")
    assert [e.title for e in entries] == ["Key findings", "Summary", "1. One", "About", "Data and downloads"]
    assert soup.select_one(".print-contents a")["href"] == "#key-findings" and soup.find(id="key-findings")  # listed in the contents
    assert entries[-1].part == "Appendix" and soup.select(".print-contents .print-part")[-1].get_text() == "Appendix"
    data = soup.find("section", id="document-notebooks/data")
    assert data["data-print-page"] == "part-0" and "print-flow" not in data["class"]  # the appendix starts a page
    assert soup.select_one(".print-appendix-title").find_parent("section") is data  # its title heads it, no page of its own
    assert '@page chapter-1 { @top-right { content: "1. One"' in html
    assert '@page part-0 { @top-right { content: "Appendix"' in html and '@page part-1 { @top-right { content: "Reference"' in html
    assert 'content: "Scenario: Base case \u00b7 built 2026-12-03"' in html and "counter(page)" in html


def test_chapters_of_a_reference_part_run_on_under_the_parts_name():
    from infantile_spasms_market.outputs.print_document import Entry, running_headers

    entries = [Entry("a", "1. One", "The market"), Entry("b", "2. Two", "The market"), Entry("c", "About", "Reference"),
               Entry("d", "How to cite", "Reference"), Entry("e", "Data", "Appendix"), Entry("f", "Changes", "Appendix")]
    assert running_headers(entries, frozenset({"Reference", "Appendix"})) == [
        ("chapter-0", "1. One", False), ("chapter-1", "2. Two", False), ("part-1", "Reference", False),
        ("part-1", "Reference", True), ("part-0", "Appendix", False), ("part-0", "Appendix", True)]


def test_the_title_page_names_the_report_and_the_own_estimate_with_its_range():
    from infantile_spasms_market.outputs.print_document import title_lead

    key = {"report": "TechSci Research, accessed 2026", "report_title": "Global Market",
           "headline": "The report says USD 146.34 million for 2024; the book finds USD 70.71 million",
           "own": {"value-2024": 70.71, "value-2030": 87.9, "p5-2024": 56.054, "p95-2024": 107.44}}
    lead = title_lead(key)
    assert lead[0] == "An open check of the market report \u201cGlobal Market\u201d (TechSci Research, accessed 2026)"
    assert lead[1].endswith("70.71 million (P5 to P95 of its draws: USD 56.05 to 107.44 million)")
    assert "Global Market" in title_page(EDITION, key) and title_lead({}) == []
