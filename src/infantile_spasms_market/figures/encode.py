"""Each figure drawn once per format: the layout once, one 300-dpi raster for slides and the page, one SVG.

Saving a figure used to draw it four times over, each time laying it out again (300-dpi PNG, SVG,
thumbnail, and the page's inline image). Here the tight bounding box is computed once; the raster
is drawn once, at 300 dpi, and the page image and the thumbnail are scaled down from it; the SVG is
the only other drawing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib as mpl
from PIL import Image

PNG_DPI = 300  # slides and print
PAGE_DPI = 100  # what the book's page shows
THUMBNAIL_DPI = 40  # the Figures page shows many at once: keep each a few kB


@dataclass(frozen=True)
class Encoded:
    """A figure in every format the book publishes, as bytes."""

    png: bytes  # PNG_DPI
    page_png: bytes  # PAGE_DPI
    thumbnail_png: bytes  # THUMBNAIL_DPI
    svg: bytes


def _scaled(raster: Image.Image, dpi: int) -> bytes:
    """The raster scaled from :data:`PNG_DPI` to ``dpi``, as an RGB PNG (the page and the thumbnail need no alpha)."""
    factor = dpi / PNG_DPI
    size = (max(1, round(raster.width * factor)), max(1, round(raster.height * factor)))
    out = io.BytesIO()
    raster.convert("RGB").resize(size, Image.Resampling.LANCZOS).save(out, format="png")
    return out.getvalue()


def encode(fig) -> Encoded:
    """Lay ``fig`` out once and draw it once as a 300-dpi raster and once as SVG; scale the rest from the raster."""
    bbox = fig.get_tightbbox().padded(mpl.rcParams["savefig.pad_inches"])
    png, svg = io.BytesIO(), io.BytesIO()
    fig.savefig(png, format="png", dpi=PNG_DPI, bbox_inches=bbox)
    fig.savefig(svg, format="svg", bbox_inches=bbox, metadata={"Date": None})
    raster = Image.open(io.BytesIO(png.getvalue()))
    raster.load()
    return Encoded(png.getvalue(), _scaled(raster, PAGE_DPI), _scaled(raster, THUMBNAIL_DPI), svg.getvalue())
