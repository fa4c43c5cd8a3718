"""plot_course_costs: course costs of each drug and market on a log axis, one marker per basis."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.course_costs import plot_course_costs


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def costs() -> pd.DataFrame:
    return pd.DataFrame({
        "group": ["ACTH, Japan", "ACTH, Japan", "Vigabatrin, Italy"],
        "series": ["Price index", "Pack price", "Pack price"],
        "value": [60000.0, 140.0, 210.0],
    })


def test_log_axis_spans_every_cost_with_a_marker_per_basis():
    ax = plot_course_costs(costs(), title="T").axes[0]
    assert ax.get_xscale() == "log"
    low, high = ax.get_xlim()
    assert low == pytest.approx(70.0) and high == pytest.approx(120000.0)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ACTH, Japan", "Vigabatrin, Italy"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Price index", "Pack price"]
    assert len(ax.collections) == 2


def test_a_cost_that_is_not_positive_is_refused():
    frame = costs()
    frame.loc[0, "value"] = 0.0
    with pytest.raises(ValueError, match="positive"):
        plot_course_costs(frame)
