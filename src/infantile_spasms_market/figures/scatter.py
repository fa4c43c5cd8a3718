"""Scatter: one labelled point per row (its own colour and legend entry), with an optional reference point and range."""

from __future__ import annotations

import pandas as pd

from .axes import figure_and_axes, legend_if_labelled, set_labels
from .style import PALETTE


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
        ax.scatter(rows["x"], rows["y"], s=70, color=colour[group], zorder=5, edgecolors="white", linewidths=1, label=group)
        for row in rows.itertuples():
            ax.annotate(str(row.label), (row.x, row.y), xytext=(4, 3), textcoords="offset points", fontsize=9, zorder=6)
    ax.set_xscale("log")
    ax.set_yscale("log")
    legend_if_labelled(ax, loc="upper left", fontsize=9)
    set_labels(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    return fig
