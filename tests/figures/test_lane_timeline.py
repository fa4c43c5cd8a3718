"""plot_lane_timeline: events in lanes, marker by kind, filled or hollow, a cluster spread across its lane and labelled once per name."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.lane_timeline import plot_lane_timeline

MARKERS = {"approval": "o", "deal": "D", "pipeline": "*"}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


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
