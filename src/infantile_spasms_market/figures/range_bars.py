"""Range bars: a pale bar to each row's high value with a dark bar to its low value over it, labelled with the range."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE


def range_text(low: float, high: float, unit: str = " %") -> str:
    """``12-30 %`` for a range, ``12.5 %`` for a single value (low equal to high)."""
    return f"{low:.0f}-{high:.0f}{unit}" if high > low else f"{low:.1f}{unit}"


def plot_range_bars(
    data: pd.DataFrame,
    *,
    ax=None,
    colours: Sequence[str] = (PALETTE[4], PALETTE[0]),
    names: Sequence[str] = ("High end of range", "Low end (or single value)"),
    unit: str = " %",
    pad: float = 1.5,
    xlim: tuple[float, float] | None = None,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One bar per row reaching its high value, the low part darker, with ``low-high`` (or the single value) beside it.

    Parameters
    ----------
    data : DataFrame
        One row per item, first row at the bottom (the index gives the tick labels); two numeric
        columns, low then high (equal for a single value).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    colours : two colours
        Of the high and the low part.
    names : two str
        Labels of the high and the low bars (for a legend a caller may add).
    unit : str
        Appended to the numbers beside the bars.
    pad : float
        Gap between a bar's end and its text, in data units.
    xlim : (float, float), optional
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    low, high = data.columns[:2]
    fig, ax = figure_and_axes(ax)
    y = np.arange(len(data))
    ax.barh(y, data[high], color=colours[0], label=names[0])
    ax.barh(y, data[low], color=colours[1], label=names[1])
    for yi, lo, hi in zip(y, data[low], data[high]):
        ax.text(hi + pad, yi, range_text(lo, hi, unit), va="center", fontsize=11)
    ax.set_yticks(y, [str(label) for label in data.index])
    if xlim is not None:
        ax.set_xlim(*xlim)
    set_labels(ax, title=title, xlabel=xlabel)
    ax.grid(axis="y", visible=False)
    return fig
