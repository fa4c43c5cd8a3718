"""plot_paired_bars: two bars per category, in one panel or in a grid of panels."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.paired_bars import plot_paired_bars


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


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
