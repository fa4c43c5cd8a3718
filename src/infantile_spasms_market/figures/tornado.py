"""Tornado chart: how far an outcome moves when each input goes to its low and its high value, widest bar first."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE

NAMES = ("At the parameter's low value", "At the parameter's high value")
ROOM = 1.45  # the value axis reaches this many times the longest bar on each side of the base (room for the notes)


def plot_tornado(
    data: pd.DataFrame,
    *,
    ax=None,
    names: Sequence[str] = NAMES,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One horizontal bar per row of ``data`` (first at the top) from the base outcome to the outcome at each end.

    Parameters
    ----------
    data : DataFrame
        One row per input, indexed by its name (the tick labels): ``outcome_low``, ``outcome_base``
        and ``outcome_high`` (the outcome with the input at its low value, at the scenario's and at
        its high value, as in a :func:`..model.sensitivity.tornado` table; the base is the first
        row's), and optionally ``low_note`` and ``high_note``: texts written beyond the end of the
        bar they belong to (e.g. the input's low and high values), outwards.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    names : two str
        Legend entries of the low-end and the high-end bars (the legend sits above the plot).
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    base = float(data["outcome_base"].iloc[0])
    low, high = data["outcome_low"].to_numpy(dtype=float), data["outcome_high"].to_numpy(dtype=float)
    y = np.arange(len(data))
    ax.barh(y, low - base, left=base, color=PALETTE[5], label=names[0])
    ax.barh(y, high - base, left=base, color=PALETTE[0], label=names[1])
    if "low_note" in data and "high_note" in data:
        for yi, ends in enumerate(zip(zip(low, data["low_note"]), zip(high, data["high_note"]))):
            (left, left_note), (right, right_note) = sorted(ends, key=lambda end: end[0])  # a tie keeps low left
            ax.annotate(str(left_note), (left, yi), xytext=(-6, 0), textcoords="offset points", ha="right", va="center",
                        fontsize=11)
            ax.annotate(str(right_note), (right, yi), xytext=(6, 0), textcoords="offset points", ha="left", va="center",
                        fontsize=11)
    ax.axvline(base, color="black", linewidth=1.2)
    ax.set_yticks(y, [str(label) for label in data.index])
    ax.invert_yaxis()
    reach = float(np.max(np.abs(np.r_[low, high] - base)))
    ax.set_xlim(base - reach * ROOM, base + reach * ROOM)
    ax.grid(axis="y", visible=False)
    set_labels(ax, xlabel=xlabel)
    if title:
        ax.set_title(title, pad=32)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=11)
    return fig
