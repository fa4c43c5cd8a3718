"""Panels side by side: one figure whose panels are drawn by chart functions of this package."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt

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
