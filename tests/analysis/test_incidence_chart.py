"""analysis.incidence.estimates_for_chart: one row per published estimate, lowest point first."""

from __future__ import annotations

import pandas as pd

from infantile_spasms_market.analysis.incidence import estimates_for_chart


def test_estimates_for_chart_sorted_by_point_with_short_wrapped_labels():
    estimates = pd.DataFrame({
        "estimate_id": ["a", "b"],
        "setting": ["Worldwide (39 studies, 1960-2016)", "Atlanta"],
        "kind": ["meta-analysis", "population study"],
        "incidence_per_1000_low": [None, 0.2],
        "incidence_per_1000_central": [0.3, None],
        "incidence_per_1000_high": [None, 0.4],
        "source_id": ["jia-2018", "t-1999"],
    })
    frame = estimates_for_chart(estimates, width=20)
    assert frame.columns.tolist() == ["estimate", "low_per_1000", "point_per_1000", "high_per_1000", "source_id"]
    assert frame["source_id"].tolist() == ["jia-2018", "t-1999"]
    assert frame["point_per_1000"].tolist() == [0.3, 0.30000000000000004]
    assert frame["estimate"].tolist() == ["Worldwide (meta-\nanalysis)", "Atlanta (population\nstudy)"]


def test_labels_keep_the_whole_setting_before_its_parenthesis_and_wrap_at_26_characters():
    estimates = pd.DataFrame({
        "estimate_id": ["a", "b"],
        "setting": ["United States (Atlanta, 1975-1977)", "Finlands"],
        "kind": ["cohort", "population study"],
        "incidence_per_1000_low": [None, None],
        "incidence_per_1000_central": [0.3, 0.4],
        "incidence_per_1000_high": [None, None],
        "source_id": ["s1", "s2"],
    })
    labels = estimates_for_chart(estimates)["estimate"].tolist()
    assert labels[0] == "United States (cohort)"
    assert labels[1] == "Finlands (population\nstudy)"  # 27 characters: wrapped at the default 26
