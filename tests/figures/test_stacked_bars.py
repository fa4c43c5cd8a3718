"""plot_stacked_bars: parts stacked left to right, bold labels, a note on empty rows."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.stacked_bars import plot_stacked_bars


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def counts() -> pd.DataFrame:
    return pd.DataFrame({"About A": [0, 2, 1], "About B": [0, 1, 3]}, index=["none", "p", "q"])


def test_parts_stack_and_rows_run_upwards():
    ax = plot_stacked_bars(counts(), title="T", xlabel="Events", integer=True).axes[0]
    first, second = ax.patches[:3], ax.patches[3:]
    assert [b.get_width() for b in first] == [0, 2, 1]
    assert [b.get_x() for b in second] == [0, 2, 1] and [b.get_width() for b in second] == [0, 1, 3]
    assert [b.get_y() + b.get_height() / 2 for b in first] == pytest.approx([0, 1, 2])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["none", "p", "q"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["About A", "About B"]
    assert ax.get_ylim() == pytest.approx((-0.6, 2.6))
    assert ax.get_title() == "T" and ax.get_xlabel() == "Events"


def test_bold_labels_and_a_note_on_each_empty_row():
    ax = plot_stacked_bars(counts(), bold=[True, False, True], empty_note="nothing").axes[0]
    assert [t.get_fontweight() for t in ax.get_yticklabels()] == ["bold", "normal", "bold"]
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [("nothing", (0.05, 0))]


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_stacked_bars(counts(), ax=ax) is fig and len(ax.patches) == 6
