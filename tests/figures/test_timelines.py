"""Tests of the timelines family: timelines of dated events: one row per event, or lanes of markers."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.dates import date2num
from matplotlib.text import Text

from infantile_spasms_market.figures.style import overlapping
from infantile_spasms_market.figures.timelines import LABEL_SIZE, plot_lane_timeline, plot_timeline


# --------------------------------------------------------------------------- lane timeline
# plot_lane_timeline: events in lanes, marker by kind, filled or hollow, a cluster spread across its lane and labelled once per name.

MARKERS = {"approval": "o", "deal": "D", "pipeline": "*"}


def events() -> pd.DataFrame:
    return pd.DataFrame({
        "date": pd.to_datetime(["2010-01-01", "2010-06-01", "2015-01-01", "2012-01-01"]),
        "lane": ["A", "A", "A", "B"],
        "kind": ["approval", "deal", "approval", "pipeline"],
        "label": ["one", "two", "three", "four"],
        "filled": [True, False, True, True],
    })


def test_lanes_top_to_bottom_and_unused_lanes_left_out():
    ax = plot_lane_timeline(events(), markers=MARKERS, lanes=["B", "Empty", "A"], title="T").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]  # from the bottom: B is on top
    offsets = [c.get_offsets()[0][1] for c in ax.collections]
    assert offsets == pytest.approx([0.15, -0.15, 0, 1])  # "one" and "two" are a cluster: spread across lane A
    assert ax.get_title() == "T"


def test_markers_filled_or_hollow_with_sizes_by_kind():
    ax = plot_lane_timeline(events(), markers=MARKERS, sizes={"pipeline": 300}, colors=("#000000", "#ff0000")).axes[0]
    one, two, _, four = ax.collections
    assert to_hex(one.get_facecolor()[0]) == "#000000"
    assert to_hex(two.get_facecolor()[0]) == "#ffffff" and to_hex(two.get_edgecolor()[0]) == "#ff0000"
    assert one.get_sizes()[0] == 170 and four.get_sizes()[0] == 300


def test_a_cluster_gets_one_label_per_name_on_alternate_sides():
    ax = plot_lane_timeline(events(), markers=MARKERS).axes[0]  # lanes in order of appearance: A on top (y = 1)
    texts = {t.get_text(): t for t in ax.texts}
    assert texts["one"].get_ha() == "right" and texts["one"].get_position()[0] < pd.Timestamp("2010-01-01")
    assert texts["two"].get_ha() == "left" and texts["two"].get_position()[0] > pd.Timestamp("2010-06-01")
    assert texts["three"].get_position()[1] == pytest.approx(1.3)  # alone: above its marker
    assert texts["four"].xy == (pd.Timestamp("2012-01-01"), 0)


def test_a_name_repeated_in_a_cluster_is_written_once_and_no_markers_overlap():
    same = events().assign(label=["ANI", "ANI", "three", "four"])
    ax = plot_lane_timeline(same, markers=MARKERS).axes[0]
    assert [t.get_text() for t in ax.texts].count("ANI") == 1
    ys = [c.get_offsets()[0][1] for c in ax.collections[:2]]
    assert abs(ys[0] - ys[1]) == pytest.approx(0.3)


def test_legend_lists_kinds_present_then_filled_and_hollow():
    fig = plot_lane_timeline(events(), markers={**MARKERS, "launch": "^"}, filled_label="yes", hollow_label="no")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["approval", "deal", "pipeline", "yes", "no"]


def test_unknown_kind_refused():
    with pytest.raises(KeyError, match="no marker for the kind"):
        plot_lane_timeline(events(), markers={"approval": "o"})


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_lane_timeline(events(), ax=ax, markers=MARKERS) is fig and len(ax.collections) == 4


# --------------------------------------------------------------------------- timeline
# Tests for figures.timeline (one row per event): dots by kind, labels beside them, the legend.

EVENTS = pd.DataFrame({
    "date": pd.to_datetime(["2009-08-21", "2014-01-01", "2024-06-01"]),
    "kind": ["approval", "deal", "approval"],
    "date_text": ["21 Aug 2009", "2014", "Jun 2024"],
    "event": ["First approval", "A company buys another company and its whole portfolio of products", "Second"],
})


def test_one_row_per_event_coloured_by_kind():
    fig = plot_timeline(EVENTS, colors={"approval": "#0000ff", "deal": "#ff0000", "generic": "#00ff00"}, title="T")
    ax = fig.axes[0]
    approvals, deals = ax.collections[:2]
    ys = [*approvals.get_offsets()[:, 1], *deals.get_offsets()[:, 1]]
    assert ys[0] > ys[2] > ys[1]  # top to bottom in the order of the data
    np.testing.assert_allclose(approvals.get_offsets()[:, 0], date2num(EVENTS["date"].iloc[[0, 2]]))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Approval", "Deal"]
    assert ax.get_legend()._ncols == 3
    labels = [t.get_text() for t in ax.texts]
    assert labels[0] == "21 Aug 2009: First approval"
    assert [t.get_horizontalalignment() for t in ax.texts] == ["left", "left", "right"]
    assert [t.xy[1] for t in ax.texts] == pytest.approx(ys[:1] + ys[2:] + ys[1:2])  # each beside its dot
    assert ax.get_title() == "T"
    plt.close(fig)


def test_labels_are_whole_wrapped_to_their_room_and_do_not_collide():
    long = "A company buys another company and its whole portfolio of products, " * 3
    events = pd.concat([EVENTS, EVENTS.assign(event=long, date=pd.to_datetime("2016-01-01")), *[EVENTS] * 4], ignore_index=True)
    start = plt.rcParams["figure.figsize"][1]
    fig = plot_timeline(events)
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = ax.texts
    assert [" ".join(t.get_text().split()) for t in texts] == [f"{w}: {e.strip()}" for w, e in zip(events["date_text"], events["event"])]
    assert texts[3].get_text().count("\n") >= 2  # wrapped, not cut short
    box = ax.get_window_extent(renderer)
    for text in texts:  # inside the axes, so neither clipped by the figure nor running past the plot
        extent = Text.get_window_extent(text, renderer)
        assert box.x0 <= extent.x0 and extent.x1 <= box.x1 and box.y0 <= extent.y0 and extent.y1 <= box.y1
    assert overlapping(texts, renderer) == []
    assert fig.get_size_inches()[1] > start  # a new figure grows to keep its rows readable
    plt.close(fig)


def test_many_long_events_on_a_small_given_axes_do_not_overlap():
    events = pd.concat([EVENTS] * 4, ignore_index=True).assign(event="A long description that needs to wrap " * 2)
    fig, ax = plt.subplots(figsize=(5, 4))
    plot_timeline(events, ax=ax)
    assert fig.get_size_inches().tolist() == [5, 4]  # a given axes is drawn on as it is
    assert overlapping(ax.texts) == []  # smaller text instead
    assert ax.texts[0].get_fontsize() < LABEL_SIZE
    plt.close(fig)


def test_refuses_a_kind_without_colour():
    with pytest.raises(ValueError, match=r"kinds without a colour in the timeline: \['deal'\]"):
        plot_timeline(EVENTS, colors={"approval": "#0000ff"})


def test_draws_on_the_given_axes():
    fig, ax = plt.subplots()
    assert plot_timeline(EVENTS, ax=ax) is fig
    assert len(ax.texts) == 3
    plt.close(fig)
