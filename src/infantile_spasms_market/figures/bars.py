"""Bars: one bar per value of a Series, lying or upright, optionally with its value written at its end and a reference line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from .axes import figure_and_axes, log_scale, set_labels
from .style import PALETTE


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
