"""Tests for figures.uptake_curves: the curves, the dots, the yearly gains and the marks are drawn as given."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.figures.uptake_curves import plot_uptake_curves


@pytest.fixture
def yearly():
    return pd.DataFrame({"a": [0.0, 10.0, 25.0, 30.0], "b": [0.0, 12.0, 22.0, 29.0]}, index=[2028, 2029, 2030, 2031])


def test_draws_the_curves_the_dots_and_the_gains(yearly):
    fig = plot_uptake_curves(yearly, labels=["A", "B"], curve_labels=["A curve", "B curve"])
    left, right = fig.axes
    lines = [line for line in left.get_lines() if line.get_label() in ("A curve", "B curve")]
    assert [line.get_label() for line in lines] == ["A curve", "B curve"]
    np.testing.assert_allclose(lines[1].get_ydata(), [0, 12, 22, 29])
    assert lines[1].get_linestyle() == "--"
    dots = [line for line in left.get_lines() if line.get_marker() == "o"]
    np.testing.assert_allclose(dots[0].get_ydata(), [0, 10, 25, 30])
    heights = [round(p.get_height(), 9) for p in right.patches]
    assert heights == [0.0, 10.0, 15.0, 5.0, 0.0, 12.0, 10.0, 7.0]
    assert [t.get_text() for t in right.get_legend().get_texts()] == ["A", "B"]
    assert left.get_ylim()[1] == pytest.approx(1.15 * 30)
    plt.close(fig)


def test_smooth_curves_marks_and_top(yearly):
    fine = pd.DataFrame({"a": np.linspace(0, 30, 50), "b": np.linspace(0, 29, 50)}, index=np.linspace(2026, 2031, 50))
    fig = plot_uptake_curves(yearly, smooth=fine, marks={"launch": 2028}, top=40)
    left = fig.axes[0]
    assert len(left.get_lines()[0].get_xdata()) == 50
    assert left.get_ylim() == (0, 40)
    assert [t.get_text() for t in left.texts] == ["launch"]
    assert any(list(line.get_xdata()) == [2028, 2028] for line in left.get_lines())
    plt.close(fig)


def test_draws_on_the_given_axes(yearly):
    fig, axes = plt.subplots(1, 2)
    assert plot_uptake_curves(yearly, ax=axes) is fig
    assert len(axes[0].get_lines()) == 3 and len(axes[1].patches) == 8
    plt.close(fig)
