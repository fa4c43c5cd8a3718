"""plot_grouped_bars: one bar per column in each group, the first on top, notes beside the top bar."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.grouped_bars import plot_grouped_bars


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def stages() -> pd.DataFrame:
    return pd.DataFrame({"Incident": [4.0, 10.0], "Diagnosed": [2.0, 8.0], "Treated": [1.0, 6.0]}, index=["South", "North"])


def test_first_column_on_top_of_each_group():
    ax = plot_grouped_bars(stages(), colours=["#000000", "#111111", "#222222"], height=0.25, title="T", xlabel="x").axes[0]
    incident, diagnosed, treated = ax.patches[:2], ax.patches[2:4], ax.patches[4:]
    assert [b.get_width() for b in incident] == [4.0, 10.0] and [b.get_width() for b in treated] == [1.0, 6.0]
    assert [b.get_y() + b.get_height() / 2 for b in incident] == pytest.approx([0.25, 1.25])
    assert [b.get_y() + b.get_height() / 2 for b in diagnosed] == pytest.approx([0, 1])
    assert [b.get_y() + b.get_height() / 2 for b in treated] == pytest.approx([-0.25, 0.75])
    assert to_hex(treated[0].get_facecolor()) == "#222222"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Incident", "Diagnosed", "Treated"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["South", "North"]


def test_notes_room_and_legend_options():
    ax = plot_grouped_bars(stages(), notes=["25 %", "60 %"], note_pad=0.2, room=1.2, height=0.27,
                           legend_loc="upper right", legend_title="Stage").axes[0]
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("25 %", (pytest.approx(4.2), pytest.approx(0.27))),
                                                                   ("60 %", (pytest.approx(10.2), pytest.approx(1.27)))]
    assert ax.get_xlim() == pytest.approx((0, 12.0))
    assert ax.get_legend().get_title().get_text() == "Stage"
    assert ax.get_legend()._loc == 1  # upper right


def test_the_legend_sits_outside_the_plot_by_default():
    data = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]}, index=["x", "y"])
    ax = plot_grouped_bars(data).axes[0]
    legend = ax.get_legend()
    ax.figure.canvas.draw()
    assert legend.get_window_extent().x0 >= ax.get_window_extent().x1  # right of the axes: covers no bar


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_grouped_bars(stages(), ax=ax) is fig and len(ax.patches) == 6
