"""Estimates as dots with their ranges, against the span of all values and a reference value."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE

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
    ax.legend(loc="lower right", fontsize=10)
    return fig
