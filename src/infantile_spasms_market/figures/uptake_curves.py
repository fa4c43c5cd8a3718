"""Uptake curves: cumulative uptake of a new therapy under several curves, and the uptake gained each year."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .style import PALETTE

LINE_STYLES = ("-", "--", "-.", ":")


def plot_uptake_curves(
    data: pd.DataFrame,
    *,
    smooth: pd.DataFrame | None = None,
    ax=None,
    labels: Sequence[str] | None = None,
    curve_labels: Sequence[str] | None = None,
    marks: Mapping[str, float] | None = None,
    top: float | None = None,
    ylabel: str = "Eligible infants treated (%)",
    gain_label: str = "Uptake gained in the year (points)",
):
    """Two panels: the cumulative uptake curves (left) and the uptake gained in each year (right).

    Parameters
    ----------
    data : DataFrame
        Yearly cumulative uptake (index: years; one column per curve, e.g. in percent). The
        first curve's values are drawn as dots on the left; the right panel shows each curve's
        gain from one year to the next (the first year's gain is its value) as grouped bars.
    smooth : DataFrame, optional
        The same curves on a finer grid of years, drawn as the lines (default: ``data``).
    ax : pair of matplotlib Axes, optional
        The left and right panels; a new figure with two panels when not given.
    labels : sequence of str, optional
        Legend labels of the bars, one per column (default: the column names).
    curve_labels : sequence of str, optional
        Legend labels of the lines (default: ``labels``).
    marks : mapping of str to year, optional
        Vertical dotted lines on the left panel, labelled (e.g. ``{"launch": 2028}``).
    top : float, optional
        Top of the left panel's y axis (default: 1.15 times the highest value).
    ylabel, gain_label : str
        The y-axis labels of the left and right panels.

    Returns
    -------
    matplotlib Figure
    """
    created = ax is None
    fig, (left, right) = plt.subplots(1, 2) if created else (ax[0].figure, ax)
    smooth = data if smooth is None else smooth
    labels = [str(c) for c in data.columns] if labels is None else list(labels)
    curve_labels = labels if curve_labels is None else list(curve_labels)
    for i, column in enumerate(smooth.columns):
        left.plot(smooth.index, smooth[column], color=PALETTE[i], lw=2.5, ls=LINE_STYLES[i % len(LINE_STYLES)],
                  label=curve_labels[i])
    left.plot(data.index, data.iloc[:, 0], "o", color=PALETTE[0], ms=5)
    top = 1.15 * float(smooth.to_numpy().max()) if top is None else top
    for label, year in (marks or {}).items():
        left.axvline(year, color="#666666", lw=1, ls=":")
        left.text(year + 0.15, 0.55 * top, label, fontsize=10, color="#444444", rotation=90, va="center")
    left.set_ylim(0, top)
    left.set_xlabel("Year")
    left.set_ylabel(ylabel)
    left.set_title("Uptake")
    left.legend(loc="upper left", fontsize=10)
    gains = np.diff(data.to_numpy(dtype=float), axis=0, prepend=0.0)
    years = data.index.to_numpy(dtype=float)
    width = 0.8 / data.shape[1]
    for i, label in enumerate(labels):
        offset = (i - (data.shape[1] - 1) / 2) * width
        right.bar(years + offset, gains[:, i], width, color=PALETTE[i], label=label)
    right.set_xlabel("Year")
    right.set_ylabel(gain_label)
    right.set_title("Speed of uptake")
    right.legend(loc="upper right", fontsize=10)
    right.grid(axis="x", visible=False)
    for panel in (left, right):
        panel.xaxis.set_major_locator(MaxNLocator(integer=True))
    if created:
        fig.tight_layout()
    return fig
