"""The presenters' slide deck: a title slide, the headline numbers, then one 16:9 slide per key figure.

Each figure slide has a short title (the message), the caption below it, the picture, the source and a citation.

Built by the pipeline from the figure records every chapter leaves beside its PNGs (only records
with ``"key": true``), so the deck always holds the figures of the book it ships with.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from ..paths import DOWNLOADS, KEY_NUMBERS, edition_file
from .gallery import citation

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 inches: exactly 16:9
MARGIN = Inches(0.5)
TITLE_HEIGHT = Inches(0.6)
CAPTION_HEIGHT = Inches(0.7)
TITLE_CHARS = 60  # a title longer than this is cut at a word and ends with an ellipsis
FOOTER_HEIGHT = Inches(1.0)
GREY = RGBColor(0x44, 0x44, 0x44)
BLANK_LAYOUT = 6  # the default template's blank layout


class DeckError(RuntimeError):
    """The deck cannot be built (e.g. a key figure's PNG is missing)."""


def deck_file_name(scenario: str) -> str:
    """The deck's file name for a scenario, e.g. ``infantile-spasms-market-base.pptx``."""
    return edition_file(scenario, ".pptx")


def _text(slide, left, top, width, height, text: str, size: int, *, bold: bool = False, colour: RGBColor | None = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour is not None:
            run.font.color.rgb = colour
    return box


def short_title(caption: str) -> str:
    """A slide title from a caption: its first clause (before a comma, semicolon, colon or parenthesis), at most :data:`TITLE_CHARS`."""
    first = re.split(r"[,;:(]", caption, maxsplit=1)[0].strip()
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + "\u2026"


def write_key_numbers(lines: list[str], output_dir: Path | str, numbers: list[dict[str, Any]] | None = None) -> Path:
    """Write the key numbers into a chapter's ``output_dir``: as data (``numbers``, each with its unit) and as the headline slide's sentences.

    ``numbers``: :func:`..analysis.summary.key_number_records`. The build adds the ``scenario`` they
    belong to (:func:`label_key_numbers`).
    """
    path = Path(output_dir) / KEY_NUMBERS
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"numbers": list(numbers or []), "sentences": list(lines)}
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


def read_key_numbers(site: Path | str) -> list[str]:
    """The headline slide's lines in an assembled site, or none when the summary chapter wrote none."""
    path = Path(site) / KEY_NUMBERS
    return json.loads(path.read_text(encoding="utf-8"))["sentences"] if path.is_file() else []


def _picture(slide, png: Path, alt: str, left: Emu, top: Emu, max_width: Emu, max_height: Emu):
    """The PNG as large as fits the box, aspect ratio kept, centred horizontally, with its alt text."""
    picture = slide.shapes.add_picture(str(png), left, top, height=max_height)
    if picture.width > max_width:
        ratio = max_width / picture.width
        picture.width, picture.height = int(max_width), int(picture.height * ratio)
    picture.left = int(left + (max_width - picture.width) / 2)
    picture._element.nvPicPr.cNvPr.set("descr", alt)  # read by screen readers
    return picture


def build_deck(
    figures: list[dict[str, Any]],
    figures_dir: Path,
    output: Path,
    *,
    book_title: str,
    scenario_title: str,
    built: str,
    url: str,
    key_numbers: list[str] | None = None,
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
    key_numbers : list of str, optional
        The headline numbers, one sentence each (:func:`write_key_numbers`): a slide after the title.

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
        pass  # a free-text build date stays only on the title slide
    width = SLIDE_WIDTH - 2 * MARGIN

    title = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    _text(title, MARGIN, Inches(2.2), width, Inches(1.6), book_title, 36, bold=True)
    _text(title, MARGIN, Inches(3.9), width, Inches(0.6), f"Scenario: {scenario_title}", 22)
    _text(
        title, MARGIN, Inches(4.7), width, Inches(1.2),
        "\n".join([f"Key figures \u00b7 built {built}", *([url] if url else []), "Text and figures CC BY 4.0"]), 16, colour=GREY,
    )

    if key_numbers:
        numbers = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
        _text(numbers, MARGIN, Inches(0.3), width, TITLE_HEIGHT, "The market in numbers", 28, bold=True)
        _text(numbers, MARGIN, Inches(0.3) + TITLE_HEIGHT + Inches(0.3), width, Inches(5.2),
              "\n".join(f"\u2022 {line}" for line in key_numbers), 20)
        _text(numbers, MARGIN, SLIDE_HEIGHT - Inches(0.8), width, Inches(0.5),
              f"Scenario: {scenario_title}. Computed by the model when the book was built, {built}.", 12, colour=GREY)

    for record in key:
        slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
        _text(slide, MARGIN, Inches(0.25), width, TITLE_HEIGHT, short_title(record["caption"]), 28, bold=True)
        _text(slide, MARGIN, Inches(0.25) + TITLE_HEIGHT, width, CAPTION_HEIGHT, record["caption"], 14, colour=GREY)
        top = Inches(0.25) + TITLE_HEIGHT + CAPTION_HEIGHT
        _picture(
            slide, Path(figures_dir) / record["files"]["png"], record["alt"],
            MARGIN, top, width, SLIDE_HEIGHT - top - FOOTER_HEIGHT - Inches(0.2),
        )
        cite = citation(record, book_title=book_title, scenario=scenario_title, built=built, url=url)
        _text(
            slide, MARGIN, SLIDE_HEIGHT - FOOTER_HEIGHT - Inches(0.1), width, FOOTER_HEIGHT,
            f"Source: {record['source']}\nCite as: {cite}", 10, colour=GREY,
        )
        slide.notes_slide.notes_text_frame.text = f"{record['alt']}\nFigure id: {record['id']}"

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    deck.save(str(output))
    return output


def download_markdown(scenario: str, key_figures: int) -> str:
    """The Figures page's link to the deck (a plain HTML anchor into the site's downloads)."""
    name = deck_file_name(scenario)
    noun = "slide" if key_figures == 1 else "slides"
    return (
        f'<a href="../{DOWNLOADS}/{name}" download>Download the key figures as a slide deck ({name})</a>: '
        f"a title slide and {key_figures} figure {noun} (16:9), each with its caption, source line and suggested citation.\n"
    )
