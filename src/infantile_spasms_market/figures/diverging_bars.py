"""Diverging stacked bars: each row's parts stacked right of zero when positive and left of it when negative, with their sum marked."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE


def plot_diverging_bars(
    data: pd.DataFrame,
    *,
    ax=None,
    total: str | None = None,
    total_label: str = "Sum",
    total_format: str = "{:.2f}",
    labels: Sequence[str] | None = None,
    colors: Sequence[str] = PALETTE,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One horizontal bar per row of ``data`` (first row at the top), its positive parts stacked right of zero, its negative parts left.

    Parameters
    ----------
    data : DataFrame
        One row per category, one column per part (the column names are the legend entries).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    total : str, optional
        A column of ``data`` holding each row's sum: drawn as a black diamond, written after the
        positive end of the bar, and not stacked.
    total_label : str
        Legend entry of the diamonds.
    total_format : str
        Format of the written sums.
    labels : sequence of str, optional
        Tick labels of the rows (default: the index).
    colors : sequence of colours
        One per part.
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    parts = data.drop(columns=[total]) if total is not None else data
    positive, negative = parts.clip(lower=0), parts.clip(upper=0)
    y = np.arange(len(parts))
    left_pos, left_neg = np.zeros(len(parts)), np.zeros(len(parts))
    for colour, column in zip(colors, parts.columns):
        ax.barh(y, positive[column], left=left_pos, color=colour, label=column)
        ax.barh(y, negative[column], left=left_neg, color=colour)
        left_pos += positive[column].to_numpy()
        left_neg += negative[column].to_numpy()
    if total is not None:
        ax.scatter(data[total], y, color="black", zorder=5, marker="D", s=40, label=total_label)
        for yi, value in zip(y, data[total]):
            ax.annotate(total_format.format(value), (left_pos[yi], yi), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize=11)
    ax.set_yticks(y, [str(i) for i in data.index] if labels is None else list(labels))
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    set_labels(ax, title=title, xlabel=xlabel)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=10)
    ax.set_xlim(left_neg.min() * 1.3 - 0.2, left_pos.max() * 1.2)
    return fig
