"""A chart as data (its type, categories and series), so the slide deck can draw it as a native chart a presenter can restyle.

Read from the drawn matplotlib figure itself when it is a plain line (a band around a line as its two edges), bar,
column or stacked-area chart; anything more (a range bar, a second plot) stays a picture.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.container import BarContainer

__all__ = ["chart_spec", "top_categories"]


def _labelled(artists) -> list:
    return [a for a in artists if not str(a.get_label()).startswith("_")]


def _number(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 6)


def _category(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _band_edges(poly) -> pd.DataFrame:
    """A shaded band (``fill_between``) as its lower and upper edge by x."""
    vertices = np.concatenate([path.vertices for path in poly.get_paths()])
    return pd.DataFrame(vertices, columns=["x", "y"]).groupby("x")["y"].agg(["min", "max"])


def _line_spec(ax, lines: list, points: list, bands: list = ()) -> dict[str, Any] | None:
    xs = sorted({float(x) for line in lines for x in line.get_xdata()})
    series = []
    for line in lines:
        ys = dict(zip(map(float, line.get_xdata()), line.get_ydata()))
        series.append({"name": str(line.get_label()), "values": [_number(ys.get(x)) for x in xs],
                       "line": line.get_linestyle() not in ("None", "", " ", "none"), "colour": _colour(line.get_color()),
                       "dash": DASHES.get(line.get_linestyle(), "solid"), "width": round(float(line.get_linewidth()), 2)})
    drawn = [s["values"] for s in series]
    for poly in bands:  # a range around a line: its two edges as thin dashed lines a native chart can draw
        edges = _band_edges(poly)
        if not set(map(float, edges.index)) <= set(xs):
            return None
        for edge, word in (("min", "lower edge"), ("max", "upper edge")):
            ys = dict(zip(map(float, edges.index), edges[edge]))
            values = [_number(ys.get(x)) for x in xs]
            if any(values == line for line in drawn):  # an area between two drawn lines, not a range: stays a picture
                return None
            series.append({"name": f"{poly.get_label()} ({word})", "values": values, "line": True, "edge": True,
                           "colour": _colour(poly.get_facecolor()[0])})
    for collection in points:
        offsets = collection.get_offsets()
        if not set(map(float, offsets[:, 0])) <= set(xs):
            return None
        ys = dict(zip(map(float, offsets[:, 0]), offsets[:, 1]))
        series.append({"name": str(collection.get_label()), "values": [_number(ys.get(x)) for x in xs], "line": False,
                       "colour": _colour(collection.get_edgecolor()[0] if len(collection.get_edgecolor()) else "#444444")})
    ends = [t for t in ax.texts if hasattr(t, "xy") and float(t.xy[0]) == xs[-1]]  # values written at the lines' ends
    low, high = ax.get_ylim()
    ticks = [float(t) for t in ax.get_yticks()]
    floor = max([t for t in ticks if t <= low + 1e-9], default=low)
    top = min([t for t in ticks if t >= high - 1e-9], default=high)
    return {"type": "line", "categories": [_category(x) for x in xs], "series": series,
            "y_range": [floor, top, ticks[1] - ticks[0] if len(ticks) > 1 else None],
            "end_labels": len(ends) >= sum(1 for s in series if s["line"] and not s.get("edge"))}


DASHES = {"-": "solid", "--": "dash", ":": "dot", "-.": "dash_dot"}
"""A line's matplotlib style as the deck names it (:data:`..outputs.deck.DASH_STYLES`)."""


def _bar_spec(ax, bars: list) -> dict[str, Any] | None:
    vertical = all(b.orientation == "vertical" for b in bars)
    if not vertical and any(b.orientation == "vertical" for b in bars):
        return None
    ticks = ax.get_xticks() if vertical else ax.get_yticks()
    names = [t.get_text() for t in (ax.get_xticklabels() if vertical else ax.get_yticklabels())]
    if not any(names):
        return None
    position = {}
    series = []
    stacked = False
    for container in bars:
        values = {}
        for patch in container.patches:
            centre = patch.get_x() + patch.get_width() / 2 if vertical else patch.get_y() + patch.get_height() / 2
            start = patch.get_y() if vertical else patch.get_x()
            stacked = stacked or abs(start) > 1e-9
            tick = int(np.argmin(np.abs(np.asarray(ticks) - centre)))
            if abs(ticks[tick] - centre) > 0.5:  # a bar between ticks: not a category chart
                return None
            position[tick] = names[tick]
            values[tick] = patch.get_height() if vertical else patch.get_width()
        series.append((str(container.get_label()), values, _colour(container.patches[0].get_facecolor()) if container.patches else None))
    order = sorted(position)
    if stacked:  # each bar must start where the ones before it end: a stack, not a range
        level = dict.fromkeys(order, 0.0)
        for container, (_, values, _) in zip(bars, series):
            for patch, tick in zip(container.patches, values):
                start = patch.get_y() if vertical else patch.get_x()
                if abs(start - level[tick]) > 1e-6 * max(1.0, abs(level[tick])):
                    return None
                level[tick] += values[tick]
    return {"type": ("column" if vertical else "bar") + ("_stacked" if stacked else ""),
            "categories": [position[t] for t in order],
            "series": [{"name": name, "values": [_number(values.get(t)) for t in order], "colour": colour}
                       for name, values, colour in series]}


def _area_spec(ax, polys: list) -> dict[str, Any] | None:
    layers = []
    for poly in polys:
        vertices = np.concatenate([path.vertices for path in poly.get_paths()])
        frame = pd.DataFrame(vertices, columns=["x", "y"]).groupby("x")["y"].agg(["min", "max"])
        layers.append((str(poly.get_label()), frame["max"] - frame["min"], frame["min"], _colour(poly.get_facecolor()[0])))
    xs = layers[0][1].index
    level = pd.Series(0.0, index=xs)
    for _, height, bottom, _ in layers:  # a stack: each layer starts on the one before it
        if not height.index.equals(xs) or not np.allclose(bottom.to_numpy(), level.to_numpy(), atol=1e-6):
            return None
        level = level + height
    return {"type": "area_stacked", "categories": [_category(x) for x in xs],
            "series": [{"name": name, "values": [_number(v) for v in height], "colour": colour} for name, height, _, colour in layers]}


def _colour(value) -> str | None:
    from matplotlib.colors import to_hex

    try:
        return to_hex(value, keep_alpha=False)
    except (ValueError, TypeError):
        return None


def chart_spec(fig) -> dict[str, Any] | None:
    """The chart as data when a native slide chart can show all of it, else None.

    One plotting area on linear scales, holding only labelled lines (and labelled point markers on
    their years, and one labelled band over them, drawn as its two edges), only bars (side by side, or stacked), or only a stack of areas. The result has
    ``type`` (``line``, ``bar``, ``column``, with ``_stacked``, or ``area_stacked``), ``categories``,
    ``series`` (``name``, ``values``, ``colour``; a line series also ``line``: drawn or markers only)
    and the axes' ``y_title`` and ``x_title``.
    """
    axes = [ax for ax in fig.axes if ax.get_visible() and (ax.lines or ax.containers or ax.collections or ax.patches)]
    if len(axes) != 1:
        return None
    ax = axes[0]
    if ax.get_xscale() != "linear" or ax.get_yscale() != "linear":
        return None
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    lines = _labelled(ax.get_lines())
    polys = _labelled(c for c in ax.collections if isinstance(c, PolyCollection))
    points = _labelled(c for c in ax.collections if isinstance(c, PathCollection) and not isinstance(c, PolyCollection))
    unlabelled = [c for c in ax.collections if str(c.get_label()).startswith("_")]
    if unlabelled:  # a band or marks the legend does not name: the picture shows more than the data series
        return None
    if _labelled(c for c in ax.collections if not isinstance(c, (PolyCollection, PathCollection))):
        return None  # ranges drawn as line segments (a dot-and-range chart)
    bar_patches = {id(p) for b in bars for p in b.patches}
    if _labelled(p for p in ax.patches if id(p) not in bar_patches):
        return None  # a shaded span or a shape the legend names
    if lines and not any(line.get_linestyle() not in ("None", "", " ", "none") for line in lines):
        return None  # dots only: a dot chart, not a line over years
    if bars and not (lines or polys or points) and all(_labelled([b]) for b in bars):
        spec = _bar_spec(ax, bars)
    elif lines and not bars and len(polys) <= 1:  # lines, perhaps with one range around one (a fan of ranges stays a picture)
        spec = _line_spec(ax, lines, points, polys)
    elif polys and not (bars or lines or points):
        spec = _area_spec(ax, polys)
    else:
        spec = None
    if spec is not None:
        spec.update({"y_title": ax.get_ylabel() if spec["type"] != "bar" else ax.get_xlabel(),
                     "x_title": ax.get_xlabel() if spec["type"] != "bar" else ax.get_ylabel()})
    return spec


def top_categories(spec: dict[str, Any], n: int, others: str) -> dict[str, Any]:
    """A bar chart's ``n`` largest categories (by their largest value in any series), the rest summed into one, labelled.

    For parts of a whole (shares, values) on a slide, where every bar of a long list cannot carry its value: the kept
    categories stay in order, the sum of the rest comes first (drawn at the bottom), named ``others`` (``{n}``: how many
    it holds), and ``value_labels`` asks the deck to write each bar's value. A chart of ``n`` categories or fewer is
    only labelled.
    """
    if not spec["type"].startswith(("bar", "column")):
        raise ValueError(f"only a bar or column chart keeps its top categories, not a {spec['type']} chart")
    largest = [max((v or 0.0) for v in values) for values in zip(*(s["values"] for s in spec["series"]))]
    keep = sorted(sorted(range(len(largest)), key=lambda i: -largest[i])[:n])
    rest = [i for i in range(len(largest)) if i not in keep]
    if not rest:
        return {**spec, "value_labels": True}
    series = [{**s, "values": [_number(sum(s["values"][i] or 0.0 for i in rest)), *(s["values"][i] for i in keep)]}
              for s in spec["series"]]
    categories = [others.format(n=len(rest)), *(spec["categories"][i] for i in keep)]
    return {**spec, "categories": categories, "series": series, "value_labels": True}
