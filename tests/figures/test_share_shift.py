"""plot_share_shift: one panel per segmentation, an arrow from each segment's start share to its end share."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.text import Annotation

from infantile_spasms_market.figures.share_shift import plot_share_shift
from infantile_spasms_market.figures.style import PALETTE


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def data() -> pd.DataFrame:
    return pd.DataFrame(
        [("drug_type", "Others", 10.0, 30.0), ("drug_type", "Adrenocorticotropic Hormone", 90.0, 70.0),
         ("dosage", "Liquid", 50.0, 50.5)],
        columns=["segmentation", "segment", "share_2010_pct", "share_2013_pct"],
    )


def arrows(ax) -> list[Annotation]:
    return [t for t in ax.texts if isinstance(t, Annotation)]


def test_one_panel_per_segmentation_with_arrows_only_for_moves_of_a_point_or_more():
    fig = plot_share_shift(data(), years=(2010, 2013))
    first, second = fig.axes
    assert first.get_title(loc="left") == "Drug type" and second.get_title(loc="left") == "Dosage"
    assert [(a.xyann, a.xy) for a in arrows(first)] == [((10.0, 0), (30.0, 0)), ((90.0, 1), (70.0, 1))]
    assert arrows(second) == []  # half a point: dots but no arrow
    labels = [t.get_text() for t in first.texts if not isinstance(t, Annotation)]
    assert labels == ["10.0 → 30.0 %", "90.0 → 70.0 %"]


def test_open_dot_at_the_start_share_and_filled_dot_at_the_end_share():
    ax = plot_share_shift(data(), years=(2010, 2013)).axes[0]
    start, end = ax.collections[0], ax.collections[1]  # the first segment's two dots
    assert tuple(start.get_offsets()[0]) == (10.0, 0.0)
    assert tuple(end.get_offsets()[0]) == (30.0, 0.0)
    assert to_hex(start.get_facecolor()[0]) == "#ffffff"


def test_labels_titles_and_default_colours():
    fig = plot_share_shift(data(), years=(2010, 2013))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Others", "ACTH"]
    assert fig.axes[-1].get_xlabel() == "Share of the market value (%): open circle 2010, filled circle 2013"
    assert fig._suptitle.get_text() == "How the shares shift from 2010 to 2013"
    # the palette runs from the top row down: ACTH (top) first
    assert to_hex(ax.collections[1].get_facecolor()[0]) == to_hex(PALETTE[1])
    assert to_hex(ax.collections[3].get_facecolor()[0]) == to_hex(PALETTE[0])


def test_colours_given_by_segmentation_and_segment():
    colours = {"drug_type": {"Others": "#111111", "Adrenocorticotropic Hormone": "#222222"}, "dosage": {"Liquid": "#333333"}}
    fig = plot_share_shift(data(), years=(2010, 2013), colours=colours)
    assert to_hex(fig.axes[0].collections[1].get_facecolor()[0]) == "#111111"
    assert to_hex(fig.axes[1].collections[1].get_facecolor()[0]) == "#333333"


def test_draws_on_the_axes_it_is_given():
    fig, axes = plt.subplots(2, 1)
    assert plot_share_shift(data(), ax=axes, years=(2010, 2013)) is fig
    assert len(axes[0].collections) == 4 and len(axes[1].collections) == 2
