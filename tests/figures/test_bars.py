"""Bars: upright or lying bars with the values of ``data``, highlighted rows, a reference line."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from infantile_spasms_market.figures.bars import plot_bars
from infantile_spasms_market.figures.style import PALETTE


def hex_colours(patches) -> list[str]:
    return [matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in patches]


def test_upright_bars_in_scientific_notation():
    data = pd.Series([2e-9, 5e-9], index=["Region", "Country"])
    fig = plot_bars(data, scientific=True, ylabel="USD", xlabel="View", title="T")
    ax = fig.axes[0]
    assert [p.get_height() for p in ax.patches] == [2e-9, 5e-9]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Region", "Country"]
    assert hex_colours(ax.patches) == [PALETTE[0]] * 2
    fig.canvas.draw()
    assert ax.yaxis.get_offset_text().get_text().startswith("1e")  # values written as multiples of 1e-9
    assert (ax.get_ylabel(), ax.get_xlabel(), ax.get_title()) == ("USD", "View", "T")
    plt.close(fig)


def test_lying_bars_first_row_on_top_with_highlight_and_reference():
    data = pd.Series([1.2, 0.4, 0.8], index=["North America", "Europe", "Global"])
    fig = plot_bars(data, horizontal=True, highlight={"Global": PALETTE[1]}, reference=1.0)
    ax = fig.axes[0]
    by_height = sorted(ax.patches, key=lambda p: -p.get_y())  # top first
    assert [p.get_width() for p in by_height] == [1.2, 0.4, 0.8]
    assert hex_colours(by_height) == [PALETTE[0], PALETTE[0], PALETTE[1]]
    assert list(ax.lines[0].get_xdata()) == [1.0, 1.0] and ax.lines[0].get_linestyle() == "--"
    plt.close(fig)


def test_draws_on_the_given_axes():
    fig, ax = plt.subplots()
    assert plot_bars(pd.Series([1.0], index=["a"]), ax=ax, colour="#000000") is fig
    assert hex_colours(ax.patches) == ["#000000"] and not ax.lines and ax.patches[0].get_height() == 1.0
    plt.close(fig)
