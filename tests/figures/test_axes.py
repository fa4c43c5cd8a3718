"""Tests for figures.axes: a new figure or the given axes, labels only where given, a legend only when labelled."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from infantile_spasms_market.figures.axes import (
    figure_and_axes,
    legend_if_labelled,
    log_scale,
    set_labels,
    thousands,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_new_figure_or_the_given_axes():
    fig, ax = figure_and_axes()
    assert ax.figure is fig and fig.axes == [ax]
    other_fig, other_ax = plt.subplots()
    assert figure_and_axes(other_ax) == (other_fig, other_ax)


def test_labels_only_where_given():
    _, ax = plt.subplots()
    ax.set_ylabel("kept")
    set_labels(ax, title="T", xlabel="X")
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("T", "X", "kept")


def test_legend_only_when_something_is_labelled():
    _, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    legend_if_labelled(ax)
    assert ax.get_legend() is None
    ax.plot([0, 1], [1, 0], label="line")
    legend_if_labelled(ax, loc="upper left")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["line"]


def test_log_scale_with_thousands_separators():
    _, ax = plt.subplots()
    log_scale(ax, "x")
    assert ax.get_xscale() == "log" and ax.get_yscale() == "linear"
    assert thousands(1234567.0) == "1,234,567"
    assert ax.xaxis.get_major_formatter()(100000.0, 0) == "100,000"
