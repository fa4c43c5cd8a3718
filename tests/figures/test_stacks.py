"""Tests of the stacks family: parts of a whole: stacked bars, columns and areas, diverging parts, a bridge, a total with and without an addition."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.stacks import (
    plot_diverging_bars,
    plot_stacked_area,
    plot_stacked_bars,
    plot_stacked_columns,
    plot_waterfall,
    plot_with_without,
)
from infantile_spasms_market.figures.style import PALETTE


# --------------------------------------------------------------------------- diverging bars
# Tests for figures.diverging_bars: positive parts right of zero, negative parts left, the sums marked and written.

DATA = pd.DataFrame({"Up": [2.0, 3.0], "Down": [-1.0, -0.5], "More": [1.0, 0.0]}, index=["base", "high"])


def test_parts_stack_away_from_zero_and_sums_are_marked():
    data = DATA.assign(total=DATA.sum(axis=1))
    fig = plot_diverging_bars(data, total="total", total_label="Sum", total_format="{:.2f} %", labels=["Base", "High"])
    ax = fig.axes[0]
    bars = [(p.get_x(), p.get_width()) for p in ax.patches]
    # per column: the positive bars of both rows (from the positive end so far), then the negative bars
    assert bars[:4] == [(0.0, 2.0), (0.0, 3.0), (0.0, 0.0), (0.0, 0.0)]
    assert bars[4:8] == [(2.0, 0.0), (3.0, 0.0), (0.0, -1.0), (0.0, -0.5)]
    assert bars[8:12] == [(2.0, 1.0), (3.0, 0.0), (-1.0, 0.0), (-0.5, 0.0)]
    np.testing.assert_allclose(ax.collections[0].get_offsets(), [[2.0, 0], [2.5, 1]])
    assert [(t.get_text(), t.xy) for t in ax.texts] == [("2.00 %", (3.0, 0)), ("2.50 %", (3.0, 1))]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Base", "High"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Sum", "Up", "Down", "More"]  # matplotlib lists the markers before the bars
    assert ax.yaxis_inverted()
    assert ax.get_xlim() == (-1.0 * 1.3 - 0.2, 3.0 * 1.2)
    plt.close(fig)


def test_without_total_and_on_given_axes():
    fig, ax = plt.subplots()
    assert plot_diverging_bars(DATA, ax=ax) is fig
    assert not ax.texts and not ax.collections
    assert [t.get_text() for t in ax.get_yticklabels()] == ["base", "high"]
    plt.close(fig)


# --------------------------------------------------------------------------- stacked area
# plot_stacked_area: the bands are the data's columns, stacked, with the last year's values written on them.

def data() -> pd.DataFrame:
    return pd.DataFrame({"A": [1.0, 2.0, 3.0], "B": [3.0, 3.0, 3.0], "C": [0.1, 0.1, 0.1]}, index=[2010, 2011, 2012])


def test_bands_are_stacked_columns_in_order_with_their_colours():
    fig = plot_stacked_area(data(), colours={"A": "#000000", "B": "#ffffff", "C": "#ff0000"}, title="By segment")
    ax = fig.axes[0]
    bands = ax.collections
    assert len(bands) == 3
    assert [to_hex(b.get_facecolor()[0]) for b in bands] == ["#000000", "#ffffff", "#ff0000"]
    top_of_b = bands[1].get_paths()[0].vertices[:, 1].max()
    assert top_of_b == pytest.approx(6.0)  # A (3) + B (3) in the last year
    assert ax.get_title() == "By segment"
    assert ax.get_ylabel() == "USD million"
    assert ax.get_ylim() == pytest.approx((0, 6.1 * 1.3))
    assert list(ax.get_xticks()) == [2010, 2011, 2012]


def test_legend_lists_the_top_band_first_and_default_colours_follow_the_palette():
    ax = plot_stacked_area(data()).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["C", "B", "A"]
    assert [to_hex(b.get_facecolor()[0]) for b in ax.collections] == [to_hex(c) for c in PALETTE[:3]]


def test_last_year_values_are_written_in_the_middle_of_bands_that_are_not_too_thin():
    ax = plot_stacked_area(data()).axes[0]
    labels = {t.get_text(): t.get_position() for t in ax.texts}
    assert set(labels) == {"3.0"}  # A and B are 3.0; C (0.1 of 6.1) is too thin for a label
    positions = sorted(t.get_position()[1] for t in ax.texts)
    assert positions == pytest.approx([1.5, 4.5])
    assert all(np.isclose(t.get_position()[0], 2012 - 0.1) for t in ax.texts)


def test_draws_on_the_axes_it_is_given():
    fig, ax = plt.subplots()
    assert plot_stacked_area(data(), ax=ax) is fig
    assert len(ax.collections) == 3


# --------------------------------------------------------------------------- stacked bars
# plot_stacked_bars: parts stacked left to right, bold labels, a note on empty rows.

def counts() -> pd.DataFrame:
    return pd.DataFrame({"About A": [0, 2, 1], "About B": [0, 1, 3]}, index=["none", "p", "q"])


def test_parts_stack_and_rows_run_upwards():
    ax = plot_stacked_bars(counts(), title="T", xlabel="Events", integer=True).axes[0]
    first, second = ax.patches[:3], ax.patches[3:]
    assert [b.get_width() for b in first] == [0, 2, 1]
    assert [b.get_x() for b in second] == [0, 2, 1] and [b.get_width() for b in second] == [0, 1, 3]
    assert [b.get_y() + b.get_height() / 2 for b in first] == pytest.approx([0, 1, 2])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["none", "p", "q"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["About A", "About B"]
    assert ax.get_ylim() == pytest.approx((-0.6, 2.6))
    assert ax.get_title() == "T" and ax.get_xlabel() == "Events"


def test_bold_labels_and_a_note_on_each_empty_row():
    ax = plot_stacked_bars(counts(), bold=[True, False, True], empty_note="nothing").axes[0]
    assert [t.get_fontweight() for t in ax.get_yticklabels()] == ["bold", "normal", "bold"]
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("nothing", (0.05, 0))]


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_stacked_bars(counts(), ax=ax) is fig and len(ax.patches) == 6


# --------------------------------------------------------------------------- stacked columns
# Tests for figures.stacked_bars (vertical): parts stacked, large parts labelled, tick labels, room on top.

DATA_STACKED_COLUMNS = pd.DataFrame({"ACTH": [60.0, 40.0], "Vigabatrin": [30.0, 45.0], "Others": [5.0, 20.0]}, index=["base", "low"])


def test_parts_stack_and_large_ones_are_labelled():
    fig = plot_stacked_columns(DATA_STACKED_COLUMNS, labels=["Base", "Low"], ylabel="USD million", title="T")
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
    assert plot_stacked_columns(DATA_STACKED_COLUMNS, ax=ax, value_format="{:.1f}", min_share=0.5) is fig
    assert [t.get_text() for t in ax.get_xticklabels()] == ["base", "low"]
    assert [t.get_text() for t in ax.texts] == ["60.0"]
    plt.close(fig)


# --------------------------------------------------------------------------- waterfall
# plot_waterfall: from the first total through signed steps to the last total.

def waterfall_data() -> pd.DataFrame:
    return pd.DataFrame({"step": ["2010", "Up a lot", "Down", "2013"], "change_usd_m": [100.0, 30.0, -10.0, 120.0]})


def test_bars_float_from_one_level_to_the_next():
    ax = plot_waterfall(waterfall_data()).axes[0]
    bars = ax.patches
    assert [b.get_height() for b in bars] == pytest.approx([100.0, 30.0, 10.0, 120.0])
    assert [b.get_y() for b in bars] == pytest.approx([0.0, 100.0, 120.0, 0.0])
    expected = [PALETTE[0], PALETTE[2], PALETTE[5], PALETTE[0]]
    assert [to_hex(b.get_facecolor()) for b in bars] == [to_hex(c) for c in expected]


def test_totals_and_signed_changes_are_written_on_top():
    ax = plot_waterfall(waterfall_data()).axes[0]
    assert [t.get_text() for t in ax.texts] == ["100.0", "+30.00", "-10.00", "120.0"]
    assert ax.texts[1].get_position() == pytest.approx((1, 130.6))


def test_value_axis_starts_near_the_lowest_level_and_says_so():
    ax = plot_waterfall(waterfall_data(), title="Bridge").axes[0]
    assert ax.get_ylim() == pytest.approx((90.0, 120.0 * 1.06))
    assert ax.get_ylabel() == "USD million (axis from 90)"
    assert ax.get_title() == "Bridge"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2010", "Up\na lot", "Down", "2013"]


def test_draws_on_the_axes_it_is_given_waterfall():
    fig, ax = plt.subplots()
    assert plot_waterfall(waterfall_data(), ax=ax) is fig
    assert len(ax.patches) == 4


# --------------------------------------------------------------------------- with without
# Tests for figures.with_without: three lines named by the columns, the band between the last two.

DATA_WITH_WITHOUT = pd.DataFrame(
    {"Without": [100.0, 104.0, 108.0], "With": [100.0, 110.0, 120.0], "Rest": [100.0, 102.0, 104.0]}, index=[2028, 2029, 2030]
)


def test_lines_band_and_legend():
    fig = plot_with_without(DATA_WITH_WITHOUT, band_label="Added", marks={"launch": 2029}, title="T")
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
    assert plot_with_without(DATA_WITH_WITHOUT, ax=ax) is fig
    assert len(ax.get_lines()) == 3
    plt.close(fig)
