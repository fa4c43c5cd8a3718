"""Tests for figures.with_without: three lines named by the columns, the band between the last two."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from infantile_spasms_market.figures.with_without import plot_with_without

DATA = pd.DataFrame(
    {"Without": [100.0, 104.0, 108.0], "With": [100.0, 110.0, 120.0], "Rest": [100.0, 102.0, 104.0]}, index=[2028, 2029, 2030]
)


def test_lines_band_and_legend():
    fig = plot_with_without(DATA, band_label="Added", marks={"launch": 2029}, title="T")
    ax = fig.axes[0]
    labelled = {line.get_label(): line for line in ax.get_lines()}
    np.testing.assert_allclose(labelled["Without"].get_ydata(), [100, 104, 108])
    np.testing.assert_allclose(labelled["With"].get_ydata(), [100, 110, 120])
    assert labelled["Rest"].get_linestyle() == "--"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Without", "With", "Added", "Rest"]
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].max() == 120 and band[:, 1].min() == 100
    assert [t.get_text() for t in ax.texts] == [" launch"]
    assert ax.texts[0].get_position() == (2029.05, 100.0)
    assert ax.get_title() == "T"
    plt.close(fig)


def test_draws_on_the_given_axes():
    fig, ax = plt.subplots()
    assert plot_with_without(DATA, ax=ax) is fig
    assert len(ax.get_lines()) == 3
    plt.close(fig)
