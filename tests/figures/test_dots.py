"""Tests of the dots family: dots: values by category and series, labelled points, estimates with their ranges, dots against a range."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.dots import (
    POSITION_COLOURS,
    SPREAD,
    plot_course_costs,
    plot_dot_range,
    plot_grouped_dots,
    plot_position_dots,
    plot_scatter,
)
from infantile_spasms_market.figures.style import PALETTE, SLIDE_SIZE


# --------------------------------------------------------------------------- course costs
# plot_course_costs: course costs of each drug and market on a log axis, one marker per basis.

def costs() -> pd.DataFrame:
    return pd.DataFrame({
        "group": ["ACTH, Japan", "ACTH, Japan", "Vigabatrin, Italy"],
        "series": ["Price index", "Pack price", "Pack price"],
        "value": [60000.0, 140.0, 210.0],
    })


def test_log_axis_spans_every_cost_with_a_marker_per_basis():
    ax = plot_course_costs(costs(), title="T").axes[0]
    assert ax.get_xscale() == "log"
    low, high = ax.get_xlim()
    assert low == pytest.approx(70.0) and high == pytest.approx(120000.0)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ACTH, Japan", "Vigabatrin, Italy"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Price index", "Pack price"]
    assert len(ax.collections) == 2


def test_a_cost_that_is_not_positive_is_refused():
    frame = costs()
    frame.loc[0, "value"] = 0.0
    with pytest.raises(ValueError, match="positive"):
        plot_course_costs(frame)


# --------------------------------------------------------------------------- dot range
# plot_dot_range: a dot per estimate, a bar over its range, a shaded span and a reference line.

def estimates() -> pd.DataFrame:
    return pd.DataFrame({"low": [None, 0.2, 0.3], "point": [0.15, 0.3, 0.45], "high": [None, 0.4, 0.6]}, index=["a", "b", "c"])


def test_dots_ranges_span_and_reference():
    ax = plot_dot_range(estimates(), span=(0.1, 0.6), reference=0.31, reference_label="Model (0.310)",
                        title="T", xlabel="per 1,000").axes[0]
    dots = next(line for line in ax.lines if line.get_marker() == "o")
    assert list(dots.get_xdata()) == [0.15, 0.3, 0.45] and list(dots.get_ydata()) == [0, 1, 2]
    ranges = ax.collections[0].get_segments()
    assert [tuple(map(tuple, s)) for s in ranges] == [((0.2, 1), (0.4, 1)), ((0.3, 2), (0.6, 2))]  # no bar for "a"
    reference = next(line for line in ax.lines if line.get_linestyle() == "--")
    assert list(reference.get_xdata()) == [0.31, 0.31]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Span of all published values", "Published range", "Point estimate (or midpoint of range)", "Model (0.310)"]
    span = ax.patches[0].get_path().transformed(ax.patches[0].get_patch_transform()).vertices[:, 0]
    assert (span.min(), span.max()) == pytest.approx((0.1, 0.6))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    assert ax.get_title() == "T" and ax.get_xlabel() == "per 1,000"


def test_without_span_or_reference_and_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_dot_range(estimates(), ax=ax, names=("S", "R", "P")) is fig
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["R", "P"]


def test_a_log_axis_puts_the_legend_top_left():
    ax = plot_dot_range(estimates(), log=True).axes[0]
    assert ax.get_xscale() == "log" and ax.get_legend()._loc == 2  # matplotlib's code of "upper left"
    assert plot_dot_range(estimates()).axes[0].get_xscale() == "linear"


# --------------------------------------------------------------------------- grouped dots
# plot_grouped_dots: each series' values as dots on its category's line, the series side by side.

def results() -> pd.DataFrame:
    return pd.DataFrame({"group": ["ACTH", "Vigabatrin", "ACTH"], "series": ["Study 1", "Study 1", "Study 2"], "value": [70.0, 50.0, 60.0]})


def test_groups_top_to_bottom_and_series_side_by_side():
    ax = plot_grouped_dots(results(), groups=["ACTH", "Steroids", "Vigabatrin"], legend_title="Study", title="T", xlabel="%").axes[0]
    first, second = ax.collections
    assert first.get_offsets().tolist() == [[70.0, 2 - SPREAD / 2], [50.0, 0 - SPREAD / 2]]
    assert second.get_offsets().tolist() == [[60.0, 2 + SPREAD / 2]]
    assert first.get_paths()[0] != second.get_paths()[0]  # markers differ
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ACTH", "Steroids", "Vigabatrin"]
    assert [t.get_position()[1] for t in ax.get_yticklabels()] == [2, 1, 0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Study 1", "Study 2"]
    assert ax.get_legend().get_title().get_text() == "Study"
    assert ax.get_xlim() == (0, 100) and ax.get_ylim() == pytest.approx((-0.6, 2.6))


def test_a_group_without_a_line_is_refused():
    with pytest.raises(KeyError, match="groups without a line: Vigabatrin"):
        plot_grouped_dots(results(), groups=["ACTH"])


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_grouped_dots(results(), ax=ax) is fig and len(ax.collections) == 2


# --------------------------------------------------------------------------- position dots
# Dot range: dots at the values, coloured by position, labelled, against the span and the reference line.

@pytest.fixture
def data() -> pd.DataFrame:
    return pd.DataFrame({"value_usd_m": [120.0, 180.0, 400.0], "position": ["below", "within", "above"]},
                        index=["A", "B", "C"])


def test_dots_labels_span_and_reference(data):
    fig = plot_position_dots(data, span=(150.0, 200.0), span_label="Range", reference=175.0, reference_label="Book")
    ax = fig.axes[0]
    dots = ax.collections[0]
    assert dots.get_offsets().tolist() == [[120.0, 0.0], [180.0, 1.0], [400.0, 2.0]]
    colours = [matplotlib.colors.to_hex(c).upper() for c in dots.get_facecolor()]
    assert colours == [POSITION_COLOURS[p].upper() for p in ("below", "within", "above")]
    assert [t.get_text() for t in ax.texts] == ["120 (below)", "180 (within)", "400 (above)"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B", "C"]
    assert list(ax.lines[0].get_xdata()) == [175.0, 175.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Range", "Book"]
    assert ax.get_xlim() == pytest.approx((0, 500.0))
    plt.close(fig)


def test_draws_on_the_given_axes(data):
    fig, ax = plt.subplots()
    assert plot_position_dots(data, ax=ax, room=2.0) is fig
    assert not ax.lines and not ax.patches and ax.get_xlim() == pytest.approx((0, 800.0))
    plt.close(fig)


# --------------------------------------------------------------------------- scatter
# Scatter: a point per row in its own colour and legend entry, and a reference point with its range.

@pytest.fixture
def scatter_data() -> pd.DataFrame:
    return pd.DataFrame({"cagr_pct": [3.0, 6.0], "size_usd_m": [100.0, 250.0]}, index=["A", "B"])


def test_points_reference_and_limits(scatter_data):
    fig = plot_scatter(scatter_data, reference_x=(2.0, 3.5, 5.0), reference_y=150.0, reference_label="Book", xlabel="x", ylabel="y")
    ax = fig.axes[0]
    points = ax.collections[:2]
    assert [p.get_offsets().tolist() for p in points] == [[[3.0, 100.0]], [[6.0, 250.0]]]
    assert [matplotlib.colors.to_hex(p.get_facecolor()[0]).upper() for p in points] == [PALETTE[1], PALETTE[2]]
    (marker,) = [line for line in ax.lines if line.get_marker() == "s"]
    assert marker.get_xydata().tolist() == [[3.5, 150.0]]
    segments = ax.collections[-1].get_segments()
    assert segments[0].tolist() == [[2.0, 150.0], [5.0, 150.0]]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B", "Book"]
    assert ax.get_xlim() == pytest.approx((1.2, 7.6)) and ax.get_ylim() == pytest.approx((0, 300.0))
    plt.close(fig)


def test_draws_on_the_given_axes_without_a_reference(scatter_data):
    fig, ax = plt.subplots()
    assert plot_scatter(scatter_data, ax=ax) is fig
    assert len(ax.collections) == 2 and not ax.lines
    assert ax.get_xlim() == pytest.approx((2.2, 7.6)) and ax.get_ylim() == pytest.approx((0, 300.0))
    plt.close(fig)


# --------------------------------------------------------------------------- price-level check
# plot_price_level_check: labelled points on log scales, the labels kept apart (the regions chapter's Fig. 2.5 had them collide).

def crowded_points() -> pd.DataFrame:
    """Twelve countries in two tight clusters (as Brazil, South Africa, South Korea sat on one spot), two groups."""
    names = ["Brazil", "South Africa", "South Korea", "Japan", "France", "Italy", "Mexico", "UAE", "Germany", "Spain",
             "United Kingdom", "Canada"]
    x = [40, 41, 42, 43, 80, 81, 82, 83, 84, 85, 86, 87]
    y = [30, 31, 30.5, 31.5, 60, 61, 62, 60.5, 61.5, 62.5, 60.2, 61.2]
    return pd.DataFrame({"x": x, "y": y, "label": names, "group": ["ACTH"] * 6 + ["Vigabatrin"] * 6})


def test_point_labels_overlap_neither_each_other_nor_the_legend_and_stay_inside():
    from infantile_spasms_market.figures import plot_panels, plot_price_level_check
    from infantile_spasms_market.figures.style import overlapping

    data = crowded_points()
    with matplotlib.rc_context({"figure.figsize": SLIDE_SIZE}):  # the book's figure size (use_style)
        fig = plot_panels([(plot_price_level_check, data, {"title": "Left"}), (plot_price_level_check, data, {"title": "Right"})])
    fig.canvas.draw()  # the labels are placed when the figure is drawn, after the panels' layout
    for ax in fig.axes:
        labels = [t for t in ax.texts if t.get_text() in set(data["label"])]
        assert len(labels) == len(data)
        assert not overlapping([*labels, ax.get_legend()]), overlapping([*labels, ax.get_legend()])
        frame = ax.get_window_extent()
        for label in labels:
            box = label.get_window_extent()
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, label.get_text()
    plt.close(fig)


def test_a_lone_point_keeps_its_label_right_above_it_and_without_a_leader():
    from infantile_spasms_market.figures import plot_price_level_check

    fig = plot_price_level_check(pd.DataFrame({"x": [1.0, 100.0, 10000.0], "y": [1.0, 100.0, 10000.0], "label": ["A", "B", "C"],
                                               "group": ["g"] * 3}))
    fig.canvas.draw()
    middle = next(t for t in fig.axes[0].texts if t.get_text() == "B")
    assert middle.xyann[0] > 0 and middle.xyann[1] > 0 and not middle.arrow_patch.get_visible()
    plt.close(fig)
