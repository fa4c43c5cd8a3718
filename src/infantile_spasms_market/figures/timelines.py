"""Timelines of dated events: one row per event, or lanes of markers."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .style import PALETTE, figure_and_axes, set_labels

__all__ = ["plot_lane_timeline", "plot_timeline"]


# --------------------------------------------------------------------------- timeline
# A timeline of dated events, one row per event: a dot coloured by kind, the date and the whole description beside it.

# The kinds of data/events.csv, in legend order, with their colours.
KIND_COLORS = {"approval": PALETTE[0], "launch": PALETTE[2], "generic": PALETTE[7], "deal": PALETTE[5], "pipeline": PALETTE[3],
               "market": PALETTE[1]}
MARGIN = pd.Timedelta(days=200)
LABEL_SIZE = 10  # points: legible when the page shows the figure at its column's width
LINE = 1.3  # a line of label text, in label sizes
ROW_GAP = 0.7  # between two rows, in lines
LABEL_PAD = 9  # points between a dot and its label
LEGEND_GAP = 30  # points from the axes' bottom to the legend's top (below the tick labels)


def plot_timeline(
    data: pd.DataFrame,
    *,
    ax=None,
    colors: Mapping[str, str] = KIND_COLORS,
    width: int = 110,
    title: str | None = None,
):
    """Events from top to bottom in the order of ``data``, each a dot at its date with ``date_text: event`` beside it.

    Labels of events in the later half of the period sit left of their dot, the others right. A
    label is never cut short: it wraps onto as many lines as the room beside its dot needs (read
    from the renderer), its row is as tall as its lines, and a new figure grows taller to keep the
    text at its size.

    Parameters
    ----------
    data : DataFrame
        One row per event: ``date`` (datetime), ``kind`` (a key of ``colors``), ``date_text``
        (the date as shown) and ``event`` (the description).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given (its height then follows the number of lines).
    colors : mapping of kind to colour
        Every kind in ``data`` needs one; the legend (under the plot) lists the kinds present in
        this order, capitalised.
    width : int
        Longest line of a label, in characters, however much room it has.
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
    new_figure = ax is None
    fig, ax = figure_and_axes(ax)
    dates = pd.to_datetime(data["date"]).reset_index(drop=True)
    middle = dates.min() + (dates.max() - dates.min()) / 2
    ax.set_xlim(dates.min() - MARGIN, dates.max() + MARGIN)
    left_side = (dates > middle).to_numpy()
    texts = [f"{when}: {event}" for when, event in zip(data["date_text"], data["event"])]
    labels = [ax.annotate(text, (date, 0), textcoords="offset points", xytext=(-LABEL_PAD if left else LABEL_PAD, 0),
                          ha="right" if left else "left", va="center", multialignment="left",
                          fontsize=LABEL_SIZE)
              for text, date, left in zip(texts, dates, left_side)]
    heights = _wrap_to_room(ax, labels, texts, dates, left_side, width) + ROW_GAP  # in lines of label text
    if new_figure:
        _fit_height(fig, ax, float(heights.sum()))
    else:  # a given axes keeps its size: smaller text where the rows would not fit
        fits = ax.get_window_extent().height * 72 / ax.figure.dpi / (LABEL_SIZE * LINE)
        if heights.sum() > fits:
            for label in labels:
                label.set_fontsize(LABEL_SIZE * fits / heights.sum())
            heights = _wrap_to_room(ax, labels, texts, dates, left_side, width) + ROW_GAP
    bottoms = np.cumsum(heights[::-1])[::-1] - heights  # the first event on top
    y = bottoms + heights / 2
    total = float(heights.sum())
    for label, yi in zip(labels, y):
        label.xy = (label.xy[0], yi)
    kinds = data["kind"].to_numpy()
    for kind, colour in colors.items():
        chosen = kinds == kind
        if chosen.any():
            ax.scatter(dates[chosen], y[chosen], s=80, color=colour, label=kind.capitalize(), zorder=3)
    ax.hlines(y, dates.min(), dates, color="#dddddd", lw=0.8, zorder=1)
    ax.set_yticks([])
    ax.set_ylim(0, total)
    ax.spines["left"].set_visible(False)
    set_labels(ax, title=title)
    ax.grid(axis="y", visible=False)
    below = LEGEND_GAP * fig.dpi / 72 / ax.get_window_extent().height
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -below), ncol=len(colors), fontsize=10)
    return fig


def _wrap_to_room(ax, labels, texts, dates, left_side, width: int) -> np.ndarray:
    """Wrap each label to fit between its dot and the edge of the axes it faces (measured by the renderer), in lines of even length.

    Returns the number of lines of each label.
    """
    renderer = ax.figure.canvas.get_renderer()
    box = ax.get_window_extent(renderer)
    pad = LABEL_PAD * ax.figure.dpi / 72
    for label, text, date, left in zip(labels, texts, dates, left_side):
        x = ax.transData.transform((ax.xaxis.convert_units(date), 0))[0]
        room = (x - box.x0 if left else box.x1 - x) - pad
        chars = width
        label.set_text(_fill(text, chars))
        while label.get_window_extent(renderer).width > room and chars > 20:
            chars -= 4
            label.set_text(_fill(text, chars))
        lines = label.get_text().count("\n") + 1
        even = next(w for w in range(-(-len(text) // lines), chars + 1) if _fill(text, w).count("\n") + 1 == lines)
        label.set_text(_fill(text, even))  # no short last line: "... aged 1 month to 2 / years"
    return np.array([label.get_text().count("\n") + 1 for label in labels], dtype=float)


def _fill(text: str, chars: int) -> str:
    return textwrap.fill(text, chars, break_on_hyphens=False)


def _fit_height(fig, ax, lines: float) -> None:
    """Make ``fig`` tall enough that ``lines`` lines of label text fill its axes at their size (never shorter)."""
    needed = lines * LABEL_SIZE * LINE / 72  # inches
    width, height = fig.get_size_inches()
    share = ax.get_position().height  # of the figure's height
    fig.set_size_inches(width, max(height, needed / share))


# --------------------------------------------------------------------------- lane timeline
# A timeline of dated events in lanes: one marker per event by kind, filled or hollow, labelled without collisions.
#
# Events close in time in one lane form a cluster: its markers are spread across the lane so none
# hides another, and each label (usually a company) is written once per cluster, on alternate sides.

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
