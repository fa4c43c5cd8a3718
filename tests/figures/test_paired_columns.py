"""Paired bars: two bars per category with the values of ``data``, notes over the second, wrapped tick labels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.paired_columns import plot_paired_columns


@pytest.fixture
def data() -> pd.DataFrame:
    return pd.DataFrame({"top": [10.0, 4.0], "bottom": [5.0, 8.0]}, index=["North America", "Middle East & Africa"])


def test_bars_have_the_values_of_each_column_side_by_side(data):
    fig = plot_paired_columns(data, width=0.4)
    ax = fig.axes[0]
    first, second = ax.containers
    assert [b.get_height() for b in first] == [10.0, 4.0]
    assert [b.get_height() for b in second] == [5.0, 8.0]
    assert [b.get_x() + b.get_width() / 2 for b in first] == pytest.approx([-0.2, 0.8])
    assert [b.get_x() + b.get_width() / 2 for b in second] == pytest.approx([0.2, 1.2])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["top", "bottom"]
    assert ax.get_ylim() == pytest.approx((0, 12.0))
    plt.close(fig)


def test_notes_sit_over_the_second_bar_and_long_labels_wrap(data):
    fig = plot_paired_columns(data, notes=["50 %", "200 %"], names=["Top-down", "Bottom-up"], title="T", ylabel="USD")
    ax = fig.axes[0]
    notes = [(t.get_text(), t.xy) for t in ax.texts]
    assert notes == [("50 %", (pytest.approx(0.19), 5.0)), ("200 %", (pytest.approx(1.19), 8.0))]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["North America", "Middle East &\nAfrica"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Top-down", "Bottom-up"]
    assert (ax.get_title(), ax.get_ylabel()) == ("T", "USD")
    plt.close(fig)


def test_draws_on_the_given_axes_and_refuses_other_shapes(data):
    fig, (left, right) = plt.subplots(1, 2)
    assert plot_paired_columns(data, ax=right) is fig
    assert len(right.patches) == 4 and not left.patches
    with pytest.raises(ValueError, match="exactly two columns"):
        plot_paired_columns(data.assign(third=1.0), ax=left)
    plt.close(fig)
