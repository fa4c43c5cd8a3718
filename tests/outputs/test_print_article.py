"""Tests for the print's article editing with lxml: it writes what BeautifulSoup wrote (the PDF's bytes rest on it), and it
removes and unwraps without losing the text around."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from infantile_spasms_market.outputs.print_article import (
    clean, drop, heading, inner_html, keep_short_tables, parse_article, take_out, unwrap,
)

# What a built page's article can hold that a writer could get wrong: whitespace-only text in and out of <pre>,
# comments, attributes out of order, quotes in values, class lists with odd spacing, void and empty elements,
# script and style text, entities, an SVG's attribute names, and text of other scripts.
TRICKY = """<article class="bd-article" role="main">
  <section id="s"  class="  a   b ">
    <h1>Title&nbsp;&amp; more<a class="headerlink" href="#s">#</a></h1>
    <p>one <em>two</em>  <!--  a comment  -->
      three &lt;tag&gt; &quot;q&quot; caf\u00e9 \u2014 \u00b5</p>
    <pre>  keep
      <span> this </span>  </pre>
    <textarea>  and
 this  </textarea>
    <img src="a.png" alt='say "hi"' title="it's &quot;x&quot;" data-z="1" data-a="2">
    <br><hr class="x"><div></div><p></p>
    <table><tbody><tr><td headers=" h1  h2 ">1 &lt; 2</td></tr></tbody></table>
    <style>p > a { color: red; } /* & */</style>
    <script>if (a < b && c > d) { x = "</p>"; }</script>
    <svg viewBox="0 0 10 10"><rect width="1"/><path d="M0 0"></path></svg>
    <a rel=" noopener  external " href="https://x.org/?a=1&amp;b=2">link</a>
    <input type="checkbox" checked="checked" disabled="disabled">
  </section>
</article>"""


@pytest.mark.parametrize("html", [
    TRICKY,
    "<article>plain</article>",
    "<article>\n\n<p>a</p>\n   \n<p>b</p> </article>",
    "<article><ul><li>one<li>two</ul><p>unclosed<div>block</div></article>",
    # HTML 4's boolean attributes minimised (BeautifulSoup wrote disabled=""), written out, and in prose or values
    '<article><input type="checkbox" disabled checked><input DISABLED title="a>b" readonly/><select multiple>'
    '<option selected>x</option></select><td nowrap>1<script defer src="a.js"></script><details open></details></article>',
    '<p>before<article><ul><li><input disabled="disabled">one<li><input disabled>two</ul>'
    '<p title="not selected here">multiple selected things</p></article>',
])
def test_an_article_is_written_as_beautifulsoup_wrote_it(html):
    assert inner_html(parse_article(html)) == BeautifulSoup(html, "lxml").article.decode_contents()


def test_no_article_is_none():
    assert parse_article("<p>no article</p>") is None


def test_dropping_or_unwrapping_keeps_the_text_around():
    article = parse_article("<article><p>a<b>b</b>c<i>i</i>d<a>x<em>y</em>z</a>e</p></article>")
    p = article[0]
    drop(p[0])
    unwrap(p[-1])
    assert inner_html(article) == "<p>ac<i>i</i>dx<em>y</em>ze</p>"
    unwrap(p[0])  # the <i>: its text joins the text before it
    assert inner_html(article) == "<p>acidx<em>y</em>ze</p>"


def test_clean_drops_what_only_a_screen_uses_with_the_text_after_it():
    article = parse_article('<article><h1>T<a class="headerlink" href="#t">#</a> after</h1><button>b</button>kept'
                            '<div class="x d-print-none">gone</div><img class="figure-thumbnail" src="t.png">'
                            '<img src="f.png" loading="lazy"><p class="book-editions">Download</p></article>')
    clean(article)
    assert inner_html(article) == '<h1>T after</h1>kept<img src="f.png"/>'


def test_heading_text_and_short_tables_and_taking_a_block_out():
    rows = "".join(f"<tr><td>{n}</td></tr>" for n in range(11))
    article = parse_article(f'<article><h2> Costs <code>x</code><script>no</script>\n and  <!--c--> more</h2>'
                            f'<div class="key-findings"><p>k</p></div><table><tbody>{rows}</tbody></table>'
                            f'<table class="t"><tbody><tr><td>1</td></tr></tbody></table></article>')
    assert heading(article) == "Costs x and more"
    keep_short_tables(article)
    assert [t.get("class") for t in article.iter("table")] == [None, "t print-keep"]
    assert take_out(article, "key-findings") == "<p>k</p>"
    assert take_out(article, "key-findings") is None


def test_a_boolean_attribute_outside_the_article_needs_no_second_reading(monkeypatch):
    # every page of the book has <script defer> in its head; only the article is printed (review r24b: every page was
    # read twice)
    from infantile_spasms_market.outputs import print_article

    def read_again(root, text):
        raise AssertionError("read again")

    monkeypatch.setattr(print_article, "_restore_minimised", read_again)
    page = '<html><head><script defer src="a.js"></script></head><body><article><p>Text</p></article></body></html>'
    assert print_article.parse_article(page).findtext("p") == "Text"
    with pytest.raises(AssertionError, match="read again"):
        print_article.parse_article(page.replace("<p>Text</p>", "<input disabled><p>Text</p>"))
