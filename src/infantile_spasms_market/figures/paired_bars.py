"""Paired horizontal bars: two values per category (two years, two methods), in one panel or a grid of panels."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import PALETTE, SLIDE_SIZE, short_label

OFFSET, HEIGHT = 0.2, 0.4  # the first bar of a pair sits above the category's line, the second below


def plot_paired_bars(
    data: pd.DataFrame,
    *,
    ax=None,
    label: str | None = None,
    panel: str | None = None,
    panel_titles: Mapping[str, str] | None = None,
    names: Sequence[str] | None = None,
    colours: Sequence[str] = (PALETTE[4], PALETTE[0]),
    notes: Sequence[str] | None = None,
    note_style: Mapping[str, Any] | None = None,
    value_format: str | None = None,
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
    ax : matplotlib Axes or array of Axes, optional
        Where to draw (one Axes per panel); a new figure when None (panels in a grid two wide).
    label : str, optional
        The column of category names (default: the index). Long names are shortened (ACTH).
    panel : str, optional
        A column splitting the rows into panels, in order of appearance.
    panel_titles : mapping, optional
        Panel titles by panel value (default: the value).
    names : two str, optional
        Legend entries of the two bars (default: the two column names).
    colours : two colours
    notes : sequence of str, optional
        A text beside each pair (one per row), e.g. the ratio of the two values.
    note_style : mapping, optional
        Matplotlib text properties of the notes (default: font size 11).
    value_format : str, optional
        Write the second bar's value beside it with this format (e.g. ``".1f"``).
    room : float
        The value axis reaches ``room`` times the largest value (space for notes).
    title : str, optional
        The title (the figure's, over a grid of panels).
    xlabel : str
        The value axis' label (on the bottom row of a grid).
    legend_size : float
        Font size of the legend (on the first panel).

    Returns
    -------
    matplotlib Figure
    """
    first, second = data.select_dtypes("number").columns[:2]
    names = [str(first), str(second)] if names is None else list(names)
    groups = [(None, data)] if panel is None else [(key, data[data[panel] == key]) for key in dict.fromkeys(data[panel])]
    if ax is None:
        fig, ax = plt.subplots(math.ceil(len(groups) / 2), min(len(groups), 2), figsize=SLIDE_SIZE)
    axes = list(np.atleast_1d(ax).flat)
    fig = axes[0].figure
    note_texts = iter([] if notes is None else notes)
    for panel_ax, (key, rows) in zip(axes, groups):
        positions = np.arange(len(rows))
        largest = rows[[first, second]].to_numpy().max()
        panel_ax.barh(positions + OFFSET, rows[first], height=HEIGHT, color=colours[0], label=names[0])
        panel_ax.barh(positions - OFFSET, rows[second], height=HEIGHT, color=colours[1], label=names[1])
        for pos, (a, b) in enumerate(zip(rows[first], rows[second])):
            if value_format is not None:
                panel_ax.text(b + largest * 0.01, pos - OFFSET, format(b, value_format), va="center", fontsize=10)
            if notes is not None:
                panel_ax.text(max(a, b) + 1, pos, next(note_texts), va="center", **{"fontsize": 11, **(note_style or {})})
        labels = rows.index if label is None else rows[label]
        panel_ax.set_yticks(positions, [short_label(s) for s in labels], fontsize=12 if panel is None else 11)
        panel_ax.set_xlim(0, largest * room)
        panel_ax.grid(axis="y", visible=False)
        if key is not None:
            panel_ax.set_title((panel_titles or {}).get(key, str(key)), fontsize=13)
    axes[0].legend(loc="lower right", fontsize=legend_size)
    for panel_ax in axes[-min(len(groups), 2):]:  # the bottom row
        panel_ax.set_xlabel(xlabel)
    if panel is None and title:
        axes[0].set_title(title)
    elif panel is not None:
        if title:
            fig.suptitle(title, fontsize=15, fontweight="bold")
        fig.tight_layout()
    return fig
