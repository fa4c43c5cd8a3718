"""Bars: one bar per row of a Series, upright or lying, with highlighted rows and a reference line."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd

from .style import PALETTE


def plot_bars(
    data: pd.Series,
    *,
    ax=None,
    horizontal: bool = False,
    colour: str = PALETTE[0],
    highlight: Mapping[str, str] | None = None,
    reference: float | None = None,
    scientific: bool = False,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
):
    """One bar per value of ``data``, labelled by its index.

    Parameters
    ----------
    data : Series
        The bars' values; the index gives the labels (left to right, or top to bottom when horizontal).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    horizontal : bool
        Lying bars, the first row at the top.
    colour : colour
        Of every bar not highlighted.
    highlight : mapping of label to colour, optional
        Bars drawn in another colour (e.g. the global total among regions).
    reference : float, optional
        A dashed line across the bars at this value (e.g. 1 for a ratio).
    scientific : bool
        Write the value axis in scientific notation (for values far from one).
    title, xlabel, ylabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    if ax is None:
        _, ax = plt.subplots()
    shown = data.iloc[::-1] if horizontal else data
    colours = [(highlight or {}).get(label, colour) for label in shown.index]
    if horizontal:
        ax.barh(shown.index, shown, color=colours)
    else:
        ax.bar(shown.index, shown, color=colours)
    if reference is not None:
        line = ax.axvline if horizontal else ax.axhline
        line(reference, color="#444444", linewidth=1, linestyle="--")
    if ylabel:
        ax.set_ylabel(ylabel)
    if xlabel:
        ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    if scientific:
        ax.ticklabel_format(axis="x" if horizontal else "y", style="sci", scilimits=(0, 0))
    return ax.figure
