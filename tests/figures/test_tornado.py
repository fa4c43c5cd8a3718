"""Tests for figures.tornado: bars from the base to each end, end labels on the right sides, widest first at the top."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd

from infantile_spasms_market.figures.tornado import plot_tornado

DATA = pd.DataFrame(
    {"outcome_low": [170.0, 190.0], "outcome_base": [180.0, 180.0], "outcome_high": [196.0, 175.0]},
    index=["growth.innovation", "growth.price_erosion"],
)
LABELS = pd.DataFrame({"low": ["0", "-0.02"], "high": ["0.03", "0.004"]}, index=DATA.index)


def test_bars_labels_and_limits():
    fig = plot_tornado(DATA, end_labels=LABELS, xlabel="X", title="T")
    ax = fig.axes[0]
    assert [(p.get_x(), p.get_width()) for p in ax.patches] == [(180.0, -10.0), (180.0, 10.0), (180.0, 16.0), (180.0, -5.0)]
    texts = [(t.get_text(), t.xy, t.get_horizontalalignment()) for t in ax.texts]
    assert texts == [
        ("0", (170.0, 0), "right"), ("0.03", (196.0, 0), "left"),
        ("0.004", (175.0, 1), "right"), ("-0.02", (190.0, 1), "left"),  # the high value lowers this outcome
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["growth.innovation", "growth.price_erosion"]
    assert ax.yaxis_inverted()
    assert ax.get_xlim() == (180 - 16 * 1.45, 180 + 16 * 1.45)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["At the parameter's low value", "At the parameter's high value"]
    plt.close(fig)


def test_given_base_without_labels_on_given_axes():
    fig, ax = plt.subplots()
    assert plot_tornado(DATA.drop(columns="outcome_base"), ax=ax, base=185.0) is fig
    assert [p.get_x() for p in ax.patches] == [185.0] * 4
    assert not ax.texts
    plt.close(fig)
