"""Tests of the distributions family: uncertainty and sensitivity: histograms, fan charts, tornadoes, sweeps and heat maps."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.figures.distributions import (
    NAMES,
    ROOM,
    plot_fan,
    plot_heatmap,
    plot_histogram,
    plot_sweep,
    plot_tornado,
)


# --------------------------------------------------------------------------- fan
# Tests for figures.fan: the two bands, the median, the reference line, the published points, the end labels.

DATA = pd.DataFrame(
    {"P5": [100.0, 100.0, 90.0], "P25": [100.0, 100.0, 95.0], "P50": [100.0, 100.0, 99.0], "P75": [100.0, 100.0, 104.0],
     "P95": [100.0, 100.0, 110.0], "scenario": [100.0, 100.0, 100.0], "report": [100.0, np.nan, 101.0]},
    index=[2024, 2025, 2030],
)


def test_bands_median_reference_and_points():
    fig = plot_fan(DATA, reference="scenario", reference_label="Scenario 'base'", points="report", title="T")
    ax = fig.axes[0]
    outer, inner, published = ax.collections
    assert outer.get_paths()[0].vertices[:, 1].max() == 110 and outer.get_paths()[0].vertices[:, 1].min() == 90
    assert inner.get_paths()[0].vertices[:, 1].max() == 104
    np.testing.assert_allclose(published.get_offsets(), [[2024, 100], [2030, 101]])
    median, reference = ax.get_lines()
    np.testing.assert_allclose(median.get_ydata(), [100, 100, 99])
    assert reference.get_linestyle() == "--"
    assert [t.get_text() for t in ax.texts] == ["P5 90.0", "P50 99.0", "P95 110.0"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "P5 to P95 (nine draws in ten)", "P25 to P75 (half the draws)", "Median of the draws", "Scenario 'base'",
        "The report's published values",
    ]
    assert ax.get_xlim() == (2023.8, 2031.0)
    plt.close(fig)


def test_percentiles_only_on_given_axes():
    fig, ax = plt.subplots()
    assert plot_fan(DATA, ax=ax, annotate=("P50",)) is fig
    assert len(ax.get_lines()) == 1 and len(ax.collections) == 2
    assert [t.get_text() for t in ax.texts] == ["P50 99.0"]
    plt.close(fig)


# --------------------------------------------------------------------------- heatmap
# Tests for figures.heatmap: the cells, their written values, the outlined cell and the labels.

DATA_HEATMAP = pd.DataFrame([[4.0, 2.0], [1.0, 0.0]], index=[2e6, 1e6], columns=[2028, 2029])


def test_cells_values_and_highlight():
    fig = plot_heatmap(DATA_HEATMAP, highlight=(1e6, 2028), row_labels=["2.00", "1.00"], title="T", colorbar_label="C")
    ax = fig.axes[0]
    np.testing.assert_allclose(ax.images[0].get_array(), DATA_HEATMAP.to_numpy())
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
    assert plot_heatmap(DATA_HEATMAP, ax=ax, value_format="{:.0f}") is fig
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2000000.0", "1000000.0"]
    assert [t.get_text() for t in ax.texts] == ["4", "2", "1", "0"]
    assert not ax.patches
    plt.close(fig)


# --------------------------------------------------------------------------- histogram
# Tests for figures.histogram: the bins as drawn, the marks with their values, the reference lines.

BINS = pd.DataFrame({"bin_low_usd_m": [1.0, 2.0, 3.0], "bin_high_usd_m": [2.0, 3.0, 4.0], "draws": [5, 20, 10]})


def test_bins_marks_and_lines():
    fig = plot_histogram(BINS, marks={"P5": 1.5, "Median": 2.5}, lines={"Scenario": 2.6, "Report": 3.1}, xlabel="X")
    ax = fig.axes[0]
    step = ax.patches[0]
    np.testing.assert_allclose(step.get_data().values, [5, 20, 10])
    np.testing.assert_allclose(step.get_data().edges, [1, 2, 3, 4])
    assert [t.get_text() for t in ax.texts] == ["P5\n1.5", "Median\n2.5"]
    assert ax.texts[0].xy == (1.5, 21.0)
    labelled = {line.get_label(): line for line in ax.get_lines()}
    assert labelled["Scenario"].get_linestyle() == "--" and labelled["Scenario"].get_color() == "black"
    assert list(labelled["Report"].get_xdata()) == [3.1, 3.1]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Draws", "Scenario", "Report"]
    assert ax.get_ylim() == (0, 26.0)
    plt.close(fig)


def test_refuses_three_reference_lines_and_draws_on_given_axes():
    with pytest.raises(ValueError, match="at most 2 reference lines"):
        plot_histogram(BINS, lines={"a": 1, "b": 2, "c": 3})
    fig, ax = plt.subplots()
    assert plot_histogram(BINS, ax=ax) is fig
    assert len(ax.patches) == 1 and not ax.texts
    plt.close(fig)


# --------------------------------------------------------------------------- sweep
# Sweep: the output line against its input, with the target line, the band, the marked points and the ticks.

@pytest.fixture
def data() -> pd.Series:
    return pd.Series([10.0, 20.0, 30.0], index=[0.2, 0.4, 0.6])


def test_line_target_points_and_legend(data):
    labels = {"band": "Band", "line": "Line", "target": "Target", "current": "Now", "crossing": "Meet", "ticks": "Ticks"}
    fig = plot_sweep(data, target=25.0, band=(0.3, 0.5), current=(0.4, 20.0), crossing=(0.5, 25.0), ticks=[0.35, 0.45],
                     labels=labels, xlabel="x", ylabel="y", title="t")
    ax = fig.axes[0]
    line, target, ticks = ax.lines
    assert line.get_xdata().tolist() == [0.2, 0.4, 0.6] and line.get_ydata().tolist() == [10.0, 20.0, 30.0]
    assert list(target.get_ydata()) == [25.0, 25.0]
    assert ticks.get_xdata().tolist() == [0.35, 0.45] and ticks.get_ydata().tolist() == pytest.approx([9.2, 9.2])
    assert [c.get_offsets().tolist() for c in ax.collections] == [[[0.4, 20.0]], [[0.5, 25.0]]]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Band", "Line", "Target", "Now", "Meet", "Ticks"]
    assert ax.get_ylim() == pytest.approx((8.5, 31.5))
    plt.close(fig)


def test_draws_on_the_given_axes_with_the_line_alone(data):
    fig, ax = plt.subplots()
    assert plot_sweep(data, ax=ax, labels={"line": "Output"}) is fig
    assert len(ax.lines) == 1 and not ax.collections and not ax.patches
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Output"]
    plt.close(fig)


# --------------------------------------------------------------------------- tornado
# Tests for figures.tornado: bars from the base to each end, notes outwards at the ends, widest first at the top.

DATA_TORNADO = pd.DataFrame(
    {"outcome_low": [170.0, 190.0], "outcome_base": [180.0, 180.0], "outcome_high": [196.0, 175.0],
     "low_note": ["0", "-0.02"], "high_note": ["0.03", "0.004"]},
    index=["growth.innovation", "growth.price_erosion"],
)


def test_bars_from_the_base_first_row_on_top():
    ax = plot_tornado(DATA_TORNADO, xlabel="X", title="T").axes[0]
    assert [(p.get_x(), p.get_width()) for p in ax.patches] == [(180.0, -10.0), (180.0, 10.0), (180.0, 16.0), (180.0, -5.0)]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["growth.innovation", "growth.price_erosion"]
    assert ax.yaxis_inverted()
    assert list(ax.lines[0].get_xdata()) == [180.0, 180.0]  # the base line
    assert ax.get_xlim() == (180 - 16 * ROOM, 180 + 16 * ROOM)
    assert (ax.get_xlabel(), ax.get_title()) == ("X", "T")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(NAMES)


def test_notes_sit_outwards_at_the_end_they_belong_to():
    ax = plot_tornado(DATA_TORNADO).axes[0]
    texts = [(t.get_text(), t.xy, t.get_horizontalalignment()) for t in ax.texts]
    assert texts == [
        ("0", (170.0, 0), "right"), ("0.03", (196.0, 0), "left"),
        ("0.004", (175.0, 1), "right"), ("-0.02", (190.0, 1), "left"),  # the high value lowers this outcome
    ]


def test_without_notes_on_given_axes_with_other_names():
    fig, ax = plt.subplots()
    assert plot_tornado(DATA_TORNADO.drop(columns=["low_note", "high_note"]), ax=ax, names=("Low", "High")) is fig
    assert not ax.texts
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Low", "High"]
