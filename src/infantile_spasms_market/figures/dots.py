"""Dots: values by category and series, labelled points, estimates with their ranges, dots against a range."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .style import PALETTE, figure_and_axes, label_points, legend_if_labelled, log_scale, set_labels

__all__ = [
    "plot_course_costs",
    "plot_dot_range",
    "plot_grouped_dots",
    "plot_position_dots",
    "plot_price_level_check",
    "plot_scatter",
]


# --------------------------------------------------------------------------- grouped dots
# Dots by category and series: each series' values as markers on a category's line, the series side by side.

MARKERS = ("o", "s", "D", "^", "v", "P")
SPREAD = 0.14  # vertical distance between neighbouring series on a category's line


def plot_grouped_dots(
    data,
    *,
    ax=None,
    groups: Sequence[str] | None = None,
    xlim: tuple[float, float] | None = (0, 100),
    log: bool = False,
    legend_title: str | None = None,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One line per category, each series' values on it as dots of its own marker and colour, legend to the right.

    Parameters
    ----------
    data : DataFrame
        One row per value: ``group`` (the category), ``series`` (the legend entry) and ``value``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    groups : sequence of str, optional
        The categories from top to bottom (default: in order of appearance); every ``group`` in
        ``data`` must be among them.
    xlim : (float, float), optional
    log : bool
        A log value axis with thousands-separated tick labels (values of different orders of magnitude).
    legend_title, title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    order = list(dict.fromkeys(data["group"])) if groups is None else list(groups)
    unknown = sorted(set(data["group"]) - set(order))
    if unknown:
        raise KeyError(f"groups without a line: {', '.join(map(str, unknown))}")
    fig, ax = figure_and_axes(ax)
    y_of = {g: len(order) - 1 - i for i, g in enumerate(order)}
    series = list(dict.fromkeys(data["series"]))
    for k, name in enumerate(series):
        rows = data[data["series"] == name]
        offset = (k - (len(series) - 1) / 2) * SPREAD
        ax.scatter(rows["value"], [y_of[g] + offset for g in rows["group"]], s=110, marker=MARKERS[k % len(MARKERS)],
                   color=PALETTE[k % len(PALETTE)], label=name, zorder=3)
    ax.set_yticks(list(y_of.values()), list(y_of.keys()))
    if log:
        log_scale(ax, "x")
    if xlim is not None:
        ax.set_xlim(*xlim)
    ax.set_ylim(-0.6, len(order) - 0.4)
    set_labels(ax, title=title, xlabel=xlabel)
    ax.grid(axis="y", visible=False)
    ax.figure.subplots_adjust(right=0.64)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=10, labelspacing=1.0, title=legend_title)
    return fig


# --------------------------------------------------------------------------- course costs
# Cost of a course by drug and market, each basis a marker, on a log scale (costs span three orders of magnitude).

def plot_course_costs(data: pd.DataFrame, *, ax=None, title: str | None = None):
    """One line per drug and market, a dot per basis of the cost (US price, price index, pack price), log x axis.

    Parameters
    ----------
    data : DataFrame
        One row per value: ``group`` (drug and market, top to bottom in order of appearance),
        ``series`` (the basis) and ``value`` (USD per course, positive).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    title : str, optional

    Returns
    -------
    matplotlib Figure
    """
    if (data["value"] <= 0).any():
        raise ValueError("course costs must be positive on a log scale")
    fig = plot_grouped_dots(data[["group", "series", "value"]], ax=ax, xlim=None, legend_title="Basis of the cost",
                            title=title, xlabel="USD per course (log scale)")
    axis = ax if ax is not None else fig.axes[0]
    axis.set_xscale("log")
    low, high = data["value"].min(), data["value"].max()
    axis.set_xlim(low / 2, high * 2)
    return fig


# --------------------------------------------------------------------------- scatter
# Scatter: one labelled point per row (its own colour and legend entry), with an optional reference point and range.

def plot_scatter(
    data: pd.DataFrame,
    *,
    ax=None,
    reference_x: tuple[float, float, float] | None = None,
    reference_y: float | None = None,
    reference_label: str | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
):
    """Each row of ``data`` a point (x: first column, y: second), named in the legend by its index.

    Parameters
    ----------
    data : DataFrame
        One row per point; the first two columns are x and y. Points take the palette's colours
        from the second on (the first is the reference's).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    reference_x : (low, middle, high), optional
        A square at ``middle`` with a horizontal error bar from ``low`` to ``high`` (e.g. a P5-P95 range).
    reference_y : float, optional
        The height of the reference (required with ``reference_x``).
    reference_label : str, optional
    title, xlabel, ylabel : str, optional

    Returns
    -------
    matplotlib Figure

    Notes
    -----
    The axes leave room for the legend: y from 0 to 1.2 times the largest value, x from 0.8 below
    the smallest to 1.6 above the largest.
    """
    fig, ax = figure_and_axes(ax)
    x, y = data.iloc[:, 0], data.iloc[:, 1]
    for i, (name, xi, yi) in enumerate(zip(data.index, x, y)):
        ax.scatter(xi, yi, s=110, color=PALETTE[(i + 1) % len(PALETTE)], zorder=5, edgecolors="white", linewidths=1,
                   label=str(name))
    x_low, x_high, y_high = x.min(), x.max(), y.max()
    if reference_x is not None:
        low, mid, high = reference_x
        ax.errorbar([mid], [reference_y], xerr=[[mid - low], [high - mid]], fmt="s", color=PALETTE[0], markersize=10,
                    capsize=6, linewidth=2, zorder=4, label=reference_label)
        x_low, x_high, y_high = min(x_low, low), max(x_high, high), max(y_high, reference_y)
    legend_if_labelled(ax, loc="upper left", fontsize=10)
    set_labels(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    ax.set_ylim(0, y_high * 1.2)
    ax.set_xlim(x_low - 0.8, x_high + 1.6)
    return fig


POINT_SIZE = 70  # marker area (points squared) of a labelled point


def plot_price_level_check(
    data: pd.DataFrame,
    *,
    ax=None,
    fit: pd.DataFrame | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
):
    """Points against a price level on log scales, one colour per group, each labelled, with fitted lines and bands.

    The labels are kept apart from each other, the points and the legend (:func:`.style.label_points`).

    Parameters
    ----------
    data : DataFrame
        One row per point: ``x`` (the price level), ``y``, ``label`` (written beside the point) and
        ``group`` (colour and legend entry, in order of first appearance).
    ax : matplotlib Axes, optional
    fit : DataFrame, optional
        Lines to draw under the points: ``group``, ``x``, ``centre``, ``low`` and ``high`` (a band
        from low to high, e.g. a prediction interval), sorted by x within each group.
    title, xlabel, ylabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    groups = list(dict.fromkeys(data["group"]))
    colour = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    if fit is not None:
        for group, line in fit.groupby("group", sort=False):
            c = colour.get(group, PALETTE[-1])
            ax.plot(line["x"], line["centre"], color=c, linewidth=1.5, zorder=2)
            ax.fill_between(line["x"], line["low"], line["high"], color=c, alpha=0.12, zorder=1, linewidth=0)
    for group in groups:
        rows = data[data["group"] == group]
        ax.scatter(rows["x"], rows["y"], s=POINT_SIZE, color=colour[group], zorder=5, edgecolors="white", linewidths=1,
                   label=group)
    ax.set_xscale("log")
    ax.set_yscale("log")
    legend_if_labelled(ax, loc="upper left", fontsize=9)
    set_labels(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    label_points(ax, data["x"], data["y"], data["label"], marker_size=POINT_SIZE ** 0.5, fontsize=9, zorder=6)
    return fig


# --------------------------------------------------------------------------- dot range
# Estimates as dots with their ranges, against the span of all values and a reference value.

NAMES = ("Span of all published values", "Published range", "Point estimate (or midpoint of range)")


def plot_dot_range(
    data: pd.DataFrame,
    *,
    ax=None,
    span: tuple[float, float] | None = None,
    reference: float | None = None,
    reference_label: str = "Reference",
    names: Sequence[str] = NAMES,
    title: str | None = None,
    xlabel: str | None = None,
    log: bool = False,
):
    """One row per estimate: a dot at its point value and a bar over its range where it has one.

    Parameters
    ----------
    data : DataFrame
        One row per estimate, first row at the bottom (the index gives the tick labels); columns
        low, point and high, in that order (low and high may be missing).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    span : (low, high), optional
        A shaded band behind the estimates (e.g. from the lowest to the highest value).
    reference : float, optional
        A dashed vertical line (e.g. the value a model uses), named ``reference_label``.
    names : three str
        Legend entries of the band, the ranges and the dots.
    title, xlabel : str, optional
    log : bool
        A log value axis (values spanning orders of magnitude), the legend then at the top left, where the small values leave room.

    Returns
    -------
    matplotlib Figure
    """
    low, point, high = data.columns[:3]
    fig, ax = figure_and_axes(ax)
    y = np.arange(len(data))
    ranged = (data[low].notna() & data[high].notna()).to_numpy()
    if span is not None:
        ax.axvspan(*span, color=PALETTE[7], alpha=0.15, label=names[0])
    ax.hlines(y[ranged], data[low][ranged], data[high][ranged], color=PALETTE[0], lw=6, alpha=0.45, label=names[1])
    ax.plot(data[point].to_numpy(), y, "o", color=PALETTE[0], ms=9, label=names[2])
    if reference is not None:
        ax.axvline(reference, color=PALETTE[5], ls="--", lw=2, label=reference_label)
    ax.set_yticks(y, [str(label) for label in data.index], fontsize=11)
    set_labels(ax, title=title, xlabel=xlabel)
    ax.grid(axis="y", visible=False)
    if log:
        ax.set_xscale("log")
    ax.legend(loc="upper left" if log else "lower right", fontsize=10)
    return fig


# --------------------------------------------------------------------------- position dots
# Dot range: one dot per estimate against a shaded range and a reference line, coloured by where it falls.

# Dots coloured by their position against the range (the values of :func:`..analysis.estimates.position`).
POSITION_COLOURS = {"within": PALETTE[2], "above": PALETTE[5], "below": PALETTE[1]}


def plot_position_dots(
    data: pd.DataFrame,
    *,
    ax=None,
    span: tuple[float, float] | None = None,
    span_label: str | None = None,
    reference: float | None = None,
    reference_label: str | None = None,
    colours: Mapping[str, str] = POSITION_COLOURS,
    room: float = 1.25,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One row per estimate, first row at the bottom: a dot at its value, labelled with the value and its position.

    Parameters
    ----------
    data : DataFrame
        One row per estimate (the index gives the tick labels): its value (first column) and its
        ``position`` against the range (``below``, ``within``, ``above``), which colours the dot.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    span : (low, high), optional
        A shaded band (e.g. a P5 to P95 range), named ``span_label``.
    reference : float, optional
        A vertical line (e.g. the scenario's value), named ``reference_label``.
    colours : mapping of position to colour
    room : float
        The value axis runs from 0 to ``room`` times the largest value (room for the labels).
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    values, positions = data.iloc[:, 0], data["position"]
    y = np.arange(len(data))
    if span is not None:
        ax.axvspan(span[0], span[1], color=PALETTE[0], alpha=0.18, label=span_label)
    if reference is not None:
        ax.axvline(reference, color=PALETTE[0], linewidth=2.4, label=reference_label)
    ax.scatter(values, y, s=110, color=[colours[p] for p in positions], zorder=5)
    for yi, value, where in zip(y, values, positions):
        ax.annotate(f"{value:.0f} ({where})", (value, yi), xytext=(10, 0), textcoords="offset points", va="center",
                    fontsize=10)
    ax.set_yticks(y, [str(label) for label in data.index])
    ax.set_xlim(0, values.max() * room)
    set_labels(ax, title=title, xlabel=xlabel)
    legend_if_labelled(ax, loc="lower right", fontsize=10)
    return fig
