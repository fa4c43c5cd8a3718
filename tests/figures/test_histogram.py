"""Tests for figures.histogram: the bins as drawn, the marks with their values, the reference lines."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.figures.histogram import plot_histogram

BINS = pd.DataFrame({"bin_low_usd_m": [1.0, 2.0, 3.0], "bin_high_usd_m": [2.0, 3.0, 4.0], "draws": [5, 20, 10]})


def test_bins_marks_and_lines():
    fig = plot_histogram(BINS, marks={"P5": 1.5, "Median": 2.5}, lines={"Scenario": 2.6, "Report": 3.1}, xlabel="X")
    ax = fig.axes[0]
    step = ax.patches[0]
    np.testing.assert_allclose(step.get_data().values, [5, 20, 10])
    np.testing.assert_allclose(step.get_data().edges, [1, 2, 3, 4])
    assert [t.get_text() for t in ax.texts] == ["P5\n1.5", "Median\n2.5"]
    assert ax.texts[0].xy == (1.5, 21.0)
    labelled = {line.get_label(): line for line in ax.get_lines()}
    assert labelled["Scenario"].get_linestyle() == "--" and labelled["Scenario"].get_color() == "black"
    assert list(labelled["Report"].get_xdata()) == [3.1, 3.1]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Draws", "Scenario", "Report"]
    assert ax.get_ylim() == (0, 26.0)
    plt.close(fig)


def test_refuses_three_reference_lines_and_draws_on_given_axes():
    with pytest.raises(ValueError, match="at most 2 reference lines"):
        plot_histogram(BINS, lines={"a": 1, "b": 2, "c": 3})
    fig, ax = plt.subplots()
    assert plot_histogram(BINS, ax=ax) is fig
    assert len(ax.patches) == 1 and not ax.texts
    plt.close(fig)
