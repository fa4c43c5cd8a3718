"""A figure described as data for a native slide chart: lines, bars, columns and stacks; anything else stays a picture."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from infantile_spasms_market.figures.chart_data import chart_spec, top_categories


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_labelled_lines_and_points_on_their_years():
    fig, ax = plt.subplots()
    ax.plot([2024, 2025, 2026], [1.0, 2.0, 3.0], label="This build", color="#0072B2")
    ax.scatter([2024, 2026], [1.5, 2.5], label="Published by the report")
    ax.set_ylabel("USD million")
    spec = chart_spec(fig)
    assert spec["type"] == "line" and spec["categories"] == ["2024", "2025", "2026"] and spec["y_title"] == "USD million"
    assert spec["series"][0] | {"width": None} == {"name": "This build", "values": [1.0, 2.0, 3.0], "line": True,
                                                   "colour": "#0072b2", "dash": "solid", "width": None}
    assert spec["series"][1]["values"] == [1.5, None, 2.5] and spec["series"][1]["line"] is False


def test_a_lines_style_value_axis_and_written_end_values_travel_with_it():
    """The scenarios' slide: lines far above zero, each end value written, the highlight thick, the own estimate dashed."""
    fig, ax = plt.subplots()
    ax.plot([2024, 2030], [146.0, 182.0], label="Base", linewidth=3.2)
    ax.plot([2024, 2030], [146.0, 175.0], label="Erosion", linewidth=1.8)
    ax.plot([2024, 2030], [85.0, 106.0], label="Own", linestyle="--")
    ax.set_ylim(75, 190)
    spec = chart_spec(fig)
    assert [(s["dash"], s["width"]) for s in spec["series"][:2]] == [("solid", 3.2), ("solid", 1.8)]
    assert spec["series"][2]["dash"] == "dash"
    low, high, unit = spec["y_range"]
    assert low <= 75 and high >= 190 and unit > 0 and low > 0, "the figure's axis, on its ticks, not from zero"
    assert spec["end_labels"] is False
    for value in (182.0, 175.0, 106.0):
        ax.annotate(f"{value:.2f}", (2030, value), xytext=(2030.2, value), textcoords="data")
    assert chart_spec(fig)["end_labels"] is True


def test_a_long_bar_chart_keeps_its_largest_categories_on_the_slide_with_the_rest_summed():
    spec = {"type": "bar", "categories": ["E", "D", "C", "B", "A"],
            "series": [{"name": "2024", "values": [0.5, 1.0, 2.0, 30.0, 40.0]}, {"name": "2030", "values": [0.7, 3.0, 1.0, 28.0, 37.0]}]}
    top = top_categories(spec, 3, "{n} others")
    assert top["categories"] == ["2 others", "D", "B", "A"], "the largest in any series kept, in order; the rest first"
    assert top["series"][0]["values"] == [2.5, 1.0, 30.0, 40.0] and top["series"][1]["values"] == [1.7, 3.0, 28.0, 37.0]
    assert top["value_labels"] is True and spec["categories"] == ["E", "D", "C", "B", "A"], "the record's data unchanged"
    assert top_categories(spec, 5, "{n} others")["categories"] == spec["categories"]
    with pytest.raises(ValueError, match="bar or column"):
        top_categories({**spec, "type": "line"}, 3, "{n} others")


def test_side_by_side_and_stacked_bars():
    fig, ax = plt.subplots()
    ax.barh([0, 1], [3.0, 4.0], height=0.4, label="2024")
    ax.barh([0.4, 1.4], [5.0, 6.0], height=0.4, label="2030")
    ax.set_yticks([0.2, 1.2], ["ACTH", "Vigabatrin"])
    spec = chart_spec(fig)
    assert spec["type"] == "bar" and spec["categories"] == ["ACTH", "Vigabatrin"]
    assert [s["values"] for s in spec["series"]] == [[3.0, 4.0], [5.0, 6.0]]
    fig, ax = plt.subplots()
    ax.bar([0, 1], [1.0, 2.0], label="A")
    ax.bar([0, 1], [3.0, 4.0], bottom=[1.0, 2.0], label="B")
    ax.set_xticks([0, 1], ["Base", "Low"])
    assert chart_spec(fig)["type"] == "column_stacked"


def test_a_stack_of_areas():
    fig, ax = plt.subplots()
    ax.stackplot([2024, 2025], [[1.0, 2.0], [3.0, 4.0]], labels=["Europe", "Asia"])
    spec = chart_spec(fig)
    assert spec["type"] == "area_stacked" and [s["values"] for s in spec["series"]] == [[1.0, 2.0], [3.0, 4.0]]


def test_a_named_range_around_a_line_becomes_its_two_edges_and_a_fan_of_ranges_stays_a_picture():
    """The front page's Fig. 1 draws the own estimate inside its P5 to P95 range: the slide keeps it as a native chart."""
    fig, ax = plt.subplots()
    ax.plot([2024, 2025, 2026], [10.0, 11.0, 12.0], label="Report")
    ax.fill_between([2024, 2025, 2026], [5.0, 6.0, 7.0], [9.0, 10.0, 11.0], color="#009E73", label="Own: P5 to P95")
    spec = chart_spec(fig)
    assert spec["type"] == "line"
    assert [(s["name"], s["values"]) for s in spec["series"]] == [
        ("Report", [10.0, 11.0, 12.0]), ("Own: P5 to P95 (lower edge)", [5.0, 6.0, 7.0]),
        ("Own: P5 to P95 (upper edge)", [9.0, 10.0, 11.0])]
    assert spec["series"][1]["colour"] == "#009e73" and spec["series"][1]["edge"] and "edge" not in spec["series"][0]
    ax.fill_between([2024, 2025, 2026], [6.0, 7.0, 8.0], [8.0, 9.0, 10.0], label="Own: P25 to P75")
    assert chart_spec(fig) is None
    fig, ax = plt.subplots()  # an area between two drawn lines (with and without a novel therapy) is not a range
    ax.plot([2024, 2025], [1.0, 2.0], label="Without")
    ax.plot([2024, 2025], [1.0, 3.0], label="With")
    ax.fill_between([2024, 2025], [1.0, 2.0], [1.0, 3.0], label="Its sales")
    assert chart_spec(fig) is None


@pytest.mark.parametrize("draw", ["ranges", "panels", "log", "band", "dots", "span"])
def test_what_no_native_chart_shows_stays_a_picture(draw):
    fig, ax = plt.subplots(1, 2 if draw == "panels" else 1)
    axes = ax if draw == "panels" else [ax]
    for a in axes:
        a.plot([1, 2], [1, 2], label="x")
    if draw == "ranges":  # a tornado: bars from a low to a high value, not from zero
        axes[0].lines[0].remove()
        axes[0].barh([0, 1], [2.0, 3.0], left=[1.0, -1.0], label="range")
        axes[0].set_yticks([0, 1], ["a", "b"])
    if draw == "log":
        axes[0].set_yscale("log")
    if draw == "band":  # a shaded range the legend does not name
        axes[0].fill_between([1, 2], [0, 1], [2, 3], alpha=0.2)
    if draw == "dots":  # a dot chart: estimates as dots, their ranges as line segments
        axes[0].lines[0].remove()
        axes[0].plot([116.7, 135.0], [0, 1], "o", label="estimates")
        axes[0].hlines([0], [89.0], [169.6], label="P5 to P95")
    if draw == "span":
        axes[0].axvspan(0.5, 1.5, alpha=0.2, label="range")
    assert chart_spec(fig) is None
