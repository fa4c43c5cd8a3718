"""A timeline of dated events in lanes: one marker per event by kind, filled or hollow, labelled without collisions.

Events close in time in one lane form a cluster: its markers are spread across the lane so none
hides another, and each label (usually a company) is written once per cluster, on alternate sides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from matplotlib.lines import Line2D

from .axes import figure_and_axes, set_labels
from .style import PALETTE

MARKER_SIZE = 170
CLUSTER_DAYS = 365  # events closer than this in a lane count as one cluster
DODGE = 0.3  # lanes between the markers of one cluster, spread across the lane
GAP_DAYS = 110  # between a marker and a label beside it


def plot_lane_timeline(
    data: pd.DataFrame,
    *,
    ax=None,
    markers: Mapping[str, str],
    lanes: Sequence[str] | None = None,
    sizes: Mapping[str, float] | None = None,
    colors: Sequence[str] = (PALETTE[0], PALETTE[1]),
    filled_label: str = "filled",
    hollow_label: str = "hollow",
    title: str | None = None,
):
    """Events as markers along time, one lane per row, labelled, with a legend of kinds under the plot.

    Parameters
    ----------
    data : DataFrame
        One row per event: ``date`` (datetime), ``lane``, ``kind`` (a key of ``markers``),
        ``label`` (text beside the marker) and ``filled`` (bool: a filled or a hollow marker).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    markers : mapping of kind to matplotlib marker
        Every kind in ``data`` needs one; the legend lists the kinds present in this order.
    lanes : sequence of str, optional
        Lanes from top to bottom (those without an event are left out); default: in order of appearance.
    sizes : mapping of kind to marker area, optional
        Where a kind differs from the default size.
    colors : two colours
        Of filled and of hollow markers.
    filled_label, hollow_label : str
        Legend entries for what filled and hollow mean.
    title : str, optional

    Returns
    -------
    matplotlib Figure
    """
    unknown = sorted(set(data["kind"]) - set(markers))
    if unknown:
        raise KeyError(f"no marker for the kind(s) {', '.join(map(str, unknown))}")
    fig, ax = figure_and_axes(ax)
    present = set(data["lane"])
    names = [lane for lane in (lanes if lanes is not None else dict.fromkeys(data["lane"])) if lane in present][::-1]
    lane_y = {name: i for i, name in enumerate(names)}
    sizes = sizes or {}
    for lane, group in data.groupby("lane", sort=False):
        for cluster in _clusters(group.sort_values("date")):
            ys = lane_y[lane] + DODGE * ((len(cluster) - 1) / 2 - pd.RangeIndex(len(cluster)).to_numpy())
            for (_, row), y in zip(cluster.iterrows(), ys):
                colour = colors[0] if row["filled"] else colors[1]
                ax.scatter(row["date"], y, marker=markers[row["kind"]], s=sizes.get(row["kind"], MARKER_SIZE),
                           facecolor=colour if row["filled"] else "white", edgecolor=colour, lw=2, zorder=3)
            _label_cluster(ax, cluster.assign(y=ys), lane_y[lane])
    ax.set_yticks(range(len(names)), names, fontsize=12)
    ax.set_ylim(-0.8, len(names) - 0.25)
    ax.set_xlim(data["date"].min() - pd.DateOffset(months=18), data["date"].max() + pd.DateOffset(months=22))
    ax.grid(axis="y", visible=False)
    set_labels(ax, title=title)
    kinds = set(data["kind"])
    handles = [Line2D([], [], marker=m, ls="", color="#555555", markersize=10, label=k) for k, m in markers.items() if k in kinds]
    handles += [Line2D([], [], marker="o", ls="", color=colors[0], markersize=10, label=filled_label),
                Line2D([], [], marker="o", ls="", markerfacecolor="white", markeredgecolor=colors[1], mew=2,
                       markersize=10, label=hollow_label)]
    fig.subplots_adjust(bottom=0.24)
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=4, fontsize=12)
    return fig


def _clusters(events: pd.DataFrame) -> list[pd.DataFrame]:
    """A lane's events (sorted by date) in runs whose successive dates are less than :data:`CLUSTER_DAYS` apart."""
    gaps = events["date"].diff().dt.days.fillna(CLUSTER_DAYS)
    run = (gaps >= CLUSTER_DAYS).cumsum()
    return [cluster for _, cluster in events.groupby(run.to_numpy(), sort=True)]


def _label_cluster(ax, cluster: pd.DataFrame, lane: float) -> None:
    """Each label of a cluster once: one label above it; several alternate left of their first marker and right of their last."""
    labels = list(dict.fromkeys(cluster["label"]))
    style = {"va": "center", "fontsize": 12, "color": "#222222"}
    if len(labels) == 1:
        middle = cluster["date"].min() + (cluster["date"].max() - cluster["date"].min()) / 2
        ax.annotate(labels[0], (middle, cluster["y"].max()), xytext=(middle, cluster["y"].max() + 0.3), ha="center", **style)
        return
    for i, label in enumerate(labels):
        own = cluster[cluster["label"] == label]
        y = float(own["y"].mean())
        if i % 2 == 0:
            ax.annotate(label, (own["date"].min(), y), xytext=(own["date"].min() - pd.Timedelta(days=GAP_DAYS), y), ha="right", **style)
        else:
            ax.annotate(label, (own["date"].max(), y), xytext=(own["date"].max() + pd.Timedelta(days=GAP_DAYS), y), ha="left", **style)
