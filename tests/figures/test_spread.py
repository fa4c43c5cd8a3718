"""Labels kept apart by design: spread positions, text sizes in data units, overlapping boxes found."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

from infantile_spasms_market.figures import spread as sp


def test_values_far_apart_stay_where_they_are():
    assert sp.spread([5.0, 1.0, 9.0], 1.0).tolist() == [5.0, 1.0, 9.0]


def test_a_crowd_is_spread_around_its_mean_in_the_same_order():
    placed = sp.spread([10.0, 10.2, 9.9], 1.0)
    assert placed.tolist() == pytest.approx([10.0 + 1 / 30, 11.0 + 1 / 30, 9.0 + 1 / 30])
    assert np.mean(placed) == pytest.approx(np.mean([10.0, 10.2, 9.9]))


def test_groups_that_meet_after_spreading_are_merged():
    placed = np.sort(sp.spread([0.0, 0.1, 1.5, 1.6], 1.0))
    assert np.diff(placed) == pytest.approx([1.0, 1.0, 1.0])


def test_bounds_are_kept_when_the_labels_fit():
    placed = sp.spread([0.0, 0.0, 0.0], 1.0, lower=0.0, upper=5.0)
    assert placed.tolist() == [0.0, 1.0, 2.0]
    assert sp.spread([5.0, 5.0], 1.0, upper=5.0).tolist() == [4.0, 5.0]


def test_a_negative_gap_is_refused():
    with pytest.raises(ValueError, match="must not be negative"):
        sp.spread([1.0], -1.0)


def test_sizes_in_data_units_follow_the_axes():
    fig, ax = plt.subplots(figsize=(4, 2), dpi=100)
    ax.set_ylim(0, 100)
    ax.set_xlim(0, 10)
    height, width = ax.get_window_extent().height, ax.get_window_extent().width
    assert sp.text_height(ax, 10, spacing=1.0) == pytest.approx(100 * (10 * 100 / 72) / height)
    assert sp.points_in_x(ax, 72) == pytest.approx(10 * 100 / width)
    plt.close(fig)


def test_overlapping_names_the_pairs_whose_drawn_boxes_meet():
    fig, ax = plt.subplots()
    a = ax.text(0.1, 0.5, "first label")
    b = ax.text(0.12, 0.5, "second label")
    c = ax.text(0.1, 0.1, "third label")
    assert sp.overlapping([a, b, c]) == [("first label", "second label")]
    assert sp.overlapping([]) == []
    plt.close(fig)
