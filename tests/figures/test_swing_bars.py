"""plot_tornado: bars from the base value to each input's low and high outcome, notes beyond the ends."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.swing_bars import plot_swing_bars


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def swings() -> pd.DataFrame:
    return pd.DataFrame({"low": [98.0, 90.0], "high": [101.0, 120.0], "low_note": ["-1 %", "-3 %"], "high_note": ["+1 %", "+4 %"]},
                        index=["small", "large"])


def test_bars_start_at_the_base_and_reach_each_end():
    ax = plot_swing_bars(swings(), base=100.0, names=("Low", "High"), title="T", xlabel="USD").axes[0]
    low, high = ax.patches[:2], ax.patches[2:]
    assert [b.get_x() for b in low] == [100.0, 100.0] and [b.get_width() for b in low] == [-2.0, -10.0]
    assert [b.get_width() for b in high] == [1.0, 20.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["small", "large"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Low", "High"]
    pad = 0.35 * 20
    assert ax.get_xlim() == pytest.approx((90 - pad, 120 + pad))
    assert ax.get_title() == "T" and ax.get_xlabel() == "USD"


def test_notes_beyond_each_end():
    ax = plot_swing_bars(swings(), base=100.0).axes[0]
    gap = 0.03 * 0.35 * 20
    placed = [(t.get_text(), t.get_position(), t.get_horizontalalignment()) for t in ax.texts]
    assert placed[:2] == [("-1 %", (pytest.approx(98 - gap), 0), "right"), ("+1 %", (pytest.approx(101 + gap), 0), "left")]
    assert len(placed) == 4


def test_without_notes_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_swing_bars(swings()[["low", "high"]], base=100.0, ax=ax) is fig and len(ax.texts) == 0
