"""Tests for figures.diverging_bars: positive parts right of zero, negative parts left, the sums marked and written."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from infantile_spasms_market.figures.diverging_bars import plot_diverging_bars

DATA = pd.DataFrame({"Up": [2.0, 3.0], "Down": [-1.0, -0.5], "More": [1.0, 0.0]}, index=["base", "high"])


def test_parts_stack_away_from_zero_and_sums_are_marked():
    data = DATA.assign(total=DATA.sum(axis=1))
    fig = plot_diverging_bars(data, total="total", total_label="Sum", total_format="{:.2f} %", labels=["Base", "High"])
    ax = fig.axes[0]
    bars = [(p.get_x(), p.get_width()) for p in ax.patches]
    # per column: the positive bars of both rows (from the positive end so far), then the negative bars
    assert bars[:4] == [(0.0, 2.0), (0.0, 3.0), (0.0, 0.0), (0.0, 0.0)]
    assert bars[4:8] == [(2.0, 0.0), (3.0, 0.0), (0.0, -1.0), (0.0, -0.5)]
    assert bars[8:12] == [(2.0, 1.0), (3.0, 0.0), (-1.0, 0.0), (-0.5, 0.0)]
    np.testing.assert_allclose(ax.collections[0].get_offsets(), [[2.0, 0], [2.5, 1]])
    assert [(t.get_text(), t.xy) for t in ax.texts] == [("2.00 %", (3.0, 0)), ("2.50 %", (3.0, 1))]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Base", "High"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Sum", "Up", "Down", "More"]  # matplotlib lists the markers before the bars
    assert ax.yaxis_inverted()
    assert ax.get_xlim() == (-1.0 * 1.3 - 0.2, 3.0 * 1.2)
    plt.close(fig)


def test_without_total_and_on_given_axes():
    fig, ax = plt.subplots()
    assert plot_diverging_bars(DATA, ax=ax) is fig
    assert not ax.texts and not ax.collections
    assert [t.get_text() for t in ax.get_yticklabels()] == ["base", "high"]
    plt.close(fig)
