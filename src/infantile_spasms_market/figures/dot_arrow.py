"""Dot and arrow: where each category stands and where it would have to go, an arrow from one dot to the other."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, legend_if_labelled, set_labels
from .style import PALETTE


def plot_dot_arrow(
    data: pd.DataFrame,
    *,
    ax=None,
    names: Sequence[str] | None = None,
    ceiling: float = 100.0,
    unreachable: str = "out of reach",
    colors: Sequence[str] = (PALETTE[0], PALETTE[1], PALETTE[5]),
    xlim: tuple[float, float] | None = None,
    xticks: Sequence[float] | None = None,
    xlabel: str | None = None,
    title: str | None = None,
):
    """One row per category, top to bottom: a dot at the first column, an arrow to a dot at the second.

    A missing second value means the target cannot be reached: a dashed arrow runs to ``ceiling``
    with the ``unreachable`` text beyond it, and no second dot is drawn.

    Parameters
    ----------
    data : DataFrame
        One row per category (the index gives the tick labels) and two numeric columns: where each
        category is and where it would have to be (NaN: out of reach).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    names : two str, optional
        Legend entries of the two dots (default: the column names).
    ceiling : float
        The highest possible value, where the arrows of unreachable targets end.
    unreachable : str
        The note beside those arrows.
    colors : three colours
        Of the first dots, the second dots and arrows, and the unreachable arrows and notes.
    xlim : two floats, optional
    xticks : sequence of float, optional
    xlabel, title : str, optional
        The legend sits between the title and the plot, where it can cover no dot or note.

    Returns
    -------
    matplotlib Figure
    """
    if data.shape[1] != 2:
        raise ValueError(f"a dot and arrow chart needs exactly two columns, got {list(data.columns)}")
    fig, ax = figure_and_axes(ax)
    names = [str(c) for c in data.columns] if names is None else list(names)
    start, end = (data[column] for column in data.columns)
    y = np.arange(len(data))
    ax.scatter(start, y, s=90, color=colors[0], zorder=5, label=names[0])
    first_reached = next((yi for yi, target in zip(y, end) if pd.notna(target)), None)
    for yi, now, target in zip(y, start, end):
        if pd.isna(target):
            ax.annotate("", xy=(ceiling, yi), xytext=(now, yi),
                        arrowprops={"arrowstyle": "->", "color": colors[2], "linestyle": "--", "linewidth": 1.6})
            ax.annotate(unreachable, (ceiling, yi), xytext=(6, 0), textcoords="offset points", va="center",
                        fontsize=10, color=colors[2])
        else:
            ax.annotate("", xy=(target, yi), xytext=(now, yi),
                        arrowprops={"arrowstyle": "->", "color": colors[1], "linewidth": 2})
            ax.scatter([target], [yi], s=90, color=colors[1], zorder=5, label=names[1] if yi == first_reached else None)
    ax.set_yticks(y, [str(label) for label in data.index])
    ax.invert_yaxis()
    if xlim is not None:
        ax.set_xlim(*xlim)
    if xticks is not None:
        ax.set_xticks(list(xticks))
    set_labels(ax, xlabel=xlabel)
    if title:
        ax.set_title(title, pad=30)  # room for the legend between the title and the plot
    legend_if_labelled(ax, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=10)  # above: presses on no dot
    return fig
