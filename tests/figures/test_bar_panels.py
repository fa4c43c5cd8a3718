"""Bar panels: one panel per value column, bars coloured by rating, value labels, a shared legend of ratings."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.bar_panels import TRAFFIC_LIGHTS, plot_bar_panels


@pytest.fixture
def data() -> pd.DataFrame:
    return pd.DataFrame({"quality": ["amber", "red"], "total": [0.0, 14.5], "bottom_up": [160.6, 0.0]},
                        index=pd.Index(["a.one", "b.two"], name="path"))


def test_one_panel_per_column_with_coloured_labelled_bars(data):
    fig = plot_bar_panels(data, titles=["Total", "Bottom-up"], legend_prefix="Evidence ", title="T", xlabel="Swing")
    left, right = fig.axes
    assert [b.get_width() for b in left.patches] == [0.0, 14.5]
    assert [b.get_width() for b in right.patches] == [160.6, 0.0]
    colours = [matplotlib.colors.to_hex(b.get_facecolor()).upper() for b in left.patches]
    assert colours == [TRAFFIC_LIGHTS["amber"].upper(), TRAFFIC_LIGHTS["red"].upper()]
    assert [t.get_text() for t in left.texts] == ["no effect", "14.5 %"]
    assert [t.get_text() for t in right.texts] == ["160.6 %", "no effect"]
    assert (left.get_title(), right.get_title(), fig._suptitle.get_text()) == ("Total", "Bottom-up", "T")
    assert [t.get_text() for t in left.get_yticklabels()] == ["a.one", "b.two"]
    assert [t.get_text() for t in right.get_legend().get_texts()] == ["Evidence green", "Evidence amber", "Evidence red"]
    assert left.get_xlim() == pytest.approx((0, 14.5 * 1.3)) and right.get_xlim() == pytest.approx((0, 160.6 * 1.3))
    plt.close(fig)


def test_draws_on_the_given_axes(data):
    fig, axes = plt.subplots(1, 2, sharey=True)
    assert plot_bar_panels(data.assign(total=0.0), ax=axes, columns=["total", "bottom_up"]) is fig
    assert [b.get_width() for b in axes[0].patches] == [0.0, 0.0]
    assert axes[0].get_title() == "total" and axes[0].get_xlim() == pytest.approx((0, 1.3))
    plt.close(fig)
