"""Tests for figures.timeline (one row per event): dots by kind, labels beside them, the legend."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.dates import date2num

from infantile_spasms_market.figures.timeline import plot_timeline

EVENTS = pd.DataFrame({
    "date": pd.to_datetime(["2009-08-21", "2014-01-01", "2024-06-01"]),
    "kind": ["approval", "deal", "approval"],
    "date_text": ["21 Aug 2009", "2014", "Jun 2024"],
    "event": ["First approval", "A company buys another company and its whole portfolio of products", "Second"],
})


def test_one_row_per_event_coloured_by_kind():
    fig = plot_timeline(EVENTS, colors={"approval": "#0000ff", "deal": "#ff0000", "generic": "#00ff00"}, width=30, title="T")
    ax = fig.axes[0]
    approvals, deals = ax.collections[:2]
    np.testing.assert_allclose(approvals.get_offsets()[:, 1], [2, 0])
    np.testing.assert_allclose(approvals.get_offsets()[:, 0], date2num(EVENTS["date"].iloc[[0, 2]]))
    np.testing.assert_allclose(deals.get_offsets()[:, 1], [1])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Approval", "Deal"]
    assert ax.get_legend()._ncols == 3
    labels = [t.get_text() for t in ax.texts]
    assert labels[0] == "21 Aug 2009: First approval"
    assert labels[1] == "2014: A company buys another..."
    assert [t.get_horizontalalignment() for t in ax.texts] == ["left", "left", "right"]
    assert ax.get_title() == "T"
    plt.close(fig)


def test_refuses_a_kind_without_colour():
    with pytest.raises(ValueError, match=r"kinds without a colour in the timeline: \['deal'\]"):
        plot_timeline(EVENTS, colors={"approval": "#0000ff"})


def test_draws_on_the_given_axes():
    fig, ax = plt.subplots()
    assert plot_timeline(EVENTS, ax=ax) is fig
    assert len(ax.texts) == 3
    plt.close(fig)
