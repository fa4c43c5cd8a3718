"""plot_tick_bars: the end value as a bar coloured by group, the start value as a tick."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.tick_bars import plot_tick_bars


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def data() -> pd.DataFrame:
    return pd.DataFrame(
        [("Europe", "Spain", 1.0, 2.0), ("North America", "Canada", 3.0, 4.0), ("Europe", "France", 5.0, 6.5)],
        columns=["Region", "Country", "value_2010_usd_m", "value_2013_usd_m"],
    )


COLOURS = {"North America": "#000000", "Europe": "#ffffff", "Asia-Pacific": "#ff0000"}


def test_bars_are_end_values_coloured_by_group_with_ticks_at_start_values():
    ax = plot_tick_bars(data(), years=(2010, 2013), colours=COLOURS, title="Countries").axes[0]
    assert [b.get_width() for b in ax.patches] == [2.0, 4.0, 6.5]
    assert [to_hex(b.get_facecolor()) for b in ax.patches] == ["#ffffff", "#000000", "#ffffff"]
    assert ax.collections[0].get_offsets().tolist() == [[1.0, 0], [3.0, 1], [5.0, 2]]
    assert [t.get_text() for t in ax.texts] == ["1.0 → 2.0", "3.0 → 4.0", "5.0 → 6.5"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Spain", "Canada", "France"]
    assert ax.get_xlim() == pytest.approx((0, 6.5 * 1.18))
    assert ax.get_title() == "Countries"


def test_legend_lists_the_groups_present_in_colour_order_then_the_tick():
    legend = plot_tick_bars(data(), years=(2010, 2013), colours=COLOURS).axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["North America", "Europe", "2010 value"]
    assert legend.get_title().get_text() == "Bar: 2013 value"


def test_draws_on_the_axes_it_is_given():
    fig, ax = plt.subplots()
    assert plot_tick_bars(data(), ax=ax, years=(2010, 2013)) is fig
    assert len(ax.patches) == 3
