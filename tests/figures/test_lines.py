"""plot_lines: one line per series over years, each point labelled."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from infantile_spasms_market.figures.lines import plot_lines


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def prices() -> pd.DataFrame:
    return pd.DataFrame({"series": ["vial", "vial", "course", "course"], "year": [2001.0, 2017.0, 2006.0, 2020.0],
                         "value": [40.0, 34034.0, 3718.0, 100457.0]})


def test_one_line_per_series_with_labelled_points():
    ax = plot_lines(prices(), names={"vial": "Per vial"}, colours=["#d55e00", "#0072b2"], offsets=[(26, -22), (0, 12)],
                    fmt="USD {:,.0f}", log=True, ylim=(10, 1e6), xpad=2, title="T", ylabel="USD").axes[0]
    vial, course = ax.lines
    assert list(vial.get_xdata()) == [2001.0, 2017.0] and list(course.get_ydata()) == [3718.0, 100457.0]
    assert vial.get_marker() == "o" and course.get_marker() == "s" and to_hex(vial.get_color()) == "#d55e00"
    assert [t.get_text() for t in ax.texts] == ["USD 40", "USD 34,034", "USD 3,718", "USD 100,457"]
    assert ax.texts[0].get_position() == (26, -22) and ax.texts[2].get_position() == (0, 12)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Per vial", "course"]
    assert ax.get_yscale() == "log" and ax.get_ylim() == pytest.approx((10, 1e6))
    assert ax.get_xlim() == (1999.0, 2022.0)
    assert ax.get_title() == "T" and ax.get_ylabel() == "USD"


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_lines(prices(), ax=ax) is fig and len(ax.lines) == 2
