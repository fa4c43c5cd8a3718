"""plot_waterfall: from the first total through signed steps to the last total."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.style import PALETTE
from infantile_spasms_market.figures.waterfall import plot_waterfall


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def data() -> pd.DataFrame:
    return pd.DataFrame({"step": ["2010", "Up a lot", "Down", "2013"], "change_usd_m": [100.0, 30.0, -10.0, 120.0]})


def test_bars_float_from_one_level_to_the_next():
    ax = plot_waterfall(data()).axes[0]
    bars = ax.patches
    assert [b.get_height() for b in bars] == pytest.approx([100.0, 30.0, 10.0, 120.0])
    assert [b.get_y() for b in bars] == pytest.approx([0.0, 100.0, 120.0, 0.0])
    expected = [PALETTE[0], PALETTE[2], PALETTE[5], PALETTE[0]]
    assert [to_hex(b.get_facecolor()) for b in bars] == [to_hex(c) for c in expected]


def test_totals_and_signed_changes_are_written_on_top():
    ax = plot_waterfall(data()).axes[0]
    assert [t.get_text() for t in ax.texts] == ["100.0", "+30.00", "-10.00", "120.0"]
    assert ax.texts[1].get_position() == pytest.approx((1, 130.6))


def test_value_axis_starts_near_the_lowest_level_and_says_so():
    ax = plot_waterfall(data(), title="Bridge").axes[0]
    assert ax.get_ylim() == pytest.approx((90.0, 120.0 * 1.06))
    assert ax.get_ylabel() == "USD million (axis from 90)"
    assert ax.get_title() == "Bridge"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2010", "Up\na lot", "Down", "2013"]


def test_draws_on_the_axes_it_is_given():
    fig, ax = plt.subplots()
    assert plot_waterfall(data(), ax=ax) is fig
    assert len(ax.patches) == 4
