"""Tests for figures.fan: the two bands, the median, the reference line, the published points, the end labels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from infantile_spasms_market.figures.fan import plot_fan

DATA = pd.DataFrame(
    {"P5": [100.0, 100.0, 90.0], "P25": [100.0, 100.0, 95.0], "P50": [100.0, 100.0, 99.0], "P75": [100.0, 100.0, 104.0],
     "P95": [100.0, 100.0, 110.0], "scenario": [100.0, 100.0, 100.0], "report": [100.0, np.nan, 101.0]},
    index=[2024, 2025, 2030],
)


def test_bands_median_reference_and_points():
    fig = plot_fan(DATA, reference="scenario", reference_label="Scenario 'base'", points="report", title="T")
    ax = fig.axes[0]
    outer, inner, published = ax.collections
    assert outer.get_paths()[0].vertices[:, 1].max() == 110 and outer.get_paths()[0].vertices[:, 1].min() == 90
    assert inner.get_paths()[0].vertices[:, 1].max() == 104
    np.testing.assert_allclose(published.get_offsets(), [[2024, 100], [2030, 101]])
    median, reference = ax.get_lines()
    np.testing.assert_allclose(median.get_ydata(), [100, 100, 99])
    assert reference.get_linestyle() == "--"
    assert [t.get_text() for t in ax.texts] == ["P5 90.0", "P50 99.0", "P95 110.0"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "P5 to P95 (nine draws in ten)", "P25 to P75 (half the draws)", "Median of the draws", "Scenario 'base'",
        "The report's published values",
    ]
    assert ax.get_xlim() == (2023.8, 2031.0)
    plt.close(fig)


def test_percentiles_only_on_given_axes():
    fig, ax = plt.subplots()
    assert plot_fan(DATA, ax=ax, annotate=("P50",)) is fig
    assert len(ax.get_lines()) == 1 and len(ax.collections) == 2
    assert [t.get_text() for t in ax.texts] == ["P50 99.0"]
    plt.close(fig)
