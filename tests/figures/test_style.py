"""Tests of the style family: style and the helpers every chart shares: one palette and size, axes, labels kept apart, panels side by side."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.figures import style as sp
from infantile_spasms_market.figures.bars import plot_bars
from infantile_spasms_market.figures.style import (
    PALETTE,
    colour_map,
    figure_and_axes,
    legend_if_labelled,
    log_scale,
    plot_panels,
    set_labels,
    short_label,
    thousands,
)


# --------------------------------------------------------------------------- axes
# Tests for figures.axes: a new figure or the given axes, labels only where given, a legend only when labelled.

def test_new_figure_or_the_given_axes():
    fig, ax = figure_and_axes()
    assert ax.figure is fig and fig.axes == [ax]
    other_fig, other_ax = plt.subplots()
    assert figure_and_axes(other_ax) == (other_fig, other_ax)


def test_labels_only_where_given():
    _, ax = plt.subplots()
    ax.set_ylabel("kept")
    set_labels(ax, title="T", xlabel="X")
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("T", "X", "kept")


def test_legend_only_when_something_is_labelled():
    _, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    legend_if_labelled(ax)
    assert ax.get_legend() is None
    ax.plot([0, 1], [1, 0], label="line")
    legend_if_labelled(ax, loc="upper left")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["line"]


def test_log_scale_with_thousands_separators():
    _, ax = plt.subplots()
    log_scale(ax, "x")
    assert ax.get_xscale() == "log" and ax.get_yscale() == "linear"
    assert thousands(1234567.0) == "1,234,567"
    assert ax.xaxis.get_major_formatter()(100000.0, 0) == "100,000"


# --------------------------------------------------------------------------- panels
# plot_panels: a row of panels, each drawn by a chart function, with a shared title.

def test_each_panel_drawn_by_its_function_with_its_options():
    left, right = pd.Series([1.0, 2.0], index=["a", "b"]), pd.Series([5.0, 6.0], index=["a", "b"])
    fig = plot_panels([(plot_bars, left, {"title": "Left"}), (plot_bars, right, {"title": "Right", "fmt": "{:.2f}"})],
                      sharey=True, title="Both")
    first, second = fig.axes
    assert [b.get_width() for b in first.patches] == [1.0, 2.0] and [b.get_width() for b in second.patches] == [5.0, 6.0]
    assert (first.get_title(), second.get_title()) == ("Left", "Right")
    assert [t.get_text() for t in second.texts] == ["5.00", "6.00"]
    assert fig._suptitle.get_text() == "Both"
    assert first.get_shared_y_axes().joined(first, second)


def test_one_panel_without_title():
    fig = plot_panels([(plot_bars, pd.Series([1.0], index=["a"]), {})])
    assert len(fig.axes) == 1 and fig._suptitle is None


# --------------------------------------------------------------------------- spread
# Labels kept apart by design: spread positions, text sizes in data units, overlapping boxes found.

def test_values_far_apart_stay_where_they_are():
    assert sp.spread([5.0, 1.0, 9.0], 1.0).tolist() == [5.0, 1.0, 9.0]


def test_a_crowd_is_spread_around_its_mean_in_the_same_order():
    placed = sp.spread([10.0, 10.2, 9.9], 1.0)
    assert placed.tolist() == pytest.approx([10.0 + 1 / 30, 11.0 + 1 / 30, 9.0 + 1 / 30])
    assert np.mean(placed) == pytest.approx(np.mean([10.0, 10.2, 9.9]))


def test_groups_that_meet_after_spreading_are_merged():
    placed = np.sort(sp.spread([0.0, 0.1, 1.5, 1.6], 1.0))
    assert np.diff(placed) == pytest.approx([1.0, 1.0, 1.0])


def test_bounds_are_kept_when_the_labels_fit():
    placed = sp.spread([0.0, 0.0, 0.0], 1.0, lower=0.0, upper=5.0)
    assert placed.tolist() == [0.0, 1.0, 2.0]
    assert sp.spread([5.0, 5.0], 1.0, upper=5.0).tolist() == [4.0, 5.0]


def test_a_negative_gap_is_refused():
    with pytest.raises(ValueError, match="must not be negative"):
        sp.spread([1.0], -1.0)


def test_sizes_in_data_units_follow_the_axes():
    fig, ax = plt.subplots(figsize=(4, 2), dpi=100)
    ax.set_ylim(0, 100)
    ax.set_xlim(0, 10)
    height, width = ax.get_window_extent().height, ax.get_window_extent().width
    assert sp.text_height(ax, 10, spacing=1.0) == pytest.approx(100 * (10 * 100 / 72) / height)
    assert sp.points_in_x(ax, 72) == pytest.approx(10 * 100 / width)
    plt.close(fig)


def test_overlapping_names_the_pairs_whose_drawn_boxes_meet():
    fig, ax = plt.subplots()
    a = ax.text(0.1, 0.5, "first label")
    b = ax.text(0.12, 0.5, "second label")
    c = ax.text(0.1, 0.1, "third label")
    assert sp.overlapping([a, b, c]) == [("first label", "second label")]
    assert sp.overlapping([]) == []
    plt.close(fig)


# --------------------------------------------------------------------------- style
# The style's helpers: short axis labels and one colour per name.

def test_short_label_shortens_acth_and_leaves_other_names():
    assert short_label("Adrenocorticotropic Hormone") == "ACTH"
    assert short_label("Vigabatrin") == "Vigabatrin"
    assert short_label(2024) == "2024"


def test_colour_map_gives_palette_colours_in_order():
    assert colour_map(["a", "b", "c"]) == {"a": PALETTE[0], "b": PALETTE[1], "c": PALETTE[2]}


def test_the_palette_stays_distinct_for_colour_blind_readers():
    """Every pair of series colours (grey is kept for neutral marks) stays apart in CAM02-UCS, for normal vision
    and simulated full deuteranomaly, protanomaly and tritanomaly (Machado et al. 2009, via colorspacious)."""
    import itertools

    import numpy as np
    from colorspacious import cspace_convert
    from matplotlib.colors import to_rgb

    series = [to_rgb(c) for c in PALETTE if c != "#999999"]
    for vision in (None, "deuteranomaly", "protanomaly", "tritanomaly"):
        seen = series if vision is None else [
            np.clip(cspace_convert(c, {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}, "sRGB1"), 0, 1) for c in series]
        ucs = [cspace_convert(c, "sRGB1", "CAM02-UCS") for c in seen]
        closest = min(float(np.linalg.norm(a - b)) for a, b in itertools.combinations(ucs, 2))
        assert closest >= 10, f"two palette colours look alike to a reader with {vision or 'normal vision'} (distance {closest:.1f})"
