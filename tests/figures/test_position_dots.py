"""Dot range: dots at the values, coloured by position, labelled, against the span and the reference line."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.position_dots import (
    POSITION_COLOURS,
    plot_position_dots,
)


@pytest.fixture
def data() -> pd.DataFrame:
    return pd.DataFrame({"value_usd_m": [120.0, 180.0, 400.0], "position": ["below", "within", "above"]},
                        index=["A", "B", "C"])


def test_dots_labels_span_and_reference(data):
    fig = plot_position_dots(data, span=(150.0, 200.0), span_label="Range", reference=175.0, reference_label="Book")
    ax = fig.axes[0]
    dots = ax.collections[0]
    assert dots.get_offsets().tolist() == [[120.0, 0.0], [180.0, 1.0], [400.0, 2.0]]
    colours = [matplotlib.colors.to_hex(c).upper() for c in dots.get_facecolor()]
    assert colours == [POSITION_COLOURS[p].upper() for p in ("below", "within", "above")]
    assert [t.get_text() for t in ax.texts] == ["120 (below)", "180 (within)", "400 (above)"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B", "C"]
    assert list(ax.lines[0].get_xdata()) == [175.0, 175.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Range", "Book"]
    assert ax.get_xlim() == pytest.approx((0, 500.0))
    plt.close(fig)


def test_draws_on_the_given_axes(data):
    fig, ax = plt.subplots()
    assert plot_position_dots(data, ax=ax, room=2.0) is fig
    assert not ax.lines and not ax.patches and ax.get_xlim() == pytest.approx((0, 800.0))
    plt.close(fig)
