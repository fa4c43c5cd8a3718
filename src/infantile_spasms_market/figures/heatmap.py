"""Heat map: a value for every pair of two settings, each cell written out, one cell outlined."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import matplotlib.pyplot as plt
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE


def plot_heatmap(
    data: pd.DataFrame,
    *,
    ax=None,
    highlight: tuple[Hashable, Hashable] | None = None,
    row_labels: Sequence[str] | None = None,
    value_format: str = "{:.1f}",
    cmap: str = "Blues",
    vmin: float | None = 0,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    colorbar_label: str | None = None,
):
    """``data`` as coloured cells (rows top to bottom as in ``data``), each with its value written in it.

    Parameters
    ----------
    data : DataFrame
        The values; the columns and the index label the x and y axes.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    highlight : (row, column), optional
        The cell to outline and write in bold (index and column labels of ``data``).
    row_labels : sequence of str, optional
        Tick labels of the rows (default: the index as text).
    value_format : str
        Format of the values written in the cells.
    cmap : str
        Matplotlib colour map.
    vmin : float, optional
        Value at the bottom of the colour scale (default 0; None for the smallest value).
    title, xlabel, ylabel, colorbar_label : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    values = data.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=vmin)
    ax.set_xticks(range(data.shape[1]), [str(c) for c in data.columns])
    ax.set_yticks(range(data.shape[0]), [str(r) for r in data.index] if row_labels is None else list(row_labels))
    vmax = float(values.max()) or 1.0
    for i, row in enumerate(data.index):
        for j, column in enumerate(data.columns):
            value = float(values[i, j])
            strong = highlight is not None and (row, column) == tuple(highlight)
            ax.text(j, i, value_format.format(value), ha="center", va="center", fontsize=12,
                    fontweight="bold" if strong else "normal", color="white" if value > 0.55 * vmax else "#222222")
    if highlight is not None:
        i0, j0 = list(data.index).index(highlight[0]), list(data.columns).index(highlight[1])
        ax.add_patch(plt.Rectangle((j0 - 0.5, i0 - 0.5), 1, 1, fill=False, ec=PALETTE[5], lw=3))
    set_labels(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    ax.grid(False)
    fig.colorbar(image, ax=ax, label=colorbar_label)
    return fig
