"""The price-level calibration in full: its observations, fit and interval columns, the R² of the fixed slope, the free
slope by the within-group formula, an observation outside its interval, and the fewest observations that calibrate.
Cases that need other prices read an edited copy of data/ (a new version of the files, so nothing read before is reused)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from infantile_spasms_market.inputs.files import DataFileError
from infantile_spasms_market.inputs.taxonomy import COUNTRIES, ESTABLISHED_DRUG_IDS
from infantile_spasms_market.model.bottomup import price_calibration, us_course_cost_usd
from infantile_spasms_market.model.draws import set_draws
from infantile_spasms_market.model.pricing import PREDICTION_LEVEL, calibrate, derived_costs, price_levels

COLUMNS = ["country_id", "country", "drug_group", "cost_usd", "us_cost_usd", "price_level", "ratio", "fitted_ratio",
           "residual", "pi_low_ratio", "pi_high_ratio", "inside"]


def edit_prices(data: Path, keep=lambda row: True, scale: dict[str, float] | None = None) -> None:
    """Keep the rows of the copy's prices.csv that ``keep`` accepts, each price in USD times its ``scale``."""
    path = data / "prices.csv"
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = list(reader.fieldnames or []), [r for r in reader if keep(r)]
    for row in rows:
        row["price_usd"] = repr(float(row["price_usd"]) * (scale or {}).get(row["product_id"], 1.0))
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def within_group_fit(obs: pd.DataFrame) -> tuple[float, float, float]:
    """The slope on ln(price level) beside a ratio per group, by the within-group (Frisch-Waugh) formula: slope, its
    standard error and R²."""
    x, y = np.log(obs["price_level"]), np.log(obs["ratio"])
    xd = x - x.groupby(obs["drug_group"]).transform("mean")
    yd = y - y.groupby(obs["drug_group"]).transform("mean")
    slope = float((xd * yd).sum() / (xd**2).sum())
    ssr = float(((yd - slope * xd) ** 2).sum())
    dof = len(obs) - obs["drug_group"].nunique() - 1
    return slope, float(np.sqrt(ssr / dof / (xd**2).sum())), 1 - ssr / float(((y - y.mean()) ** 2).sum())


def test_each_pack_priced_country_and_group_is_one_observation_against_the_reference_course(base):
    calibration = price_calibration(base)
    obs = calibration.observations
    assert list(obs.columns) == COLUMNS
    ids = list(COUNTRIES)
    derived = derived_costs(base, set_draws(base, 1, {}), ids)[0]
    cells = [(c, g) for c in ids for d, g in enumerate(ESTABLISHED_DRUG_IDS) if c != "united_states" and not np.isnan(derived[ids.index(c), d])]
    assert list(zip(obs["country_id"], obs["drug_group"])) == cells  # the taxonomy's order of countries, then of groups
    assert list(obs["country"]) == [COUNTRIES[c] for c, _ in cells]
    assert list(obs["cost_usd"]) == pytest.approx([derived[ids.index(c), ESTABLISHED_DRUG_IDS.index(g)] for c, g in cells], rel=1e-12)
    reference = us_course_cost_usd(base)
    assert list(obs["us_cost_usd"]) == pytest.approx([reference[g] for _, g in cells], rel=1e-12)
    assert list(obs["price_level"]) == pytest.approx([price_levels()[c] for c, _ in cells], rel=1e-12)
    assert list(obs["ratio"]) == pytest.approx(list(obs["cost_usd"] / obs["us_cost_usd"]), rel=1e-12)
    assert calibration.n == obs["drug_group"].value_counts().to_dict() == {"acth": 5, "vigabatrin": 4, "oral_steroids": 5}


def test_each_observation_carries_its_fit_interval_and_residual(base):
    calibration = price_calibration(base)
    for row in calibration.observations.itertuples():
        point, low, high = calibration.interval(row.drug_group, row.price_level)
        assert (row.fitted_ratio, row.pi_low_ratio, row.pi_high_ratio) == pytest.approx((point, low, high), rel=1e-12)
        assert row.residual == pytest.approx(np.log(row.ratio / point), abs=1e-12)
        assert row.inside == (low <= row.ratio <= high)
    assert calibration.spread_scale == pytest.approx(calibration.t / stats.norm.ppf(0.5 + PREDICTION_LEVEL / 2), rel=1e-12)


def test_the_r2_of_the_fixed_slope_and_the_free_slope_with_its_error_and_r2(base):
    calibration = price_calibration(base)
    obs = calibration.observations
    y = np.log(obs["ratio"])
    assert calibration.r2 == pytest.approx(1 - (obs["residual"] ** 2).sum() / ((y - y.mean()) ** 2).sum(), rel=1e-12)
    slope, se, r2 = within_group_fit(obs)
    assert (calibration.free_slope, calibration.free_slope_se, calibration.free_r2) == pytest.approx((slope, se, r2), rel=1e-9)


def test_a_price_far_from_its_level_falls_outside_its_interval_alone(base, data: Path):
    edit_prices(data, scale={"sabril-jp": 1000.0})
    obs = price_calibration(base).observations.set_index(["country_id", "drug_group"])
    assert list(obs.index[~obs["inside"]]) == [("japan", "vigabatrin")]
    assert obs.loc[("japan", "vigabatrin"), "ratio"] > obs.loc[("japan", "vigabatrin"), "pi_high_ratio"]


def test_one_observation_more_than_groups_calibrates_and_leaves_the_free_slope_without_an_error(base, data: Path):
    """Italy prices vigabatrin, Japan ACTH and vigabatrin (the United States every group, the reference): one residual."""
    edit_prices(data, keep=lambda row: row["market"] in ("United States", "Italy", "Japan"))
    calibration = calibrate(base, us_course_cost_usd(base))
    obs = calibration.observations
    assert list(zip(obs["country_id"], obs["drug_group"])) == [("italy", "vigabatrin"), ("japan", "acth"), ("japan", "vigabatrin")]
    assert calibration.dof == 1 and calibration.n == {"vigabatrin": 2, "acth": 1}
    assert calibration.t == pytest.approx(stats.t.ppf(0.95, 1), rel=1e-12)
    x, y = np.log(obs["price_level"]).to_numpy(), np.log(obs["ratio"]).to_numpy()
    assert calibration.free_slope == pytest.approx((y[2] - y[0]) / (x[2] - x[0]), rel=1e-9)  # the line through both vigabatrin
    assert np.isnan(calibration.free_slope_se) and np.isnan(calibration.free_r2)
    excess = y - x
    assert calibration.log_ratio == pytest.approx({"vigabatrin": (excess[0] + excess[2]) / 2, "acth": excess[1]}, rel=1e-12)
    assert calibration.residual_sd == pytest.approx(abs(excess[2] - excess[0]) / np.sqrt(2), rel=1e-12)


def test_no_more_observations_than_groups_is_refused_in_words(base, data: Path):
    edit_prices(data, keep=lambda row: row["market"] in ("United States", "Japan"))  # Japan prices ACTH and vigabatrin
    with pytest.raises(DataFileError, match=r"^prices\.csv: 2 pack-priced observations cannot calibrate 2 drug groups$"):
        calibrate(base, us_course_cost_usd(base))


def test_with_one_residual_beside_the_free_slope_its_error_and_r2_follow_the_within_group_formula(base, data: Path):
    """France, Italy and the United Kingdom price vigabatrin (the UK's other groups left out): three observations, one group."""
    edit_prices(data, keep=lambda row: row["market"] in ("United States", "France", "Italy")
                or row["product_id"] == "sabril-granules-uk")
    calibration = calibrate(base, us_course_cost_usd(base))
    assert list(calibration.observations["country_id"]) == ["united_kingdom", "france", "italy"] and calibration.dof == 2
    slope, se, r2 = within_group_fit(calibration.observations)
    assert (calibration.free_slope, calibration.free_slope_se, calibration.free_r2) == pytest.approx((slope, se, r2), rel=1e-9)


def test_a_calibration_without_spread_puts_every_ratio_on_both_ends_of_its_interval_and_counts_it_inside(base, data: Path):
    """Every country's course at the US price (each country priced by the US pack of each group, one a group) and every
    price level 100 but Japan's 50 (whose packs cost half): the residuals have no spread, each interval is its one fitted
    ratio, and each ratio lies exactly on both of its ends, which is inside (the ends belong to the interval)."""
    with (data / "products.csv").open(newline="", encoding="utf-8") as f:
        group_of = {row["product_id"]: row["drug_group"] for row in csv.DictReader(f)}
    path = data / "prices.csv"
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = list(reader.fieldnames or []), list(reader)
    us = {group_of[row["product_id"]]: row for row in rows if row["market"] == "United States"}
    edited, seen = list(us.values()), set()
    for row in rows:
        group = group_of[row["product_id"]]
        if row["market"] == "United States" or (row["market"], group) in seen:
            continue
        seen.add((row["market"], group))
        half = 0.5 if row["market"] == "Japan" else 1.0
        edited.append({**us[group], "market": row["market"], "price_local": repr(float(us[group]["price_local"]) * half),
                       "price_usd": repr(float(us[group]["price_usd"]) * half)})
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(edited)
    levels = pd.read_csv(data / "price_levels.csv")
    levels["price_level_us_100"] = np.where(levels["area_id"] == "japan", 50.0, 100.0)
    levels.to_csv(data / "price_levels.csv", index=False)

    calibration = calibrate(base, us_course_cost_usd(base))
    obs = calibration.observations
    assert len(obs) == len(seen) and calibration.residual_sd == 0.0
    expected = np.where(obs["country_id"] == "japan", 0.5, 1.0)
    for column in ("ratio", "fitted_ratio", "pi_low_ratio", "pi_high_ratio"):
        assert list(obs[column]) == list(expected), column  # exactly: no spread, so no width
    assert obs["inside"].all()
