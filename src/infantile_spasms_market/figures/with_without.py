"""With and without: a total with and without an addition, the addition shaded between the two lines that bound it."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE


def plot_with_without(
    data: pd.DataFrame,
    *,
    ax=None,
    band_label: str | None = None,
    marks: Mapping[str, float] | None = None,
    title: str | None = None,
    ylabel: str = "USD million",
):
    """Lines of a total without and with an addition, the addition shaded above what remains of the rest.

    Parameters
    ----------
    data : DataFrame
        Indexed by year, three columns in this order (their names are the legend entries): the
        total without the addition, the total with it, and the rest of the total with it (the
        with-line minus the addition). The band between the last two is the addition.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    band_label : str, optional
        Legend entry of the shaded band.
    marks : mapping of str to year, optional
        Vertical dotted lines, labelled at the bottom of the without-line (e.g. ``{"launch": 2028}``).
    title : str, optional
    ylabel : str

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    years = data.index
    without, with_, rest = (data.iloc[:, i] for i in range(3))
    ax.plot(years, without, color=PALETTE[7], lw=2.5, marker="o", label=data.columns[0])
    ax.plot(years, with_, color=PALETTE[0], lw=2.5, marker="o", label=data.columns[1])
    ax.fill_between(years, rest, with_, color=PALETTE[0], alpha=0.2, label=band_label)
    ax.plot(years, rest, color=PALETTE[0], lw=1, ls="--", label=data.columns[2])
    for label, year in (marks or {}).items():
        ax.axvline(year, color="#666666", lw=1, ls=":")
        ax.text(year + 0.05, float(without.min()), f" {label}", fontsize=10, color="#444444")
    set_labels(ax, title=title, xlabel="Year", ylabel=ylabel)
    ax.legend(loc="upper left")
    return fig
