"""Lines over years: series with labelled points, a central path in its range, trajectories, uptake curves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .style import PALETTE, figure_and_axes, legend_if_labelled, log_scale, points_in_x, set_labels, spread, text_height

__all__ = ["plot_lines", "plot_range_lines", "plot_trajectories", "plot_uptake_curves"]


# --------------------------------------------------------------------------- lines
# Lines over years: one line per series with markers, each point labelled with its value.

CLOSE_YEARS = 1.5  # points of a series closer than this: the lower one's label goes under it, so the two never overprint


def plot_lines(
    data: pd.DataFrame,
    *,
    ax=None,
    names: Mapping[str, str] | None = None,
    markers: Sequence[str] = ("o", "s", "D", "^"),
    colours: Sequence[str] = PALETTE,
    offsets: Sequence[tuple[float, float]] | None = None,
    fmt: str = "{:,.0f}",
    log: bool = False,
    ylim: tuple[float, float] | None = None,
    xpad: float = 0.0,
    gap: float | None = None,
    title: str | None = None,
    ylabel: str | None = None,
):
    """One line per series of ``data`` (in order of appearance), each point labelled with its value.

    Parameters
    ----------
    data : DataFrame
        Long: ``series``, ``year`` and ``value``, one row per point, in plotting order.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    names : mapping of series to legend entry, optional
        Default: the series' own names.
    markers, colours : sequences
        One per series.
    offsets : sequence of (x, y) in points, optional
        Where each series' value labels sit relative to their point (default: 12 points above); of two points closer
        than :data:`CLOSE_YEARS`, the lower one's label sits as far below its point instead.
    fmt : str
        Format of the value labels.
    log : bool
        A log value axis with thousands-separated tick labels.
    ylim : (float, float), optional
    xpad : float
        Room left of the first and right of the last year, in years.
    gap : float, optional
        Break a series' line where two of its points are more than ``gap`` years apart: no line is drawn across
        years without data (each point keeps its marker); ``0`` draws points only.
    title, ylabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    for k, (name, rows) in enumerate(data.groupby("series", sort=False)):
        label = (names or {}).get(name, name)
        years = rows["year"].to_numpy(dtype=float)
        breaks = [] if gap is None else list(np.flatnonzero(np.diff(years) > gap) + 1)
        for n, part in enumerate(np.split(np.arange(len(rows)), breaks)):
            ax.plot(rows["year"].iloc[part], rows["value"].iloc[part], markers[k] + ("" if gap == 0 else "-"), color=colours[k],
                    lw=2, ms=9, label=label if n == 0 else None)  # gap 0: points, and a legend without a line
        dx, dy = (0, 12) if offsets is None else offsets[k]
        xs, vs = rows["year"].to_numpy(dtype=float), rows["value"].to_numpy(dtype=float)
        for i, (x, v) in enumerate(zip(xs, vs)):
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(xs) and abs(xs[j] - x) < CLOSE_YEARS]
            below = any(vs[j] > v for j in near)  # a close neighbour's label sits above it: this one goes under its point
            ax.annotate(fmt.format(v), (x, v), textcoords="offset points", xytext=(dx, -dy if below else dy), ha="center",
                        va="top" if below else "baseline", fontsize=10)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years: 2000, 2005, never 2002.5
    if log:
        log_scale(ax, "y")
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_xlim(float(data["year"].min()) - xpad, float(data["year"].max()) + xpad)
    set_labels(ax, title=title, ylabel=ylabel)
    ax.legend(loc="lower right", fontsize=10)
    return fig


# --------------------------------------------------------------------------- range lines
# Range and lines: a central path inside a shaded range by year, with other estimates' paths, their stated points and end labels.

MARKERS = {"base": "o", "forecast": "^"}  # stated points by kind
LABEL_SIZE = 10  # points, the lines' end labels
LABEL_OFFSET = 14  # points right of a line's end: clear of a stated point's marker there, room for a leader


def plot_range_lines(
    data: pd.DataFrame,
    *,
    ax=None,
    low: str = "P5",
    high: str = "P95",
    central: str = "scenario",
    band_label: str | None = None,
    central_label: str | None = None,
    lines: pd.DataFrame | None = None,
    starts: Mapping[str, int] | None = None,
    points: pd.DataFrame | None = None,
    notes: Sequence[str] = (),
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
):
    """``data``'s range (``low`` to ``high``) shaded and its ``central`` path drawn, by year (the index).

    Parameters
    ----------
    data : DataFrame
        Indexed by year, with the columns named by ``low``, ``high`` and ``central``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    low, high, central : str
        The columns of the band's edges and of the central path.
    band_label, central_label : str, optional
        Their legend entries.
    lines : DataFrame, optional
        Other paths, one row each (the index names them) and one column per year: dashed, each in
        its own colour, named at its right end (names nudged apart where ends are close). The x
        axis spans their years, with room for the names.
    starts : mapping, optional
        The first year shown of each line (default: all its years).
    points : DataFrame, optional
        Values the lines' owners state: columns ``publisher`` (a line's name), ``year``,
        ``value_usd_m`` and ``kind`` (``base``: circles, named in the legend; ``forecast``: triangles).
    notes : sequence of str
        Boxed texts in the top left corner (e.g. an outlier left off the chart).
    title, xlabel, ylabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    ax.fill_between(data.index, data[low], data[high], color=PALETTE[0], alpha=0.2, linewidth=0, label=band_label)
    ax.plot(data.index, data[central], color=PALETTE[0], linewidth=3, label=central_label)
    lines = pd.DataFrame() if lines is None else lines
    colours = dict(zip(lines.index, PALETTE[1:]))
    starts = {} if starts is None else dict(starts)
    for name, series in lines.iterrows():
        shown = series[series.index >= starts.get(name, series.index.min())]
        ax.plot(shown.index, shown, color=colours[name], linestyle="--", linewidth=1.4)
        if points is None:
            continue
        own = points[points["publisher"] == name]
        for kind, marker in MARKERS.items():
            sel = own[own["kind"] == kind]
            ax.scatter(sel["year"], sel["value_usd_m"], color=colours[name], marker=marker, s=60, zorder=5,
                       label=name if kind == "base" else None)
    if len(lines.columns):
        years = np.asarray(lines.columns)
        ax.set_xticks(years[::2])
        ax.set_xlim(years.min() - 0.3, years.max() + 3.2)
        ax.set_ylim(0, lines.to_numpy().max() * 1.1)
        _end_labels(ax, lines.iloc[:, -1], colours)
    for note in notes:
        ax.annotate(note, xy=(0.02, 0.97), xycoords="axes fraction", ha="left", va="top", fontsize=10, color="#444444",
                    bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#999999"})
    set_labels(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    # top left, under the notes, one column (two met the first published points): at the lower right it covered the band
    legend_if_labelled(ax, loc="upper left", bbox_to_anchor=(0.0, 0.97 - 0.13 * len(notes)), fontsize=9)
    return fig


def _end_labels(ax, ends: pd.Series, colours: Mapping[str, str]) -> None:
    """Each line's name at its right end, spread apart to a line of text each; a thin leader to a moved name."""
    last = ends.name
    gap = text_height(ax, LABEL_SIZE, spacing=1.4)
    placed = spread(ends.to_numpy(), gap, lower=0, upper=ax.get_ylim()[1])
    x = last + points_in_x(ax, LABEL_OFFSET)
    for (name, value), y in zip(ends.items(), placed):
        moved = abs(y - value) > 0.25 * gap
        ax.annotate(name, (last, value), xytext=(x, y), textcoords="data", va="center", ha="left", fontsize=LABEL_SIZE,
                    color=colours[name], annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": colours[name], "linewidth": 0.8, "relpos": (0, 0.5),
                               "shrinkA": 1, "shrinkB": 5}
                    if moved else None)


# --------------------------------------------------------------------------- trajectories
# Trajectories: yearly totals, one line per scenario (one drawn thick), the last values written at the right, and the report's published values.

LABEL_GAP = 0.035  # least vertical distance between end labels, as a share of the plotted range
POINT_COLOUR = PALETTE[5]  # the report's values, as in the other charts that show them


def plot_trajectories(
    data: pd.DataFrame,
    *,
    ax=None,
    points: str | None = None,
    points_label: str = "The report's published values",
    write_points: bool = False,
    highlight: int | None = None,
    labels: Sequence[str] | None = None,
    colors: Sequence[str] = PALETTE,
    estimate: pd.DataFrame | None = None,
    estimate_label: str = "The book's own estimate",
    from_zero: bool = False,
    title: str | None = None,
    ylabel: str = "USD million",
):
    """One line per column of ``data`` by year, the last year's values written at the right, nudged apart.

    Parameters
    ----------
    data : DataFrame
        Indexed by year; one column per line. Columns may share a name (lines are taken by position).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    points : str, optional
        A column of ``data`` drawn as open diamonds instead of a line (empty in the years
        without a value), e.g. a report's published values.
    points_label : str
        Legend entry of ``points``.
    write_points : bool
        Write each point's value under it (``Report: 146.34``).
    highlight : int, optional
        Position of the line drawn thick (among the lines, ``points`` left out).
    labels : sequence of str, optional
        Legend entries of the lines, in order (default: their column names).
    colors : sequence of colours
        One per line, in order.
    estimate : DataFrame, optional
        Another estimate's path in its range, indexed by year with columns ``central``, ``low`` and ``high``: a
        dashed line with markers inside a shaded band, in a colour of its own (after the lines'), its first and
        last values written.
    estimate_label : str
        Legend entry of ``estimate`` (its band's: the same, ``P5 to P95``-style range named by the caller's label).
    from_zero : bool
        The value axis starts at zero (the size of the market rather than the spread of the lines).
    title : str, optional
    ylabel : str

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    keep = [column != points for column in data.columns] if points is not None else [True] * data.shape[1]
    lines = data.loc[:, keep]
    labels = [str(c) for c in lines.columns] if labels is None else list(labels)
    years = lines.index
    for i in range(lines.shape[1]):
        thick = i == highlight
        ax.plot(years, lines.iloc[:, i], color=colors[i], linewidth=3.2 if thick else 1.8, label=labels[i], marker="o",
                markersize=6 if thick else 4, zorder=3 if thick else 2)
    colours = list(colors[:lines.shape[1]])
    last = list(lines.iloc[-1].to_numpy())
    low, top = lines.min().min(), lines.max().max()
    if estimate is not None:
        colour = colors[lines.shape[1] % len(colors)]
        ax.fill_between(estimate.index, estimate["low"], estimate["high"], color=colour, alpha=0.15, linewidth=0,
                        label=f"{estimate_label}: P5 to P95")
        ax.plot(estimate.index, estimate["central"], color=colour, linewidth=2.4, linestyle="--", marker="s", markersize=5,
                label=estimate_label, zorder=3)
        first = estimate.index.min()
        ax.annotate(f"{estimate['central'].loc[first]:.2f}", (first, estimate["central"].loc[first]), xytext=(0, -16),
                    textcoords="offset points", ha="center", va="top", fontsize=11, color=colour)
        colours.append(colour)
        last.append(float(estimate["central"].loc[years[-1]]))
        low, top = min(low, estimate["low"].min()), max(top, estimate["high"].max())
    ends = pd.Series(last, index=np.arange(len(last))).sort_values()
    gap = LABEL_GAP * (top - low)
    placed: list[float] = []
    for i, value in ends.items():
        y = max(value, placed[-1] + gap) if placed else value
        placed.append(y)
        ax.annotate(f"{value:.2f}", (years[-1], value), xytext=(years[-1] + 0.2, y), textcoords="data",
                    va="center", fontsize=11, color=colours[i])
    if points is not None:
        published = data[points].dropna()
        ax.scatter(published.index, published.values, s=200, marker="D", facecolors="none", edgecolors=POINT_COLOUR,
                   linewidths=2.2, zorder=5, label=points_label)
        top = max(top, published.max())
        for year, value in published.items() if write_points else ():
            ax.annotate(f"Report: {value:.2f}", (year, value), xytext=(0, -20), textcoords="offset points", va="top",
                        ha="left" if year == published.index.min() else "right", fontsize=12, color=POINT_COLOUR)
    ax.set_xticks(years)
    ax.set_xlim(years.min() - 0.3, years.max() + 1.0)
    if from_zero:
        ax.set_ylim(0, top * 1.18)
    set_labels(ax, title=title, xlabel="Year", ylabel=ylabel)
    ax.legend(loc="lower right" if from_zero else "upper left", fontsize=11)
    return fig


# --------------------------------------------------------------------------- uptake curves
# Uptake curves: cumulative uptake of a new therapy under several curves, and the uptake gained each year.

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
