"""open_chapter: the one call a notebook makes, and how it reads what papermill passes it."""

from __future__ import annotations

from infantile_spasms_market.chapter import open_chapter


def test_open_chapter_applies_overrides(tmp_path):
    chapter = open_chapter("params/base.yaml", '["growth.diagnosis=0.02"]', tmp_path)
    assert chapter.params.growth.diagnosis == 0.02
    assert not chapter.is_base, "the base file with an override is not the base case"
    assert open_chapter("params/base.yaml", [], tmp_path).is_base
