"""plot_paired_bars: two bars per category, the first above, notes beside each pair."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.paired_bars import plot_paired_bars


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def pairs() -> pd.DataFrame:
    return pd.DataFrame({2001: [1.0, 2.0], 2005: [3.0, 0.5], "who": ["a, b", "c"]}, index=["X", "Y"])


def test_first_column_above_second_below_legend_by_column():
    fig = plot_paired_bars(pairs(), colours=("#000000", "#ffffff"), title="Pairs", room=1.25, legend_size=12)
    ax = fig.axes[0]
    first, second = ax.patches[:2], ax.patches[2:]
    assert [b.get_width() for b in first] == [1.0, 2.0] and [b.get_width() for b in second] == [3.0, 0.5]
    assert [b.get_y() + b.get_height() / 2 for b in first] == pytest.approx([0.2, 1.2])
    assert [b.get_y() + b.get_height() / 2 for b in second] == pytest.approx([-0.2, 0.8])
    assert to_hex(first[0].get_facecolor()) == "#000000" and to_hex(second[0].get_facecolor()) == "#ffffff"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["X", "Y"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2001", "2005"]
    assert ax.get_legend().get_texts()[0].get_fontsize() == 12
    assert ax.get_xlim() == pytest.approx((0, 3.0 * 1.25))
    assert ax.get_title() == "Pairs" and ax.get_xlabel() == "USD million"


def test_notes_right_of_the_longer_bar_with_their_style():
    ax = plot_paired_bars(pairs(), notes=pairs()["who"], note_style={"color": "#333333"}).axes[0]
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("a, b", (4.0, 0)), ("c", (3.0, 1))]
    assert to_hex(ax.texts[0].get_color()) == "#333333" and ax.texts[0].get_fontsize() == 11


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_paired_bars(pairs(), ax=ax) is fig
    assert len(ax.patches) == 4
