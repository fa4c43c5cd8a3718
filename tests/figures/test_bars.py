"""Tests of the bars family: bar charts: one value per category, lying or upright, grouped, in panels, or a range per category."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.bars import (
    TRAFFIC_LIGHTS,
    plot_bar_panels,
    plot_bars,
    plot_grouped_bars,
    plot_range_bars,
    range_text,
)
from infantile_spasms_market.figures.style import PALETTE


# --------------------------------------------------------------------------- bar panels
# Bar panels: one panel per value column, bars coloured by rating, value labels, a shared legend of ratings.

@pytest.fixture
def data() -> pd.DataFrame:
    return pd.DataFrame({"quality": ["amber", "red"], "total": [0.0, 14.5], "bottom_up": [160.6, 0.0]},
                        index=pd.Index(["a.one", "b.two"], name="path"))


def test_one_panel_per_column_with_coloured_labelled_bars(data):
    fig = plot_bar_panels(data, titles=["Total", "Bottom-up"], legend_prefix="Evidence ", title="T", xlabel="Swing")
    left, right = fig.axes
    assert [b.get_width() for b in left.patches] == [0.0, 14.5]
    assert [b.get_width() for b in right.patches] == [160.6, 0.0]
    colours = [matplotlib.colors.to_hex(b.get_facecolor()).upper() for b in left.patches]
    assert colours == [TRAFFIC_LIGHTS["amber"].upper(), TRAFFIC_LIGHTS["red"].upper()]
    assert [t.get_text() for t in left.texts] == ["no effect", "14.5 %"]
    assert [t.get_text() for t in right.texts] == ["160.6 %", "no effect"]
    assert (left.get_title(), right.get_title(), fig._suptitle.get_text()) == ("Total", "Bottom-up", "T")
    assert [t.get_text() for t in left.get_yticklabels()] == ["a.one", "b.two"]
    assert [t.get_text() for t in right.get_legend().get_texts()] == ["Evidence green", "Evidence amber", "Evidence red"]
    assert left.get_xlim() == pytest.approx((0, 14.5 * 1.3)) and right.get_xlim() == pytest.approx((0, 160.6 * 1.3))
    plt.close(fig)


def test_draws_on_the_given_axes(data):
    fig, axes = plt.subplots(1, 2, sharey=True)
    assert plot_bar_panels(data.assign(total=0.0), ax=axes, columns=["total", "bottom_up"]) is fig
    assert [b.get_width() for b in axes[0].patches] == [0.0, 0.0]
    assert axes[0].get_title() == "total" and axes[0].get_xlim() == pytest.approx((0, 1.3))
    plt.close(fig)


# --------------------------------------------------------------------------- bars
# Bars: lying or upright bars with the values of ``data``, texts at their ends, highlighted rows, a reference line.

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


def test_draws_on_the_given_axes_bars():
    fig, ax = plt.subplots()
    assert plot_bars(pd.Series([1.0], index=["a"]), ax=ax, colours="#000000") is fig
    assert hex_colours(ax.patches) == ["#000000"] and not ax.lines and ax.patches[0].get_width() == 1.0


# --------------------------------------------------------------------------- grouped bars
# plot_grouped_bars: one bar per column in each group, the first on top, notes beside the top bar.

def stages() -> pd.DataFrame:
    return pd.DataFrame({"Incident": [4.0, 10.0], "Diagnosed": [2.0, 8.0], "Treated": [1.0, 6.0]}, index=["South", "North"])


def test_first_column_on_top_of_each_group():
    ax = plot_grouped_bars(stages(), colours=["#000000", "#111111", "#222222"], height=0.25, title="T", xlabel="x").axes[0]
    incident, diagnosed, treated = ax.patches[:2], ax.patches[2:4], ax.patches[4:]
    assert [b.get_width() for b in incident] == [4.0, 10.0] and [b.get_width() for b in treated] == [1.0, 6.0]
    assert [b.get_y() + b.get_height() / 2 for b in incident] == pytest.approx([0.25, 1.25])
    assert [b.get_y() + b.get_height() / 2 for b in diagnosed] == pytest.approx([0, 1])
    assert [b.get_y() + b.get_height() / 2 for b in treated] == pytest.approx([-0.25, 0.75])
    assert to_hex(treated[0].get_facecolor()) == "#222222"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Incident", "Diagnosed", "Treated"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["South", "North"]


def test_notes_room_and_legend_options():
    ax = plot_grouped_bars(stages(), notes=["25 %", "60 %"], note_pad=0.2, room=1.2, height=0.27,
                           legend_loc="upper right", legend_title="Stage").axes[0]
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("25 %", (pytest.approx(4.2), pytest.approx(0.27))),
                                                                   ("60 %", (pytest.approx(10.2), pytest.approx(1.27)))]
    assert ax.get_xlim() == pytest.approx((0, 12.0))
    assert ax.get_legend().get_title().get_text() == "Stage"
    assert ax.get_legend()._loc == 1  # upper right


def test_the_legend_sits_outside_the_plot_by_default():
    data = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]}, index=["x", "y"])
    ax = plot_grouped_bars(data).axes[0]
    legend = ax.get_legend()
    ax.figure.canvas.draw()
    assert legend.get_window_extent().x0 >= ax.get_window_extent().x1  # right of the axes: covers no bar


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_grouped_bars(stages(), ax=ax) is fig and len(ax.patches) == 6


# --------------------------------------------------------------------------- range bars
# plot_range_bars: a bar to the high value with the low part darker, the range written beside it.

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


def test_draws_on_a_given_axes_range_bars():
    fig, ax = plt.subplots()
    assert plot_range_bars(pd.DataFrame({"lo": [1.0], "hi": [2.0]}), ax=ax) is fig and len(ax.patches) == 2
