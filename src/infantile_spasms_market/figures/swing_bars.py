"""A tornado chart: for each input, a bar from the outcome at its low end to the outcome at its high end, around a base value."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import PALETTE


def plot_swing_bars(
    data: pd.DataFrame,
    *,
    base: float,
    ax=None,
    names: Sequence[str] = ("Low end", "High end"),
    colours: Sequence[str] = (PALETTE[5], PALETTE[0]),
    title: str | None = None,
    xlabel: str | None = None,
):
    """Bars from ``base`` to each row's ``low`` and ``high`` outcome, with each end's note beyond the bar.

    Parameters
    ----------
    data : DataFrame
        One row per input, first row at the bottom (the index gives the tick labels): ``low`` and
        ``high`` (the outcome at each end of the input's range) and, optionally, ``low_note`` and
        ``high_note`` (text written left of the low end and right of the high end).
    base : float
        The outcome with every input at its base value (a vertical line).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    names : two str
        Legend entries of the low and the high bars (the legend sits above the plot).
    colours : two colours
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    if ax is None:
        _, ax = plt.subplots()
    y = np.arange(len(data))
    lows, highs = data["low"].to_numpy(dtype=float), data["high"].to_numpy(dtype=float)
    ax.barh(y, lows - base, left=base, color=colours[0], label=names[0])
    ax.barh(y, highs - base, left=base, color=colours[1], label=names[1])
    ax.axvline(base, color="#333333", lw=1.5)
    pad = 0.35 * float(np.max(np.abs(np.r_[lows, highs] - base)))
    ax.set_xlim(float(lows.min()) - pad, float(highs.max()) + pad)
    gap = 0.03 * pad
    if "low_note" in data and "high_note" in data:
        for yi, (low_note, high_note, lo, hi) in enumerate(zip(data["low_note"], data["high_note"], lows, highs)):
            ax.text(lo - gap, yi, low_note, ha="right", va="center", fontsize=11)
            ax.text(hi + gap, yi, high_note, ha="left", va="center", fontsize=11)
    ax.set_yticks(y, [str(label) for label in data.index])
    if xlabel:
        ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title, pad=32)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=11)
    return ax.figure
