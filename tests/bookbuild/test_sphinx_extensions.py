"""The book's Sphinx extension: each page's scripts written once; bibliography entries as list items; the {param} role; chapter figures captioned once."""

from __future__ import annotations

from sphinx.builders.html._assets import _JavaScript

from infantile_spasms_market.bookbuild.sphinx_extensions import drop_duplicate_scripts


def test_inline_script_registered_as_none_and_empty_is_written_once():
    body = 'const THEBE_JS_URL = "x"'
    scripts = [
        _JavaScript("_static/doctools.js", priority=200),
        _JavaScript(None, body=body),
        _JavaScript("_static/sphinx-thebe.js", **{"async": "async"}),
        _JavaScript("", body=body),
        _JavaScript("", body="let other = 1"),
    ]
    context = {"script_files": scripts}
    drop_duplicate_scripts(None, "page", "page.html", context, None)
    assert context["script_files"] is scripts, "the builder's own list must be edited in place"
    assert [(s.filename, s.attributes.get("body")) for s in scripts] == [
        ("_static/doctools.js", None),
        (None, body),
        ("_static/sphinx-thebe.js", None),
        ("", "let other = 1"),
    ]


def test_same_file_with_other_priority_or_attributes_is_kept():
    scripts = [_JavaScript("_static/a.js", priority=200), _JavaScript("_static/a.js", priority=800),
               _JavaScript("_static/a.js", priority=200, defer="defer")]
    drop_duplicate_scripts(None, "page", "page.html", {"script_files": scripts}, None)
    assert len(scripts) == 3


def test_bibliography_entries_become_list_items():
    from infantile_spasms_market.bookbuild.sphinx_extensions import (
        citations_as_list_items,
    )

    body = ('<div role="list" class="citation-list">\n<div class="citation" id="id3" role="doc-biblioentry">'
            '<span class="label">Lux05</span></div>\n</div>')
    context = {"body": body}
    citations_as_list_items(None, "book/references", "page.html", context, None)
    assert context["body"] == body.replace('role="doc-biblioentry"', 'role="listitem"')
    untouched = {"body": "<p>no citations here</p>"}
    citations_as_list_items(None, "book/intro", "page.html", untouched, None)
    assert untouched["body"] == "<p>no citations here</p>"


def test_the_param_role_gives_the_label_linked_to_the_glossary_and_refuses_an_unknown_name():
    from types import SimpleNamespace

    from infantile_spasms_market.bookbuild.sphinx_extensions import GLOSSARY_LABEL, param_role

    nodes, messages = param_role("param", "{param}`growth.innovation`", "growth.innovation", 1, None)
    assert not messages and nodes[0]["reftarget"] == GLOSSARY_LABEL and nodes[0].astext() == "Growth from innovation"
    reporter = SimpleNamespace(error=lambda text, line: text)
    inliner = SimpleNamespace(reporter=reporter, problematic=lambda raw, text, message: ("problem", message))
    nodes, messages = param_role("param", "{param}`growth.nothing`", "growth.nothing", 1, inliner)
    assert "labels.py" in messages[0]


def test_a_chapter_figure_takes_its_caption_and_alt_text_from_what_chapter_figure_glued():
    from infantile_spasms_market.bookbuild.sphinx_extensions import figure_texts, sentence, written_twice

    metadata = {"image/png": {"caption": "Market value by region, USD million", "alt": "Stacked area chart."},
                "scrapbook": {"name": "fig-x"}}
    assert figure_texts(metadata) == {"caption": "Market value by region, USD million", "alt": "Stacked area chart."}
    assert figure_texts({"image/png": {"width": 10}}) is None and figure_texts({}) is None  # glued elsewhere: myst-nb's own
    assert sentence("Market value") == "Market value." and sentence("Is it?") == "Is it?"
    assert written_twice("fig-x", {"name": "fig-x"}, []) is None
    assert written_twice("fig-x", {}, ["", "  "]) is None
    message = written_twice("fig-x", {"alt": "Another text."}, ["A caption of its own."])
    assert message.startswith("{glue:figure} fig-x: :alt: and a caption written in the Markdown block")
    assert "chapter.figure(...)" in message
