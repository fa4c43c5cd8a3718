"""Trajectories: one line per scenario over the years, one of them thick, the last values labelled, published values as circles."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import PALETTE

LABEL_GAP = 0.035  # least vertical distance between end labels, as a share of the plotted range


def plot_trajectories(
    data: pd.DataFrame,
    *,
    ax=None,
    points: str | None = None,
    points_label: str = "The report's published values",
    highlight: int | None = None,
    labels: Sequence[str] | None = None,
    colors: Sequence[str] = PALETTE,
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
        A column of ``data`` drawn as open black circles instead of a line (empty in the years
        without a value), e.g. a report's published values.
    points_label : str
        Legend entry of ``points``.
    highlight : int, optional
        Position of the line drawn thick (among the lines, ``points`` left out).
    labels : sequence of str, optional
        Legend entries of the lines (default: their column names).
    colors : sequence of colours
        One per line, in order.
    title : str, optional
    ylabel : str

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = plt.subplots() if ax is None else (ax.figure, ax)
    keep = [column != points for column in data.columns] if points is not None else [True] * data.shape[1]
    lines = data.loc[:, keep]
    labels = [str(c) for c in lines.columns] if labels is None else list(labels)
    years = lines.index
    for i in range(lines.shape[1]):
        ax.plot(years, lines.iloc[:, i], color=colors[i], linewidth=3.2 if i == highlight else 1.8, label=labels[i],
                marker="o", markersize=4)
    ends = pd.Series(lines.iloc[-1].to_numpy(), index=np.arange(lines.shape[1])).sort_values()
    gap = LABEL_GAP * (lines.max().max() - lines.min().min())
    placed: list[float] = []
    for i, value in ends.items():
        y = max(value, placed[-1] + gap) if placed else value
        placed.append(y)
        ax.annotate(f"{value:.1f}", (years[-1], value), xytext=(years[-1] + 0.12, y), textcoords="data",
                    va="center", fontsize=11, color=colors[i])
    if points is not None:
        published = data[points].dropna()
        ax.scatter(published.index, published.values, s=110, facecolors="none", edgecolors="black", linewidths=1.8,
                   zorder=5, label=points_label)
    ax.set_xticks(years)
    ax.set_xlim(years.min() - 0.2, years.max() + 0.9)
    ax.set_xlabel("Year")
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend(loc="upper left", fontsize=10)
    return fig
