"""Two values per category: paired bars and columns, a tick on a bar, shares that shift, a dot and its arrow."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .style import PALETTE, SLIDE_SIZE, figure_and_axes, legend_if_labelled, set_labels, short_label

__all__ = [
    "plot_dot_arrow", "plot_paired_bars", "plot_paired_columns", "plot_ratio_pairs", "plot_share_shift", "plot_tick_bars",
]


# --------------------------------------------------------------------------- paired bars
# Paired horizontal bars: two values per category (two years, two methods), in one panel or a grid of panels.

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
    both_values: bool = False,
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
    both_values : bool
        With ``value_format``, write both values beside the pair instead, first to second (``25.8 → 22.4``): a chapter
        that quotes the first year's value finds it on the chart.
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
            if value_format is not None and both_values:
                panel_ax.text(max(a, b) + largest * 0.01, pos, f"{format(a, value_format)} \u2192 {format(b, value_format)}",
                              va="center", fontsize=10)
            elif value_format is not None:
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



def plot_ratio_pairs(data: pd.DataFrame, *, ax=None, names: Sequence[str] | None = None, title: str | None = None,
                     xlabel: str = "USD million"):
    """Two estimates per category as paired bars, first row at the top, the second as a percentage of the first in bold beside each pair.

    ``data``: one row per category, columns the first estimate, the second, and the second as % of the first.
    Other options as :func:`plot_paired_bars`.
    """
    rows = data.iloc[::-1]
    return plot_paired_bars(rows, ax=ax, colours=PALETTE[:2], notes=[f"{r:.0f} %" for r in rows.iloc[:, 2]], names=names,
                            note_style={"fontsize": 13, "fontweight": "bold"}, room=1.25, xlabel=xlabel, legend_size=11,
                            title=title)

# --------------------------------------------------------------------------- paired columns
# Paired columns: two upright bars per category (two methods, two years) side by side, with an optional note over each pair.

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


# --------------------------------------------------------------------------- tick bars
# Bars with ticks: a later value as a bar coloured by group, an earlier value as a tick on it.

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


# --------------------------------------------------------------------------- share shift
# Share-shift arrows: each segment's share at a start and an end year, one panel per segmentation.

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


# --------------------------------------------------------------------------- dot arrow
# Dot and arrow: where each category stands and where it would have to go, an arrow from one dot to the other.

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
