"""plot_stacked_area: the bands are the data's columns, stacked, with the last year's values written on them."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.stacked_area import plot_stacked_area
from infantile_spasms_market.figures.style import PALETTE


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def data() -> pd.DataFrame:
    return pd.DataFrame({"A": [1.0, 2.0, 3.0], "B": [3.0, 3.0, 3.0], "C": [0.1, 0.1, 0.1]}, index=[2010, 2011, 2012])


def test_bands_are_stacked_columns_in_order_with_their_colours():
    fig = plot_stacked_area(data(), colours={"A": "#000000", "B": "#ffffff", "C": "#ff0000"}, title="By segment")
    ax = fig.axes[0]
    bands = ax.collections
    assert len(bands) == 3
    assert [to_hex(b.get_facecolor()[0]) for b in bands] == ["#000000", "#ffffff", "#ff0000"]
    top_of_b = bands[1].get_paths()[0].vertices[:, 1].max()
    assert top_of_b == pytest.approx(6.0)  # A (3) + B (3) in the last year
    assert ax.get_title() == "By segment"
    assert ax.get_ylabel() == "USD million"
    assert ax.get_ylim() == pytest.approx((0, 6.1 * 1.3))
    assert list(ax.get_xticks()) == [2010, 2011, 2012]


def test_legend_lists_the_top_band_first_and_default_colours_follow_the_palette():
    ax = plot_stacked_area(data()).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["C", "B", "A"]
    assert [to_hex(b.get_facecolor()[0]) for b in ax.collections] == [to_hex(c) for c in PALETTE[:3]]


def test_last_year_values_are_written_in_the_middle_of_bands_that_are_not_too_thin():
    ax = plot_stacked_area(data()).axes[0]
    labels = {t.get_text(): t.get_position() for t in ax.texts}
    assert set(labels) == {"3.0"}  # A and B are 3.0; C (0.1 of 6.1) is too thin for a label
    positions = sorted(t.get_position()[1] for t in ax.texts)
    assert positions == pytest.approx([1.5, 4.5])
    assert all(np.isclose(t.get_position()[0], 2012 - 0.1) for t in ax.texts)


def test_draws_on_the_axes_it_is_given():
    fig, ax = plt.subplots()
    assert plot_stacked_area(data(), ax=ax) is fig
    assert len(ax.collections) == 3
