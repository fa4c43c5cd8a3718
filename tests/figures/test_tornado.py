"""Tests for figures.tornado: bars from the base to each end, notes outwards at the ends, widest first at the top."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.tornado import NAMES, ROOM, plot_tornado

DATA = pd.DataFrame(
    {"outcome_low": [170.0, 190.0], "outcome_base": [180.0, 180.0], "outcome_high": [196.0, 175.0],
     "low_note": ["0", "-0.02"], "high_note": ["0.03", "0.004"]},
    index=["growth.innovation", "growth.price_erosion"],
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_bars_from_the_base_first_row_on_top():
    ax = plot_tornado(DATA, xlabel="X", title="T").axes[0]
    assert [(p.get_x(), p.get_width()) for p in ax.patches] == [(180.0, -10.0), (180.0, 10.0), (180.0, 16.0), (180.0, -5.0)]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["growth.innovation", "growth.price_erosion"]
    assert ax.yaxis_inverted()
    assert list(ax.lines[0].get_xdata()) == [180.0, 180.0]  # the base line
    assert ax.get_xlim() == (180 - 16 * ROOM, 180 + 16 * ROOM)
    assert (ax.get_xlabel(), ax.get_title()) == ("X", "T")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(NAMES)


def test_notes_sit_outwards_at_the_end_they_belong_to():
    ax = plot_tornado(DATA).axes[0]
    texts = [(t.get_text(), t.xy, t.get_horizontalalignment()) for t in ax.texts]
    assert texts == [
        ("0", (170.0, 0), "right"), ("0.03", (196.0, 0), "left"),
        ("0.004", (175.0, 1), "right"), ("-0.02", (190.0, 1), "left"),  # the high value lowers this outcome
    ]


def test_without_notes_on_given_axes_with_other_names():
    fig, ax = plt.subplots()
    assert plot_tornado(DATA.drop(columns=["low_note", "high_note"]), ax=ax, names=("Low", "High")) is fig
    assert not ax.texts
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Low", "High"]
