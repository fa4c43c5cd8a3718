"""Range and lines: a central path inside a shaded range by year, with other estimates' paths, their stated points and end labels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, legend_if_labelled, set_labels
from .spread import points_in_x, spread, text_height
from .style import PALETTE

MARKERS = {"base": "o", "forecast": "^"}  # stated points by kind
LABEL_SIZE = 10  # points, the lines' end labels
LABEL_OFFSET = 14  # points right of a line's end: clear of a stated point's marker there, room for a leader


def plot_range_lines(
    data: pd.DataFrame,
    *,
    ax=None,
    low: str = "P5",
    high: str = "P95",
    central: str = "scenario",
    band_label: str | None = None,
    central_label: str | None = None,
    lines: pd.DataFrame | None = None,
    starts: Mapping[str, int] | None = None,
    points: pd.DataFrame | None = None,
    notes: Sequence[str] = (),
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
):
    """``data``'s range (``low`` to ``high``) shaded and its ``central`` path drawn, by year (the index).

    Parameters
    ----------
    data : DataFrame
        Indexed by year, with the columns named by ``low``, ``high`` and ``central``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    low, high, central : str
        The columns of the band's edges and of the central path.
    band_label, central_label : str, optional
        Their legend entries.
    lines : DataFrame, optional
        Other paths, one row each (the index names them) and one column per year: dashed, each in
        its own colour, named at its right end (names nudged apart where ends are close). The x
        axis spans their years, with room for the names.
    starts : mapping, optional
        The first year shown of each line (default: all its years).
    points : DataFrame, optional
        Values the lines' owners state: columns ``publisher`` (a line's name), ``year``,
        ``value_usd_m`` and ``kind`` (``base``: circles, named in the legend; ``forecast``: triangles).
    notes : sequence of str
        Boxed texts in the top left corner (e.g. an outlier left off the chart).
    title, xlabel, ylabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    ax.fill_between(data.index, data[low], data[high], color=PALETTE[0], alpha=0.2, linewidth=0, label=band_label)
    ax.plot(data.index, data[central], color=PALETTE[0], linewidth=3, label=central_label)
    lines = pd.DataFrame() if lines is None else lines
    colours = dict(zip(lines.index, PALETTE[1:]))
    starts = {} if starts is None else dict(starts)
    for name, series in lines.iterrows():
        shown = series[series.index >= starts.get(name, series.index.min())]
        ax.plot(shown.index, shown, color=colours[name], linestyle="--", linewidth=1.4)
        if points is None:
            continue
        own = points[points["publisher"] == name]
        for kind, marker in MARKERS.items():
            sel = own[own["kind"] == kind]
            ax.scatter(sel["year"], sel["value_usd_m"], color=colours[name], marker=marker, s=60, zorder=5,
                       label=name if kind == "base" else None)
    if len(lines.columns):
        years = np.asarray(lines.columns)
        ax.set_xticks(years[::2])
        ax.set_xlim(years.min() - 0.3, years.max() + 3.2)
        ax.set_ylim(0, lines.to_numpy().max() * 1.1)
        _end_labels(ax, lines.iloc[:, -1], colours)
    for note in notes:
        ax.annotate(note, xy=(0.02, 0.97), xycoords="axes fraction", ha="left", va="top", fontsize=10, color="#444444",
                    bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#999999"})
    set_labels(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    legend_if_labelled(ax, loc="lower right", fontsize=9, ncol=2)
    return fig


def _end_labels(ax, ends: pd.Series, colours: Mapping[str, str]) -> None:
    """Each line's name at its right end, spread apart to a line of text each; a thin leader to a moved name."""
    last = ends.name
    gap = text_height(ax, LABEL_SIZE, spacing=1.4)
    placed = spread(ends.to_numpy(), gap, lower=0, upper=ax.get_ylim()[1])
    x = last + points_in_x(ax, LABEL_OFFSET)
    for (name, value), y in zip(ends.items(), placed):
        moved = abs(y - value) > 0.25 * gap
        ax.annotate(name, (last, value), xytext=(x, y), textcoords="data", va="center", ha="left", fontsize=LABEL_SIZE,
                    color=colours[name], annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": colours[name], "linewidth": 0.8, "relpos": (0, 0.5),
                               "shrinkA": 1, "shrinkB": 5}
                    if moved else None)
