"""The companies chapter's tables and texts: the product register, profiles, course costs and the revenue cross-check."""

from __future__ import annotations

import pytest

from infantile_spasms_market.analysis import companies, landscape, pricing
from infantile_spasms_market.inputs import load_table
from infantile_spasms_market.model.companies import company_values
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def data():
    params = load_parameters()
    return {
        "params": params, "table": market_table(params), "products": load_table("products"),
        "companies": load_table("companies"), "players": load_table("key_players"),
        "events": landscape.chapter_events(load_table("events")), "revenue": load_table("company_revenue"),
    }


def test_products_table_cites_every_row(data):
    frame = companies.products_table(data["products"])
    assert len(frame) == len(data["products"])
    assert list(frame.columns) == ["Product, molecule and drug group", "Form (dosage)", "Market and company",
                                   "Labelled for infantile spasms", "Date and source"]  # five columns: fits at 1280 px
    assert frame["Date and source"].str.fullmatch(r"(\d{4}-\d\d-\d\d|not found) \(.+\) \{cite:p\}`\w+`").all()
    first = data["products"].iloc[0]
    assert frame.iloc[0, 0].startswith(f"{first['brand']}<br>{first['molecule']}<br>drug group: ")
    assert frame.iloc[0, 2] == f"{first['market']}<br>{first['company']}"


def test_counts_credit_sanofi_among_the_key_players(data):
    counts = companies.counts(data["products"], data["companies"], data["players"], prefix="x-")
    assert counts["x-players-with-products"] == 1 and counts["x-players-with-products-names"] == "Sanofi SA"
    assert counts["x-products-labelled"] == int((data["products"]["labelled_for_infantile_spasms"] == "yes").sum())


def test_profiles_cover_every_labelled_company_and_every_key_player(data):
    values = company_values(data["params"], data["table"])
    text = companies.profiles(data["products"], data["companies"], data["players"], data["events"], data["revenue"],
                              values, (2024, 2030))
    for name in ("Mallinckrodt", "Lundbeck", "Sanofi SA", "Orphelia Pharma", "Merck KGaA", "Pfizer Inc"):
        assert f"**{name}**" in text
    assert "USD 761.3 million" in text
    assert "no infantile spasms product could be found" in text
    assert "###" not in text  # no headings inside glued Markdown


def test_course_costs_set_the_index_beside_the_price_it_gives_way_to(data):
    costs = pricing.course_costs(data["params"])
    japan = costs[costs["group"] == "ACTH, Japan"].set_index("series")["value"]
    assert japan["Derived from a pack price (data/prices.csv)"] < japan["Calibrated on the price level"]
    assert (costs["value"] > 0).all()


def test_revenue_check_brackets_the_central_share(data):
    check = pricing.revenue_check(data["params"], data["table"], data["revenue"], 2024)
    reported = check.iloc[1]
    assert reported["low"] < reported["point"] < reported["high"]
    assert reported["point"] == pytest.approx(761.3 * data["params"].companies.acthar_sales_share_for_infantile_spasms.central)
    numbers = pricing.revenue_numbers(data["params"], check, data["revenue"], 146.34, prefix="x-")
    assert numbers["x-share-matching-model"] == pytest.approx(100 * check.iloc[0]["point"] / 761.3)


def test_bottom_up_change_lists_the_priced_countries_and_the_world(data):
    change = pricing.bottom_up_change(data["params"])
    assert list(change.index) == ["Canada", "France", "India", "Italy", "Japan", "South Africa", "World"]
    assert (change > 0).all().all()
    # Pack prices move each priced country away from its calibrated value (Japan's Sabril costs more than the level says).
    assert change.loc["Japan", "with_prices_usd_m"] > change.loc["Japan", "index_only_usd_m"]
    assert change.loc["France", "with_prices_usd_m"] < change.loc["France", "index_only_usd_m"]
