"""One helper that saves a figure for readers and presenters: PNG, SVG, the CSV behind it and a record."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..paths import FIGURES
from .encode import encode
from .style import SOURCE_SIZE

FIGURE_ID = re.compile(r"^fig-[a-z0-9]+(-[a-z0-9]+)*$")
FIGURES_SUBDIR = Path(FIGURES)


@dataclass(frozen=True)
class Saved:
    """A saved figure: its record (as in ``<fig_id>.json``) and the PNG the page shows."""

    record: dict[str, Any]
    page_png: bytes


def add_source_line(fig, source: str) -> None:
    """Write ``Source: ...`` under the plot, where slides keep it."""
    fig.text(0.01, -0.02, f"Source: {source}", ha="left", va="top", fontsize=SOURCE_SIZE, color="#444444", wrap=True)


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
    folder = Path(output_dir) / FIGURES_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    add_source_line(fig, source)
    encoded = encode(fig)
    for suffix, content in ((".png", encoded.png), (".svg", encoded.svg), (".thumb.png", encoded.thumbnail_png)):
        (folder / f"{fig_id}{suffix}").write_bytes(content)
    data.to_csv(folder / f"{fig_id}.csv", index=not isinstance(data.index, pd.RangeIndex))
    record = {
        "id": fig_id,
        "caption": caption,
        "alt": alt,
        "source": source,
        "key": bool(key),
        "files": {ext: f"{fig_id}.{ext}" for ext in ("png", "svg", "csv")},
        "thumbnail": f"{fig_id}.thumb.png",
    }
    (folder / f"{fig_id}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    return Saved(record, encoded.page_png)
