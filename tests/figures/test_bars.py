"""Bars: lying or upright bars with the values of ``data``, texts at their ends, highlighted rows, a reference line."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.bars import plot_bars
from infantile_spasms_market.figures.style import PALETTE


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def hex_colours(patches) -> list[str]:
    return [matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in patches]


def test_lying_bars_first_entry_at_the_bottom_with_formatted_values():
    data = pd.Series([3.25, 10.0], index=["a", "b"])
    ax = plot_bars(data, colours="#009E73", fmt="{:.1f} %", pad=0.5, lim=(0, 32), title="T", xlabel="%").axes[0]
    assert [b.get_width() for b in ax.patches] == [3.25, 10.0]
    assert [b.get_y() + b.get_height() / 2 for b in ax.patches] == [0, 1]
    assert hex_colours(ax.patches) == ["#009E73"] * 2
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("3.2 %", (3.75, 0)), ("10.0 %", (10.5, 1))]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert ax.get_xlim() == (0, 32) and ax.get_xlabel() == "%" and ax.get_title() == "T"
    assert not any(line.get_visible() for line in ax.yaxis.get_gridlines())  # no grid line through the bars


def test_no_texts_unless_asked():
    ax = plot_bars(pd.Series([1.0, 2.0], index=["a", "b"])).axes[0]
    assert not ax.texts


def test_log_axis_pads_by_a_factor_and_colours_per_bar():
    data = pd.Series([100.0, 10000.0], index=["cheap", "dear"])
    ax = plot_bars(data, colours=["#999999", "#0072B2"], texts=["USD 100 (assumed)", "USD 10,000"], pad=1.15, log=True,
                   lim=(50, 400000)).axes[0]
    assert ax.get_xscale() == "log"
    assert [t.get_position()[0] for t in ax.texts] == pytest.approx([115.0, 11500.0])
    assert [t.get_text() for t in ax.texts] == ["USD 100 (assumed)", "USD 10,000"]
    assert hex_colours(ax.patches) == ["#999999", "#0072B2"]
    assert ax.xaxis.get_major_formatter()(100000.0, 0) == "100,000"


def test_upright_bars_with_text_above():
    data = pd.Series([78.0, 18.0], index=["2006", "2020"])
    ax = plot_bars(data, vertical=True, width=0.5, fmt="{:.0f} %", pad=2, fontsize=12, lim=(0, 100), ylabel="%").axes[0]
    assert [b.get_height() for b in ax.patches] == [78.0, 18.0] and ax.patches[0].get_width() == 0.5
    assert [(t.get_text(), t.get_position()[1]) for t in ax.texts] == [("78 %", 80.0), ("18 %", 20.0)]
    assert ax.texts[0].get_fontsize() == 12
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2006", "2020"]
    assert ax.get_ylim() == (0, 100) and ax.get_ylabel() == "%"


def test_upright_bars_in_scientific_notation():
    data = pd.Series([2e-9, 5e-9], index=["Region", "Country"])
    fig = plot_bars(data, vertical=True, scientific=True, ylabel="USD", xlabel="View", title="T")
    ax = fig.axes[0]
    assert [p.get_height() for p in ax.patches] == [2e-9, 5e-9]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Region", "Country"]
    fig.canvas.draw()
    assert ax.yaxis.get_offset_text().get_text().startswith("1e")  # values written as multiples of 1e-9
    assert (ax.get_ylabel(), ax.get_xlabel(), ax.get_title()) == ("USD", "View", "T")


def test_highlight_and_reference():
    data = pd.Series([0.8, 0.4, 1.2], index=["Global", "Europe", "North America"])
    ax = plot_bars(data, highlight={"Global": PALETTE[1]}, reference=1.0).axes[0]
    assert hex_colours(ax.patches) == [PALETTE[1], PALETTE[0], PALETTE[0]]
    assert list(ax.lines[0].get_xdata()) == [1.0, 1.0] and ax.lines[0].get_linestyle() == "--"


def test_draws_on_the_given_axes():
    fig, ax = plt.subplots()
    assert plot_bars(pd.Series([1.0], index=["a"]), ax=ax, colours="#000000") is fig
    assert hex_colours(ax.patches) == ["#000000"] and not ax.lines and ax.patches[0].get_width() == 1.0
