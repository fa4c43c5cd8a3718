"""Cost of a course by drug and market, each basis a marker, on a log scale (costs span three orders of magnitude)."""

from __future__ import annotations

import pandas as pd

from .grouped_dots import plot_grouped_dots


def plot_course_costs(data: pd.DataFrame, *, ax=None, title: str | None = None):
    """One line per drug and market, a dot per basis of the cost (US price, price index, pack price), log x axis.

    Parameters
    ----------
    data : DataFrame
        One row per value: ``group`` (drug and market, top to bottom in order of appearance),
        ``series`` (the basis) and ``value`` (USD per course, positive).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    title : str, optional

    Returns
    -------
    matplotlib Figure
    """
    if (data["value"] <= 0).any():
        raise ValueError("course costs must be positive on a log scale")
    fig = plot_grouped_dots(data[["group", "series", "value"]], ax=ax, xlim=None, legend_title="Basis of the cost",
                            title=title, xlabel="USD per course (log scale)")
    axis = ax if ax is not None else fig.axes[0]
    axis.set_xscale("log")
    low, high = data["value"].min(), data["value"].max()
    axis.set_xlim(low / 2, high * 2)
    return fig
