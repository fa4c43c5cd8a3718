"""Labelled bars: one bar per category with its value written beside it, horizontal or vertical, linear or log."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter

from .style import PALETTE


def thousands(value: float, _position=None) -> str:
    """A tick label with thousands separators and no decimals (``100,000``), for log axes."""
    return f"{value:,.0f}"


def plot_labelled_bars(
    data: pd.Series,
    *,
    ax=None,
    colours: str | Sequence[str] = PALETTE[0],
    fmt: str = "{:,.0f}",
    texts: Sequence[str] | None = None,
    pad: float = 0.0,
    log: bool = False,
    lim: tuple[float, float] | None = None,
    vertical: bool = False,
    width: float = 0.8,
    fontsize: float = 11,
    title: str | None = None,
    label: str | None = None,
):
    """One bar per entry of ``data`` (the index gives the category labels), its value written at its end.

    Parameters
    ----------
    data : Series
        The values, first entry at the bottom (or, ``vertical``, at the left).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    colours : colour or sequence of colours
        One for all bars, or one per bar.
    fmt : str
        Format of the value written beside each bar; ``texts`` replaces it.
    texts : sequence of str, optional
        The text beside each bar (e.g. a value in other units than the bar's).
    pad : float
        Gap between a bar's end and its text, in data units; on a ``log`` axis a factor.
    log : bool
        A log value axis with thousands-separated tick labels.
    lim : (float, float), optional
        Limits of the value axis.
    vertical : bool
        Vertical bars with the text above them.
    width : float
        Bar width (height of horizontal bars).
    fontsize : float
        Of the texts beside the bars.
    title : str, optional
    label : str, optional
        The value axis' label.

    Returns
    -------
    matplotlib Figure
    """
    if ax is None:
        _, ax = plt.subplots()
    names = [str(name) for name in data.index]
    values = data.to_numpy(dtype=float)
    texts = [fmt.format(v) for v in values] if texts is None else list(texts)
    ends = values * pad if log else values + pad
    if vertical:
        ax.bar(names, values, color=colours, width=width)
        for x, end, text in zip(names, ends, texts):
            ax.text(x, end, text, ha="center", fontsize=fontsize)
    else:
        ax.barh(names, values, color=colours, height=width)
        for y, end, text in zip(range(len(names)), ends, texts):
            ax.text(end, y, text, va="center", fontsize=fontsize)
    axis = ax.yaxis if vertical else ax.xaxis
    if log:
        (ax.set_yscale if vertical else ax.set_xscale)("log")
        axis.set_major_formatter(FuncFormatter(thousands))
    if lim is not None:
        (ax.set_ylim if vertical else ax.set_xlim)(*lim)
    if label:
        (ax.set_ylabel if vertical else ax.set_xlabel)(label)
    if title:
        ax.set_title(title)
    ax.grid(axis="x" if vertical else "y", visible=False)
    return ax.figure
