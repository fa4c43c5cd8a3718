"""Stacked area chart: how a total splits into parts over the years, with the last year's values on the bands."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE

LABEL_MIN_SHARE = 0.04  # bands thinner than this share of the last year's total get no value label


def plot_stacked_area(
    data: pd.DataFrame,
    *,
    ax=None,
    colours: Mapping[str, str] | None = None,
    title: str | None = None,
    ylabel: str = "USD million",
):
    """Stack ``data``'s columns (bottom first) over its index (years), labelling each band's last value.

    Parameters
    ----------
    data : DataFrame
        Years as the index, one column per part, bottom band first.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    colours : mapping of column to colour, optional
        Default: the palette in column order.
    title, ylabel : str, optional
        The axes' title and y label.

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    colours = dict(zip(data.columns, PALETTE)) if colours is None else colours
    ax.stackplot(data.index, data.T.to_numpy(), labels=data.columns, colors=[colours[c] for c in data.columns], alpha=0.9)
    last = data.index.max()
    level = 0.0
    for value in data.loc[last]:
        if value > LABEL_MIN_SHARE * data.loc[last].sum():
            ax.text(last - 0.1, level + value / 2, f"{value:.1f}", ha="right", va="center", fontsize=12,
                    color="#111111", fontweight="bold")
        level += value
    ax.set_xticks(data.index)
    ax.set_xlim(data.index.min(), last)
    set_labels(ax, title=title, ylabel=ylabel)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="upper left", ncol=3, fontsize=12)
    ax.set_ylim(0, data.sum(axis=1).max() * 1.3)
    return fig
