"""Style and the helpers every chart shares: one palette and size, axes, labels kept apart, panels side by side."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from matplotlib.ticker import FuncFormatter

__all__ = [
    "PALETTE",
    "Panel",
    "SLIDE_SIZE",
    "SOURCE_SIZE",
    "colour_map",
    "figure_and_axes",
    "label_points",
    "legend_if_labelled",
    "log_scale",
    "overlapping",
    "plot_panels",
    "points_in_x",
    "set_labels",
    "short_label",
    "spread",
    "text_height",
    "thousands",
    "use_style",
]


# --------------------------------------------------------------------------- style
# One style for every figure: the colour-blind-safe palette, the 16:9 size, fonts.

# Okabe & Ito's colour-blind-safe palette (black left out: it is the text colour).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
SLIDE_SIZE = (10, 5.625)  # inches, 16:9
# The source line under a figure: as large as the tick labels, so it stays legible when a page
# shows the figure at its text column's width (about 0.7 of its size at 1280 px).
SOURCE_SIZE = 12


STYLE: dict[str, Any] = {
    "figure.figsize": SLIDE_SIZE,
    "figure.dpi": 100,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 11,
    "legend.frameon": False,
    "font.size": 12,
    "svg.fonttype": "none",
    "savefig.bbox": "tight",
}


def use_style() -> None:
    """Apply the book's figure style to matplotlib."""
    mpl.rcParams.update(STYLE)


# Long segment names shortened where an axis has little room.
SHORT_LABELS: dict[str, str] = {"Adrenocorticotropic Hormone": "ACTH"}


def short_label(name: object) -> str:
    """``name`` as an axis label: the long names of :data:`SHORT_LABELS` shortened (``ACTH``)."""
    text = str(name)
    for long, short in SHORT_LABELS.items():
        text = text.replace(long, short)
    return text


def colour_map(names: Iterable[str]) -> dict[str, str]:
    """One palette colour per name, in order, so that a segment keeps its colour whatever is plotted."""
    return dict(zip(names, PALETTE))


# --------------------------------------------------------------------------- axes
# What every chart function does alike: draw on the axes it is given or on a new figure, then title, label and legend.

def figure_and_axes(ax=None):
    """``(figure, axes)`` to draw on: ``ax`` and its figure, or a new figure with one axes when ``ax`` is None.

    Parameters
    ----------
    ax : matplotlib Axes, optional

    Returns
    -------
    (matplotlib Figure, matplotlib Axes)
    """
    return plt.subplots() if ax is None else (ax.figure, ax)


def set_labels(ax, *, title: str | None = None, xlabel: str | None = None, ylabel: str | None = None) -> None:
    """Set the title and the axis labels that are given (an empty or missing one is left as it is).

    Parameters
    ----------
    ax : matplotlib Axes
    title, xlabel, ylabel : str, optional
    """
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)


def legend_if_labelled(ax, **options: Any) -> None:
    """A legend on ``ax`` with ``options`` (matplotlib's), only when something drawn on it has a label.

    Parameters
    ----------
    ax : matplotlib Axes
    **options
        Passed to :meth:`matplotlib.axes.Axes.legend` (``loc``, ``fontsize``, ...).
    """
    if ax.get_legend_handles_labels()[0]:
        ax.legend(**options)


def thousands(value: float, _position=None) -> str:
    """A tick label with thousands separators and no decimals (``100,000``), for log axes."""
    return f"{value:,.0f}"


def log_scale(ax, which: str = "y") -> None:
    """Put the ``which`` axis (``"x"`` or ``"y"``) of ``ax`` on a log scale with :func:`thousands` tick labels."""
    (ax.set_yscale if which == "y" else ax.set_xscale)("log")
    (ax.yaxis if which == "y" else ax.xaxis).set_major_formatter(FuncFormatter(thousands))


# --------------------------------------------------------------------------- spread
# Labels kept apart by design: positions spread to a minimum gap, text sizes in data units, overlaps found.

def spread(values: Sequence[float], gap: float, *, lower: float = -np.inf, upper: float = np.inf) -> np.ndarray:
    """Positions as close as possible to ``values`` with at least ``gap`` between any two, in the same order.

    Labels that would collide are gathered into groups, each group centred on the mean of where its
    labels want to be (so a crowded group moves up and down alike, not only upwards), and kept
    between ``lower`` and ``upper`` when it fits.

    Parameters
    ----------
    values : sequence of float
        Where each label wants to be (e.g. the y of its line's end).
    gap : float
        The smallest distance between two positions (e.g. a line of text in data units).
    lower, upper : float, optional
        Bounds for the positions.

    Returns
    -------
    ndarray
        One position per value, in the order of ``values``.

    Raises
    ------
    ValueError
        When ``gap`` is negative.
    """
    if gap < 0:
        raise ValueError(f"the gap between labels must not be negative, got {gap}")
    wanted = np.asarray(values, dtype=float)
    order = np.argsort(wanted, kind="stable")
    groups: list[list[int]] = []  # indices into the sorted values
    firsts: list[float] = []  # the lowest position of each group

    def first_of(members: list[int]) -> float:
        ideal = float(np.mean([wanted[order[i]] - k * gap for k, i in enumerate(members)]))
        return min(max(ideal, lower), upper - (len(members) - 1) * gap)

    for i in range(len(wanted)):
        groups.append([i])
        firsts.append(first_of([i]))
        while len(groups) > 1 and firsts[-2] + len(groups[-2]) * gap > firsts[-1] + 1e-12:
            merged = groups[-2] + groups.pop()
            firsts.pop()
            groups[-1], firsts[-1] = merged, first_of(merged)
    placed = np.empty_like(wanted)
    for members, first in zip(groups, firsts):
        for k, i in enumerate(members):
            placed[order[i]] = first + k * gap
    return placed


def text_height(ax, fontsize: float, *, spacing: float = 1.25) -> float:
    """The height of one line of text of ``fontsize`` points in ``ax``'s y data units (its limits as they are now)."""
    pixels = fontsize * spacing * ax.figure.dpi / 72
    bottom, top = ax.get_ylim()
    return abs(top - bottom) * pixels / ax.get_window_extent().height


def points_in_x(ax, points: float) -> float:
    """``points`` (1/72 inch) as a distance in ``ax``'s x data units (its limits as they are now)."""
    left, right = ax.get_xlim()
    return abs(right - left) * points * ax.figure.dpi / 72 / ax.get_window_extent().width


def overlapping(artists: Iterable, renderer=None, pad: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of ``artists`` (texts, legends, ...) whose drawn boxes overlap, named by their text.

    Parameters
    ----------
    artists : iterable of matplotlib Artists
        Drawn on one figure. An annotation counts by its text (its arrow, a leader, may reach
        across to what it points at).
    renderer : optional
        The figure's renderer (default: draw the figure and use its canvas's).
    pad : float
        Pixels by which boxes may touch without counting as overlapping.

    Returns
    -------
    list of (str, str)
        Empty when no two boxes overlap.
    """
    artists = list(artists)
    if not artists:
        return []
    if renderer is None:
        canvas = artists[0].figure.canvas
        canvas.draw()
        renderer = canvas.get_renderer()
    boxes = [(_name(a), _box(a, renderer).padded(-pad)) for a in artists]
    return [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2) if box_a.overlaps(box_b)]


def _box(artist, renderer):
    """The drawn box of ``artist``; of an annotation, its text alone (matplotlib's box includes the arrow)."""
    return Text.get_window_extent(artist, renderer) if isinstance(artist, Text) else artist.get_window_extent(renderer)


def _name(artist) -> str:
    get_text = getattr(artist, "get_text", None)
    return get_text() if get_text else type(artist).__name__


# --------------------------------------------------------------------------- labels beside points
# A label beside each point of a scatter, placed where it overlaps no other label, no point and no legend (a simple repel).

NEAR = 4.0  # points from a point to its label where nothing is in the way
LEADER = 8.0  # points: a label not right beside its point gets a thin leader to it


# Offsets (points) of a label's corner from its point, nearest first, right and above preferred: beside, above and below
# the point, then further out, stacked in rows of about a line of text.
CANDIDATES = sorted({(sx * dx, float(dy)) for sx in (1, -1) for dx in (NEAR, 12.0, 24.0, 40.0) for dy in range(-48, 49, 6)}
                    | {(0.0, sy * dy) for sy in (1, -1) for dy in (NEAR, 12.0, 20.0, 30.0)},
                    key=lambda o: (round(float(np.hypot(*o)) / 6), o[0] < 0, o[1] < 0, abs(o[1])))


class PointLabels(Artist):
    """Labels (annotations with ``offset points``) moved beside their points at every draw, once the layout is final.

    A panel of :func:`plot_panels` is laid out after it is drawn; placing the labels when the figure is
    drawn keeps them apart at the size the figure is saved at. Drawn before the labels (lower zorder).
    """

    def __init__(self, labels: Sequence, marker_size: float):
        super().__init__()
        self.labels, self.marker_size = list(labels), marker_size
        self.set_zorder(min((a.get_zorder() for a in self.labels), default=5) - 0.01)

    def draw(self, renderer) -> None:
        place_labels(self.axes, self.labels, renderer, marker_size=self.marker_size)

    def get_window_extent(self, renderer=None):
        return Bbox.null()


def place_labels(ax, labels: Sequence, renderer, *, marker_size: float = 8.0) -> None:
    """Move each label (an annotation of a point, text offset in points) to the nearest free place beside its point.

    Greedy: the labels of points by an edge of the axes choose first (they have fewer places), then those of the most
    crowded points, each taking the nearest of :data:`CANDIDATES` whose box stays inside the axes and overlaps no placed
    label, no point (``marker_size``: a marker's diameter in points) and no legend; with none free, the place that
    overlaps least. A label moved away from its point gets a leader from its nearest corner.
    """
    if not labels:
        return
    scale = ax.figure.dpi / 72
    frame = ax.get_window_extent(renderer)
    anchors = np.array([ax.transData.transform(label.xy) for label in labels])
    half = marker_size * scale / 2
    markers = [Bbox.from_extents(x - half, y - half, x + half, y + half) for x, y in anchors]
    legend = ax.get_legend()
    taken = [legend.get_window_extent(renderer)] if legend is not None and legend.get_visible() else []
    sizes = [Text.get_window_extent(label, renderer).size for label in labels]
    def box_at(k: int, dx: float, dy: float):
        (x, y), (w, h) = anchors[k], sizes[k]
        return Bbox.from_bounds(x + dx * scale - (0 if dx > 0 else w if dx < 0 else w / 2),
                                y + dy * scale - (0 if dy > 0 else h if dy < 0 else h / 2), w, h)

    def inside(box) -> bool:
        return frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1

    near = CANDIDATES[:24]  # a point by an edge of the axes has fewer places beside it: it chooses first, then a crowded one
    room = [sum(inside(box_at(k, dx, dy)) for dx, dy in near) for k in range(len(labels))]
    crowd = [int(np.sum(np.hypot(*(anchors - a).T) < 60 * scale)) for a in anchors]
    for i in sorted(range(len(labels)), key=lambda k: (room[k], -crowd[k], k)):
        best, least = None, np.inf
        for dx, dy in CANDIDATES:
            box = box_at(i, dx, dy)
            cost = sum(_overlap(box, other) for other in (*taken, *markers)) + (0 if inside(box) else 1e9)
            if np.hypot(dx, dy) > LEADER:  # a leader across a placed label: worse than none, better than any overlap
                corner = (box.x0 if dx > 0 else box.x1 if dx < 0 else (box.x0 + box.x1) / 2,
                          box.y0 if dy > 0 else box.y1 if dy < 0 else (box.y0 + box.y1) / 2)
                cost += 1e-3 * sum(_crosses(corner, anchors[i], other) for other in taken)
            if cost < least:
                best, least = (box, dx, dy), cost
            if cost == 0:
                break
        box, dx, dy = best
        labels[i].xyann, labels[i]._arrow_relpos = (dx, dy), (0.0 if dx > 0 else 1.0 if dx < 0 else 0.5, 0.0 if dy > 0 else 1.0 if dy < 0 else 0.5)
        labels[i].set(horizontalalignment="left" if dx > 0 else "right" if dx < 0 else "center",
                      verticalalignment="bottom" if dy > 0 else "top" if dy < 0 else "center")
        labels[i].arrow_patch.set_visible(bool(np.hypot(dx, dy) > LEADER))  # the leader leaves the label's nearest corner
        taken.append(box)


def _crosses(start, end, box) -> bool:
    """Whether the segment from ``start`` to ``end`` (pixels) passes through ``box`` (sampled: leaders are short)."""
    return any(box.contains(*(np.asarray(start) + t * (np.asarray(end) - np.asarray(start)))) for t in np.linspace(0.1, 0.9, 9))


def _overlap(a, b) -> float:
    """The area two boxes share (pixels squared; zero when they only touch)."""
    return max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0.0, min(a.y1, b.y1) - max(a.y0, b.y0))


def label_points(ax, xs, ys, texts, *, marker_size: float = 8.0, **style: Any) -> list:
    """Write ``texts`` beside the points ``(xs, ys)`` of ``ax``, kept apart from each other and the points when drawn (:class:`PointLabels`).

    ``style``: matplotlib text properties (``fontsize``, ``zorder``...). Returns the annotations.
    """
    leader = {"arrowstyle": "-", "color": "#555555", "linewidth": 0.8, "patchA": None, "shrinkA": 1, "shrinkB": marker_size / 2 + 1}
    made = [ax.annotate(str(t), (x, y), xytext=(NEAR, NEAR), textcoords="offset points", arrowprops=leader, **style)
            for x, y, t in zip(xs, ys, texts)]
    for label in made:
        label.arrow_patch.set_visible(False)
    if made:
        ax.add_artist(PointLabels(made, marker_size))
    return made


# --------------------------------------------------------------------------- panels
# Panels side by side: one figure whose panels are drawn by chart functions of this package.

Panel = tuple[Callable[..., Any], Any, Mapping[str, Any]]


def plot_panels(
    data: Sequence[Panel],
    *,
    sharey: bool = False,
    title: str | None = None,
):
    """A row of panels, each drawn by a chart function on its own axes, laid out tightly.

    Parameters
    ----------
    data : sequence of (function, data, options)
        One per panel, left to right: the chart function (``plot_<kind>``), what it plots and its
        keyword options; each is called as ``function(data, ax=panel, **options)``.
    sharey : bool
        The panels share their y axis (tick labels on the first only).
    title : str, optional
        A title over all panels.

    Returns
    -------
    matplotlib Figure
    """
    fig, axes = plt.subplots(1, len(data), sharey=sharey, squeeze=False)
    for ax, (plot, panel_data, options) in zip(axes[0], data):
        plot(panel_data, ax=ax, **options)
    if title:
        fig.suptitle(title, fontsize=15, fontweight="bold")
    fig.tight_layout()
    return fig
