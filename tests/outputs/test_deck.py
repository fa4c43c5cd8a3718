"""Tests for the presenters' slide deck: titled slides, native charts where a chart type fits, one source line a slide."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from infantile_spasms_market import figures
from infantile_spasms_market.figures import save
from infantile_spasms_market.outputs.deck import (
    DeckError,
    build_deck,
    deck_file_name,
    download_markdown,
    read_key_numbers,
    short_title,
    write_key_numbers,
)

META = {"book_title": "A Test Book", "scenario_title": "Base case", "built": "2026-11-23", "url": "https://example.org/book/"}
TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
KEY_NUMBERS = {
    "headline": "The report says USD 146.34 million for 2024; sized from patients and prices, the book finds USD 116.71 million",
    "sentences": ["The report: USD 146.34 million in 2024", "The book's own estimate: USD 116.71 million in 2024"],
    "table": {"columns": ["", "2024 (USD million)", "2030 (USD million)", "Growth a year, 2025-2030 (%)",
                          "2024: of it, the United States (USD million)"],  # a header that wraps to three lines
              "rows": [["The report", "146.34", "181.94", "3.67", "64.01 (assumed split)"],
                       ["The book's own estimate", "116.71", "145.11", "3.67 (assumed)", "81.14"],
                       ["Its range, P5 to P95 (level and growth drawn)", "89.00 to 169.65", "107.81 to 210.06",
                        "1.76 to 5.04", "61.38 to 119.42"]]},
    "takeaways": ["Vigabatrin overtakes ACTH in 2029.", "The United States holds 40.2 % of the value."],
    "statistic": "the market of the scenario \u201cThe book's own estimate\u201d with every input at its stated value",
    "method": ["One market table of 1,000 rows, from 90 sources", "Top-down.", "Bottom-up."],
}


def _figure(output_dir: Path, fig_id: str, key: bool, *, picture: bool = False, takeaway: str = "") -> dict:
    fig, axes = plt.subplots(1, 2 if picture else 1, figsize=(10, 5.625))
    for ax in ([axes] if not picture else axes):
        ax.plot([2024, 2030], [1, 2], label="Market")
    record = figures.save_figure(
        fig, fig_id, pd.DataFrame({"x": [2024, 2030], "y": [1, 2]}), caption=f"Caption of {fig_id}",
        alt=f"Alt text of {fig_id}.", source="Test data", output_dir=output_dir, key=key, takeaway=takeaway,
    ).record
    plt.close(fig)
    return record


@pytest.fixture
def records(tmp_path: Path) -> tuple[list[dict], Path]:
    figures = [
        _figure(tmp_path, "fig-test-one", True, takeaway="The market doubles, from 1 to 2"),
        _figure(tmp_path, "fig-test-two", False),
        _figure(tmp_path, "fig-test-three", True, picture=True),  # two panels: no native chart fits
    ]
    return figures, tmp_path / save.FIGURES_SUBDIR


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_every_slide_has_a_title_placeholder_and_a_figure_slide_states_its_takeaway(records, tmp_path: Path):
    figures, folder = records
    path = build_deck(figures, folder, tmp_path / "out" / deck_file_name("base"), key_numbers=KEY_NUMBERS, **META)
    assert path.name == "infantile-spasms-market-base.pptx"
    deck = Presentation(str(path))
    assert deck.slide_width * 9 == deck.slide_height * 16
    assert len(deck.slides) == 1 + 3 + 2  # title, key numbers, findings, method, two key figures
    titles = []
    for slide in deck.slides:
        title = slide.shapes.title
        assert title is not None and title.placeholder_format.type in TITLES and title.text_frame.text.strip()
        titles.append(title.text_frame.text)
    assert titles[0] == "A Test Book"
    assert titles[1] == KEY_NUMBERS["headline"] and titles[2] == "Key findings"  # every finding a bullet under it
    assert _texts(deck.slides[2])[1].split("\n") == [f"\u2022 {t}" for t in KEY_NUMBERS["takeaways"]]
    assert titles[3] == KEY_NUMBERS["method"][0]
    assert titles[4] == "The market doubles, from 1 to 2"  # the chapter's takeaway
    assert titles[5] == "Caption of fig-test-three"  # no takeaway: the caption's first clause
    assert "Base case" in "\n".join(_texts(deck.slides[0])) and "2026-11-23" in "\n".join(_texts(deck.slides[0]))


def test_line_bar_and_column_figures_become_native_charts_and_others_pictures(records, tmp_path: Path):
    figures, folder = records
    deck = Presentation(str(build_deck(figures, folder, tmp_path / "deck.pptx", **META)))
    one, three = list(deck.slides)[1:]
    charts = [s for s in one.shapes if s.has_chart]
    assert len(charts) == 1 and not [s for s in one.shapes if s.shape_type == 13]
    chart = charts[0].chart
    assert list(chart.plots[0].categories) == ["2024", "2030"] and list(chart.plots[0].series[0].values) == [1.0, 2.0]
    assert charts[0]._element.nvGraphicFramePr.cNvPr.get("descr") == "Alt text of fig-test-one."
    pictures = [s for s in three.shapes if s.shape_type == 13]
    assert len(pictures) == 1 and not [s for s in three.shapes if s.has_chart]
    picture = pictures[0]
    assert 0 <= picture.left and picture.left + picture.width <= deck.slide_width
    assert picture._element.nvPicPr.cNvPr.get("descr") == "Alt text of fig-test-three."


def test_one_source_line_a_slide_and_the_citation_in_the_notes(records, tmp_path: Path):
    figures, folder = records
    deck = Presentation(str(build_deck(figures, folder, tmp_path / "deck.pptx", key_numbers=KEY_NUMBERS, **META)))
    for slide in list(deck.slides)[1:]:
        sources = [t for t in _texts(slide) if t.startswith("Source:")]
        assert len(sources) == 1 and "\n" not in sources[0]
        assert not any("Cite as" in t for t in _texts(slide))
    notes = list(deck.slides)[4].notes_slide.notes_text_frame.text
    assert "Cite as: Infantile Spasms Market Book contributors." in notes
    assert "https://example.org/book/downloads/figures/fig-test-one.png" in notes and "Alt text of fig-test-one." in notes


def test_the_key_numbers_slide_holds_the_table(records, tmp_path: Path):
    figures, folder = records
    write_key_numbers(KEY_NUMBERS, tmp_path / "dl")
    assert read_key_numbers(tmp_path / "dl") == KEY_NUMBERS and read_key_numbers(tmp_path / "nowhere") == {}
    deck = Presentation(str(build_deck(figures, folder, tmp_path / "deck.pptx", key_numbers=KEY_NUMBERS, **META)))
    table = next(s for s in deck.slides[1].shapes if s.has_table).table
    assert [table.cell(2, c).text for c in range(5)] == ["The book's own estimate", "116.71", "145.11", "3.67 (assumed)", "81.14"]
    assert KEY_NUMBERS["statistic"] in "\n".join(_texts(deck.slides[1]))


def test_the_key_numbers_slide_says_what_us_courses_are_priced_at(records, tmp_path: Path):
    figures, folder = records
    note = "In the United States courses are priced at the 2018 list price before discounts to payers (ACTH: H.P. Acthar Gel)."
    priced = Presentation(str(build_deck(figures, folder, tmp_path / "a.pptx", key_numbers=KEY_NUMBERS | {"us_prices": note}, **META)))
    assert note in "\n".join(_texts(priced.slides[1]))
    plain = Presentation(str(build_deck(figures, folder, tmp_path / "b.pptx", key_numbers=KEY_NUMBERS, **META)))
    assert "priced at" not in "\n".join(_texts(plain.slides[1]))


def test_no_file_path_reaches_a_slide_and_every_bar_is_labelled(tmp_path: Path):
    """A figure's source line names its data files by their register titles; a chart of many bars labels each."""
    companies = [f"Company {i}" for i in range(24)]
    fig, ax = plt.subplots(figsize=(10, 5.625))
    ax.barh(companies, range(24), label="2024")
    ax.barh(companies, range(24), label="2030")
    ax.legend()
    record = figures.save_figure(fig, "fig-test-bars", pd.DataFrame({"x": [1]}), caption="Shares", alt="Bars.",
                                 source="Test data; data/products.csv; params/assumptions_log.yaml", output_dir=tmp_path,
                                 key=True).record
    plt.close(fig)
    deck = Presentation(str(build_deck([record], tmp_path / save.FIGURES_SUBDIR, tmp_path / "deck.pptx", **META)))
    text = "\n".join(t for slide in deck.slides for t in _texts(slide))
    assert "Infantile spasms products by market" in text and "assumptions log" in text
    assert not re.search(r"\b(data|params)/\w+\.(csv|yaml)", text)
    chart = next(s for s in deck.slides[1].shapes if s.has_chart).chart
    assert len(list(chart.plots[0].categories)) == 24
    assert chart.category_axis._element.find(qn("c:tickLblSkip")).get("val") == "1"
    assert 8 <= chart.category_axis.tick_labels.font.size.pt < 14


def test_no_key_figure_and_no_key_numbers_give_a_title_slide_only(records, tmp_path: Path):
    figures, folder = records
    plain = [{**r, "key": False} for r in figures]
    assert len(Presentation(str(build_deck(plain, folder, tmp_path / "deck.pptx", **META))).slides) == 1


def test_a_missing_png_is_named(records, tmp_path: Path):
    figures, folder = records
    (folder / "fig-test-three.png").unlink()
    with pytest.raises(DeckError, match="fig-test-three"):
        build_deck(figures, folder, tmp_path / "deck.pptx", **META)


def test_the_figures_page_link_points_into_the_downloads():
    text = download_markdown("pessimistic", 3)
    assert '<a href="../downloads/infantile-spasms-market-pessimistic.pptx" download>' in text
    assert "3 figure slides" in text


def test_short_titles_are_a_captions_first_clause():
    assert short_title("Global market value by year in this scenario, with the two values the report publishes") == (
        "Global market value by year in this scenario")
    assert len(short_title("word " * 40)) <= 61 and short_title("word " * 40).endswith("\u2026")


def test_the_key_numbers_table_is_as_tall_as_its_wrapped_rows():
    # the note below the table ran over its last row when the header wrapped to three lines (rows were 0.5 in each)
    from pptx.util import Inches

    from infantile_spasms_market.outputs.deck import _row_height

    widths = [Inches(2)] * 2
    assert _row_height(["a", "b"], widths, 16) < _row_height(["a", "2024: of it, the United States (USD million)"], widths, 16)
    assert _row_height(["word " * 80, "b"], widths, 16) > Inches(2)


def test_no_two_shapes_on_a_slide_overlap(records, tmp_path: Path):
    figures, folder = records
    deck = Presentation(str(build_deck(figures, folder, tmp_path / "deck.pptx", key_numbers=KEY_NUMBERS, **META)))
    for number, slide in enumerate(deck.slides, start=1):
        boxes = sorted((s.top, s.top + s.height, s.left, s.left + s.width) for s in slide.shapes)
        for (top, bottom, left, right), (top2, bottom2, left2, right2) in zip(boxes, boxes[1:]):
            assert bottom <= top2 or right <= left2 or right2 <= left, f"slide {number}: two shapes overlap"
        assert all(0 <= b[0] and b[1] <= deck.slide_height for b in boxes)


def test_the_charts_workbooks_carry_the_build_date_not_the_clock(records, tmp_path: Path):
    figures, folder = records
    deck = build_deck(figures, folder, tmp_path / "deck.pptx", **META)
    with zipfile.ZipFile(deck) as package:
        embedded = [n for n in package.namelist() if n.endswith(".xlsx")]
        assert embedded
        with zipfile.ZipFile(io.BytesIO(package.read(embedded[0]))) as workbook:
            assert b"2026-11-23T00:00:00Z" in workbook.read("docProps/core.xml")


def test_a_picture_slide_shows_the_figure_without_its_source_line(records):
    from PIL import Image

    figures, folder = records
    three = next(r for r in figures if r["id"] == "fig-test-three")
    full, slide = (Image.open(folder / three["files"][k]) for k in ("png", "slide"))
    assert slide.width == full.width and 0.75 * full.height < slide.height < full.height  # cut above the source line
    assert "slide" not in next(r for r in figures if r["id"] == "fig-test-one")["files"]  # a native chart needs no picture


def test_the_key_numbers_carry_the_scenario_they_belong_to(tmp_path: Path):
    import json

    from infantile_spasms_market.outputs.deck import label_key_numbers, write_key_numbers

    assert label_key_numbers(tmp_path / "none", {"name": "base"}) is None
    number = {"id": "value-2030", "label": "Market value, 2030", "value": 173.33, "unit": "USD million", "year": 2030}
    write_key_numbers({"numbers": [number], "sentences": ["a line"]}, tmp_path / "dl")
    scenario = {"name": "base", "title": "Base case, with growth from diagnosis set to 0.002 (not the base case)",
                "overrides": ["growth.diagnosis=0.002"]}
    path = label_key_numbers(tmp_path / "dl", scenario)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert list(record) == ["scenario", "numbers", "sentences"]
    assert record["scenario"] == scenario and record["numbers"] == [number] and record["sentences"] == ["a line"]


def test_a_ranges_edges_are_thin_dashed_lines_without_markers(tmp_path: Path):
    """The front page's Fig. 1 on its slide: the own estimate's P5 and P95 as dashed edges around its line."""
    from pptx.enum.chart import XL_MARKER_STYLE
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Inches

    from infantile_spasms_market.outputs.deck import native_chart

    spec = {"type": "line", "categories": ["2024", "2025"], "y_title": "USD million", "series": [
        {"name": "Own estimate", "values": [85.0, 88.0], "line": True, "colour": "#e69f00"},
        {"name": "Own estimate: P5 to P95 (lower edge)", "values": [67.0, 70.0], "line": True, "edge": True, "colour": "#e69f00"}]}
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    chart = native_chart(slide, spec, "alt", (Inches(0.5), Inches(0.5), Inches(8), Inches(5))).chart
    line, edge = chart.plots[0].series
    assert edge.format.line.dash_style == MSO_LINE_DASH_STYLE.DASH and edge.marker.style == XL_MARKER_STYLE.NONE
    assert line.format.line.dash_style is None and line.marker.style is None


def test_a_bar_chart_of_parts_carries_its_values_and_a_scenario_chart_its_styles_and_end_values(tmp_path: Path):
    """Slide 10 had 27 bars and no value; slide 14's scenario lines lay over each other from 0 with nothing at their ends."""
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Inches

    from infantile_spasms_market.outputs.deck import native_chart

    deck = Presentation()
    box = (Inches(0.5), Inches(0.5), Inches(12), Inches(5.5))
    bars = {"type": "bar", "categories": ["3 others", "B", "A"], "value_labels": True,
            "series": [{"name": "2024", "values": [1.0, 20.0, 39.5]}, {"name": "2030", "values": [1.2, 18.0, 37.1]}]}
    chart = native_chart(deck.slides.add_slide(deck.slide_layouts[6]), bars, "alt", box).chart
    labels = chart.plots[0].data_labels
    assert chart.plots[0].has_data_labels and labels.show_value and labels.number_format == "#,##0.0"
    assert 8 <= labels.font.size.pt <= 14
    unlabelled = native_chart(deck.slides.add_slide(deck.slide_layouts[6]), {**bars, "value_labels": False}, "alt", box).chart
    assert not unlabelled.plots[0].has_data_labels
    lines = {"type": "line", "categories": ["2024", "2030"], "y_range": [50.0, 350.0, 50.0], "end_labels": True, "series": [
        {"name": "Base", "values": [146.34, 181.94], "line": True, "colour": "#0072b2", "dash": "solid", "width": 3.2},
        {"name": "Erosion", "values": [146.34, 175.03], "line": True, "colour": "#e69f00", "dash": "solid", "width": 1.8},
        {"name": "Novel", "values": [146.34, 295.15], "line": True, "colour": "#009e73", "dash": "solid", "width": 1.8},
        {"name": "Own", "values": [85.43, 106.22], "line": True, "colour": "#d55e00", "dash": "dash", "width": 2.4},
        {"name": "Report", "values": [146.34, 181.94], "line": False, "colour": "#d55e00"}]}
    chart = native_chart(deck.slides.add_slide(deck.slide_layouts[6]), lines, "alt", box).chart
    assert (chart.value_axis.minimum_scale, chart.value_axis.maximum_scale, chart.value_axis.major_unit) == (50, 350, 50)
    base, erosion, novel, own, _ = chart.plots[0].series
    styles = [s.format.line.dash_style for s in (base, erosion, novel, own)]
    assert styles[0] == MSO_LINE_DASH_STYLE.SOLID and styles[3] == MSO_LINE_DASH_STYLE.DASH
    assert len(set(styles)) == 4, "every line its own style"
    ends = [s.points[1].data_label.text_frame.text for s in (base, erosion, novel, own)]
    assert ends == ["181.94", "175.03", "295.15", "106.22"]
    layout = base.points[1].data_label._dLbl.find(qn("c:layout"))
    assert layout is not None and float(layout.find(qn("c:manualLayout")).find(qn("c:y")).get("val")) < 0, \
        "the higher of two close end values moves up, clear of the lower"
    assert erosion.points[1].data_label._dLbl.find(qn("c:layout")) is None
