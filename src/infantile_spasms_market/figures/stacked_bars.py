"""Stacked horizontal bars: the parts of a count per category, with some categories' labels in bold."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .axes import figure_and_axes, set_labels
from .style import PALETTE


def plot_stacked_bars(
    data: pd.DataFrame,
    *,
    ax=None,
    bold: Sequence[bool] | None = None,
    empty_note: str | None = None,
    integer: bool = False,
    colors: Sequence[str] = PALETTE,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One horizontal bar per row of ``data``, its columns stacked left to right.

    Parameters
    ----------
    data : DataFrame
        One row per category (the index gives the tick labels, first row at the bottom) and one
        numeric column per part (their names give the legend entries).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    bold : sequence of bool, optional
        Per row, whether its tick label is set in bold.
    empty_note : str, optional
        Written at the start of each row whose parts add up to zero.
    integer : bool
        Whole-number ticks on the x axis (counts).
    colors : sequence of colours
        One per column.
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    positions = np.arange(len(data))
    left = np.zeros(len(data))
    for (column, values), colour in zip(data.items(), colors):
        ax.barh(positions, values, left=left, color=colour, label=str(column))
        left = left + values.to_numpy(dtype=float)
    ax.set_yticks(positions, [str(label) for label in data.index], fontsize=11)
    for tick, strong in zip(ax.get_yticklabels(), bold if bold is not None else []):
        if strong:
            tick.set_fontweight("bold")
    if empty_note:
        for pos in positions[left == 0]:
            ax.text(0.05, pos, empty_note, va="center", fontsize=11, color="#444444")
    ax.set_ylim(-0.6, len(data) - 0.4)
    if integer:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    set_labels(ax, title=title, xlabel=xlabel)
    ax.legend(loc="lower right", fontsize=12)
    ax.grid(axis="y", visible=False)
    return fig
