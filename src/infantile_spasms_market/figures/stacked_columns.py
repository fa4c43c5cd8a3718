"""Stacked bars: one vertical bar per category, its parts stacked bottom to top, the large parts labelled with their values."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE


def plot_stacked_columns(
    data: pd.DataFrame,
    *,
    ax=None,
    labels: Sequence[str] | None = None,
    value_format: str = "{:.0f}",
    min_share: float = 0.08,
    colors: Sequence[str] = PALETTE,
    room: float = 1.2,
    title: str | None = None,
    ylabel: str | None = None,
):
    """One vertical bar per row of ``data``, its columns stacked bottom to top, values written inside the large parts.

    Parameters
    ----------
    data : DataFrame
        One row per category (left to right), one column per part (the column names are the legend entries).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    labels : sequence of str, optional
        Tick labels of the bars (default: the index).
    value_format : str
        Format of the values written inside the parts.
    min_share : float
        A part's value is written only when it exceeds this share of the tallest bar.
    colors : sequence of colours
        One per part.
    room : float
        Top of the y axis as a multiple of the tallest bar (room for the legend above the bars).
    title, ylabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    x = np.arange(len(data))
    bottom = np.zeros(len(data))
    tallest = float(data.sum(axis=1).max())
    for colour, column in zip(colors, data.columns):
        ax.bar(x, data[column], bottom=bottom, color=colour, label=column, width=0.6)
        for xi, (value, level) in enumerate(zip(data[column], bottom)):
            if value > min_share * tallest:
                ax.text(xi, level + value / 2, value_format.format(value), ha="center", va="center", fontsize=11,
                        color="white", fontweight="bold")
        bottom += data[column].to_numpy()
    ax.set_xticks(x, [str(i) for i in data.index] if labels is None else list(labels), rotation=0, fontsize=10)
    set_labels(ax, title=title, ylabel=ylabel)
    ax.legend(loc="upper left", fontsize=10, ncol=3)
    ax.set_ylim(0, tallest * room)
    return fig
