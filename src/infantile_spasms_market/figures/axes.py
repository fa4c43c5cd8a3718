"""What every chart function does alike: draw on the axes it is given or on a new figure, then title, label and legend."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter


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
