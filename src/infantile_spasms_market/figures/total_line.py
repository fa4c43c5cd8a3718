"""Total line: a scenario's yearly total, optionally the base scenario's, and the report's published points."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .style import PALETTE


def plot_total_line(
    data: pd.DataFrame,
    *,
    ax=None,
    show_base: bool = False,
    title: str = "Global infantile spasms therapeutics market",
    ylabel: str = "USD million",
):
    """The scenario's total by year, the published values as diamonds, and the base scenario dashed.

    Parameters
    ----------
    data : DataFrame
        Years as the index; ``scenario_usd_m`` (the line), ``base_usd_m`` (the base scenario) and
        ``report_usd_m`` (the published values: NaN in the years without one).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    show_base : bool
        Draw the base scenario (when the scenario differs from it).
    title, ylabel : str

    Returns
    -------
    matplotlib Figure
    """
    total, base = data["scenario_usd_m"], data["base_usd_m"]
    published = data["report_usd_m"].dropna()
    fig, ax = plt.subplots() if ax is None else (ax.figure, ax)
    ax.plot(total.index, total.values, marker="o", lw=3, ms=7, color=PALETTE[0], label="This scenario", zorder=3)
    if show_base:
        ax.plot(base.index, base.values, ls="--", lw=2, color=PALETTE[7], label="Base scenario", zorder=2)
    ax.scatter(published.index, published.values, s=260, marker="D", facecolor="none", edgecolor=PALETTE[5],
               lw=2.5, zorder=4, label="Published by the report")
    for year, value in published.items():
        ax.annotate(f"Report: {value:.2f}", (year, value), xytext=(0, -22), textcoords="offset points",
                    ha="left" if year == published.index.min() else "right", va="top", fontsize=13, color=PALETTE[5])
    last = total.index.max()
    ax.annotate(f"This scenario: {total.loc[last]:.2f}", (last, total.loc[last]), xytext=(0, 18),
                textcoords="offset points", ha="right", fontsize=13, color=PALETTE[0], fontweight="bold")
    ax.set_ylim(0, max(total.max(), base.max(), published.max()) * 1.18)
    ax.set_xlim(total.index.min() - 0.4, total.index.max() + 0.4)
    ax.set_xticks(total.index)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=12)
    return fig
