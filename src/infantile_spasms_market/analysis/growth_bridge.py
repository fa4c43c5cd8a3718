"""What the growth rests on: the steps from the base-year to the end-year value, for a waterfall chart."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..inputs.headline import Headline
from ..model.calibration import total_trajectory
from ..scenario.parameters import Parameters

TOLERANCE = 1e-6  # USD million: the steps must add up to the end value
NO_RATE = 1e-12  # a growth rate this small is taken as zero


def growth_bridge(params: Parameters, headline: Headline, total: pd.Series) -> pd.DataFrame:
    """The scenario's base-year value, the steps to its end-year value, and that value.

    The steps are the growth in the first growth year (set by how the report's figures are
    reconciled), then each growth component's part of the established therapies' growth from the
    first growth year to the end year, in proportion to its share of the growth rate (all of it
    "Calibration to the report" when the rate is zero), then the novel therapies' net value when
    the scenario has any.

    Parameters
    ----------
    params : Parameters
    headline : Headline
    total : Series
        The scenario's total by year (USD million).

    Returns
    -------
    DataFrame
        Columns ``step`` (the base year, the steps' names, the end year) and ``change_usd_m``
        (the base value, each step's change, the end value).

    Raises
    ------
    ValueError
        If the steps do not add up to the end value.
    """
    base, first, end = headline.key_years
    years = total.index.to_numpy()
    established = pd.Series(
        total_trajectory(headline, params.market.reconciliation, np.array([params.growth_rate]), years)[0], index=years
    )
    novel_net = total - established  # novel therapies' sales less what they take from established drugs
    components = params.growth.model_dump()
    rate = sum(components.values())
    later = float(established.loc[end] - established.loc[first])
    steps = {f"Growth in {first}": float(established.loc[first] - established.loc[base])}
    for name, value in components.items():
        steps[name.replace("_", " ").capitalize()] = later * value / rate if abs(rate) > NO_RATE else 0.0
    if abs(rate) <= NO_RATE:
        steps["Calibration to the report"] = later
    if (novel_net.abs() > 1e-9).any():
        steps["Novel therapy (net)"] = float(novel_net.loc[end] - novel_net.loc[base])
    start_value, end_value = float(total.loc[base]), float(total.loc[end])
    if abs(start_value + sum(steps.values()) - end_value) >= TOLERANCE:
        raise ValueError(f"growth bridge does not add up: {start_value} + {sum(steps.values())} != {end_value}")
    return pd.DataFrame({"step": [str(base), *steps, str(end)], "change_usd_m": [start_value, *steps.values(), end_value]})


def growth_highlights(params: Parameters, total: pd.Series, headline: Headline) -> dict[str, object]:
    """The largest growth component, price erosion and the first growth year's growth, for glue.

    Keys ``top-component`` (its name), ``top-component-pct`` and ``price-erosion-pct`` (percent a
    year), and ``growth-<first growth year>`` (the total's growth that year, percent).
    """
    base, first, _ = headline.key_years
    components = params.growth.model_dump()
    top = max(components, key=components.get)
    return {
        "top-component": top.replace("_", " "),
        "top-component-pct": 100 * components[top],
        "price-erosion-pct": 100 * components["price_erosion"],
        f"growth-{first}": 100 * (float(total.loc[first]) / float(total.loc[base]) - 1),
    }
