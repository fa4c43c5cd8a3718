"""Tests for infantile_spasms_market.analysis.incidence: the published range and incident cases through the model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market import inputs
from infantile_spasms_market.analysis.incidence import (
    incident_cases_by_region,
    point_estimates,
    published_range,
)
from infantile_spasms_market.model.bottomup import bottom_up_by_region
from infantile_spasms_market.scenario.loading import load_parameters


def _estimates(rows):
    return pd.DataFrame(rows, columns=["estimate_id", "incidence_per_1000_low", "incidence_per_1000_central", "incidence_per_1000_high"])


def test_point_estimates_use_the_central_value_or_the_midpoint():
    frame = _estimates([("a", None, 0.3, None), ("b", 0.2, None, 0.4), ("c", 0.1, 0.2, 0.5)])
    assert point_estimates(frame).to_dict() == pytest.approx({"a": 0.3, "b": 0.3, "c": 0.2})


def test_point_estimates_name_an_unusable_row():
    with pytest.raises(ValueError, match="neither a central value nor a low-high range: x"):
        point_estimates(_estimates([("x", 0.2, None, None)]))


def test_published_range_of_the_data():
    estimates = inputs.load_table("incidence_estimates")
    found = published_range(estimates)
    values = estimates[["incidence_per_1000_low", "incidence_per_1000_central", "incidence_per_1000_high"]]
    assert found.low == pytest.approx(np.nanmin(values.to_numpy(dtype=float)))
    assert found.high == pytest.approx(np.nanmax(values.to_numpy(dtype=float)))
    assert found.low < found.central < found.high


def test_incident_cases_scale_with_incidence_and_sum_to_world():
    params = load_parameters()
    cases = incident_cases_by_region(params, {"low": 0.25, "high": 0.5})
    assert cases.loc["Global", "low"] == pytest.approx(cases.drop(index="Global")["low"].sum())
    assert (cases["high"] / cases["low"]).to_numpy() == pytest.approx(2.0)
    at_scenario = incident_cases_by_region(params, {"model": params.epidemiology.incidence_per_1000})
    assert at_scenario.drop(index="Global")["model"].to_numpy() == pytest.approx(bottom_up_by_region(params)["incident_cases"].to_numpy())


def test_every_missing_column_is_named_in_one_refusal():
    frame = _estimates([("a", 0.2, 0.3, 0.4)]).drop(columns=["incidence_per_1000_central", "estimate_id"])
    with pytest.raises(KeyError, match=r"incidence estimates lack the column\(s\) incidence_per_1000_central, estimate_id"):
        point_estimates(frame)


def test_every_unusable_row_is_named_and_points_are_named_floats():
    with pytest.raises(ValueError, match="neither a central value nor a low-high range: x, y$"):
        point_estimates(_estimates([("x", 0.2, None, None), ("y", None, None, None), ("z", None, 0.3, 0.5)]))
    midpoints = point_estimates(_estimates([("a", 0.2, None, 0.4), ("b", 0.1, None, 0.3)]))  # no central value at all
    assert midpoints.name == "incidence_per_1000" and midpoints.dtype == float
    assert midpoints.index.tolist() == ["a", "b"] and midpoints.tolist() == pytest.approx([0.3, 0.2])


def test_a_published_range_of_no_values_is_refused():
    with pytest.raises(ValueError, match="^no incidence values in the estimates$"):
        published_range(_estimates([("a", None, None, None)]))
