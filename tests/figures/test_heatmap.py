"""Tests for figures.heatmap: the cells, their written values, the outlined cell and the labels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from infantile_spasms_market.figures.heatmap import plot_heatmap

DATA = pd.DataFrame([[4.0, 2.0], [1.0, 0.0]], index=[2e6, 1e6], columns=[2028, 2029])


def test_cells_values_and_highlight():
    fig = plot_heatmap(DATA, highlight=(1e6, 2028), row_labels=["2.00", "1.00"], title="T", colorbar_label="C")
    ax = fig.axes[0]
    np.testing.assert_allclose(ax.images[0].get_array(), DATA.to_numpy())
    texts = {t.get_text(): t for t in ax.texts}
    assert list(texts) == ["4.0", "2.0", "1.0", "0.0"]
    assert texts["1.0"].get_fontweight() == "bold" and texts["4.0"].get_fontweight() == "normal"
    assert texts["4.0"].get_color() == "white" and texts["1.0"].get_color() == "#222222"
    outline = ax.patches[0]
    assert outline.get_xy() == (-0.5, 0.5)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2028", "2029"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2.00", "1.00"]
    assert fig.axes[1].get_ylabel() == "C"
    plt.close(fig)


def test_default_row_labels_and_given_axes():
    fig, ax = plt.subplots()
    assert plot_heatmap(DATA, ax=ax, value_format="{:.0f}") is fig
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2000000.0", "1000000.0"]
    assert [t.get_text() for t in ax.texts] == ["4", "2", "1", "0"]
    assert not ax.patches
    plt.close(fig)
