"""Bar charts: one value per category, lying or upright, grouped, in panels, or a range per category."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .style import PALETTE, figure_and_axes, log_scale, set_labels

__all__ = ["plot_bar_panels", "plot_bars", "plot_grouped_bars", "plot_range_bars", "range_text"]


# --------------------------------------------------------------------------- bars
# Bars: one bar per value of a Series, lying or upright, optionally with its value written at its end and a reference line.

def plot_bars(
    data: pd.Series,
    *,
    ax=None,
    vertical: bool = False,
    colours: str | Sequence[str] = PALETTE[0],
    highlight: Mapping[str, str] | None = None,
    fmt: str | None = None,
    texts: Sequence[str] | None = None,
    pad: float = 0.0,
    fontsize: float = 11,
    width: float = 0.8,
    reference: float | None = None,
    log: bool = False,
    scientific: bool = False,
    lim: tuple[float, float] | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
):
    """One bar per entry of ``data`` (the index gives the category labels), its value written at its end when asked.

    Parameters
    ----------
    data : Series
        The values, first entry at the bottom (or, ``vertical``, at the left).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    vertical : bool
        Upright bars, the texts above them.
    colours : colour or sequence of colours
        One for all bars, or one per bar.
    highlight : mapping of label to colour, optional
        Bars drawn in another colour (e.g. the global total among regions).
    fmt : str, optional
        Format of the value written at each bar's end (default: no value written); ``texts`` replaces it.
    texts : sequence of str, optional
        The text at each bar's end (e.g. a value in other units than the bar's).
    pad : float
        Gap between a bar's end and its text, in data units; on a ``log`` axis a factor.
    fontsize : float
        Of the texts at the bars' ends.
    width : float
        Bar width (height of lying bars).
    reference : float, optional
        A dashed line across the bars at this value (e.g. 1 for a ratio).
    log : bool
        A log value axis with thousands-separated tick labels.
    scientific : bool
        The value axis in scientific notation (for values far from one).
    lim : (float, float), optional
        Limits of the value axis.
    title, xlabel, ylabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    names = [str(name) for name in data.index]
    values = data.to_numpy(dtype=float)
    if highlight:
        each = [colours] * len(names) if isinstance(colours, str) else list(colours)
        colours = [highlight.get(name, colour) for name, colour in zip(names, each)]
    (ax.bar if vertical else ax.barh)(names, values, width, color=colours)
    if texts is None and fmt is not None:
        texts = [fmt.format(v) for v in values]
    ends = values * pad if log else values + pad
    for position, end, text in zip(range(len(names)), ends, texts if texts is not None else []):
        if vertical:
            ax.text(position, end, text, ha="center", fontsize=fontsize)
        else:
            ax.text(end, position, text, va="center", fontsize=fontsize)
    value_axis = "y" if vertical else "x"
    if reference is not None:
        (ax.axhline if vertical else ax.axvline)(reference, color="#444444", linewidth=1, linestyle="--")
    if log:
        log_scale(ax, value_axis)
    if scientific:
        ax.ticklabel_format(axis=value_axis, style="sci", scilimits=(0, 0))
    if lim is not None:
        (ax.set_ylim if vertical else ax.set_xlim)(*lim)
    set_labels(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    ax.grid(axis="x" if vertical else "y", visible=False)
    return fig


# --------------------------------------------------------------------------- grouped bars
# Grouped horizontal bars: one bar per column within each category, with an optional note beside each group.

def plot_grouped_bars(
    data: pd.DataFrame,
    *,
    ax=None,
    colours: Sequence[str] = PALETTE,
    height: float = 0.2,
    notes: Sequence[str] | None = None,
    note_pad: float = 0.0,
    room: float | None = None,
    legend_loc: str = "outside",
    legend_title: str | None = None,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One group of horizontal bars per row of ``data``, the first column's bar on top.

    Parameters
    ----------
    data : DataFrame
        One row per category, first row at the bottom (the index gives the tick labels); one
        numeric column per bar (their names give the legend entries, listed top bar first).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    colours : sequence of colours
        One per column.
    height : float
        Height of each bar (a group is ``height`` times the number of columns).
    notes : sequence of str, optional
        A text per row, written ``note_pad`` right of the group's top bar.
    room : float, optional
        The value axis runs from 0 to ``room`` times the largest value (default: matplotlib's choice).
    legend_loc, legend_title : str
        ``"outside"`` (default) puts the legend right of the plot, where it can cover no bar.
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    y = np.arange(len(data))
    n = data.shape[1]
    for i, (column, values) in enumerate(data.items()):
        ax.barh(y + ((n - 1) / 2 - i) * height, values, height, label=str(column), color=colours[i])
    if notes is not None:
        top = data.iloc[:, 0].to_numpy()
        for yi, value, note in zip(y, top, notes):
            ax.text(value + note_pad, yi + (n - 1) / 2 * height, note, va="center", fontsize=11)
    ax.set_yticks(y, [str(label) for label in data.index])
    if room is not None:
        ax.set_xlim(0, room * float(data.to_numpy().max()))
    set_labels(ax, title=title, xlabel=xlabel)
    ax.grid(axis="y", visible=False)
    if legend_loc == "outside":
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title=legend_title)
    else:
        ax.legend(loc=legend_loc, title=legend_title)
    return fig


# --------------------------------------------------------------------------- bar panels
# Bar panels: horizontal bars side by side for several columns of one table, rows shared, coloured by a rating.

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


# --------------------------------------------------------------------------- range bars
# Range bars: a pale bar to each row's high value with a dark bar to its low value over it, labelled with the range.

def range_text(low: float, high: float, unit: str = " %") -> str:
    """``12-30 %`` for a range, ``12.5 %`` for a single value (low equal to high)."""
    return f"{low:.0f}-{high:.0f}{unit}" if high > low else f"{low:.1f}{unit}"


def plot_range_bars(
    data: pd.DataFrame,
    *,
    ax=None,
    colours: Sequence[str] = (PALETTE[4], PALETTE[0]),
    names: Sequence[str] = ("High end of range", "Low end (or single value)"),
    unit: str = " %",
    pad: float = 1.5,
    xlim: tuple[float, float] | None = None,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One bar per row reaching its high value, the low part darker, with ``low-high`` (or the single value) beside it.

    Parameters
    ----------
    data : DataFrame
        One row per item, first row at the bottom (the index gives the tick labels); two numeric
        columns, low then high (equal for a single value).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    colours : two colours
        Of the high and the low part.
    names : two str
        Labels of the high and the low bars (for a legend a caller may add).
    unit : str
        Appended to the numbers beside the bars.
    pad : float
        Gap between a bar's end and its text, in data units.
    xlim : (float, float), optional
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    low, high = data.columns[:2]
    fig, ax = figure_and_axes(ax)
    y = np.arange(len(data))
    ax.barh(y, data[high], color=colours[0], label=names[0])
    ax.barh(y, data[low], color=colours[1], label=names[1])
    for yi, lo, hi in zip(y, data[low], data[high]):
        ax.text(hi + pad, yi, range_text(lo, hi, unit), va="center", fontsize=11)
    ax.set_yticks(y, [str(label) for label in data.index])
    if xlim is not None:
        ax.set_xlim(*xlim)
    set_labels(ax, title=title, xlabel=xlabel)
    ax.grid(axis="y", visible=False)
    return fig
