"""Labels kept apart by design: positions spread to a minimum gap, text sizes in data units, overlaps found."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

import numpy as np
from matplotlib.text import Text


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
