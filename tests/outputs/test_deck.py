"""Tests for the presenters' slide deck: one 16:9 slide per key figure after a title slide."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from pptx import Presentation

from infantile_spasms_market import figures
from infantile_spasms_market.figures import save
from infantile_spasms_market.outputs.deck import (
    DeckError,
    build_deck,
    deck_file_name,
    download_markdown,
)

META = {"book_title": "A Test Book", "scenario_title": "Base case", "built": "2026-11-23", "url": "https://example.org/book/"}


def _figure(output_dir: Path, fig_id: str, key: bool, aspect: tuple[float, float] = (10, 5.625)) -> dict:
    fig, ax = plt.subplots(figsize=aspect)
    ax.plot([2024, 2030], [1, 2])
    record = figures.save_figure(
        fig, fig_id, pd.DataFrame({"x": [2024, 2030], "y": [1, 2]}), caption=f"Caption of {fig_id}",
        alt=f"Alt text of {fig_id}.", source="Test data", output_dir=output_dir, key=key,
    ).record
    plt.close(fig)
    return record


@pytest.fixture
def records(tmp_path: Path) -> tuple[list[dict], Path]:
    figures = [
        _figure(tmp_path, "fig-test-one", True),
        _figure(tmp_path, "fig-test-two", False),
        _figure(tmp_path, "fig-test-three", True, aspect=(4, 6)),  # tall: limited by height
    ]
    return figures, tmp_path / save.FIGURES_SUBDIR


def test_one_slide_per_key_figure_after_a_title_slide(records, tmp_path: Path):
    figures, folder = records
    path = build_deck(figures, folder, tmp_path / "out" / deck_file_name("base"), **META)
    assert path.name == "infantile-spasms-market-base.pptx" and path.is_file()
    deck = Presentation(str(path))
    assert len(deck.slides) == 1 + 2
    assert deck.slide_width * 9 == deck.slide_height * 16
    texts = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    assert "A Test Book" in texts[0] and "Base case" in texts[0] and "2026-11-23" in texts[0]
    assert "Caption of fig-test-one" in texts[1] and "Caption of fig-test-three" in texts[2]
    assert all("fig-test-two" not in t for t in texts)
    assert "Source: Test data" in texts[1]
    assert "Cite as: Infantile Spasms Market Book contributors." in texts[1]
    assert "https://example.org/book/downloads/figures/fig-test-one.png" in texts[1]


def test_pictures_fit_the_slide_and_carry_alt_text(records, tmp_path: Path):
    figures, folder = records
    deck = Presentation(str(build_deck(figures, folder, tmp_path / "deck.pptx", **META)))
    for slide in list(deck.slides)[1:]:
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1
        picture = pictures[0]
        assert 0 <= picture.left and picture.left + picture.width <= deck.slide_width
        assert 0 <= picture.top and picture.top + picture.height <= deck.slide_height
        assert picture._element.nvPicPr.cNvPr.get("descr").startswith("Alt text of fig-test-")
        assert "Figure id: fig-test-" in slide.notes_slide.notes_text_frame.text


def test_no_key_figure_gives_a_title_slide_only(records, tmp_path: Path):
    figures, folder = records
    plain = [{**r, "key": False} for r in figures]
    deck = Presentation(str(build_deck(plain, folder, tmp_path / "deck.pptx", **META)))
    assert len(deck.slides) == 1


def test_a_missing_png_is_named(records, tmp_path: Path):
    figures, folder = records
    (folder / "fig-test-three.png").unlink()
    with pytest.raises(DeckError, match="fig-test-three"):
        build_deck(figures, folder, tmp_path / "deck.pptx", **META)


def test_the_figures_page_link_points_into_the_downloads():
    text = download_markdown("pessimistic", 3)
    assert '<a href="../downloads/infantile-spasms-market-pessimistic.pptx" download>' in text
    assert "3 figure slides" in text


def test_a_headline_slide_and_short_titles_with_the_caption_below(records, tmp_path: Path):
    from infantile_spasms_market.outputs.deck import (
        read_key_numbers,
        short_title,
        write_key_numbers,
    )

    figures, folder = records
    write_key_numbers(["USD 146.34 million in 2024", "3.67 % a year"], tmp_path / "dl",
                      [{"id": "value-2024", "label": "Market value, 2024", "value": 146.34, "unit": "USD million", "year": 2024}])
    lines = read_key_numbers(tmp_path / "dl")
    assert lines == ["USD 146.34 million in 2024", "3.67 % a year"]
    deck = Presentation(str(build_deck(figures, folder, tmp_path / "deck.pptx", key_numbers=lines, **META)))
    texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in deck.slides]
    assert texts[1][0] == "The market in numbers" and "USD 146.34 million in 2024" in texts[1][1]
    assert texts[2][0] == "Caption of fig-test-one" and texts[2][1] == "Caption of fig-test-one"
    assert short_title("Global market value by year in this scenario, with the two values the report publishes") == (
        "Global market value by year in this scenario")
    assert len(short_title("word " * 40)) <= 61 and short_title("word " * 40).endswith("\u2026")
    assert read_key_numbers(tmp_path / "nowhere") == []


def test_no_two_shapes_on_a_slide_overlap(records, tmp_path: Path):
    figures, folder = records
    deck = Presentation(str(build_deck(figures, folder, tmp_path / "deck.pptx", key_numbers=["a", "b"], **META)))
    for number, slide in enumerate(deck.slides, start=1):
        boxes = sorted((s.top, s.top + s.height, s.left, s.left + s.width) for s in slide.shapes)
        for (top, bottom, left, right), (top2, bottom2, left2, right2) in zip(boxes, boxes[1:]):
            assert bottom <= top2 or right <= left2 or right2 <= left, f"slide {number}: two shapes overlap"
        assert all(0 <= b[0] and b[1] <= deck.slide_height for b in boxes)


def test_the_key_numbers_carry_the_scenario_they_belong_to(tmp_path: Path):
    import json

    from infantile_spasms_market.outputs.deck import label_key_numbers, write_key_numbers

    assert label_key_numbers(tmp_path / "none", {"name": "base"}) is None
    number = {"id": "value-2030", "label": "Market value, 2030", "value": 173.33, "unit": "USD million", "year": 2030}
    write_key_numbers(["a line"], tmp_path / "dl", [number])
    scenario = {"name": "base", "title": "Base case, with growth from diagnosis set to 0.002 (not the base case)",
                "overrides": ["growth.diagnosis=0.002"]}
    path = label_key_numbers(tmp_path / "dl", scenario)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert list(record) == ["scenario", "numbers", "sentences"]
    assert record["scenario"] == scenario and record["numbers"] == [number] and record["sentences"] == ["a line"]
