"""Sweep: a model output as one input varies, against a target level, a plausible range of the input and marked points."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .axes import figure_and_axes, legend_if_labelled, set_labels
from .style import PALETTE


def plot_sweep(
    data: pd.Series,
    *,
    ax=None,
    target: float | None = None,
    band: tuple[float, float] | None = None,
    current: tuple[float, float] | None = None,
    crossing: tuple[float, float] | None = None,
    ticks: Sequence[float] | None = None,
    labels: Mapping[str, str] | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    title: str | None = None,
):
    """The output (``data``'s values) against the input (its index) as a line, with optional marks.

    Parameters
    ----------
    data : Series
        The output, indexed by the input's values in increasing order.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    target : float, optional
        A horizontal line: the value the output is compared with.
    band : (low, high), optional
        A shaded span of the input, e.g. the range of published values.
    current : (x, y), optional
        A dot: the input the model uses and its output.
    crossing : (x, y), optional
        A black diamond: where the output meets the target.
    ticks : sequence of float, optional
        Vertical ticks along the bottom at these inputs (e.g. published point estimates).
    labels : mapping, optional
        Legend entries by element: ``line``, ``target``, ``band``, ``current``, ``crossing``, ``ticks``.
    xlabel, ylabel, title : str, optional

    Returns
    -------
    matplotlib Figure

    Notes
    -----
    The y axis runs from 0.85 to 1.05 times the output's range; the ticks sit at 0.92 times its minimum.
    """
    fig, ax = figure_and_axes(ax)
    labels = dict(labels or {})
    values = data.to_numpy(dtype=float)
    if band is not None:
        ax.axvspan(band[0], band[1], color=PALETTE[2], alpha=0.15, label=labels.get("band"))
    ax.plot(data.index.to_numpy(dtype=float), values, color=PALETTE[1], linewidth=2.4, label=labels.get("line"))
    if target is not None:
        ax.axhline(target, color=PALETTE[0], linewidth=2, label=labels.get("target"))
    if current is not None:
        ax.scatter([current[0]], [current[1]], s=80, color=PALETTE[1], zorder=5, label=labels.get("current"))
    if crossing is not None:
        ax.scatter([crossing[0]], [crossing[1]], s=110, marker="D", color="black", zorder=5, label=labels.get("crossing"))
    if ticks is not None:
        ticks = np.asarray(ticks, dtype=float)
        ax.plot(ticks, np.full(len(ticks), values.min() * 0.92), "|", markersize=18, color=PALETTE[2],
                markeredgewidth=2, label=labels.get("ticks"))
    set_labels(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    ax.set_ylim(values.min() * 0.85, values.max() * 1.05)
    legend_if_labelled(ax, loc="upper left", fontsize=10)
    return fig
