"""The growth bridge: from the base-year value through each growth component to the end-year value."""

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.analysis.summary import (
    bridge_components,
    growth_bridge,
    growth_highlights,
)
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model.calibration import total_trajectory
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.scenario.loading import load_parameters

HEADLINE = Headline(base_year=2010, end_year=2013, cagr_period=(2011, 2013), base_value_usd_m=100.0,
                    end_value_usd_m=120.0, cagr=0.05)
YEARS = np.arange(2010, 2014)
COMPONENTS = {"diagnosis": 0.02, "innovation": 0.01, "prevalence": 0.0, "access": 0.03, "price_erosion": -0.01}


@pytest.fixture(scope="module")
def params():
    return with_values(load_parameters(), {f"growth.{k}": v for k, v in COMPONENTS.items()})


def established(params) -> pd.Series:
    return pd.Series(total_trajectory(HEADLINE, params.market.reconciliation, np.array([params.growth_rate]), YEARS)[0],
                     index=YEARS)


def test_steps_lead_from_the_base_to_the_end_value_in_proportion_to_the_components(params):
    total = established(params)
    bridge = growth_bridge(params, HEADLINE, total)
    assert list(bridge.columns) == ["step", "change_usd_m"]
    assert list(bridge["step"]) == ["2010", "Growth in 2011", "Diagnosis", "Innovation", "Prevalence", "Access",
                                    "Price erosion", "2013"]
    change = bridge["change_usd_m"].to_numpy()
    assert change[0] == pytest.approx(total[2010]) and change[-1] == pytest.approx(total[2013])
    assert change[0] + change[1:-1].sum() == pytest.approx(change[-1])
    assert change[1] == pytest.approx(total[2011] - total[2010])
    later = total[2013] - total[2011]
    assert change[2:7] == pytest.approx([later * v / 0.05 for v in COMPONENTS.values()])


def test_novel_therapies_get_their_own_step(params):
    total = established(params) + pd.Series([0.0, 0.5, 1.0, 2.0], index=YEARS)
    bridge = growth_bridge(params, HEADLINE, total).set_index("step")["change_usd_m"]
    assert bridge["Novel therapy (net)"] == pytest.approx(2.0)
    assert bridge.iloc[0] + bridge.iloc[1:-1].sum() == pytest.approx(bridge.iloc[-1])


def test_without_growth_the_later_change_is_the_calibration():
    flat = with_values(load_parameters(), {f"growth.{k}": 0.0 for k in COMPONENTS})
    bridge = growth_bridge(flat, HEADLINE, established(flat)).set_index("step")["change_usd_m"]
    assert bridge[["Diagnosis", "Price erosion"]].tolist() == [0.0, 0.0]
    assert "Calibration to the report" in bridge.index


def test_highlights_name_the_largest_component_and_the_first_growth_year(params):
    total = pd.Series([100.0, 104.0, 106.0, 108.0], index=YEARS)
    assert growth_highlights(params, total, HEADLINE) == {
        "top-component": "access",
        "top-component-pct": pytest.approx(3.0),
        "price-erosion-pct": pytest.approx(-1.0),
        "growth-2011": pytest.approx(4.0),
    }


def test_the_bridges_alt_text_names_the_components_and_the_negative_steps(params):
    bridge = growth_bridge(params, HEADLINE, established(params))
    assert bridge_components(bridge, params) == "(diagnosis, innovation, prevalence, access, price erosion), the last one negative"
    rising = with_values(params, {"growth.price_erosion": 0.01, "growth.access": -0.005})
    bridge = growth_bridge(rising, HEADLINE, established(rising))
    assert bridge_components(bridge, rising) == "(diagnosis, innovation, prevalence, access, price erosion), access negative"
    flat = with_values(params, {"growth.price_erosion": 0.0})
    assert bridge_components(growth_bridge(flat, HEADLINE, established(flat)), flat).endswith("), none negative")
