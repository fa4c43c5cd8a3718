"""plot_panels: a row of panels, each drawn by a chart function, with a shared title."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.bars import plot_bars
from infantile_spasms_market.figures.panels import plot_panels


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_each_panel_drawn_by_its_function_with_its_options():
    left, right = pd.Series([1.0, 2.0], index=["a", "b"]), pd.Series([5.0, 6.0], index=["a", "b"])
    fig = plot_panels([(plot_bars, left, {"title": "Left"}), (plot_bars, right, {"title": "Right", "fmt": "{:.2f}"})],
                      sharey=True, title="Both")
    first, second = fig.axes
    assert [b.get_width() for b in first.patches] == [1.0, 2.0] and [b.get_width() for b in second.patches] == [5.0, 6.0]
    assert (first.get_title(), second.get_title()) == ("Left", "Right")
    assert [t.get_text() for t in second.texts] == ["5.00", "6.00"]
    assert fig._suptitle.get_text() == "Both"
    assert first.get_shared_y_axes().joined(first, second)


def test_one_panel_without_title():
    fig = plot_panels([(plot_bars, pd.Series([1.0], index=["a"]), {})])
    assert len(fig.axes) == 1 and fig._suptitle is None
