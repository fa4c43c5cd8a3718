"""plot_labelled_bars: bars with their values written at the end, horizontal or vertical, linear or log."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.labelled_bars import plot_labelled_bars, thousands


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_horizontal_bars_with_formatted_values():
    data = pd.Series([3.25, 10.0], index=["a", "b"])
    ax = plot_labelled_bars(data, colours="#009e73", fmt="{:.1f} %", pad=0.5, lim=(0, 32), title="T", label="%").axes[0]
    assert [b.get_width() for b in ax.patches] == [3.25, 10.0]
    assert to_hex(ax.patches[0].get_facecolor()) == "#009e73"
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("3.2 %", (3.75, 0)), ("10.0 %", (10.5, 1))]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert ax.get_xlim() == (0, 32) and ax.get_xlabel() == "%" and ax.get_title() == "T"


def test_log_axis_pads_by_a_factor_and_colours_per_bar():
    data = pd.Series([100.0, 10000.0], index=["cheap", "dear"])
    ax = plot_labelled_bars(data, colours=["#999999", "#0072b2"], texts=["USD 100 (assumed)", "USD 10,000"], pad=1.15, log=True,
                            lim=(50, 400000)).axes[0]
    assert ax.get_xscale() == "log"
    assert [t.get_position()[0] for t in ax.texts] == pytest.approx([115.0, 11500.0])
    assert [t.get_text() for t in ax.texts] == ["USD 100 (assumed)", "USD 10,000"]
    assert [to_hex(b.get_facecolor()) for b in ax.patches] == ["#999999", "#0072b2"]
    assert thousands(100000.0) == "100,000"


def test_vertical_bars_with_text_above():
    data = pd.Series([78.0, 18.0], index=["2006", "2020"])
    ax = plot_labelled_bars(data, vertical=True, width=0.5, fmt="{:.0f} %", pad=2, fontsize=12, lim=(0, 100), label="%").axes[0]
    assert [b.get_height() for b in ax.patches] == [78.0, 18.0] and ax.patches[0].get_width() == 0.5
    assert [(t.get_text(), t.get_position()[1]) for t in ax.texts] == [("78 %", 80.0), ("18 %", 20.0)]
    assert ax.texts[0].get_fontsize() == 12
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2006", "2020"]
    assert ax.get_ylim() == (0, 100) and ax.get_ylabel() == "%"


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_labelled_bars(pd.Series([1.0], index=["a"]), ax=ax) is fig and len(ax.patches) == 1
