"""Histogram: counts in bins drawn as a filled step outline, with marked values (e.g. percentiles) and reference lines."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE

# Styles of the reference lines, in order: the first dashed black, the second solid orange.
LINE_STYLES = ({"color": "black", "linestyle": "--"}, {"color": PALETTE[5], "linestyle": "-"})


def plot_histogram(
    data: pd.DataFrame,
    *,
    ax=None,
    marks: Mapping[str, float] | None = None,
    lines: Mapping[str, float] | None = None,
    label: str = "Draws",
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str = "Number of draws",
):
    """The bins of ``data`` as a filled outline, marked values as dotted lines with their value written above.

    Parameters
    ----------
    data : DataFrame
        One row per bin, in order: three columns, the bin's low and high edge and its count
        (e.g. ``bin_low_usd_m``, ``bin_high_usd_m``, ``draws``); each bin starts where the last ended.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    marks : mapping of str to float, optional
        Values drawn as dotted lines, each labelled ``name`` and its value above the bins (e.g.
        ``{"P5": ..., "Median": ..., "P95": ...}``).
    lines : mapping of str to float, optional
        Reference values drawn as lines with a legend entry (at most two: dashed black, then solid orange).
    label : str
        Legend entry of the bins.
    title, xlabel : str, optional
    ylabel : str

    Returns
    -------
    matplotlib Figure
    """
    if lines is not None and len(lines) > len(LINE_STYLES):
        raise ValueError(f"at most {len(LINE_STYLES)} reference lines; got {len(lines)}")
    fig, ax = figure_and_axes(ax)
    counts = data.iloc[:, 2].to_numpy()
    edges = np.append(data.iloc[:, 0].to_numpy(dtype=float), float(data.iloc[-1, 1]))
    ax.stairs(counts, edges, fill=True, color=PALETTE[0], alpha=0.6, label=label)
    for name, value in (marks or {}).items():
        ax.axvline(value, color=PALETTE[0], linestyle=":", linewidth=1.6)
        ax.annotate(f"{name}\n{value:.1f}", (value, counts.max() * 1.05), ha="center", va="bottom", fontsize=10,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"})
    for (name, value), style in zip((lines or {}).items(), LINE_STYLES):
        ax.axvline(value, linewidth=1.6, label=name, **style)
    ax.set_ylim(0, counts.max() * 1.3)
    set_labels(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend(loc="center left", fontsize=10)
    return fig
