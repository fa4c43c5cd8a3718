"""plot_total_line: the scenario's total, the base dashed on request, the published values as diamonds."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.figures.total_line import plot_total_line


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def data() -> pd.DataFrame:
    return pd.DataFrame(
        {"scenario_usd_m": [1.0, 2.0, 3.0, 4.0], "base_usd_m": [1.0, 2.0, 2.0, 2.0], "report_usd_m": [1.0, np.nan, np.nan, 5.0]},
        index=pd.Index([2010, 2011, 2012, 2013], name="year"),
    )


def test_scenario_line_and_published_points():
    ax = plot_total_line(data()).axes[0]
    assert len(ax.lines) == 1
    assert list(ax.lines[0].get_ydata()) == [1.0, 2.0, 3.0, 4.0]
    assert ax.collections[0].get_offsets().tolist() == [[2010, 1.0], [2013, 5.0]]
    assert [t.get_text() for t in ax.texts] == ["Report: 1.00", "Report: 5.00", "This scenario: 4.00"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["This scenario", "Published by the report"]
    assert ax.get_ylim() == pytest.approx((0, 5.0 * 1.18))
    assert ax.get_xlim() == pytest.approx((2009.6, 2013.4))


def test_base_scenario_dashed_when_asked():
    ax = plot_total_line(data(), show_base=True).axes[0]
    assert len(ax.lines) == 2
    assert list(ax.lines[1].get_ydata()) == [1.0, 2.0, 2.0, 2.0]
    assert ax.lines[1].get_linestyle() == "--"
    assert "Base scenario" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_draws_on_the_axes_it_is_given():
    fig, ax = plt.subplots()
    assert plot_total_line(data(), ax=ax, title="Total") is fig
    assert ax.get_title() == "Total"
