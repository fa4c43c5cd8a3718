"""Dot and arrow: a dot where each row is, an arrow and dot where it must go, a dashed arrow to the ceiling when out of reach."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.figures.dot_arrow import plot_dot_arrow
from infantile_spasms_market.figures.spread import overlapping


@pytest.fixture
def data() -> pd.DataFrame:
    return pd.DataFrame({"now": [90.0, 55.0, 35.0], "needed": [98.0, np.nan, 86.0]}, index=["A", "B", "C"])


def test_dots_arrows_and_the_unreachable_note(data):
    fig = plot_dot_arrow(data, names=["Now", "Needed"], unreachable="out of reach", xlim=(0, 150), xticks=[0, 50, 100])
    ax = fig.axes[0]
    starts, *targets = ax.collections
    assert starts.get_offsets().tolist() == [[90.0, 0.0], [55.0, 1.0], [35.0, 2.0]]
    assert [t.get_offsets().tolist() for t in targets] == [[[98.0, 0.0]], [[86.0, 2.0]]]
    arrows = [(a.xy, a.xyann) for a in ax.texts if a.get_text() == ""]
    assert arrows == [((98.0, 0), (90.0, 0)), ((100.0, 1), (55.0, 1)), ((86.0, 2), (35.0, 2))]
    assert [(a.get_text(), a.xy) for a in ax.texts if a.get_text()] == [("out of reach", (100.0, 1))]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Now", "Needed"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B", "C"]
    assert ax.yaxis_inverted() and ax.get_xlim() == (0, 150)
    plt.close(fig)


def test_draws_on_the_given_axes(data):
    fig, ax = plt.subplots()
    assert plot_dot_arrow(data, ax=ax, ceiling=120) is fig
    assert [a.xy for a in ax.texts if a.get_text() == ""][1] == (120, 1)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["now", "needed"]
    plt.close(fig)


def test_the_legend_sits_above_the_plot_clear_of_every_dot_and_note(data):
    fig = plot_dot_arrow(data.assign(needed=[98.0, np.nan, 99.0]), names=["Now", "Needed"], xlim=(0, 150), title="T")
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.y0 >= ax.get_window_extent(renderer).y1  # above the axes
    dots = np.vstack([ax.transData.transform(c.get_offsets()) for c in ax.collections])
    assert not any(legend.contains(x, y) for x, y in dots)
    notes = [t for t in ax.texts if t.get_text()]
    assert overlapping([ax.get_legend(), ax.title, *notes], renderer) == []
    plt.close(fig)
