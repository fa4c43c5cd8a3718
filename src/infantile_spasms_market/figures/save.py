"""Saving a figure for readers and presenters: each drawn once per format (PNG, SVG), its CSV and a record.

A key figure's record also holds the chart as data (:func:`.chart_data.chart_spec`) when it is a plain line, bar,
column or stacked-area chart, so the slide deck can draw it as a native chart.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
from PIL import Image

from .chart_data import chart_spec, top_categories
from .style import SOURCE_SIZE
from .text_metrics import WrappedText
from .. import labels
from ..paths import FIGURE_STORE_VARIABLE, FIGURES, SLIDE_SUFFIX, STORE_TEMPORARY_SUFFIX, THUMBNAIL_SUFFIX
from ..reproducible import SVG_METADATA, SVG_SETTINGS

__all__ = [
    "Encoded",
    "FIGURES_SUBDIR",
    "FIGURE_ID",
    "PAGE_DPI",
    "PNG_COMPRESSION",
    "PNG_DPI",
    "Saved",
    "THUMBNAIL_DPI",
    "add_source_line",
    "encode",
    "save_figure",
    "slide_png",
]


# --------------------------------------------------------------------------- save
# One helper that saves a figure for readers and presenters: PNG, SVG, the CSV behind it and a record.

FIGURE_ID = re.compile(r"^fig-[a-z0-9]+(-[a-z0-9]+)*$")
FIGURES_SUBDIR = Path(FIGURES)


@dataclass(frozen=True)
class Saved:
    """A saved figure: its record (as in ``<fig_id>.json``) and the PNG the page shows."""

    record: dict[str, Any]
    page_png: bytes


def add_source_line(fig, source: str):
    """Write ``Source: ...`` under the plot, where a copied picture keeps it; the text.

    Wrapped to the figure's width as matplotlib wraps it, with fewer measures (:class:`.WrappedText`).
    """
    line = fig.text(0.01, -0.02, f"Source: {source}", ha="left", va="top", fontsize=SOURCE_SIZE, color="#444444", wrap=True)
    line.__class__ = WrappedText  # the same Text, only its wrapping quicker
    return line


def slide_png(fig, png: bytes, source_line) -> bytes:
    """The 300-dpi PNG cut above its source line: the deck's picture, whose slide has a source line of its own."""
    bbox = fig.get_tightbbox().padded(mpl.rcParams["savefig.pad_inches"])
    top = source_line.get_window_extent(fig.canvas.get_renderer()).y1 / fig.dpi  # inches above the figure's bottom
    image = Image.open(io.BytesIO(png))
    rows = min(image.height, max(1, int((bbox.y1 - top) * PNG_DPI) - 4))
    out = io.BytesIO()
    image.crop((0, 0, image.width, rows)).save(out, format="png", dpi=(PNG_DPI, PNG_DPI), compress_level=PNG_COMPRESSION)
    return out.getvalue()


def save_figure(
    fig,
    fig_id: str,
    data: pd.DataFrame,
    *,
    caption: str,
    alt: str,
    source: str,
    output_dir: Path | str = ".",
    key: bool = False,
    takeaway: str = "",
    slide_top: tuple[int, str] | None = None,
) -> dict[str, Any]:
    """Save ``fig`` as PNG and SVG with ``data`` as CSV and a JSON record, under ``fig_id``.

    Parameters
    ----------
    fig : matplotlib Figure
    fig_id : str
        Stable id, ``fig-<chapter>-<what>`` in lower case with hyphens.
    data : DataFrame
        Exactly what is plotted (it becomes the CSV a presenter can re-chart).
    caption, alt, source : str
        Caption (plain text), alternative text for screen readers, and the source line.
    output_dir : path
        The notebook's working folder; files go to ``downloads/figures`` inside it.
    key : bool
        A key figure of the book: it gets a slide in the presenters' deck.
    takeaway : str
        What the figure shows, in one sentence with its number: the slide's title.
    slide_top : (int, str), optional
        A key bar chart of parts of a whole: its slide shows the ``n`` largest categories with their values and the
        rest summed under the given label (:func:`.chart_data.top_categories`).

    Returns
    -------
    Saved
        The record written to ``<fig_id>.json``, and the image the page shows (PNG at
        :data:`.encode.PAGE_DPI`, scaled from the 300-dpi raster: the figure is not drawn again).
    """
    if not FIGURE_ID.match(fig_id):
        raise ValueError(f"figure id {fig_id!r} is not allowed: use lower case words joined by hyphens, starting 'fig-'")
    for name, text in (("caption", caption), ("alt", alt), ("source", source)):
        if not text or not text.strip():
            raise ValueError(f"figure {fig_id}: {name} is required")
    source = labels.plain_source(source)  # a file path in a source line reads as the register's title
    folder = Path(output_dir) / FIGURES_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    spec = chart_spec(fig) if key else None  # the deck draws key figures as native charts where it can
    if spec and slide_top:
        spec = top_categories(spec, *slide_top)
    line = add_source_line(fig, source)
    encoded = encode(fig)
    for suffix, content in ((".png", encoded.png), (".svg", encoded.svg), (THUMBNAIL_SUFFIX, encoded.thumbnail_png)):
        (folder / f"{fig_id}{suffix}").write_bytes(content)
    if key and not spec:  # a picture on its slide: without the source line the slide already gives
        (folder / f"{fig_id}{SLIDE_SUFFIX}").write_bytes(slide_png(fig, encoded.png, line))
    data.to_csv(folder / f"{fig_id}.csv", index=not isinstance(data.index, pd.RangeIndex))
    record = {
        "id": fig_id,
        "caption": caption,
        "alt": alt,
        "source": source,
        "key": bool(key),
        "files": {ext: f"{fig_id}.{ext}" for ext in ("png", "svg", "csv")} | ({"slide": f"{fig_id}{SLIDE_SUFFIX}"} if key and not spec else {}),
        "thumbnail": f"{fig_id}{THUMBNAIL_SUFFIX}",
        **({"takeaway": takeaway} if takeaway else {}),
        **({"chart": spec} if spec else {}),
    }
    (folder / f"{fig_id}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    return Saved(record, encoded.page_png)


# --------------------------------------------------------------------------- encode
# Each figure drawn once per format: the layout once, one 300-dpi raster for slides and the page, one SVG.
#
# Saving a figure used to draw it four times over, each time laying it out again (300-dpi PNG, SVG,
# thumbnail, and the page's inline image), and most of a chapter's time went there. Here the tight
# bounding box is computed once; the raster is drawn once, at 300 dpi, as raw pixels, and encoded
# as an RGB PNG (the figures are opaque: an alpha channel made encoding three times slower); the
# page image and the thumbnail are scaled down from it; the SVG is the only other drawing.

PNG_DPI = 300  # slides and print
PAGE_DPI = 100  # what the book's page shows
THUMBNAIL_DPI = 40  # the Figures page shows many at once: keep each a few kB
PNG_COMPRESSION = 3  # zlib level of the 300-dpi PNG: about 20 % larger than level 6, in half the time


@dataclass(frozen=True)
class Encoded:
    """A figure in every format the book publishes, as bytes."""

    png: bytes  # PNG_DPI
    page_png: bytes  # PAGE_DPI
    thumbnail_png: bytes  # THUMBNAIL_DPI
    svg: bytes


def _scaled(raster: Image.Image, dpi: int) -> bytes:
    """The raster scaled from :data:`PNG_DPI` to ``dpi``, as a PNG."""
    factor = dpi / PNG_DPI
    size = (max(1, round(raster.width * factor)), max(1, round(raster.height * factor)))
    out = io.BytesIO()
    raster.resize(size, Image.Resampling.BOX).save(out, format="png", dpi=(dpi, dpi))  # area average: sharp, compact
    return out.getvalue()


def _raster(fig, bbox) -> Image.Image:
    """``fig`` drawn once at :data:`PNG_DPI` inside ``bbox`` (inches), as an RGB image."""
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=PNG_DPI, bbox_inches=bbox)
    pixels = raw.getvalue()
    for width in (int(bbox.width * PNG_DPI), round(bbox.width * PNG_DPI), int(bbox.width * PNG_DPI) + 1):
        if width and len(pixels) % (4 * width) == 0:  # the canvas truncates the box to whole pixels
            return Image.frombuffer("RGBA", (width, len(pixels) // (4 * width)), pixels, "raw", "RGBA", 0, 1).convert("RGB")
    raise ValueError(f"cannot size a {len(pixels)}-byte raster for a {bbox.width:.3f}-inch-wide figure")


def encode(fig) -> Encoded:
    """Lay ``fig`` out once and draw it once as a 300-dpi raster and once as SVG; scale the rest from the raster.

    Where the build keeps a figure store (:func:`stored_rasters`), a figure whose SVG, box and raster
    settings are those of one drawn before takes that drawing's PNGs instead of drawing the raster again.
    """
    bbox = fig.get_tightbbox().padded(mpl.rcParams["savefig.pad_inches"])
    store = figure_store()
    if store is None:
        raster = _raster(fig, bbox)
        return Encoded(*_pngs(raster), _svg(fig, bbox))
    svg = _svg(fig, bbox)
    key = raster_key(svg, bbox)
    pngs = stored_rasters(store, key)
    if pngs is None:
        pngs = _pngs(_raster(fig, bbox))
        store_rasters(store, key, pngs)
    return Encoded(*pngs, svg)


def _pngs(raster: Image.Image) -> tuple[bytes, bytes, bytes]:
    """The 300-dpi PNG, the page's and the thumbnail, from one raster."""
    png = io.BytesIO()
    raster.save(png, format="png", dpi=(PNG_DPI, PNG_DPI), compress_level=PNG_COMPRESSION)
    return png.getvalue(), _scaled(raster, PAGE_DPI), _scaled(raster, THUMBNAIL_DPI)


def _svg(fig, bbox) -> bytes:
    svg = io.BytesIO()
    with mpl.rc_context(SVG_SETTINGS):  # ids salted with a constant, not a random value: same figure, same bytes
        fig.savefig(svg, format="svg", bbox_inches=bbox, metadata=SVG_METADATA)
    return svg.getvalue()


# --------------------------------------------------------------------------- the figure store
# A build re-executes a chapter when a parameter it read changed, and most of its figures come out as
# before. The SVG is a complete drawing of the figure (every path, text, colour and embedded image), so a
# figure whose SVG, box, raster settings, libraries and drawing code are those of one drawn before has the
# same raster: the store hands back that raster's PNGs (about half of a figure's time is the raster).

def figure_store() -> Path | None:
    """The build's figure store (``ISM_FIGURE_STORE``), or None: run by hand, every figure is drawn."""
    folder = os.environ.get(FIGURE_STORE_VARIABLE)
    return Path(folder) if folder else None


def raster_key(svg: bytes, bbox) -> str:
    """What a figure's rasters depend on: its SVG and box, the raster settings, rcParams, the fonts, the libraries, this module's code."""
    import PIL

    settings = repr((PNG_DPI, PAGE_DPI, THUMBNAIL_DPI, PNG_COMPRESSION, tuple(bbox.bounds), mpl.__version__, PIL.__version__,
                     sorted((k, repr(v)) for k, v in mpl.rcParams.items()), Path(__file__).read_bytes(), _fonts()))
    return hashlib.sha256(settings.encode() + b"\0" + svg).hexdigest()


@functools.cache
def _fonts() -> str:
    """The fonts matplotlib can draw with (the SVG names a family; the raster draws the file it resolves to)."""
    from matplotlib import font_manager

    return hashlib.sha256(repr(sorted((f.fname, f.name, f.style, f.weight, f.stretch) for f in font_manager.fontManager.ttflist)).encode()).hexdigest()


def stored_rasters(store: Path, key: str) -> tuple[bytes, bytes, bytes] | None:
    """The three PNGs stored under ``key``, or None (none stored, or the file is damaged: its checksum disagrees)."""
    try:
        content = (store / key[:2] / key).read_bytes()
    except OSError:
        return None
    checksum, body = content[:32], content[32:]
    if hashlib.sha256(body).digest() != checksum:
        return None
    sizes = [int.from_bytes(body[i:i + 8], "big") for i in (0, 8, 16)]
    if sum(sizes) != len(body) - 24:
        return None
    start, parts = 24, []
    for size in sizes:
        parts.append(body[start:start + size])
        start += size
    try:
        os.utime(store / key[:2] / key)  # recently used: kept when the store is pruned
    except OSError:
        pass
    return parts[0], parts[1], parts[2]


def store_rasters(store: Path, key: str, pngs: tuple[bytes, bytes, bytes]) -> None:
    """Keep the PNGs under ``key`` (written under a temporary name, then renamed: whole or not at all)."""
    body = b"".join(len(p).to_bytes(8, "big") for p in pngs) + b"".join(pngs)
    folder = store / key[:2]
    temporary = folder / f".{key}.{os.getpid()}{STORE_TEMPORARY_SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(hashlib.sha256(body).digest() + body)
        os.replace(temporary, folder / key)
    except OSError:  # a full disk or a read-only cache: the figure is published all the same
        temporary.unlink(missing_ok=True)


def prune_store(store: Path, keep: int) -> None:
    """Remove all but the ``keep`` most recently used rasters of the store, and every temporary file (the build prunes
    while no kernel of its own writes)."""
    try:
        files = [p for p in store.glob("*/*") if p.is_file()]
    except OSError:
        return
    for path in [p for p in files if p.name.startswith(".") and p.name.endswith(STORE_TEMPORARY_SUFFIX)]:
        path.unlink(missing_ok=True)
        files.remove(path)
    files.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for path in files[keep:]:
        path.unlink(missing_ok=True)
