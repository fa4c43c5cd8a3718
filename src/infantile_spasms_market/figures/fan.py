"""Fan chart: percentile bands of a simulated value by year around its median, with a reference line and published points."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .axes import figure_and_axes, set_labels
from .style import PALETTE

BANDS = (("P5", "P95", "P5 to P95 (nine draws in ten)", 0.18), ("P25", "P75", "P25 to P75 (half the draws)", 0.35))


def plot_fan(
    data: pd.DataFrame,
    *,
    ax=None,
    reference: str | None = None,
    reference_label: str | None = None,
    points: str | None = None,
    points_label: str = "The report's published values",
    annotate: Sequence[str] = ("P5", "P50", "P95"),
    title: str | None = None,
    ylabel: str = "USD million",
):
    """Bands from P5 to P95 and from P25 to P75, the median as a line, and the last year's values written at the right.

    Parameters
    ----------
    data : DataFrame
        Indexed by year: ``P5``, ``P25``, ``P50``, ``P75``, ``P95``, and the ``reference`` and
        ``points`` columns when given.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    reference : str, optional
        A column drawn as a dashed black line (e.g. the scenario without draws).
    reference_label : str, optional
        Its legend entry (default: the column name).
    points : str, optional
        A column drawn as open circles (empty in the years without a value), e.g. published values.
    points_label : str
        Their legend entry.
    annotate : sequence of str
        Percentile columns whose last-year value is written beside the last year.
    title : str, optional
    ylabel : str

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    years, blue = data.index, PALETTE[0]
    for low, high, label, alpha in BANDS:
        ax.fill_between(years, data[low], data[high], color=blue, alpha=alpha, linewidth=0, label=label)
    ax.plot(years, data["P50"], color=blue, linewidth=2.4, label="Median of the draws")
    if reference is not None:
        ax.plot(years, data[reference], color="black", linestyle="--", linewidth=1.6, label=reference_label or reference)
    if points is not None:
        published = data[points].dropna()
        ax.scatter(published.index, published.values, s=110, facecolors="none", edgecolors=PALETTE[5], linewidths=2.2,
                   zorder=5, label=points_label)
    last = years.max()
    for column in annotate:
        ax.annotate(f"{column} {data.loc[last, column]:.1f}", (last, data.loc[last, column]), xytext=(8, 0),
                    textcoords="offset points", va="center", fontsize=11)
    ax.set_xticks(years)
    ax.set_xlim(years.min() - 0.2, last + 1.0)
    set_labels(ax, title=title, xlabel="Year", ylabel=ylabel)
    ax.legend(loc="upper left", fontsize=10)
    return fig
