"""Waterfall (bridge) chart: from a starting total to an ending total through signed steps."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE


def plot_waterfall(data: pd.DataFrame, *, ax=None, title: str | None = None, unit: str = "USD million"):
    """Bars from the first total through each change to the last total; the value axis starts near the lowest step.

    Parameters
    ----------
    data : DataFrame
        Columns ``step`` (labels) and ``change_usd_m``: the first row is the starting total, the
        last row the ending total, the rows between the signed changes that lead from one to the other.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    title : str, optional
    unit : str
        The value axis' unit (its label also says where the axis starts).

    Returns
    -------
    matplotlib Figure
    """
    labels, values = list(data["step"]), [float(v) for v in data["change_usd_m"]]
    first, changes, last = values[0], values[1:-1], values[-1]
    bottoms, heights, colours = [0.0], [first], [PALETTE[0]]
    level = first
    for change in changes:
        bottoms.append(min(level, level + change))
        heights.append(abs(change))
        colours.append(PALETTE[2] if change >= 0 else PALETTE[5])
        level += change
    bottoms.append(0.0)
    heights.append(last)
    colours.append(PALETTE[0])
    floor = 10 * np.floor(0.9 * min([first, *bottoms[1:-1]]) / 10)

    fig, ax = figure_and_axes(ax)
    positions = np.arange(len(labels))
    ax.bar(positions, heights, bottom=bottoms, color=colours, width=0.65)
    for pos, bottom, height, value in zip(positions, bottoms, heights, values):
        text = f"{height:.1f}" if pos in (0, len(labels) - 1) else f"{value:+.2f}"
        ax.text(pos, bottom + height + 0.6, text, ha="center", va="bottom", fontsize=12)
    ax.set_xticks(positions, [label.replace(" ", "\n", 1) for label in labels], fontsize=11)
    ax.set_ylim(floor, last * 1.06)
    set_labels(ax, title=title, ylabel=f"{unit} (axis from {floor:.0f})")
    ax.grid(axis="x", visible=False)
    return fig
