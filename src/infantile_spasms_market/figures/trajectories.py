"""Trajectories: yearly totals, one line per scenario (one drawn thick), the last values written at the right, and the report's published values."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE

LABEL_GAP = 0.035  # least vertical distance between end labels, as a share of the plotted range
POINT_COLOUR = PALETTE[5]  # the report's values, as in the other charts that show them


def plot_trajectories(
    data: pd.DataFrame,
    *,
    ax=None,
    points: str | None = None,
    points_label: str = "The report's published values",
    write_points: bool = False,
    highlight: int | None = None,
    labels: Sequence[str] | None = None,
    colors: Sequence[str] = PALETTE,
    from_zero: bool = False,
    title: str | None = None,
    ylabel: str = "USD million",
):
    """One line per column of ``data`` by year, the last year's values written at the right, nudged apart.

    Parameters
    ----------
    data : DataFrame
        Indexed by year; one column per line. Columns may share a name (lines are taken by position).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    points : str, optional
        A column of ``data`` drawn as open diamonds instead of a line (empty in the years
        without a value), e.g. a report's published values.
    points_label : str
        Legend entry of ``points``.
    write_points : bool
        Write each point's value under it (``Report: 146.34``).
    highlight : int, optional
        Position of the line drawn thick (among the lines, ``points`` left out).
    labels : sequence of str, optional
        Legend entries of the lines, in order (default: their column names).
    colors : sequence of colours
        One per line, in order.
    from_zero : bool
        The value axis starts at zero (the size of the market rather than the spread of the lines).
    title : str, optional
    ylabel : str

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    keep = [column != points for column in data.columns] if points is not None else [True] * data.shape[1]
    lines = data.loc[:, keep]
    labels = [str(c) for c in lines.columns] if labels is None else list(labels)
    years = lines.index
    for i in range(lines.shape[1]):
        thick = i == highlight
        ax.plot(years, lines.iloc[:, i], color=colors[i], linewidth=3.2 if thick else 1.8, label=labels[i], marker="o",
                markersize=6 if thick else 4, zorder=3 if thick else 2)
    ends = pd.Series(lines.iloc[-1].to_numpy(), index=np.arange(lines.shape[1])).sort_values()
    gap = LABEL_GAP * (lines.max().max() - lines.min().min())
    placed: list[float] = []
    for i, value in ends.items():
        y = max(value, placed[-1] + gap) if placed else value
        placed.append(y)
        ax.annotate(f"{value:.2f}", (years[-1], value), xytext=(years[-1] + 0.2, y), textcoords="data",
                    va="center", fontsize=11, color=colors[i])
    top = lines.max().max()
    if points is not None:
        published = data[points].dropna()
        ax.scatter(published.index, published.values, s=200, marker="D", facecolors="none", edgecolors=POINT_COLOUR,
                   linewidths=2.2, zorder=5, label=points_label)
        top = max(top, published.max())
        for year, value in published.items() if write_points else ():
            ax.annotate(f"Report: {value:.2f}", (year, value), xytext=(0, -20), textcoords="offset points", va="top",
                        ha="left" if year == published.index.min() else "right", fontsize=12, color=POINT_COLOUR)
    ax.set_xticks(years)
    ax.set_xlim(years.min() - 0.3, years.max() + 1.0)
    if from_zero:
        ax.set_ylim(0, top * 1.18)
    set_labels(ax, title=title, xlabel="Year", ylabel=ylabel)
    ax.legend(loc="lower right" if from_zero else "upper left", fontsize=11)
    return fig
