"""Dot range: one dot per estimate against a shaded range and a reference line, coloured by where it falls."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .axes import figure_and_axes, legend_if_labelled, set_labels
from .style import PALETTE

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
