"""One style for every figure: the colour-blind-safe palette, the 16:9 size, fonts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import matplotlib as mpl

# Okabe & Ito's colour-blind-safe palette (black left out: it is the text colour).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
SLIDE_SIZE = (10, 5.625)  # inches, 16:9
# The source line under a figure: as large as the tick labels, so it stays legible when a page
# shows the figure at its text column's width (about 0.7 of its size at 1280 px).
SOURCE_SIZE = 12


STYLE: dict[str, Any] = {
    "figure.figsize": SLIDE_SIZE,
    "figure.dpi": 100,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 11,
    "legend.frameon": False,
    "font.size": 12,
    "svg.fonttype": "none",
    "savefig.bbox": "tight",
}


def use_style() -> None:
    """Apply the book's figure style to matplotlib."""
    mpl.rcParams.update(STYLE)


# Long segment names shortened where an axis has little room.
SHORT_LABELS: dict[str, str] = {"Adrenocorticotropic Hormone": "ACTH"}


def short_label(name: object) -> str:
    """``name`` as an axis label: the long names of :data:`SHORT_LABELS` shortened (``ACTH``)."""
    text = str(name)
    for long, short in SHORT_LABELS.items():
        text = text.replace(long, short)
    return text


def colour_map(names: Iterable[str]) -> dict[str, str]:
    """One palette colour per name, in order, so that a segment keeps its colour whatever is plotted."""
    return dict(zip(names, PALETTE))
