"""plot_range_bars: a bar to the high value with the low part darker, the range written beside it."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.range_bars import plot_range_bars, range_text


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_range_text():
    assert range_text(30, 70) == "30-70 %" and range_text(12.5, 12.5) == "12.5 %" and range_text(1, 2, unit="") == "1-2"


def test_high_then_low_bars_with_their_texts():
    data = pd.DataFrame({"low_pct": [12.5, 30.0], "high_pct": [12.5, 70.0]}, index=["Genetic", "MRI"])
    ax = plot_range_bars(data, colours=("#aaaaaa", "#000000"), xlim=(0, 85), title="T", xlabel="%").axes[0]
    high, low = ax.patches[:2], ax.patches[2:]
    assert [b.get_width() for b in high] == [12.5, 70.0] and [b.get_width() for b in low] == [12.5, 30.0]
    assert to_hex(high[0].get_facecolor()) == "#aaaaaa" and to_hex(low[0].get_facecolor()) == "#000000"
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("12.5 %", (14.0, 0)), ("30-70 %", (71.5, 1))]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Genetic", "MRI"]
    assert ax.get_xlim() == (0, 85) and ax.get_title() == "T" and ax.get_legend() is None


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_range_bars(pd.DataFrame({"lo": [1.0], "hi": [2.0]}), ax=ax) is fig and len(ax.patches) == 2
