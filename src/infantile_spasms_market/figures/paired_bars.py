"""Paired horizontal bars: two values per category (e.g. two years) side by side, with an optional note beside each pair."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import PALETTE

OFFSET, HEIGHT = 0.2, 0.4  # the first bar of a pair sits above the category's line, the second below


def plot_paired_bars(
    data: pd.DataFrame,
    *,
    ax=None,
    label: str | None = None,
    names: Sequence[str] | None = None,
    colours: Sequence[str] = (PALETTE[4], PALETTE[0]),
    notes: Sequence[str] | None = None,
    note_style: Mapping[str, Any] | None = None,
    room: float = 1.2,
    title: str | None = None,
    xlabel: str = "USD million",
    legend_size: float = 12,
):
    """Two horizontal bars per category, from the bottom row of ``data`` up.

    Parameters
    ----------
    data : DataFrame
        One row per category; its first two numeric columns are the pair (the first drawn above).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    label : str, optional
        The column of category names (default: the index).
    names : two str, optional
        Legend entries of the two bars (default: the two column names).
    colours : two colours
    notes : sequence of str, optional
        A text beside each pair (one per row), just right of its longer bar.
    note_style : mapping, optional
        Matplotlib text properties of the notes (default: font size 11).
    room : float
        The value axis reaches ``room`` times the largest value (space for notes).
    title : str, optional
    xlabel : str
        The value axis' label.
    legend_size : float
        Font size of the legend.

    Returns
    -------
    matplotlib Figure
    """
    first, second = data.select_dtypes("number").columns[:2]
    names = [str(first), str(second)] if names is None else list(names)
    if ax is None:
        _, ax = plt.subplots()
    positions = np.arange(len(data))
    ax.barh(positions + OFFSET, data[first], height=HEIGHT, color=colours[0], label=names[0])
    ax.barh(positions - OFFSET, data[second], height=HEIGHT, color=colours[1], label=names[1])
    if notes is not None:
        for pos, a, b, note in zip(positions, data[first], data[second], notes):
            ax.text(max(a, b) + 1, pos, note, va="center", **{"fontsize": 11, **(note_style or {})})
    labels = data.index if label is None else data[label]
    ax.set_yticks(positions, [str(s) for s in labels], fontsize=12)
    ax.set_xlim(0, data[[first, second]].to_numpy().max() * room)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    ax.legend(loc="lower right", fontsize=legend_size)
    ax.grid(axis="y", visible=False)
    return ax.figure
