"""Text measured once per process: matplotlib's text metrics shared between renderers, and a source line wrapped quickly.

Saving a figure lays its text out three times (the tight box at screen resolution, the 300-dpi raster,
the SVG), each with a new renderer, and matplotlib keeps the width of a text per renderer only, so the
same tick labels, titles and legends are measured again for every figure, chapter after chapter in a
chapter kernel. Measuring is slow here: FreeType hints every glyph again on each call (about 0.1 ms a
glyph). :func:`share` keeps the measures of every renderer of the same kind, resolution and text
settings (``font.*``, ``text.*``, ``mathtext.*``, the fonts known) in one table, so each text is
measured once per kind and resolution: the same numbers, so the same drawings, byte for byte.

A source line under a figure wraps to the figure's width; matplotlib finds each line's break by
measuring every longer prefix of its words, again on every layout. :class:`WrappedText` finds the
same break by bisection (a prefix's width grows with its words), so a long line costs a few measures.
"""

from __future__ import annotations

import weakref
from typing import Any

import matplotlib as mpl
import matplotlib.text as mtext
from matplotlib import font_manager

__all__ = ["WrappedText", "share", "shared_entries"]

TEXT_SETTINGS = ("font.", "text.", "mathtext.", "svg.", "pdf.", "ps.")
"""rcParams that decide which font a text is measured in and how (its family, hinting, maths, SVG fonts)."""
ENTRIES_KEPT = 200_000  # measures kept before the table starts again (a build measures some tens of thousands)

_ORIGINAL = getattr(mtext, "_get_text_metrics_function", None)
_tables: dict[tuple[Any, ...], dict[tuple[Any, ...], Any]] = {}
_functions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _settings() -> tuple[Any, ...]:
    """The text settings in force, and the fonts matplotlib knows (one added changes what a family resolves to)."""
    rc = mpl.rcParams
    chosen = tuple(sorted((k, repr(rc[k])) for k in rc if k.startswith(TEXT_SETTINGS)))
    return chosen, len(font_manager.fontManager.ttflist)


def _metrics_function(renderer):
    """Drop-in for ``matplotlib.text._get_text_metrics_function``: the measuring function of ``renderer``, its table shared."""
    function = _functions.get(renderer)
    if function is not None:
        return function
    kind = (type(renderer).__module__, type(renderer).__qualname__, getattr(renderer, "dpi", None), _settings())
    table = _tables.setdefault(kind, {})
    if sum(map(len, _tables.values())) > ENTRIES_KEPT:
        _tables.clear()
        _tables[kind] = table = {}

    def measure(text, fontprop, ismath, dpi):
        key = (text, fontprop, ismath, dpi)  # fontprop: a copy made for the look-up (see matplotlib.text)
        try:
            return table[key]
        except KeyError:
            value = table[key] = renderer.get_text_width_height_descent(text, fontprop, ismath=ismath)
            return value

    _functions[renderer] = measure
    return measure


def share() -> None:
    """Share text measures between renderers of the same kind in this process (for as long as it runs).

    Does nothing if this matplotlib has no per-renderer measuring function to stand in for (a
    different version measures as it does, only more slowly than it could).
    """
    if _ORIGINAL is not None and mtext._get_text_metrics_function is _ORIGINAL:
        mtext._get_text_metrics_function = _metrics_function


def shared_entries() -> int:
    """How many measures the shared tables hold (0 before :func:`share`)."""
    return sum(map(len, _tables.values()))


class WrappedText(mtext.Text):
    """A text that wraps as matplotlib's ``wrap=True`` does, finding each break by bisection."""

    def _get_wrapped_text(self) -> str:
        if not self.get_wrap() or self.get_usetex():
            return self.get_text()
        width = self._get_wrap_line_width()
        lines: list[str] = []
        for paragraph in self.get_text().split("\n"):
            words = paragraph.split(" ")
            while words:
                end = self._words_that_fit(words, width)
                lines.append(" ".join(words[:end]))
                words = words[end:]
        return "\n".join(lines)

    def _words_that_fit(self, words: list[str], width: float) -> int:
        """How many of ``words`` start the line: matplotlib's answer (at least one; all when they fit)."""
        if len(words) == 1 or self._get_rendered_text_width(" ".join(words)) <= width:
            return len(words)
        low, high = 2, len(words)  # the first prefix too wide lies in [low, high]; it ends the line before its last word
        while low < high:
            middle = (low + high) // 2
            if self._get_rendered_text_width(" ".join(words[:middle])) > width:
                high = middle
            else:
                low = middle + 1
        return low - 1
