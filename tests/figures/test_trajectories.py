"""Tests for figures.trajectories: one line per column, the thick one, end labels nudged apart, the report's points."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.figures.trajectories import LABEL_GAP, plot_trajectories

DATA = pd.DataFrame(
    {"Base": [100.0, 110.0, 120.0], "High": [100.0, 115.0, 120.2], "Low": [100.0, 105.0, 110.0], "report_usd_m": [100.0, np.nan, 121.0]},
    index=[2024, 2025, 2030],
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_lines_highlight_points_and_legend():
    ax = plot_trajectories(DATA, points="report_usd_m", highlight=0, labels=["Base (this build)", "High", "Low"], title="T").axes[0]
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["Base (this build)", "High", "Low"]
    np.testing.assert_allclose(lines[1].get_ydata(), [100, 115, 120.2])
    assert [line.get_linewidth() for line in lines] == [3.2, 1.8, 1.8]
    np.testing.assert_allclose(ax.collections[0].get_offsets(), [[2024, 100], [2030, 121]])
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == "The report's published values"
    assert ax.get_xlim() == (2023.7, 2031.0)
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("T", "Year", "USD million")
    assert not [t for t in ax.texts if t.get_text().startswith("Report")]  # points not written unless asked


def test_end_labels_are_nudged_apart():
    ax = plot_trajectories(DATA.drop(columns="report_usd_m")).axes[0]
    placed = {t.get_text(): t.xyann[1] for t in ax.texts}
    gap = LABEL_GAP * (120.2 - 100.0)
    assert placed["110.00"] == 110.0 and placed["120.00"] == 120.0
    assert placed["120.20"] == pytest.approx(120.0 + gap)


def test_points_written_and_the_axis_from_zero():
    data = DATA[["Base", "report_usd_m"]]
    ax = plot_trajectories(data, points="report_usd_m", write_points=True, highlight=0, from_zero=True).axes[0]
    written = [(t.get_text(), t.get_horizontalalignment()) for t in ax.texts if t.get_text().startswith("Report")]
    assert written == [("Report: 100.00", "left"), ("Report: 121.00", "right")]
    assert ax.get_ylim() == pytest.approx((0, 121.0 * 1.18))  # the highest point sets the top


def test_columns_may_share_a_name_and_given_axes():
    data = DATA.drop(columns="report_usd_m").set_axis(["A", "A", "B"], axis=1)
    fig, ax = plt.subplots()
    assert plot_trajectories(data, ax=ax, highlight=2) is fig
    assert [line.get_label() for line in ax.get_lines()] == ["A", "A", "B"]
    assert ax.get_lines()[2].get_linewidth() == 3.2
