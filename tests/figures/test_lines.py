"""Tests of the lines family: lines over years: series with labelled points, a central path in its range, trajectories, uptake curves."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.lines import (
    LABEL_GAP,
    LABEL_OFFSET,
    plot_lines,
    plot_range_lines,
    plot_trajectories,
    plot_uptake_curves,
)
from infantile_spasms_market.figures.style import PALETTE, overlapping


# --------------------------------------------------------------------------- lines
# plot_lines: one line per series over years, each point labelled.

def prices() -> pd.DataFrame:
    return pd.DataFrame({"series": ["vial", "vial", "course", "course"], "year": [2001.0, 2017.0, 2006.0, 2020.0],
                         "value": [40.0, 34034.0, 3718.0, 100457.0]})


def test_one_line_per_series_with_labelled_points():
    ax = plot_lines(prices(), names={"vial": "Per vial"}, colours=["#d55e00", "#0072b2"], offsets=[(26, -22), (0, 12)],
                    fmt="USD {:,.0f}", log=True, ylim=(10, 1e6), xpad=2, title="T", ylabel="USD").axes[0]
    vial, course = ax.lines
    assert list(vial.get_xdata()) == [2001.0, 2017.0] and list(course.get_ydata()) == [3718.0, 100457.0]
    assert vial.get_marker() == "o" and course.get_marker() == "s" and to_hex(vial.get_color()) == "#d55e00"
    assert [t.get_text() for t in ax.texts] == ["USD 40", "USD 34,034", "USD 3,718", "USD 100,457"]
    assert ax.texts[0].get_position() == (26, -22) and ax.texts[2].get_position() == (0, 12)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Per vial", "course"]
    assert ax.get_yscale() == "log" and ax.get_ylim() == pytest.approx((10, 1e6))
    assert ax.get_xlim() == (1999.0, 2022.0)
    assert ax.get_title() == "T" and ax.get_ylabel() == "USD"


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_lines(prices(), ax=ax) is fig and len(ax.lines) == 2


def test_a_line_breaks_where_years_are_missing_and_keeps_every_marker():
    """Acthar Gel's sales had 2006 then 2013: a line across the seven years without data suggested values nobody reported."""
    data = pd.DataFrame({"series": ["sales"] * 5 + ["model"] * 2, "year": [2006, 2013, 2014, 2015, 2017, 2024, 2025],
                         "value": [12.0, 761.0, 1000.0, 1200.0, 1100.0, 30.0, 31.0]})
    ax = plot_lines(data, gap=1).axes[0]
    drawn = [list(line.get_xdata()) for line in ax.lines]
    assert drawn == [[2006], [2013, 2014, 2015], [2017], [2024, 2025]]
    assert all(line.get_marker() == "o" for line in ax.lines[:3])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["sales", "model"]  # one legend entry a series
    assert len(plot_lines(data).axes[0].lines) == 2  # without ``gap``, one line a series as before


def test_sparse_prices_are_points_with_integer_year_ticks_and_labels_that_do_not_overprint():
    """Acthar Gel's three prices (2001, 2017, 2018): no line implying steady compounding, ticks 2000 not 2002.5, and the
    two close labels (USD 34,034 and USD 38,892) apart."""
    data = pd.DataFrame({"series": ["vial"] * 3, "year": [2001, 2017, 2018], "value": [40.0, 34034.0, 38892.0]})
    fig = plot_lines(data, fmt="USD {:,.0f}", log=True, ylim=(10, 1e6), xpad=2, gap=0)
    ax = fig.axes[0]
    assert [list(line.get_xdata()) for line in ax.lines] == [[2001], [2017], [2018]], "points only, no joining line"
    assert all(line.get_linestyle() == "None" for line in ax.lines), "nor a line in the legend's key"
    fig.canvas.draw()
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)
    renderer = fig.canvas.get_renderer()
    boxes = {t.get_text(): t.get_window_extent(renderer) for t in ax.texts}
    assert not boxes["USD 34,034"].overlaps(boxes["USD 38,892"])
    assert boxes["USD 34,034"].y1 < boxes["USD 38,892"].y0, "the lower price's label under the higher's"
    far = plot_lines(data.iloc[:2], fmt="USD {:,.0f}", log=True).axes[0]
    assert all(t.get_position()[1] > 0 for t in far.texts), "points far apart keep their labels above"


# --------------------------------------------------------------------------- range lines
# Fan: the band and central path of ``data``, other paths from their start year, stated points, end labels and notes.

@pytest.fixture
def data() -> pd.DataFrame:
    return pd.DataFrame({"P5": [9.0, 10.0], "P95": [11.0, 14.0], "scenario": [10.0, 12.0]}, index=[2024, 2025])


@pytest.fixture
def lines() -> pd.DataFrame:
    return pd.DataFrame({2023: [8.0, 20.0], 2024: [9.0, 21.0], 2025: [10.0, 22.0]}, index=["A", "B"])


def test_band_central_lines_points_and_labels(data, lines):
    points = pd.DataFrame({"publisher": ["A", "B", "B"], "year": [2024, 2023, 2025], "value_usd_m": [9.0, 20.0, 22.0],
                           "kind": ["base", "base", "forecast"]})
    fig = plot_range_lines(data, band_label="Band", central_label="Book", lines=lines, starts={"A": 2024}, points=points,
                   notes=["Outlier left off"], title="T")
    ax = fig.axes[0]
    central, line_a, line_b = ax.lines
    assert central.get_ydata().tolist() == [10.0, 12.0]
    assert line_a.get_xdata().tolist() == [2024, 2025] and line_a.get_ydata().tolist() == [9.0, 10.0]
    assert line_b.get_xdata().tolist() == [2023, 2024, 2025] and line_b.get_linestyle() == "--"
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].min() == 9.0 and band[:, 1].max() == 14.0
    markers = [c.get_offsets().tolist() for c in ax.collections[1:]]
    assert markers == [[[2024, 9.0]], [], [[2023, 20.0]], [[2025, 22.0]]]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Band", "Book", "A", "B"]
    labels = {t.get_text(): t.xyann for t in ax.texts if t.get_text() in ("A", "B")}
    assert [y for _, y in labels.values()] == [10.0, 22.0]  # far apart: each at its line's end
    assert labels["A"][0] == labels["B"][0]
    renderer = fig.canvas.get_renderer()  # the legend sits off the band (it covered it) and under the note
    legend = ax.get_legend().get_window_extent(renderer)
    assert not legend.overlaps(ax.collections[0].get_window_extent(renderer))
    note = next(t for t in ax.texts if t.get_text() == "Outlier left off").get_window_extent(renderer)
    assert legend.y1 <= note.y0 + 1
    to_pixels = ax.transData.transform
    offset = to_pixels((labels["A"][0], 0))[0] - to_pixels((2025, 0))[0]
    assert offset == pytest.approx(LABEL_OFFSET * fig.dpi / 72)  # right of the end, clear of a marker there
    assert [t.get_text() for t in ax.texts][-1] == "Outlier left off"
    assert ax.get_xlim() == pytest.approx((2022.7, 2028.2)) and ax.get_ylim() == pytest.approx((0, 24.2))
    assert colours_of(line_a, line_b) == [PALETTE[1], PALETTE[2]]
    plt.close(fig)


def colours_of(*artists) -> list[str]:
    return [matplotlib.colors.to_hex(a.get_color()).upper() for a in artists]


def test_end_labels_close_together_are_spread_apart_without_overlap(data):
    lines = pd.DataFrame({2024: [10.0, 10.2, 9.0], 2025: [100.0, 100.5, 99.0]}, index=["Alpha", "Beta", "Gamma"])
    fig = plot_range_lines(data, lines=lines)
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_text() in lines.index]
    ys = {t.get_text(): t.xyann[1] for t in labels}
    assert ys["Gamma"] < ys["Alpha"] < ys["Beta"]  # in the order of the lines' ends
    assert np.mean(list(ys.values())) == pytest.approx(np.mean([100.0, 100.5, 99.0]))  # spread around them, not only up
    assert overlapping(labels) == []  # the drawn boxes, from the renderer
    leaders = [t.get_text() for t in labels if t.arrow_patch is not None]
    assert "Gamma" in leaders and "Beta" in leaders  # a moved name is tied to its line
    plt.close(fig)


def test_end_labels_do_not_overlap_on_a_small_figure(data):
    lines = pd.DataFrame({2024: [1.0, 1.0, 1.0, 1.0], 2025: [50.0, 51.0, 52.0, 53.0]}, index=list("ABCD"))
    fig, ax = plt.subplots(figsize=(4, 2.5))
    plot_range_lines(data, ax=ax, lines=lines)
    assert overlapping([t for t in ax.texts if t.get_text() in "ABCD"]) == []
    plt.close(fig)


def test_draws_on_the_given_axes_without_other_lines(data):
    fig, ax = plt.subplots()
    assert plot_range_lines(data, ax=ax, central_label="Book") is fig
    assert len(ax.lines) == 1 and np.allclose(ax.lines[0].get_xdata(), [2024, 2025])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Book"]
    plt.close(fig)


# --------------------------------------------------------------------------- trajectories
# Tests for figures.trajectories: one line per column, the thick one, end labels nudged apart, the report's points.

DATA = pd.DataFrame(
    {"Base": [100.0, 110.0, 120.0], "High": [100.0, 115.0, 120.2], "Low": [100.0, 105.0, 110.0], "report_usd_m": [100.0, np.nan, 121.0]},
    index=[2024, 2025, 2030],
)


def test_lines_highlight_points_and_legend():
    ax = plot_trajectories(DATA, points="report_usd_m", highlight=0, labels=["Base (this build)", "High", "Low"], title="T").axes[0]
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["Base (this build)", "High", "Low"]
    np.testing.assert_allclose(lines[1].get_ydata(), [100, 115, 120.2])
    assert [line.get_linewidth() for line in lines] == [3.2, 1.8, 1.8]
    np.testing.assert_allclose(ax.collections[0].get_offsets(), [[2024, 100], [2030, 121]])
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == "The report's published values"
    assert ax.get_xlim() == (2023.7, 2031.0)
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("T", "Year", "USD million")
    assert not [t for t in ax.texts if t.get_text().startswith("Report")]  # points not written unless asked


def test_end_labels_are_nudged_apart():
    ax = plot_trajectories(DATA.drop(columns="report_usd_m")).axes[0]
    placed = {t.get_text(): t.xyann[1] for t in ax.texts}
    gap = LABEL_GAP * (120.2 - 100.0)
    assert placed["110.00"] == 110.0 and placed["120.00"] == 120.0
    assert placed["120.20"] == pytest.approx(120.0 + gap)


def test_points_written_and_the_axis_from_zero():
    data = DATA[["Base", "report_usd_m"]]
    ax = plot_trajectories(data, points="report_usd_m", write_points=True, highlight=0, from_zero=True).axes[0]
    written = [(t.get_text(), t.get_horizontalalignment()) for t in ax.texts if t.get_text().startswith("Report")]
    assert written == [("Report: 100.00", "left"), ("Report: 121.00", "right")]
    assert ax.get_ylim() == pytest.approx((0, 121.0 * 1.18))  # the highest point sets the top


def test_columns_may_share_a_name_and_given_axes():
    data = DATA.drop(columns="report_usd_m").set_axis(["A", "A", "B"], axis=1)
    fig, ax = plt.subplots()
    assert plot_trajectories(data, ax=ax, highlight=2) is fig
    assert [line.get_label() for line in ax.get_lines()] == ["A", "A", "B"]
    assert ax.get_lines()[2].get_linewidth() == 3.2


# --------------------------------------------------------------------------- uptake curves
# Tests for figures.uptake_curves: the curves, the dots, the yearly gains and the marks are drawn as given.

@pytest.fixture
def yearly():
    return pd.DataFrame({"a": [0.0, 10.0, 25.0, 30.0], "b": [0.0, 12.0, 22.0, 29.0]}, index=[2028, 2029, 2030, 2031])


def test_draws_the_curves_the_dots_and_the_gains(yearly):
    fig = plot_uptake_curves(yearly, labels=["A", "B"], curve_labels=["A curve", "B curve"])
    left, right = fig.axes
    lines = [line for line in left.get_lines() if line.get_label() in ("A curve", "B curve")]
    assert [line.get_label() for line in lines] == ["A curve", "B curve"]
    np.testing.assert_allclose(lines[1].get_ydata(), [0, 12, 22, 29])
    assert lines[1].get_linestyle() == "--"
    dots = [line for line in left.get_lines() if line.get_marker() == "o"]
    np.testing.assert_allclose(dots[0].get_ydata(), [0, 10, 25, 30])
    heights = [round(p.get_height(), 9) for p in right.patches]
    assert heights == [0.0, 10.0, 15.0, 5.0, 0.0, 12.0, 10.0, 7.0]
    assert [t.get_text() for t in right.get_legend().get_texts()] == ["A", "B"]
    assert left.get_ylim()[1] == pytest.approx(1.15 * 30)
    plt.close(fig)


def test_smooth_curves_marks_and_top(yearly):
    fine = pd.DataFrame({"a": np.linspace(0, 30, 50), "b": np.linspace(0, 29, 50)}, index=np.linspace(2026, 2031, 50))
    fig = plot_uptake_curves(yearly, smooth=fine, marks={"launch": 2028}, top=40)
    left = fig.axes[0]
    assert len(left.get_lines()[0].get_xdata()) == 50
    assert left.get_ylim() == (0, 40)
    assert [t.get_text() for t in left.texts] == ["launch"]
    assert any(list(line.get_xdata()) == [2028, 2028] for line in left.get_lines())
    plt.close(fig)


def test_draws_on_the_given_axes(yearly):
    fig, axes = plt.subplots(1, 2)
    assert plot_uptake_curves(yearly, ax=axes) is fig
    assert len(axes[0].get_lines()) == 3 and len(axes[1].patches) == 8
    plt.close(fig)
