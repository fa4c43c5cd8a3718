"""plot_dot_range: a dot per estimate, a bar over its range, a shaded span and a reference line."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from infantile_spasms_market.figures.dot_range import plot_dot_range


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def estimates() -> pd.DataFrame:
    return pd.DataFrame({"low": [None, 0.2, 0.3], "point": [0.15, 0.3, 0.45], "high": [None, 0.4, 0.6]}, index=["a", "b", "c"])


def test_dots_ranges_span_and_reference():
    ax = plot_dot_range(estimates(), span=(0.1, 0.6), reference=0.31, reference_label="Model (0.310)",
                        title="T", xlabel="per 1,000").axes[0]
    dots = next(line for line in ax.lines if line.get_marker() == "o")
    assert list(dots.get_xdata()) == [0.15, 0.3, 0.45] and list(dots.get_ydata()) == [0, 1, 2]
    ranges = ax.collections[0].get_segments()
    assert [tuple(map(tuple, s)) for s in ranges] == [((0.2, 1), (0.4, 1)), ((0.3, 2), (0.6, 2))]  # no bar for "a"
    reference = next(line for line in ax.lines if line.get_linestyle() == "--")
    assert list(reference.get_xdata()) == [0.31, 0.31]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Span of all published values", "Published range", "Point estimate (or midpoint of range)", "Model (0.310)"]
    span = ax.patches[0].get_path().transformed(ax.patches[0].get_patch_transform()).vertices[:, 0]
    assert (span.min(), span.max()) == pytest.approx((0.1, 0.6))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    assert ax.get_title() == "T" and ax.get_xlabel() == "per 1,000"


def test_without_span_or_reference_and_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_dot_range(estimates(), ax=ax, names=("S", "R", "P")) is fig
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["R", "P"]
