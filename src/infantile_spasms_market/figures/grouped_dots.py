"""Dots by category and series: each series' values as markers on a category's line, the series side by side."""

from __future__ import annotations

from collections.abc import Sequence

from .axes import figure_and_axes, log_scale, set_labels
from .style import PALETTE

MARKERS = ("o", "s", "D", "^", "v", "P")
SPREAD = 0.14  # vertical distance between neighbouring series on a category's line


def plot_grouped_dots(
    data,
    *,
    ax=None,
    groups: Sequence[str] | None = None,
    xlim: tuple[float, float] | None = (0, 100),
    log: bool = False,
    legend_title: str | None = None,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One line per category, each series' values on it as dots of its own marker and colour, legend to the right.

    Parameters
    ----------
    data : DataFrame
        One row per value: ``group`` (the category), ``series`` (the legend entry) and ``value``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    groups : sequence of str, optional
        The categories from top to bottom (default: in order of appearance); every ``group`` in
        ``data`` must be among them.
    xlim : (float, float), optional
    log : bool
        A log value axis with thousands-separated tick labels (values of different orders of magnitude).
    legend_title, title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    order = list(dict.fromkeys(data["group"])) if groups is None else list(groups)
    unknown = sorted(set(data["group"]) - set(order))
    if unknown:
        raise KeyError(f"groups without a line: {', '.join(map(str, unknown))}")
    fig, ax = figure_and_axes(ax)
    y_of = {g: len(order) - 1 - i for i, g in enumerate(order)}
    series = list(dict.fromkeys(data["series"]))
    for k, name in enumerate(series):
        rows = data[data["series"] == name]
        offset = (k - (len(series) - 1) / 2) * SPREAD
        ax.scatter(rows["value"], [y_of[g] + offset for g in rows["group"]], s=110, marker=MARKERS[k % len(MARKERS)],
                   color=PALETTE[k % len(PALETTE)], label=name, zorder=3)
    ax.set_yticks(list(y_of.values()), list(y_of.keys()))
    if log:
        log_scale(ax, "x")
    if xlim is not None:
        ax.set_xlim(*xlim)
    ax.set_ylim(-0.6, len(order) - 0.4)
    set_labels(ax, title=title, xlabel=xlabel)
    ax.grid(axis="y", visible=False)
    ax.figure.subplots_adjust(right=0.64)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=10, labelspacing=1.0, title=legend_title)
    return fig
