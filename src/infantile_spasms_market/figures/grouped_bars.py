"""Grouped horizontal bars: one bar per column within each category, with an optional note beside each group."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE


def plot_grouped_bars(
    data: pd.DataFrame,
    *,
    ax=None,
    colours: Sequence[str] = PALETTE,
    height: float = 0.2,
    notes: Sequence[str] | None = None,
    note_pad: float = 0.0,
    room: float | None = None,
    legend_loc: str = "outside",
    legend_title: str | None = None,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One group of horizontal bars per row of ``data``, the first column's bar on top.

    Parameters
    ----------
    data : DataFrame
        One row per category, first row at the bottom (the index gives the tick labels); one
        numeric column per bar (their names give the legend entries, listed top bar first).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    colours : sequence of colours
        One per column.
    height : float
        Height of each bar (a group is ``height`` times the number of columns).
    notes : sequence of str, optional
        A text per row, written ``note_pad`` right of the group's top bar.
    room : float, optional
        The value axis runs from 0 to ``room`` times the largest value (default: matplotlib's choice).
    legend_loc, legend_title : str
        ``"outside"`` (default) puts the legend right of the plot, where it can cover no bar.
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    y = np.arange(len(data))
    n = data.shape[1]
    for i, (column, values) in enumerate(data.items()):
        ax.barh(y + ((n - 1) / 2 - i) * height, values, height, label=str(column), color=colours[i])
    if notes is not None:
        top = data.iloc[:, 0].to_numpy()
        for yi, value, note in zip(y, top, notes):
            ax.text(value + note_pad, yi + (n - 1) / 2 * height, note, va="center", fontsize=11)
    ax.set_yticks(y, [str(label) for label in data.index])
    if room is not None:
        ax.set_xlim(0, room * float(data.to_numpy().max()))
    set_labels(ax, title=title, xlabel=xlabel)
    ax.grid(axis="y", visible=False)
    if legend_loc == "outside":
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title=legend_title)
    else:
        ax.legend(loc=legend_loc, title=legend_title)
    return fig
