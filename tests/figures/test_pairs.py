"""Tests of the pairs family: two values per category: paired bars and columns, a tick on a bar, shares that shift, a dot and its arrow."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.text import Annotation

from infantile_spasms_market.figures.pairs import (
    plot_dot_arrow,
    plot_paired_bars,
    plot_paired_columns,
    plot_ratio_pairs,
    plot_share_shift,
    plot_tick_bars,
)
from infantile_spasms_market.figures.style import PALETTE, overlapping


# --------------------------------------------------------------------------- dot arrow
# Dot and arrow: a dot where each row is, an arrow and dot where it must go, a dashed arrow to the ceiling when out of reach.

@pytest.fixture
def data() -> pd.DataFrame:
    return pd.DataFrame({"now": [90.0, 55.0, 35.0], "needed": [98.0, np.nan, 86.0]}, index=["A", "B", "C"])


def test_dots_arrows_and_the_unreachable_note(data):
    fig = plot_dot_arrow(data, names=["Now", "Needed"], unreachable="out of reach", xlim=(0, 150), xticks=[0, 50, 100])
    ax = fig.axes[0]
    starts, *targets = ax.collections
    assert starts.get_offsets().tolist() == [[90.0, 0.0], [55.0, 1.0], [35.0, 2.0]]
    assert [t.get_offsets().tolist() for t in targets] == [[[98.0, 0.0]], [[86.0, 2.0]]]
    arrows = [(a.xy, a.xyann) for a in ax.texts if a.get_text() == ""]
    assert arrows == [((98.0, 0), (90.0, 0)), ((100.0, 1), (55.0, 1)), ((86.0, 2), (35.0, 2))]
    assert [(a.get_text(), a.xy) for a in ax.texts if a.get_text()] == [("out of reach", (100.0, 1))]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Now", "Needed"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B", "C"]
    assert ax.yaxis_inverted() and ax.get_xlim() == (0, 150)
    plt.close(fig)


def test_draws_on_the_given_axes(data):
    fig, ax = plt.subplots()
    assert plot_dot_arrow(data, ax=ax, ceiling=120) is fig
    assert [a.xy for a in ax.texts if a.get_text() == ""][1] == (120, 1)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["now", "needed"]
    plt.close(fig)


def test_the_legend_sits_above_the_plot_clear_of_every_dot_and_note(data):
    fig = plot_dot_arrow(data.assign(needed=[98.0, np.nan, 99.0]), names=["Now", "Needed"], xlim=(0, 150), title="T")
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.y0 >= ax.get_window_extent(renderer).y1  # above the axes
    dots = np.vstack([ax.transData.transform(c.get_offsets()) for c in ax.collections])
    assert not any(legend.contains(x, y) for x, y in dots)
    notes = [t for t in ax.texts if t.get_text()]
    assert overlapping([ax.get_legend(), ax.title, *notes], renderer) == []
    plt.close(fig)


# --------------------------------------------------------------------------- paired bars
# plot_paired_bars: two bars per category, in one panel or in a grid of panels.

def pairs() -> pd.DataFrame:
    return pd.DataFrame({"top_down": [1.0, 2.0], "bottom_up": [3.0, 0.5], "ratio": [0.33, 4.0]}, index=["X", "Y"])


def test_one_panel_first_column_above_second_below():
    fig = plot_paired_bars(pairs(), colours=("#000000", "#ffffff"), notes=["a", "b"], title="Pairs", room=1.25)
    ax = fig.axes[0]
    first, second = ax.patches[:2], ax.patches[2:]
    assert [b.get_width() for b in first] == [1.0, 2.0]
    assert [b.get_width() for b in second] == [3.0, 0.5]
    assert [b.get_y() + b.get_height() / 2 for b in first] == pytest.approx([0.2, 1.2])
    assert [b.get_y() + b.get_height() / 2 for b in second] == pytest.approx([-0.2, 0.8])
    assert to_hex(first[0].get_facecolor()) == "#000000" and to_hex(second[0].get_facecolor()) == "#ffffff"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["X", "Y"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["top_down", "bottom_up"]
    assert ax.get_xlim() == pytest.approx((0, 3.0 * 1.25))
    assert ax.get_title() == "Pairs" and ax.get_xlabel() == "USD million"
    assert ax.get_legend().get_texts()[0].get_fontsize() == 12


def test_notes_beside_each_pair_with_their_style():
    ax = plot_paired_bars(pairs(), notes=["× 0.33", "× 4.00"], note_style={"fontsize": 13, "fontweight": "bold"}).axes[0]
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("× 0.33", (4.0, 0)), ("× 4.00", (3.0, 1))]
    assert ax.texts[0].get_fontsize() == 13 and ax.texts[0].get_fontweight() == "bold"


def test_both_values_beside_each_pair_first_to_second():
    """The companies chapter quotes the first year's share: it is written on the chart too, not only the second's."""
    ax = plot_paired_bars(pairs(), value_format=".1f", both_values=True).axes[0]
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("1.0 \u2192 3.0", (3.03, 0)), ("2.0 \u2192 0.5", (2.03, 1))]


def test_ratio_pairs_put_the_first_row_on_top_with_the_percentage_in_bold_beside_it():
    data = pd.DataFrame({"top_down": [4.0, 1.0], "bottom_up": [1.0, 2.0], "pct": [25.0, 200.0]}, index=["North", "South"])
    ax = plot_ratio_pairs(data, names=["Top-down", "Bottom-up"], xlabel="USD million, 2024", title="T").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["South", "North"]  # drawn from the bottom up: the first row on top
    assert [t.get_text() for t in ax.texts] == ["200 %", "25 %"]
    assert all(t.get_fontweight() == "bold" and t.get_fontsize() == 13 for t in ax.texts)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Top-down", "Bottom-up"]
    assert ax.get_xlim() == pytest.approx((0, 4.0 * 1.25)) and ax.get_xlabel() == "USD million, 2024"


def test_panels_in_a_grid_with_titles_values_and_short_names():
    data = pd.DataFrame(
        [("drug_type", "Others", 1.0, 2.0), ("drug_type", "Adrenocorticotropic Hormone", 3.0, 4.0),
         ("dosage", "Liquid", 5.0, 6.0)],
        columns=["segmentation", "segment", "value_2010_usd_m", "value_2013_usd_m"],
    )
    fig = plot_paired_bars(data, label="segment", panel="segmentation", names=["2010", "2013"],
                           panel_titles={"drug_type": "Drug type"}, value_format=".1f", title="Where the value is",
                           legend_size=11)
    first, second = fig.axes
    assert first.get_title() == "Drug type" and second.get_title() == "dosage"
    assert [t.get_text() for t in first.get_yticklabels()] == ["Others", "ACTH"]
    assert [t.get_text() for t in first.texts] == ["2.0", "4.0"]  # the second bar's values
    assert first.texts[1].get_position() == pytest.approx((4.0 + 0.04, 0.8))
    assert [b.get_width() for b in second.patches] == [5.0, 6.0]
    assert [t.get_text() for t in first.get_legend().get_texts()] == ["2010", "2013"]
    assert second.get_legend() is None
    assert first.get_legend().get_texts()[0].get_fontsize() == 11
    assert first.get_xlabel() == second.get_xlabel() == "USD million"
    assert fig._suptitle.get_text() == "Where the value is"


def test_draws_on_the_axes_it_is_given():
    fig, ax = plt.subplots()
    assert plot_paired_bars(pairs(), ax=ax) is fig
    assert len(ax.patches) == 4


# --------------------------------------------------------------------------- paired bars single
# plot_paired_bars: two bars per category, the first above, notes beside each pair.

def paired_bars_single_pairs() -> pd.DataFrame:
    return pd.DataFrame({2001: [1.0, 2.0], 2005: [3.0, 0.5], "who": ["a, b", "c"]}, index=["X", "Y"])


def test_first_column_above_second_below_legend_by_column():
    fig = plot_paired_bars(paired_bars_single_pairs(), colours=("#000000", "#ffffff"), title="Pairs", room=1.25, legend_size=12)
    ax = fig.axes[0]
    first, second = ax.patches[:2], ax.patches[2:]
    assert [b.get_width() for b in first] == [1.0, 2.0] and [b.get_width() for b in second] == [3.0, 0.5]
    assert [b.get_y() + b.get_height() / 2 for b in first] == pytest.approx([0.2, 1.2])
    assert [b.get_y() + b.get_height() / 2 for b in second] == pytest.approx([-0.2, 0.8])
    assert to_hex(first[0].get_facecolor()) == "#000000" and to_hex(second[0].get_facecolor()) == "#ffffff"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["X", "Y"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2001", "2005"]
    assert ax.get_legend().get_texts()[0].get_fontsize() == 12
    assert ax.get_xlim() == pytest.approx((0, 3.0 * 1.25))
    assert ax.get_title() == "Pairs" and ax.get_xlabel() == "USD million"


def test_notes_right_of_the_longer_bar_with_their_style():
    ax = plot_paired_bars(paired_bars_single_pairs(), notes=paired_bars_single_pairs()["who"], note_style={"color": "#333333"}).axes[0]
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("a, b", (4.0, 0)), ("c", (3.0, 1))]
    assert to_hex(ax.texts[0].get_color()) == "#333333" and ax.texts[0].get_fontsize() == 11


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_paired_bars(paired_bars_single_pairs(), ax=ax) is fig
    assert len(ax.patches) == 4


# --------------------------------------------------------------------------- paired columns
# Paired bars: two bars per category with the values of ``data``, notes over the second, wrapped tick labels.

@pytest.fixture
def paired_columns_data() -> pd.DataFrame:
    return pd.DataFrame({"top": [10.0, 4.0], "bottom": [5.0, 8.0]}, index=["North America", "Middle East & Africa"])


def test_bars_have_the_values_of_each_column_side_by_side(paired_columns_data):
    fig = plot_paired_columns(paired_columns_data, width=0.4)
    ax = fig.axes[0]
    first, second = ax.containers
    assert [b.get_height() for b in first] == [10.0, 4.0]
    assert [b.get_height() for b in second] == [5.0, 8.0]
    assert [b.get_x() + b.get_width() / 2 for b in first] == pytest.approx([-0.2, 0.8])
    assert [b.get_x() + b.get_width() / 2 for b in second] == pytest.approx([0.2, 1.2])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["top", "bottom"]
    assert ax.get_ylim() == pytest.approx((0, 12.0))
    plt.close(fig)


def test_notes_sit_over_the_second_bar_and_long_labels_wrap(paired_columns_data):
    fig = plot_paired_columns(paired_columns_data, notes=["50 %", "200 %"], names=["Top-down", "Bottom-up"], title="T", ylabel="USD")
    ax = fig.axes[0]
    notes = [(t.get_text(), t.xy) for t in ax.texts]
    assert notes == [("50 %", (pytest.approx(0.19), 5.0)), ("200 %", (pytest.approx(1.19), 8.0))]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["North America", "Middle East &\nAfrica"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Top-down", "Bottom-up"]
    assert (ax.get_title(), ax.get_ylabel()) == ("T", "USD")
    plt.close(fig)


def test_draws_on_the_given_axes_and_refuses_other_shapes(paired_columns_data):
    fig, (left, right) = plt.subplots(1, 2)
    assert plot_paired_columns(paired_columns_data, ax=right) is fig
    assert len(right.patches) == 4 and not left.patches
    with pytest.raises(ValueError, match="exactly two columns"):
        plot_paired_columns(paired_columns_data.assign(third=1.0), ax=left)
    plt.close(fig)


# --------------------------------------------------------------------------- share shift
# plot_share_shift: one panel per segmentation, an arrow from each segment's start share to its end share.

def share_shift_data() -> pd.DataFrame:
    return pd.DataFrame(
        [("drug_type", "Others", 10.0, 30.0), ("drug_type", "Adrenocorticotropic Hormone", 90.0, 70.0),
         ("dosage", "Liquid", 50.0, 50.5)],
        columns=["segmentation", "segment", "share_2010_pct", "share_2013_pct"],
    )


def arrows(ax) -> list[Annotation]:
    return [t for t in ax.texts if isinstance(t, Annotation)]


def test_one_panel_per_segmentation_with_arrows_only_for_moves_of_a_point_or_more():
    fig = plot_share_shift(share_shift_data(), years=(2010, 2013))
    first, second = fig.axes
    assert first.get_title(loc="left") == "Drug type" and second.get_title(loc="left") == "Dosage"
    assert [(a.xyann, a.xy) for a in arrows(first)] == [((10.0, 0), (30.0, 0)), ((90.0, 1), (70.0, 1))]
    assert arrows(second) == []  # half a point: dots but no arrow
    labels = [t.get_text() for t in first.texts if not isinstance(t, Annotation)]
    assert labels == ["10.0 → 30.0 %", "90.0 → 70.0 %"]


def test_open_dot_at_the_start_share_and_filled_dot_at_the_end_share():
    ax = plot_share_shift(share_shift_data(), years=(2010, 2013)).axes[0]
    start, end = ax.collections[0], ax.collections[1]  # the first segment's two dots
    assert tuple(start.get_offsets()[0]) == (10.0, 0.0)
    assert tuple(end.get_offsets()[0]) == (30.0, 0.0)
    assert to_hex(start.get_facecolor()[0]) == "#ffffff"


def test_labels_titles_and_default_colours():
    fig = plot_share_shift(share_shift_data(), years=(2010, 2013))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Others", "ACTH"]
    assert fig.axes[-1].get_xlabel() == "Share of the market value (%): open circle 2010, filled circle 2013"
    assert fig._suptitle.get_text() == "How the shares shift from 2010 to 2013"
    # the palette runs from the top row down: ACTH (top) first
    assert to_hex(ax.collections[1].get_facecolor()[0]) == to_hex(PALETTE[1])
    assert to_hex(ax.collections[3].get_facecolor()[0]) == to_hex(PALETTE[0])


def test_colours_given_by_segmentation_and_segment():
    colours = {"drug_type": {"Others": "#111111", "Adrenocorticotropic Hormone": "#222222"}, "dosage": {"Liquid": "#333333"}}
    fig = plot_share_shift(share_shift_data(), years=(2010, 2013), colours=colours)
    assert to_hex(fig.axes[0].collections[1].get_facecolor()[0]) == "#111111"
    assert to_hex(fig.axes[1].collections[1].get_facecolor()[0]) == "#333333"


def test_draws_on_the_axes_it_is_given_share_shift():
    fig, axes = plt.subplots(2, 1)
    assert plot_share_shift(share_shift_data(), ax=axes, years=(2010, 2013)) is fig
    assert len(axes[0].collections) == 4 and len(axes[1].collections) == 2


# --------------------------------------------------------------------------- tick bars
# plot_tick_bars: the end value as a bar coloured by group, the start value as a tick.

def tick_bars_data() -> pd.DataFrame:
    return pd.DataFrame(
        [("Europe", "Spain", 1.0, 2.0), ("North America", "Canada", 3.0, 4.0), ("Europe", "France", 5.0, 6.5)],
        columns=["Region", "Country", "value_2010_usd_m", "value_2013_usd_m"],
    )


COLOURS = {"North America": "#000000", "Europe": "#ffffff", "Asia-Pacific": "#ff0000"}


def test_bars_are_end_values_coloured_by_group_with_ticks_at_start_values():
    ax = plot_tick_bars(tick_bars_data(), years=(2010, 2013), colours=COLOURS, title="Countries").axes[0]
    assert [b.get_width() for b in ax.patches] == [2.0, 4.0, 6.5]
    assert [to_hex(b.get_facecolor()) for b in ax.patches] == ["#ffffff", "#000000", "#ffffff"]
    assert ax.collections[0].get_offsets().tolist() == [[1.0, 0], [3.0, 1], [5.0, 2]]
    assert [t.get_text() for t in ax.texts] == ["1.0 → 2.0", "3.0 → 4.0", "5.0 → 6.5"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Spain", "Canada", "France"]
    assert ax.get_xlim() == pytest.approx((0, 6.5 * 1.18))
    assert ax.get_title() == "Countries"


def test_legend_lists_the_groups_present_in_colour_order_then_the_tick():
    legend = plot_tick_bars(tick_bars_data(), years=(2010, 2013), colours=COLOURS).axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["North America", "Europe", "2010 value"]
    assert legend.get_title().get_text() == "Bar: 2013 value"


def test_draws_on_the_axes_it_is_given_tick_bars():
    fig, ax = plt.subplots()
    assert plot_tick_bars(tick_bars_data(), ax=ax, years=(2010, 2013)) is fig
    assert len(ax.patches) == 3
