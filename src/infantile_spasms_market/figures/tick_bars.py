"""Bars with ticks: a later value as a bar coloured by group, an earlier value as a tick on it."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .axes import figure_and_axes, set_labels
from .style import PALETTE


def plot_tick_bars(
    data: pd.DataFrame,
    *,
    ax=None,
    years: tuple[int, int],
    colours: Mapping[str, str] | None = None,
    title: str | None = None,
    xlabel: str = "USD million",
):
    """One horizontal bar per row (its end value, coloured by its group) with a tick at its start value.

    Parameters
    ----------
    data : DataFrame
        Columns: the group (colour), the label, the start value (tick) and the end value (bar),
        in that order; rows drawn from the bottom up.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    years : (int, int)
        The start and end year, for the legend.
    colours : mapping of group to colour, optional
        Also the legend's order (default: the palette in order of appearance).
    title : str, optional
    xlabel : str

    Returns
    -------
    matplotlib Figure
    """
    group, label, start, end = data.columns[:4]
    colours = dict(zip(dict.fromkeys(data[group]), PALETTE)) if colours is None else colours
    fig, ax = figure_and_axes(ax)
    positions = np.arange(len(data))
    ax.barh(positions, data[end], color=[colours[g] for g in data[group]], height=0.7)
    ax.scatter(data[start], positions, marker="|", s=160, color="black", lw=2.5, zorder=3)
    for pos, (before, after) in enumerate(zip(data[start], data[end])):
        ax.text(after + 0.6, pos, f"{before:.1f} → {after:.1f}", va="center", fontsize=9)
    ax.set_yticks(positions, data[label], fontsize=9)
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlim(0, data[end].max() * 1.18)
    set_labels(ax, title=title, xlabel=xlabel)
    ax.grid(axis="y", visible=False)
    legend = [Patch(color=colour, label=name) for name, colour in colours.items() if name in set(data[group])]
    legend.append(Line2D([], [], marker="|", ls="", color="black", markersize=14, mew=2.5, label=f"{years[0]} value"))
    ax.legend(handles=legend, loc="lower right", fontsize=11, title=f"Bar: {years[1]} value", title_fontsize=11)
    return fig
