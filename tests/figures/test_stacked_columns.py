"""Tests for figures.stacked_bars (vertical): parts stacked, large parts labelled, tick labels, room on top."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd

from infantile_spasms_market.figures.stacked_columns import plot_stacked_columns

DATA = pd.DataFrame({"ACTH": [60.0, 40.0], "Vigabatrin": [30.0, 45.0], "Others": [5.0, 20.0]}, index=["base", "low"])


def test_parts_stack_and_large_ones_are_labelled():
    fig = plot_stacked_columns(DATA, labels=["Base", "Low"], ylabel="USD million", title="T")
    ax = fig.axes[0]
    assert [(p.get_y(), p.get_height()) for p in ax.patches] == [
        (0.0, 60.0), (0.0, 40.0), (60.0, 30.0), (40.0, 45.0), (90.0, 5.0), (85.0, 20.0)
    ]
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [
        ("60", (0, 30.0)), ("40", (1, 20.0)), ("30", (0, 75.0)), ("45", (1, 62.5)), ("20", (1, 95.0))
    ]  # 5 is below 8 % of the tallest bar (105): not written
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Base", "Low"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["ACTH", "Vigabatrin", "Others"]
    assert ax.get_ylim() == (0, 105.0 * 1.2)
    plt.close(fig)


def test_default_labels_format_and_given_axes():
    fig, ax = plt.subplots()
    assert plot_stacked_columns(DATA, ax=ax, value_format="{:.1f}", min_share=0.5) is fig
    assert [t.get_text() for t in ax.get_xticklabels()] == ["base", "low"]
    assert [t.get_text() for t in ax.texts] == ["60.0"]
    plt.close(fig)
