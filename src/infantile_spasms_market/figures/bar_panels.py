"""Bar panels: horizontal bars side by side for several columns of one table, rows shared, coloured by a rating."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .style import PALETTE

TRAFFIC_LIGHTS = {"green": PALETTE[2], "amber": PALETTE[1], "red": PALETTE[5]}


def plot_bar_panels(
    data: pd.DataFrame,
    *,
    ax=None,
    columns: Sequence[str] | None = None,
    titles: Sequence[str] | None = None,
    rating: str = "quality",
    colours: Mapping[str, str] = TRAFFIC_LIGHTS,
    legend_prefix: str = "",
    zero_label: str = "no effect",
    unit: str = " %",
    title: str | None = None,
    xlabel: str | None = None,
):
    """One panel of horizontal bars per value column, first row at the bottom, each bar coloured by its row's rating.

    Each bar is labelled with its value (one decimal and ``unit``), or ``zero_label`` when it is zero.

    Parameters
    ----------
    data : DataFrame
        One row per item (the index gives the tick labels, on the first panel), a ``rating`` column
        and the value columns.
    ax : sequence of matplotlib Axes, optional
        One per panel, sharing their y axis; a new figure (panels in a row) when not given.
    columns : sequence of str, optional
        The value columns, one panel each (default: every column but ``rating``).
    titles : sequence of str, optional
        The panels' titles (default: the column names).
    rating : str
        The column whose values pick the colours (and the legend, on the last panel).
    colours : mapping of rating to colour
        Also the legend's order.
    legend_prefix : str
        Before each rating in the legend (``"Evidence "``).
    zero_label, unit : str
    title : str, optional
        Over all panels.
    xlabel : str, optional
        Under each panel.

    Returns
    -------
    matplotlib Figure
    """
    columns = [c for c in data.columns if c != rating] if columns is None else list(columns)
    titles = list(columns) if titles is None else list(titles)
    if ax is None:
        fig, ax = plt.subplots(1, len(columns), sharey=True, gridspec_kw={"wspace": 0.08})
    axes = list(np.atleast_1d(ax))
    fig = axes[0].figure
    y = np.arange(len(data))
    bar_colours = [colours[r] for r in data[rating]]
    for panel, column, panel_title in zip(axes, columns, titles):
        panel.barh(y, data[column], color=bar_colours, edgecolor="black", linewidth=0.6)
        for yi, value in zip(y, data[column]):
            panel.annotate(zero_label if value == 0 else f"{value:.1f}{unit}", (value, yi), xytext=(4, 0),
                           textcoords="offset points", va="center", fontsize=10, color="#444444" if value == 0 else "black")
        panel.set_title(panel_title, fontsize=13)
        panel.set_xlim(0, max(data[column].max(), 1) * 1.3)
        if xlabel:
            panel.set_xlabel(xlabel)
    axes[0].set_yticks(y, [str(label) for label in data.index])
    if title:
        fig.suptitle(title, fontweight="bold", fontsize=15)
    handles = [Patch(facecolor=colour, edgecolor="black", label=f"{legend_prefix}{r}") for r, colour in colours.items()]
    axes[-1].legend(handles=handles, loc="lower right", fontsize=10)
    return fig
