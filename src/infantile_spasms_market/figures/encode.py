"""Each figure drawn once per format: the layout once, one 300-dpi raster for slides and the page, one SVG.

Saving a figure used to draw it four times over, each time laying it out again (300-dpi PNG, SVG,
thumbnail, and the page's inline image), and most of a chapter's time went there. Here the tight
bounding box is computed once; the raster is drawn once, at 300 dpi, as raw pixels, and encoded
as an RGB PNG (the figures are opaque: an alpha channel made encoding three times slower); the
page image and the thumbnail are scaled down from it; the SVG is the only other drawing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib as mpl
from PIL import Image

from ..reproducible import SVG_METADATA, SVG_SETTINGS

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
    """Lay ``fig`` out once and draw it once as a 300-dpi raster and once as SVG; scale the rest from the raster."""
    bbox = fig.get_tightbbox().padded(mpl.rcParams["savefig.pad_inches"])
    raster = _raster(fig, bbox)
    png, svg = io.BytesIO(), io.BytesIO()
    raster.save(png, format="png", dpi=(PNG_DPI, PNG_DPI), compress_level=PNG_COMPRESSION)
    with mpl.rc_context(SVG_SETTINGS):  # ids salted with a constant, not a random value: same figure, same bytes
        fig.savefig(svg, format="svg", bbox_inches=bbox, metadata=SVG_METADATA)
    return Encoded(png.getvalue(), _scaled(raster, PAGE_DPI), _scaled(raster, THUMBNAIL_DPI), svg.getvalue())
