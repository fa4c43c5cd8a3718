"""The book's Sphinx extensions: each page's scripts written once; bibliography entries as list items."""

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


def test_a_section_with_nothing_to_say_is_left_out_of_the_published_notebook(tmp_path):
    import json

    import pytest

    from infantile_spasms_market.bookbuild.assemble import SiteSourceError, drop_empty_sections

    def glue(key, text):  # as myst-nb's glue(..., display=False) records a value
        prefix = "application/papermill.record/"
        return {"output_type": "display_data", "metadata": {"scrapbook": {"name": key, "mime_prefix": prefix}},
                "data": {prefix + "text/plain": text}}

    def notebook(flag):
        return {"cells": [
            {"cell_type": "code", "metadata": {}, "source": "", "outputs": [glue("differs", flag)]},
            {"cell_type": "markdown", "metadata": {"tags": ["only-if:differs"]}, "source": "## Against the base"},
            {"cell_type": "markdown", "metadata": {}, "source": "Always"},
        ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}

    for flag, kept in (("False", ["", "Always"]), ("True", ["", "## Against the base", "Always"])):
        (tmp_path / "in.ipynb").write_text(json.dumps(notebook(flag)))
        drop_empty_sections(tmp_path / "in.ipynb", tmp_path / "out.ipynb")
        assert [c["source"] for c in json.loads((tmp_path / "out.ipynb").read_text())["cells"]] == kept
    broken = notebook("True")
    broken["cells"][1]["metadata"]["tags"] = ["only-if:nothing"]
    (tmp_path / "in.ipynb").write_text(json.dumps(broken))
    with pytest.raises(SiteSourceError, match="only-if:nothing"):
        drop_empty_sections(tmp_path / "in.ipynb", tmp_path / "out.ipynb")
