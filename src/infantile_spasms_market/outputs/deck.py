"""The presenters' slide deck: a title slide, the key numbers, what the book finds, the method, then one slide per key figure.

Every slide has a title placeholder (outlines and screen readers see it) whose text states the finding
with its number: a figure slide's title is the takeaway its chapter computed (``takeaway`` in the
figure's record). A figure whose record describes it as data (``chart``: lines, bars, columns, a stack
of areas) becomes a native chart a presenter can restyle; any other stays a picture. Each slide has
one source line; the figure's suggested citation and its alt text are in the speaker notes.

Built by the pipeline from the figure records every chapter leaves beside its PNGs (only records
with ``"key": true``) and the key numbers the front page wrote, so the deck always holds the
numbers of the book it ships with. Text is set in Arial (Liberation Sans in LibreOffice, with the
same widths), in boxes sized for it: ``tests/outputs/test_deck_render.py`` checks on LibreOffice's
rendering that no text leaves its box.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from ..paths import DOWNLOADS, KEY_NUMBERS, edition_file
from .gallery import citation
from .slide_charts import _style, native_chart

__all__ = ["build_deck", "deck_file_name", "download_markdown", "label_key_numbers", "native_chart", "read_key_numbers",
           "write_key_numbers"]

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 inches: exactly 16:9
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(1.15)  # room for two lines of a takeaway title
BODY_TOP = TITLE_TOP + TITLE_HEIGHT + Inches(0.15)
SOURCE_HEIGHT = Inches(0.45)
SOURCE_TOP = SLIDE_HEIGHT - SOURCE_HEIGHT - Inches(0.15)
TITLE_CHARS = 60  # a caption's first clause up to this length is a fallback title (no takeaway given)
GREY = RGBColor(0x44, 0x44, 0x44)
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5  # the default template's "Title Slide" and "Title Only" layouts


class DeckError(RuntimeError):
    """The deck cannot be built (e.g. a key figure's PNG is missing)."""


def deck_file_name(scenario: str) -> str:
    """The deck's file name for a scenario, e.g. ``infantile-spasms-market-base.pptx``."""
    return edition_file(scenario, ".pptx")


def short_title(caption: str) -> str:
    """A slide title from a caption: its first clause (before a comma, semicolon, colon or parenthesis), at most :data:`TITLE_CHARS`."""
    first = re.split(r"[,;:(]", caption, maxsplit=1)[0].strip()
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + "\u2026"


def title_size(text: str) -> int:
    """The title's font size (pt): smaller for a longer takeaway, so that it fits two lines of its placeholder."""
    return 28 if len(text) <= 70 else 24 if len(text) <= 100 else 20


def write_key_numbers(record: dict[str, Any], output_dir: Path | str) -> Path:
    """Write the key numbers (:func:`..analysis.key_numbers.key_numbers_record`) into a chapter's ``output_dir``.

    The build adds the ``scenario`` they belong to (:func:`label_key_numbers`).
    """
    path = Path(output_dir) / KEY_NUMBERS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def label_key_numbers(site: Path | str, scenario: dict[str, Any]) -> Path | None:
    """Put the build's ``scenario`` (name, title, file, overrides) at the head of an assembled site's ``key_numbers.json`` (None when there is none)."""
    path = Path(site) / KEY_NUMBERS
    if not path.is_file():
        return None
    record = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({"scenario": scenario, **record}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_key_numbers(site: Path | str) -> dict[str, Any]:
    """The key numbers in an assembled site, or an empty record when the summary chapter wrote none."""
    path = Path(site) / KEY_NUMBERS
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


# --------------------------------------------------------------------------- text
def _fill(frame, lines: list[str], size: int, *, bold: bool = False, colour: RGBColor | None = None, space: int = 0) -> None:
    """Replace a text frame's text with ``lines`` (one paragraph each), wrapped, never shrunk or grown."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(space)
        _style(paragraph.add_run(), size, bold=bold, colour=colour)
        paragraph.runs[0].text = line


def _text(slide, left, top, width, height, lines: list[str], size: int, **style):
    box = slide.shapes.add_textbox(left, top, width, height)
    _fill(box.text_frame, lines, size, **style)
    return box


def _titled(deck, title: str):
    """A slide with ``title`` in its title placeholder, across the slide's top."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    placeholder = slide.shapes.title
    placeholder.left, placeholder.top, placeholder.width, placeholder.height = MARGIN, TITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT
    _fill(placeholder.text_frame, [title], title_size(title), bold=True)
    placeholder.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    return slide


def _source(slide, text: str) -> None:
    _text(slide, MARGIN, SOURCE_TOP, SLIDE_WIDTH - 2 * MARGIN, SOURCE_HEIGHT, [text], 11, colour=GREY)


def _picture(slide, png: Path, alt: str, box: tuple[Emu, Emu, Emu, Emu]):
    """The PNG as large as fits the box, aspect ratio kept, centred horizontally, with its alt text."""
    left, top, max_width, max_height = box
    picture = slide.shapes.add_picture(str(png), left, top, height=max_height)
    if picture.width > max_width:
        ratio = max_width / picture.width
        picture.width, picture.height = int(max_width), int(picture.height * ratio)
    picture.left = int(left + (max_width - picture.width) / 2)
    picture._element.nvPicPr.cNvPr.set("descr", alt)  # read by screen readers
    return picture


KEY_TABLE_PT = 16


def _row_height(texts: list[str], widths: list[int], size: int) -> int:
    """A table row's height once its cells wrap: the most lines any cell needs (an average glyph is half an em wide)."""
    import textwrap

    per_line = [max(4, int((w - CELL_PADDING) / (Pt(size) * 0.5))) for w in widths]
    lines = max(len(textwrap.wrap(text, n, break_long_words=False) or [""]) for text, n in zip(texts, per_line))
    return int(lines * Pt(size) * 1.2 + CELL_PADDING)


CELL_PADDING = Inches(0.2)  # python-pptx's cell margins, top and bottom (0.05 in each) and left and right (0.1 in each)


# --------------------------------------------------------------------------- the slides
def _key_numbers_slide(deck, numbers: dict[str, Any], scenario_title: str, built: str) -> None:
    table = numbers["table"]
    slide = _titled(deck, numbers["headline"])
    rows, cols = len(table["rows"]) + 1, len(table["columns"])
    width = SLIDE_WIDTH - 2 * MARGIN
    shape = slide.shapes.add_table(rows, cols, MARGIN, BODY_TOP, width, Inches(0.5) * rows)
    grid = shape.table
    grid.columns[0].width = int(width * 0.34)
    for c in range(1, cols):
        grid.columns[c].width = int(width * 0.66 / (cols - 1))
    cells = [[str(value) for value in row] for row in [table["columns"], *table["rows"]]]
    for r, row in enumerate(cells):
        grid.rows[r].height = _row_height(row, [grid.columns[c].width for c in range(cols)], KEY_TABLE_PT)
        for c, value in enumerate(row):
            _fill(grid.cell(r, c).text_frame, [value], KEY_TABLE_PT, bold=r == 0 or r == 2)
    shape.height = sum(row.height for row in grid.rows)  # the table as it renders (its wrapped rows), not as it was added
    top = BODY_TOP + shape.height + Inches(0.3)
    _text(slide, MARGIN, top, width, SOURCE_TOP - top - Inches(0.1),
          [f"The book's own estimate is {numbers['statistic']}.", numbers["sentences"][0] + ", as TechSci Research publishes them.",
           *([numbers["us_prices"]] if numbers.get("us_prices") else [])],
          15, space=6)
    _source(slide, f"Source: this book, scenario \u201c{scenario_title}\u201d, built {built}; "
            f"{numbers.get('report', 'the report')} for the report's figures")


FINDINGS_TITLE = "Key findings"  # the slide says what it is; each finding, with its number, is a bullet


def _findings_slide(deck, numbers: dict[str, Any], scenario_title: str) -> None:
    found = numbers.get("takeaways") or []
    if not found:
        return
    slide = _titled(deck, FINDINGS_TITLE)
    _text(slide, MARGIN, BODY_TOP, SLIDE_WIDTH - 2 * MARGIN, SOURCE_TOP - BODY_TOP - Inches(0.1),
          [f"\u2022 {line}" for line in found], 20 if len(found) <= 4 else 18, space=14)
    _source(slide, f"Source: this book, scenario \u201c{scenario_title}\u201d; each finding is computed by its chapter")


def _method_slide(deck, numbers: dict[str, Any], scenario_title: str) -> None:
    method = numbers.get("method") or []
    if not method:
        return
    slide = _titled(deck, method[0])
    _text(slide, MARGIN, BODY_TOP, SLIDE_WIDTH - 2 * MARGIN, SOURCE_TOP - BODY_TOP - Inches(0.1),
          [f"\u2022 {line}" for line in method[1:]], 18, space=12)
    _source(slide, f"Source: this book's Methodology chapter, scenario \u201c{scenario_title}\u201d")


def build_deck(
    figures: list[dict[str, Any]],
    figures_dir: Path,
    output: Path,
    *,
    book_title: str,
    scenario_title: str,
    built: str,
    url: str,
    key_numbers: dict[str, Any] | None = None,
) -> Path:
    """Write the deck to ``output`` and return it.

    Parameters
    ----------
    figures : list of dict
        Figure records (as :func:`.save_figure` writes them), in book order; only those
        with ``"key": true`` get a slide.
    figures_dir : Path
        Folder holding each record's PNG.
    output : Path
        The ``.pptx`` file to write (its folder is created).
    book_title, scenario_title, built, url : str
        For the title slide and each figure's suggested citation.
    key_numbers : dict, optional
        The front page's key numbers (:func:`read_key_numbers`): a key-numbers slide, a findings slide
        and a one-slide method after the title, when present.

    Raises
    ------
    DeckError
        When a key figure's PNG is missing.
    """
    key = [r for r in figures if r.get("key")]
    missing = [r["id"] for r in key if not (Path(figures_dir) / r["files"]["png"]).is_file()]
    if missing:
        raise DeckError(f"key figure PNG not found in {figures_dir}: {', '.join(missing)}")

    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    deck.core_properties.title = book_title
    deck.core_properties.author = "Infantile Spasms Market Book contributors"
    deck.core_properties.subject = f"Key figures, scenario \u201c{scenario_title}\u201d"
    try:
        stamp = dt.datetime.fromisoformat(built)
        deck.core_properties.created = deck.core_properties.modified = stamp
    except ValueError:
        stamp = None  # a free-text build date stays only on the title slide
    width = SLIDE_WIDTH - 2 * MARGIN

    title = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
    heading, subtitle = title.shapes.title, title.placeholders[1]
    heading.left, heading.top, heading.width, heading.height = MARGIN, Inches(1.6), width, Inches(2.0)
    _fill(heading.text_frame, [book_title], 36, bold=True)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = MARGIN, Inches(3.9), width, Inches(2.2)
    _fill(subtitle.text_frame, [f"Scenario: {scenario_title}", f"Key numbers and figures \u00b7 built {built}",
                                *([url] if url else []), "Text and figures CC BY 4.0"], 18, colour=GREY)

    if key_numbers and key_numbers.get("table"):
        _key_numbers_slide(deck, key_numbers, scenario_title, built)
        _findings_slide(deck, key_numbers, scenario_title)
        _method_slide(deck, key_numbers, scenario_title)

    box = (MARGIN, BODY_TOP, width, SOURCE_TOP - BODY_TOP - Inches(0.1))
    for record in key:
        slide = _titled(deck, record.get("takeaway") or short_title(record["caption"]))
        if record.get("chart"):
            native_chart(slide, record["chart"], record["alt"], box, created=stamp)
        else:
            _picture(slide, Path(figures_dir) / record["files"].get("slide", record["files"]["png"]), record["alt"], box)
        _source(slide, f"Source: {record['source']}")
        cite = citation(record, book_title=book_title, scenario=scenario_title, built=built, url=url)
        slide.notes_slide.notes_text_frame.text = f"{record['caption']}.\n{record['alt']}\nCite as: {cite}"

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    deck.save(str(output))
    return output


def download_markdown(scenario: str, key_figures: int) -> str:
    """The Figures page's link to the deck (a plain HTML anchor into the site's downloads)."""
    name = deck_file_name(scenario)
    noun = "slide" if key_figures == 1 else "slides"
    return (
        f'<a href="../{DOWNLOADS}/{name}" download>Download the key numbers and figures as a slide deck ({name})</a>: '
        f"a title slide, the key numbers, the findings and the method, and {key_figures} figure {noun} (16:9), "
        "each titled with its finding, with one source line and its citation in the notes; lines, bars and columns "
        "are charts you can restyle.\n"
    )
