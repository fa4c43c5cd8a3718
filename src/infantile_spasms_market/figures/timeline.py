"""A timeline of dated events, one row per event: a dot coloured by kind, the date and a shortened description beside it."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE

# The kinds of data/events.csv, in legend order, with their colours.
KIND_COLORS = {"approval": PALETTE[0], "launch": PALETTE[2], "generic": PALETTE[7], "deal": PALETTE[5], "pipeline": PALETTE[3]}
MARGIN = pd.Timedelta(days=200)


def plot_timeline(
    data: pd.DataFrame,
    *,
    ax=None,
    colors: Mapping[str, str] = KIND_COLORS,
    width: int = 62,
    title: str | None = None,
):
    """Events from top to bottom in the order of ``data``, each a dot at its date with ``date_text: event`` beside it.

    Labels of events in the later half of the period sit left of their dot, the others right.

    Parameters
    ----------
    data : DataFrame
        One row per event: ``date`` (datetime), ``kind`` (a key of ``colors``), ``date_text``
        (the date as shown) and ``event`` (the description, shortened to ``width`` characters).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    colors : mapping of kind to colour
        Every kind in ``data`` needs one; the legend (under the plot) lists the kinds present in
        this order, capitalised.
    width : int
        Longest description shown, in characters (longer ones end in ``...``).
    title : str, optional

    Returns
    -------
    matplotlib Figure

    Raises
    ------
    ValueError
        When a kind in ``data`` has no colour.
    """
    unknown = sorted(set(data["kind"]) - set(colors))
    if unknown:
        raise ValueError(f"events.csv: kinds without a colour in the timeline: {unknown}")
    fig, ax = figure_and_axes(ax)
    n = len(data)
    y = np.arange(n)[::-1]
    dates = pd.to_datetime(data["date"]).reset_index(drop=True)
    middle = dates.min() + (dates.max() - dates.min()) / 2
    kinds = data["kind"].to_numpy()
    for kind, colour in colors.items():
        chosen = kinds == kind
        if chosen.any():
            ax.scatter(dates[chosen], y[chosen], s=80, color=colour, label=kind.capitalize(), zorder=3)
    for yi, date, text, when in zip(y, dates, data["event"], data["date_text"]):
        label = f"{when}: " + textwrap.shorten(text, width, placeholder="...")
        left_side = date > middle
        ax.annotate(label, (date, yi), textcoords="offset points", xytext=(-9 if left_side else 9, 0),
                    ha="right" if left_side else "left", va="center", fontsize=8.5)
    ax.hlines(y, dates.min(), dates, color="#dddddd", lw=0.8, zorder=1)
    ax.set_yticks([])
    ax.set_ylim(-0.8, n - 0.2)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(dates.min() - MARGIN, dates.max() + MARGIN)
    set_labels(ax, title=title)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=len(colors), fontsize=10)
    return fig
