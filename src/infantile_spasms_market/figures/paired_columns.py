"""Paired columns: two upright bars per category (two methods, two years) side by side, with an optional note over each pair."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, legend_if_labelled, set_labels
from .style import PALETTE


def plot_paired_columns(
    data: pd.DataFrame,
    *,
    ax=None,
    names: Sequence[str] | None = None,
    notes: Sequence[str] | None = None,
    colors: Sequence[str] = (PALETTE[0], PALETTE[1]),
    width: float = 0.38,
    room: float = 1.2,
    wrap: str | None = " & ",
    title: str | None = None,
    ylabel: str | None = None,
    legend_fontsize: float = 10,
):
    """Two vertical bars per row of ``data``, the first column's left of the second's.

    Parameters
    ----------
    data : DataFrame
        One row per category (the index gives the tick labels, left to right) and two numeric columns.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    names : two str, optional
        Legend entries of the two columns (default: the column names).
    notes : sequence of str, optional
        A text per row, written just above the row's second bar.
    colors : two colours
        Of the first and the second column's bars.
    width : float
        Of each bar (a pair takes twice that).
    room : float
        The y axis ends at this multiple of the largest value (room for the notes and the legend).
    wrap : str, optional
        A tick label breaks onto a second line after this text (``"Middle East &\\nAfrica"``).
    title, ylabel : str, optional
    legend_fontsize : float

    Returns
    -------
    matplotlib Figure
    """
    if data.shape[1] != 2:
        raise ValueError(f"paired bars need exactly two columns, got {list(data.columns)}")
    fig, ax = figure_and_axes(ax)
    names = [str(c) for c in data.columns] if names is None else list(names)
    positions = np.arange(len(data))
    first, second = (data[column] for column in data.columns)
    ax.bar(positions - width / 2, first, width, color=colors[0], label=names[0])
    ax.bar(positions + width / 2, second, width, color=colors[1], label=names[1])
    for pos, note, value in zip(positions, notes if notes is not None else [], second):
        ax.annotate(note, (pos + width / 2, value), xytext=(0, 4), textcoords="offset points", ha="center",
                    va="bottom", fontsize=11)
    labels = [str(label) for label in data.index]
    ax.set_xticks(positions, [label.replace(wrap, wrap.rstrip() + "\n") for label in labels] if wrap else labels)
    set_labels(ax, title=title, ylabel=ylabel)
    legend_if_labelled(ax, loc="upper right", fontsize=legend_fontsize)
    ax.set_ylim(0, max(first.max(), second.max()) * room)
    return fig
