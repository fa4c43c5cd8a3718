"""The built deck as LibreOffice (Debian's package) renders it: one page per slide, every slide titled, native charts
counted, no code name in its text, and no text outside its box (the rendering, not python-pptx's idea of it)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from infantile_spasms_market import labels
from infantile_spasms_market.paths import DOWNLOADS, FIGURES

pytestmark = pytest.mark.slow

SOFFICE, PDFTOTEXT = shutil.which("soffice"), shutil.which("pdftotext")
TOLERANCE_PT = 3.0  # a glyph's box may reach a little past the text box (LibreOffice's own insets)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@pytest.fixture(scope="module")
def deck(built_site: Path) -> Path:
    return next((built_site / DOWNLOADS).glob("*.pptx"))


@pytest.fixture(scope="module")
def rendered(deck: Path, tmp_path_factory) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice not found; apt-get install libreoffice-impress")
    out = tmp_path_factory.mktemp("deck")
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{out / 'profile'}", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(deck)],
        capture_output=True, text=True, timeout=300,
    )
    pdf = out / (deck.stem + ".pdf")
    assert result.returncode == 0 and pdf.is_file(), f"LibreOffice could not render the deck: {result.stderr}"
    artefacts = ROOT / "test-artifacts" / "deck"
    artefacts.mkdir(parents=True, exist_ok=True)
    shutil.copy2(pdf, artefacts / pdf.name)
    return pdf


def test_the_built_deck_renders_one_page_per_slide(deck: Path, rendered: Path):
    pages = re.findall(rb"/Type\s*/Page(?![a-zA-Z])", rendered.read_bytes())  # page objects (not the /Pages tree)
    assert len(pages) == len(Presentation(str(deck)).slides)


def test_every_slide_has_a_title_and_the_line_bar_and_column_figures_are_native_charts(deck: Path, built_site: Path):
    import json

    slides = list(Presentation(str(deck)).slides)
    for number, slide in enumerate(slides, start=1):
        title = slide.shapes.title
        assert title is not None and title.placeholder_format.type in {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
        assert title.text_frame.text.strip(), f"slide {number} has an empty title"
    records = [json.loads(p.read_text()) for p in (built_site / FIGURES).glob("*.json")]
    native = sum(1 for r in records if r.get("key") and r.get("chart"))
    charts = sum(1 for slide in slides for shape in slide.shapes if shape.has_chart)
    assert charts == native >= 5, f"{charts} native charts for {native} key figures described as data"
    figure_titles = [s.shapes.title.text_frame.text for s in slides[4:]]
    assert all(re.search(r"\d", t) for t in figure_titles), "a figure slide's title states no number"


def test_no_code_name_in_the_decks_text(deck: Path):
    problems = []
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        texts += [c.text for s in slide.shapes if s.has_table for row in s.table.rows for c in row.cells]
        for shape in (s for s in slide.shapes if s.has_chart):
            chart = shape.chart
            texts += [str(c) for c in chart.plots[0].categories] + [s.name for s in chart.plots[0].series]
        texts.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
        for name in labels.code_names_in("\n".join(texts)):
            problems.append(f"slide {number}: {name}")
        for path in labels.paths_in("\n".join(texts)):  # a path (a source line's data/prices.csv, params/) or an input file
            problems.append(f"slide {number}: {path}")
    assert not problems, "code names or file paths in the deck:\n" + "\n".join(problems)


def _words(rendered: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Each page's size (points) and its words with their boxes, as poppler's pdftotext finds them."""
    boxes = subprocess.run([PDFTOTEXT, "-bbox", str(rendered), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, flags=re.S):
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in WORD.findall(page.group(3))]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


def _find(words, wanted: list[str]) -> list[tuple[float, float, float, float, str]] | None:
    """The run of rendered words that spells ``wanted`` (its first words at least), or None."""
    texts = [w[4] for w in words]
    for i in range(len(texts) - len(wanted) + 1):  # the whole text first: a cell may begin with the same words
        if texts[i:i + len(wanted)] == wanted:
            return words[i:i + len(wanted)]
    head = wanted[: min(3, len(wanted))]
    for i in range(len(texts) - len(head) + 1):
        if texts[i:i + len(head)] == head:
            return words[i:i + len(wanted)]
    return None


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils not found; apt-get install poppler-utils")
def test_no_text_leaves_its_box_in_libreoffices_rendering(deck: Path, rendered: Path):
    presentation = Presentation(str(deck))
    pages = _words(rendered)
    problems = []
    for number, (slide, (width, height, words)) in enumerate(zip(presentation.slides, pages), start=1):
        scale = width / Emu(presentation.slide_width).pt  # points of the page per point of the slide
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            wanted = shape.text_frame.text.split()
            found = _find(words, wanted)
            if found is None:
                problems.append(f"slide {number}: {shape.text_frame.text[:50]!r} is not rendered in full")
                continue
            left, top = Emu(shape.left).pt * scale, Emu(shape.top).pt * scale
            right, bottom = left + Emu(shape.width).pt * scale, top + Emu(shape.height).pt * scale
            x0, y0 = min(w[0] for w in found), min(w[1] for w in found)
            x1, y1 = max(w[2] for w in found), max(w[3] for w in found)
            if x0 < left - TOLERANCE_PT or y0 < top - TOLERANCE_PT or x1 > right + TOLERANCE_PT or y1 > bottom + TOLERANCE_PT:
                problems.append(f"slide {number}: {shape.text_frame.text[:50]!r} leaves its box "
                                f"({x0:.0f},{y0:.0f})-({x1:.0f},{y1:.0f}) outside ({left:.0f},{top:.0f})-({right:.0f},{bottom:.0f})")
    assert not problems, "\n".join(problems)


def test_libreoffice_labels_every_bar_of_a_chart(deck: Path, rendered: Path):
    """LibreOffice left every other company unlabelled on a chart of many bars (the title's company among them)."""
    problems = []
    for number, (slide, (_, _, words)) in enumerate(zip(Presentation(str(deck)).slides, _words(rendered)), start=1):
        text = " ".join(w[4] for w in words)
        for shape in (s for s in slide.shapes if s.has_chart and s.chart.chart_type is not None):
            categories = [str(c) for c in shape.chart.plots[0].categories]
            if not re.match(r"^\d{4}$", categories[0]):  # years along an axis may be thinned; names may not
                problems += [f"slide {number}: {c!r} unlabelled" for c in categories if " ".join(c.split()) not in text]
    assert not problems, "\n".join(problems)
