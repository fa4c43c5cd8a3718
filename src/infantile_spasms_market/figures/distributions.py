"""Uncertainty and sensitivity: histograms, fan charts, tornadoes, sweeps and heat maps."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import PALETTE, figure_and_axes, legend_if_labelled, set_labels

__all__ = ["plot_fan", "plot_heatmap", "plot_histogram", "plot_sweep", "plot_tornado"]


# --------------------------------------------------------------------------- histogram
# Histogram: counts in bins drawn as a filled step outline, with marked values (e.g. percentiles) and reference lines.

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


# --------------------------------------------------------------------------- fan
# Fan chart: percentile bands of a simulated value by year around its median, with a reference line and published points.

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


# --------------------------------------------------------------------------- tornado
# Tornado chart: how far an outcome moves when each input goes to its low and its high value, widest bar first.

NAMES = ("At the parameter's low value", "At the parameter's high value")
ROOM = 1.45  # the value axis reaches this many times the longest bar on each side of the base (room for the notes)


def plot_tornado(
    data: pd.DataFrame,
    *,
    ax=None,
    names: Sequence[str] = NAMES,
    title: str | None = None,
    xlabel: str | None = None,
):
    """One horizontal bar per row of ``data`` (first at the top) from the base outcome to the outcome at each end.

    Parameters
    ----------
    data : DataFrame
        One row per input, indexed by its name (the tick labels): ``outcome_low``, ``outcome_base``
        and ``outcome_high`` (the outcome with the input at its low value, at the scenario's and at
        its high value, as in a :func:`..model.sensitivity.tornado` table; the base is the first
        row's), and optionally ``low_note`` and ``high_note``: texts written beyond the end of the
        bar they belong to (e.g. the input's low and high values), outwards.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    names : two str
        Legend entries of the low-end and the high-end bars (the legend sits above the plot).
    title, xlabel : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    base = float(data["outcome_base"].iloc[0])
    low, high = data["outcome_low"].to_numpy(dtype=float), data["outcome_high"].to_numpy(dtype=float)
    y = np.arange(len(data))
    ax.barh(y, low - base, left=base, color=PALETTE[5], label=names[0])
    ax.barh(y, high - base, left=base, color=PALETTE[0], label=names[1])
    if "low_note" in data and "high_note" in data:
        for yi, ends in enumerate(zip(zip(low, data["low_note"]), zip(high, data["high_note"]))):
            (left, left_note), (right, right_note) = sorted(ends, key=lambda end: end[0])  # a tie keeps low left
            ax.annotate(str(left_note), (left, yi), xytext=(-6, 0), textcoords="offset points", ha="right", va="center",
                        fontsize=11)
            ax.annotate(str(right_note), (right, yi), xytext=(6, 0), textcoords="offset points", ha="left", va="center",
                        fontsize=11)
    ax.axvline(base, color="black", linewidth=1.2)
    ax.set_yticks(y, [str(label) for label in data.index])
    ax.invert_yaxis()
    reach = float(np.max(np.abs(np.r_[low, high] - base)))
    ax.set_xlim(base - reach * ROOM, base + reach * ROOM)
    ax.grid(axis="y", visible=False)
    set_labels(ax, xlabel=xlabel)
    if title:
        ax.set_title(title, pad=32)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=11)
    return fig


# --------------------------------------------------------------------------- sweep
# Sweep: a model output as one input varies, against a target level, a plausible range of the input and marked points.

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


# --------------------------------------------------------------------------- heatmap
# Heat map: a value for every pair of two settings, each cell written out, one cell outlined.

def plot_heatmap(
    data: pd.DataFrame,
    *,
    ax=None,
    highlight: tuple[Hashable, Hashable] | None = None,
    row_labels: Sequence[str] | None = None,
    value_format: str = "{:.1f}",
    cmap: str = "Blues",
    vmin: float | None = 0,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    colorbar_label: str | None = None,
):
    """``data`` as coloured cells (rows top to bottom as in ``data``), each with its value written in it.

    Parameters
    ----------
    data : DataFrame
        The values; the columns and the index label the x and y axes.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when not given.
    highlight : (row, column), optional
        The cell to outline and write in bold (index and column labels of ``data``).
    row_labels : sequence of str, optional
        Tick labels of the rows (default: the index as text).
    value_format : str
        Format of the values written in the cells.
    cmap : str
        Matplotlib colour map.
    vmin : float, optional
        Value at the bottom of the colour scale (default 0; None for the smallest value).
    title, xlabel, ylabel, colorbar_label : str, optional

    Returns
    -------
    matplotlib Figure
    """
    fig, ax = figure_and_axes(ax)
    values = data.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=vmin)
    ax.set_xticks(range(data.shape[1]), [str(c) for c in data.columns])
    ax.set_yticks(range(data.shape[0]), [str(r) for r in data.index] if row_labels is None else list(row_labels))
    vmax = float(values.max()) or 1.0
    for i, row in enumerate(data.index):
        for j, column in enumerate(data.columns):
            value = float(values[i, j])
            strong = highlight is not None and (row, column) == tuple(highlight)
            ax.text(j, i, value_format.format(value), ha="center", va="center", fontsize=12,
                    fontweight="bold" if strong else "normal", color="white" if value > 0.55 * vmax else "#222222")
    if highlight is not None:
        i0, j0 = list(data.index).index(highlight[0]), list(data.columns).index(highlight[1])
        ax.add_patch(plt.Rectangle((j0 - 0.5, i0 - 0.5), 1, 1, fill=False, ec=PALETTE[5], lw=3))
    set_labels(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    ax.grid(False)
    fig.colorbar(image, ax=ax, label=colorbar_label)
    return fig
