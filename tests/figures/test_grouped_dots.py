"""plot_grouped_dots: each series' values as dots on its category's line, the series side by side."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.grouped_dots import SPREAD, plot_grouped_dots


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def results() -> pd.DataFrame:
    return pd.DataFrame({"group": ["ACTH", "Vigabatrin", "ACTH"], "series": ["Study 1", "Study 1", "Study 2"], "value": [70.0, 50.0, 60.0]})


def test_groups_top_to_bottom_and_series_side_by_side():
    ax = plot_grouped_dots(results(), groups=["ACTH", "Steroids", "Vigabatrin"], legend_title="Study", title="T", xlabel="%").axes[0]
    first, second = ax.collections
    assert first.get_offsets().tolist() == [[70.0, 2 - SPREAD / 2], [50.0, 0 - SPREAD / 2]]
    assert second.get_offsets().tolist() == [[60.0, 2 + SPREAD / 2]]
    assert first.get_paths()[0] != second.get_paths()[0]  # markers differ
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ACTH", "Steroids", "Vigabatrin"]
    assert [t.get_position()[1] for t in ax.get_yticklabels()] == [2, 1, 0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Study 1", "Study 2"]
    assert ax.get_legend().get_title().get_text() == "Study"
    assert ax.get_xlim() == (0, 100) and ax.get_ylim() == pytest.approx((-0.6, 2.6))


def test_a_group_without_a_line_is_refused():
    with pytest.raises(KeyError, match="groups without a line: Vigabatrin"):
        plot_grouped_dots(results(), groups=["ACTH"])


def test_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_grouped_dots(results(), ax=ax) is fig and len(ax.collections) == 2
