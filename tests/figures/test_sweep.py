"""Sweep: the output line against its input, with the target line, the band, the marked points and the ticks."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.sweep import plot_sweep


@pytest.fixture
def data() -> pd.Series:
    return pd.Series([10.0, 20.0, 30.0], index=[0.2, 0.4, 0.6])


def test_line_target_points_and_legend(data):
    labels = {"band": "Band", "line": "Line", "target": "Target", "current": "Now", "crossing": "Meet", "ticks": "Ticks"}
    fig = plot_sweep(data, target=25.0, band=(0.3, 0.5), current=(0.4, 20.0), crossing=(0.5, 25.0), ticks=[0.35, 0.45],
                     labels=labels, xlabel="x", ylabel="y", title="t")
    ax = fig.axes[0]
    line, target, ticks = ax.lines
    assert line.get_xdata().tolist() == [0.2, 0.4, 0.6] and line.get_ydata().tolist() == [10.0, 20.0, 30.0]
    assert list(target.get_ydata()) == [25.0, 25.0]
    assert ticks.get_xdata().tolist() == [0.35, 0.45] and ticks.get_ydata().tolist() == pytest.approx([9.2, 9.2])
    assert [c.get_offsets().tolist() for c in ax.collections] == [[[0.4, 20.0]], [[0.5, 25.0]]]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Band", "Line", "Target", "Now", "Meet", "Ticks"]
    assert ax.get_ylim() == pytest.approx((8.5, 31.5))
    plt.close(fig)


def test_draws_on_the_given_axes_with_the_line_alone(data):
    fig, ax = plt.subplots()
    assert plot_sweep(data, ax=ax, labels={"line": "Output"}) is fig
    assert len(ax.lines) == 1 and not ax.collections and not ax.patches
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Output"]
    plt.close(fig)
