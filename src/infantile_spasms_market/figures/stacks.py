"""Parts of a whole: stacked bars, columns and areas, diverging parts, a bridge, a total with and without an addition."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .style import PALETTE, figure_and_axes, set_labels

__all__ = [
    "plot_diverging_bars",
    "plot_stacked_area",
    "plot_stacked_bars",
    "plot_stacked_columns",
    "plot_waterfall",
    "plot_with_without",
]


# --------------------------------------------------------------------------- stacked bars
# Stacked horizontal bars: the parts of a count per category, with some categories' labels in bold.

def plot_stacked_bars(
    data: pd.DataFrame,
    *,
    ax=None,
    bold: Sequence[bool] | None = None,
    empty_note: str | None = None,
    integer: bool = False,
    colors: Sequence[str] = PALETTE,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One horizontal bar per row of ``data``, its columns stacked left to right.

    Parameters
    ----------
    data : DataFrame
        One row per category (the index gives the tick labels, first row at the bottom) and one
        numeric column per part (their names give the legend entries).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    bold : sequence of bool, optional
        Per row, whether its tick label is set in bold.
    empty_note : str, optional
        Written at the start of each row whose parts add up to zero.
    integer : bool
        Whole-number ticks on the x axis (counts).
    colors : sequence of colours
        One per column.
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    positions = np.arange(len(data))
    left = np.zeros(len(data))
    for (column, values), colour in zip(data.items(), colors):
        ax.barh(positions, values, left=left, color=colour, label=str(column))
        left = left + values.to_numpy(dtype=float)
    ax.set_yticks(positions, [str(label) for label in data.index], fontsize=11)
    for tick, strong in zip(ax.get_yticklabels(), bold if bold is not None else []):
        if strong:
            tick.set_fontweight("bold")
    if empty_note:
        for pos in positions[left == 0]:
            ax.text(0.05, pos, empty_note, va="center", fontsize=11, color="#444444")
    ax.set_ylim(-0.6, len(data) - 0.4)
    if integer:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    set_labels(ax, title=title, xlabel=xlabel)
    ax.legend(loc="lower right", fontsize=12)
    ax.grid(axis="y", visible=False)
    return fig


# --------------------------------------------------------------------------- stacked columns
# Stacked bars: one vertical bar per category, its parts stacked bottom to top, the large parts labelled with their values.

def plot_stacked_columns(
    data: pd.DataFrame,
    *,
    ax=None,
    labels: Sequence[str] | None = None,
    value_format: str = "{:.0f}",
    min_share: float = 0.08,
    colors: Sequence[str] = PALETTE,
    room: float = 1.2,
    title: str | None = None,
    ylabel: str | None = None,
):
    """One vertical bar per row of ``data``, its columns stacked bottom to top, values written inside the large parts.

    Parameters
    ----------
    data : DataFrame
        One row per category (left to right), one column per part (the column names are the legend entries).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    labels : sequence of str, optional
        Tick labels of the bars (default: the index).
    value_format : str
        Format of the values written inside the parts.
    min_share : float
        A part's value is written only when it exceeds this share of the tallest bar.
    colors : sequence of colours
        One per part.
    room : float
        Top of the y axis as a multiple of the tallest bar (room for the legend above the bars).
    title, ylabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    x = np.arange(len(data))
    bottom = np.zeros(len(data))
    tallest = float(data.sum(axis=1).max())
    for colour, column in zip(colors, data.columns):
        ax.bar(x, data[column], bottom=bottom, color=colour, label=column, width=0.6)
        for xi, (value, level) in enumerate(zip(data[column], bottom)):
            if value > min_share * tallest:
                ax.text(xi, level + value / 2, value_format.format(value), ha="center", va="center", fontsize=11,
                        color="white", fontweight="bold")
        bottom += data[column].to_numpy()
    ax.set_xticks(x, [str(i) for i in data.index] if labels is None else list(labels), rotation=0, fontsize=10)
    set_labels(ax, title=title, ylabel=ylabel)
    ax.legend(loc="upper left", fontsize=10, ncol=3)
    ax.set_ylim(0, tallest * room)
    return fig


# --------------------------------------------------------------------------- stacked area
# Stacked area chart: how a total splits into parts over the years, with the last year's values on the bands.

LABEL_MIN_SHARE = 0.04  # bands thinner than this share of the last year's total get no value label


def plot_stacked_area(
    data: pd.DataFrame,
    *,
    ax=None,
    colours: Mapping[str, str] | None = None,
    title: str | None = None,
    ylabel: str = "USD million",
):
    """Stack ``data``'s columns (bottom first) over its index (years), labelling each band's last value.

    Parameters
    ----------
    data : DataFrame
        Years as the index, one column per part, bottom band first.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    colours : mapping of column to colour, optional
        Default: the palette in column order.
    title, ylabel : str, optional
        The axes' title and y label.

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    colours = dict(zip(data.columns, PALETTE)) if colours is None else colours
    ax.stackplot(data.index, data.T.to_numpy(), labels=data.columns, colors=[colours[c] for c in data.columns], alpha=0.9)
    last = data.index.max()
    level = 0.0
    for value in data.loc[last]:
        if value > LABEL_MIN_SHARE * data.loc[last].sum():
            ax.text(last - 0.1, level + value / 2, f"{value:.1f}", ha="right", va="center", fontsize=12,
                    color="#111111", fontweight="bold")
        level += value
    ax.set_xticks(data.index)
    ax.set_xlim(data.index.min(), last)
    set_labels(ax, title=title, ylabel=ylabel)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="upper left", ncol=3, fontsize=12)
    ax.set_ylim(0, data.sum(axis=1).max() * 1.3)
    return fig


# --------------------------------------------------------------------------- diverging bars
# Diverging stacked bars: each row's parts stacked right of zero when positive and left of it when negative, with their sum marked.

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


# --------------------------------------------------------------------------- waterfall
# Waterfall (bridge) chart: from a starting total to an ending total through signed steps.

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


# --------------------------------------------------------------------------- with without
# With and without: a total with and without an addition, the addition shaded between the two lines that bound it.

def plot_with_without(
    data: pd.DataFrame,
    *,
    ax=None,
    band_label: str | None = None,
    marks: Mapping[str, float] | None = None,
    title: str | None = None,
    ylabel: str = "USD million",
):
    """Lines of a total without and with an addition, the addition shaded above what remains of the rest.

    Parameters
    ----------
    data : DataFrame
        Indexed by year, three columns in this order (their names are the legend entries): the
        total without the addition, the total with it, and the rest of the total with it (the
        with-line minus the addition). The band between the last two is the addition.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    band_label : str, optional
        Legend entry of the shaded band.
    marks : mapping of str to year, optional
        Vertical dotted lines, labelled at the bottom of the without-line (e.g. ``{"launch": 2028}``).
    title : str, optional
    ylabel : str

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    years = data.index
    without, with_, rest = (data.iloc[:, i] for i in range(3))
    ax.plot(years, without, color=PALETTE[7], lw=2.5, marker="o", label=data.columns[0])
    ax.plot(years, with_, color=PALETTE[0], lw=2.5, marker="o", label=data.columns[1])
    ax.fill_between(years, rest, with_, color=PALETTE[0], alpha=0.2, label=band_label)
    ax.plot(years, rest, color=PALETTE[0], lw=1, ls="--", label=data.columns[2])
    for label, year in (marks or {}).items():
        ax.axvline(year, color="#666666", lw=1, ls=":")
        ax.text(year + 0.05, float(without.min()), f" {label}", fontsize=10, color="#444444")
    set_labels(ax, title=title, xlabel="Year", ylabel=ylabel)
    ax.legend(loc="upper left")
    return fig
