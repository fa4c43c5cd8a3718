"""Lines over years: one line per series with markers, each point labelled with its value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from .axes import figure_and_axes, log_scale, set_labels
from .style import PALETTE


def plot_lines(
    data: pd.DataFrame,
    *,
    ax=None,
    names: Mapping[str, str] | None = None,
    markers: Sequence[str] = ("o", "s", "D", "^"),
    colours: Sequence[str] = PALETTE,
    offsets: Sequence[tuple[float, float]] | None = None,
    fmt: str = "{:,.0f}",
    log: bool = False,
    ylim: tuple[float, float] | None = None,
    xpad: float = 0.0,
    title: str | None = None,
    ylabel: str | None = None,
):
    """One line per series of ``data`` (in order of appearance), each point labelled with its value.

    Parameters
    ----------
    data : DataFrame
        Long: ``series``, ``year`` and ``value``, one row per point, in plotting order.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    names : mapping of series to legend entry, optional
        Default: the series' own names.
    markers, colours : sequences
        One per series.
    offsets : sequence of (x, y) in points, optional
        Where each series' value labels sit relative to their point (default: 12 points above).
    fmt : str
        Format of the value labels.
    log : bool
        A log value axis with thousands-separated tick labels.
    ylim : (float, float), optional
    xpad : float
        Room left of the first and right of the last year, in years.
    title, ylabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    for k, (name, rows) in enumerate(data.groupby("series", sort=False)):
        label = (names or {}).get(name, name)
        ax.plot(rows["year"], rows["value"], f"{markers[k]}-", color=colours[k], lw=2, ms=9, label=label)
        dx, dy = (0, 12) if offsets is None else offsets[k]
        for x, v in zip(rows["year"], rows["value"]):
            ax.annotate(fmt.format(v), (x, v), textcoords="offset points", xytext=(dx, dy), ha="center", fontsize=10)
    if log:
        log_scale(ax, "y")
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_xlim(float(data["year"].min()) - xpad, float(data["year"].max()) + xpad)
    set_labels(ax, title=title, ylabel=ylabel)
    ax.legend(loc="lower right", fontsize=10)
    return fig
