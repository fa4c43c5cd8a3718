"""Tornado chart: how far an outcome moves when each input goes to its low and its high value, widest bar first."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import PALETTE


def plot_tornado(
    data: pd.DataFrame,
    *,
    ax=None,
    base: float | None = None,
    end_labels: pd.DataFrame | None = None,
    low_label: str = "At the parameter's low value",
    high_label: str = "At the parameter's high value",
    title: str | None = None,
    xlabel: str | None = None,
):
    """One horizontal bar per row of ``data`` (first at the top) from the base outcome to the outcome at each end.

    Parameters
    ----------
    data : DataFrame
        Indexed by input (the tick labels): ``outcome_low`` and ``outcome_high`` (the outcome with
        the input at its low and high value), and ``outcome_base`` unless ``base`` is given
        (e.g. a :func:`..model.sensitivity.tornado` table).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    base : float, optional
        The outcome with every input at its central value (default: the first ``outcome_base``).
    end_labels : DataFrame, optional
        Indexed like ``data``, columns ``low`` and ``high``: texts written at the bar's end for
        each (e.g. the input's low and high values).
    low_label, high_label : str
        Legend entries of the low-end and high-end bars.
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = plt.subplots() if ax is None else (ax.figure, ax)
    base = float(data["outcome_base"].iloc[0]) if base is None else float(base)
    low, high = data["outcome_low"], data["outcome_high"]
    y = np.arange(len(data))
    ax.barh(y, low - base, left=base, color=PALETTE[5], label=low_label)
    ax.barh(y, high - base, left=base, color=PALETTE[0], label=high_label)
    if end_labels is not None:
        for yi, name in zip(y, data.index):
            ends = ("low", "high") if low[name] <= high[name] else ("high", "low")
            left, right = sorted((low[name], high[name]))
            ax.annotate(end_labels.loc[name, ends[0]], (left, yi), xytext=(-6, 0), textcoords="offset points", ha="right",
                        va="center", fontsize=10)
            ax.annotate(end_labels.loc[name, ends[1]], (right, yi), xytext=(6, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=10)
    ax.axvline(base, color="black", linewidth=1)
    ax.set_yticks(y, data.index)
    ax.invert_yaxis()
    reach = max(abs(low - base).max(), abs(high - base).max())
    ax.set_xlim(base - reach * 1.45, base + reach * 1.45)
    if xlabel:
        ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    ax.legend(loc="lower right", fontsize=10)
    return fig
