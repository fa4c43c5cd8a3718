"""Share-shift arrows: each segment's share at a start and an end year, one panel per segmentation."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import PALETTE, SLIDE_SIZE, short_label

MIN_ARROW = 1.0  # percentage points: smaller moves get the two dots but no arrow


def plot_share_shift(
    data: pd.DataFrame,
    *,
    ax=None,
    years: tuple[int, int],
    colours: Mapping[str, Mapping[str, str]] | None = None,
):
    """Arrows from each segment's start share to its end share, one panel per segmentation.

    Parameters
    ----------
    data : DataFrame
        Columns ``segmentation``, ``segment``, then the start and the end share in percent (the
        last two columns). Panels follow the order of ``segmentation``; within a panel the rows
        are drawn from the bottom up.
    ax : sequence of matplotlib Axes, optional
        One per panel; a new figure with the panels stacked when None.
    years : (int, int)
        The start and end year, for the axis label and the title.
    colours : mapping of segmentation to (segment to colour), optional
        Default: the palette from the top row of each panel down.

    Returns
    -------
    matplotlib Figure
    """
    start_col, end_col = data.columns[-2:]
    panels = list(dict.fromkeys(data["segmentation"]))
    sizes = [int((data["segmentation"] == by).sum()) for by in panels]
    if ax is None:
        fig, ax = plt.subplots(len(panels), 1, figsize=SLIDE_SIZE, sharex=True, gridspec_kw={"height_ratios": sizes})
    axes = list(np.atleast_1d(ax))
    fig = axes[0].figure
    for panel_ax, by in zip(axes, panels):
        rows = data[data["segmentation"] == by]
        palette = dict(zip(rows["segment"][::-1], PALETTE)) if colours is None else colours[by]
        for pos, (segment, start, end) in enumerate(zip(rows["segment"], rows[start_col], rows[end_col])):
            colour = palette[segment]
            if abs(end - start) >= MIN_ARROW:
                panel_ax.annotate("", xy=(end, pos), xytext=(start, pos),
                                  arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2.5, "mutation_scale": 18})
            panel_ax.scatter([start], [pos], s=90, facecolor="white", edgecolor=colour, lw=2.5, zorder=3)
            panel_ax.scatter([end], [pos], s=90, color=colour, zorder=3)
            panel_ax.text(max(start, end) + 2.5, pos, f"{start:.1f} → {end:.1f} %", va="center", fontsize=11)
        panel_ax.set_yticks(range(len(rows)), [short_label(s) for s in rows["segment"]], fontsize=12)
        panel_ax.set_ylim(-0.6, len(rows) - 0.4)
        panel_ax.set_title(by.replace("_", " ").capitalize(), fontsize=13, loc="left")
        panel_ax.grid(axis="y", visible=False)
    axes[-1].set_xlim(0, 100)
    axes[-1].set_xlabel(f"Share of the market value (%): open circle {years[0]}, filled circle {years[1]}")
    fig.suptitle(f"How the shares shift from {years[0]} to {years[1]}", fontsize=15, fontweight="bold")
    fig.tight_layout()
    return fig
