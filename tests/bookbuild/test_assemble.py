"""Tests for the assembled source: generated parts of pages (editions' links, How to cite, What changed), sections left out when empty."""

from __future__ import annotations

from infantile_spasms_market.bookbuild.assemble import write_pages

CONFIG = {"title": "A Book", "author": "The authors", "sphinx": {"config": {"html_context": {"book_url": ""}}}}


def manifest(**extra) -> dict:
    return {"built_at": "2026-12-03T08:00:00+00:00",
            "scenario": {"name": "base", "title": "Base case", "overrides": []}, **extra}


def test_every_generated_part_is_written(tmp_path):
    written = write_pages(tmp_path, CONFIG, manifest(editions={"pdf": "b.pdf", "xlsx": "b.xlsx"}), None)
    assert sorted(p.name for p in written) == [
        "changes.md", "cite-address.md", "cite-bibtex.md", "cite-book.md", "cite-figure.md", "editions.md"]
    assert "../downloads/b.pdf" in (tmp_path / "editions.md").read_text()
    assert "first build" in (tmp_path / "changes.md").read_text()
    book = (tmp_path / "cite-book.md").read_text()
    assert book.startswith("> The authors. A Book. Scenario \u201cBase case\u201d. Built 2026-12-03.") and "http" not in book


def test_the_address_setting_reaches_every_citation(tmp_path):
    config = {**CONFIG, "sphinx": {"config": {"html_context": {"book_url": "https://book.example.net/"}}}}
    write_pages(tmp_path, config, manifest(), None)
    for name in ("cite-book.md", "cite-bibtex.md", "cite-address.md"):
        assert "https://book.example.net/" in (tmp_path / name).read_text()
    assert (tmp_path / "editions.md").read_text() == ""  # a manifest without editions: no links


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
