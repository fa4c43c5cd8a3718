"""Fan: the band and central path of ``data``, other paths from their start year, stated points, end labels and notes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.figures.range_lines import LABEL_OFFSET, plot_range_lines
from infantile_spasms_market.figures.spread import overlapping
from infantile_spasms_market.figures.style import PALETTE


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
