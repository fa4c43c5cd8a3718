"""Scatter: a point per row in its own colour and legend entry, and a reference point with its range."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.scatter import plot_scatter
from infantile_spasms_market.figures.style import PALETTE


@pytest.fixture
def data() -> pd.DataFrame:
    return pd.DataFrame({"cagr_pct": [3.0, 6.0], "size_usd_m": [100.0, 250.0]}, index=["A", "B"])


def test_points_reference_and_limits(data):
    fig = plot_scatter(data, reference_x=(2.0, 3.5, 5.0), reference_y=150.0, reference_label="Book", xlabel="x", ylabel="y")
    ax = fig.axes[0]
    points = ax.collections[:2]
    assert [p.get_offsets().tolist() for p in points] == [[[3.0, 100.0]], [[6.0, 250.0]]]
    assert [matplotlib.colors.to_hex(p.get_facecolor()[0]).upper() for p in points] == [PALETTE[1], PALETTE[2]]
    (marker,) = [line for line in ax.lines if line.get_marker() == "s"]
    assert marker.get_xydata().tolist() == [[3.5, 150.0]]
    segments = ax.collections[-1].get_segments()
    assert segments[0].tolist() == [[2.0, 150.0], [5.0, 150.0]]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B", "Book"]
    assert ax.get_xlim() == pytest.approx((1.2, 7.6)) and ax.get_ylim() == pytest.approx((0, 300.0))
    plt.close(fig)


def test_draws_on_the_given_axes_without_a_reference(data):
    fig, ax = plt.subplots()
    assert plot_scatter(data, ax=ax) is fig
    assert len(ax.collections) == 2 and not ax.lines
    assert ax.get_xlim() == pytest.approx((2.2, 7.6)) and ax.get_ylim() == pytest.approx((0, 300.0))
    plt.close(fig)
