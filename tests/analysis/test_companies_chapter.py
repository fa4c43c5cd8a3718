"""The companies chapter's tables and texts: the product register, profiles, shares, course costs, the revenue cross-check
and the market sales makers cite."""

from __future__ import annotations

import pytest

import json
import re
from pathlib import Path

import pandas as pd

from infantile_spasms_market.analysis import companies, landscape, pricing
from infantile_spasms_market.inputs import load_register, load_table
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
        "cited": load_table("cited_market_sales"), "claims": load_table("peer_claims"),
        "source_ids": [s["id"] for s in load_register()["sources"]],
    }


def test_products_table_cites_every_row(data):
    frame = companies.products_table(data["products"])
    assert len(frame) == len(data["products"])
    assert list(frame.columns) == ["Product, molecule and drug group", "Form (dosage)", "Market and company",
                                   "Labelled for infantile spasms", "Date and source"]  # five columns: fits at 1280 px
    assert frame["Date and source"].str.fullmatch(r"(\d{4}-\d\d-\d\d|not found) \(.+\) \{cite:p\}`\w+`").all()
    first = data["products"].iloc[0]
    assert frame.iloc[0, 0].startswith(f"{first['brand']}<br>{first['molecule']}<br>drug group: ")
    cited = companies.products_table(data["products"], data["source_ids"])["Date and source"]
    named = data["products"]["date_kind"].str.contains("openfda-ndc-vigabatrin").to_numpy()
    assert named.any() and cited[named].str.contains("{cite:p}`openfdandcvigabatrin`)", regex=False).all()
    assert not cited.str.contains("openfda-ndc-vigabatrin").any()
    assert frame.iloc[0, 2] == f"{first['market']}<br>{first['company']}"


def test_counts_credit_the_key_players_that_hold_a_product(data):
    counts = companies.counts(data["products"], data["companies"], data["players"], prefix="x-")
    assert counts["x-players-with-products"] == 2 and counts["x-players-with-products-names"] == "Sanofi SA and Teva Pharmaceutical Industries Ltd"
    assert counts["x-products-labelled"] == int((data["products"]["labelled_for_infantile_spasms"] == "yes").sum())


def test_coverage_lists_the_named_countries_without_a_product():
    products = pd.DataFrame({"market": ["United States", "France"]})
    cover = companies.coverage(products, prefix="x-")
    assert cover["x-countries-named"] == 19 and cover["x-countries-with-products"] == 2
    assert cover["x-countries-without-products-names"].startswith("Canada, Mexico, Germany")


def test_profiles_cover_every_company_with_a_product_and_no_group(data):
    values = company_values(data["params"], data["table"])
    bodies = companies.profiles(data["products"], data["companies"], data["events"], data["revenue"], values,
                                (2024, 2030), data["source_ids"])
    assert list(bodies) == companies.profiled_companies(data["products"], data["companies"])
    assert not set(bodies) & set(companies.GROUPS)
    assert {"mallinckrodt", "lundbeck", "sanofi", "orphelia", "bora", "teva", "handok"} <= set(bodies)
    assert "USD 761.3 million" in bodies["mallinckrodt"] and "DKK 123.0 million" in bodies["lundbeck"]
    assert "1 Apr 2024: Bora Pharmaceuticals completes its purchase of Upsher-Smith" in bodies["bora"]
    assert "Jan 2019: FDA approves Teva's generic vigabatrin" in bodies["teva"]  # an event's date at its precision
    assert all("###" not in body for body in bodies.values())  # the chapter gives the headings, not the glued text


def test_every_profile_has_its_own_labelled_section_in_the_chapter(data):
    cells = json.loads(Path("notebooks/companies.ipynb").read_text())["cells"]
    text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    labels = {c.replace("_", "-") for c in companies.profiled_companies(data["products"], data["companies"])}
    for label in labels:
        assert f"(co-{label})=\n### " in text and f"```{{glue:md}} co-profile-{label}\n" in text
    sections = set(re.findall(r"\(co-([a-z0-9-]+)\)=\n### ", text)) - {"players-without"}
    assert sections == labels


def test_players_without_products_leave_out_the_holders(data):
    frame = companies.players_without_products(data["players"], data["products"], data["companies"], data["source_ids"])
    names = set(frame["Key player (as the report names it)"])
    assert "Merck KGaA" in names and "Pfizer Inc" in names
    assert not names & {"Sanofi SA", "Teva Pharmaceutical Industries Ltd"}


def test_cite_ids_turns_register_ids_into_citations_and_leaves_other_words():
    text = companies.cite_ids("see bora-2024 and bora-2024x, not bora", ["bora-2024", "bora"])
    assert text == "see {cite:p}`bora2024` and bora-2024x, not {cite:p}`bora`"


def test_share_numbers_set_the_claim_beside_four_measures(data):
    numbers = companies.share_numbers(data["params"], data["table"], data["claims"], 2024, prefix="x-")
    assert numbers["x-unidentified-share"] + numbers["x-groups-share"] + numbers["x-named-share"] == pytest.approx(100)
    assert numbers["x-claim-pct"] == 60 and numbers["x-claim-publisher"] == "24LifeSciences"
    assert numbers["x-pair-share"] <= numbers["x-pair-share-no-generics"]
    measures = [numbers[f"x-pair-share{k}"] for k in ("", "-acth-vigabatrin", "-us", "-no-generics")]
    reached = sum(m >= 60 for m in measures)
    assert numbers["x-claim-verdict"].startswith("None") == (reached == 0)
    ways = zip(("the world market", "ACTH and vigabatrin", "the US market", "the world without US generics"), measures)
    order = ["the US market", "ACTH and vigabatrin", "the world without US generics", "the world market"]
    reach = sorted((way for way, m in ways if m >= 60), key=order.index)
    assert numbers["x-claim-reading"] == companies.claim_reading(reach)


@pytest.mark.parametrize(("reach", "expected"), [
    (["the US market"], "the claim matches the two companies' share of the US market, not their share of the world"),
    (["the US market", "the world market"], "in this scenario the claim holds even for the world market"),
    ([], "in this scenario the claim matches none of these measures"),
    (["the US market", "ACTH and vigabatrin"], "the claim matches the US market and ACTH and vigabatrin, not the world market"),
])
def test_claim_reading_follows_the_measures_that_reach_the_claim(reach, expected):
    assert companies.claim_reading(reach).startswith(expected)


def test_course_costs_set_the_index_beside_the_price_it_gives_way_to(data):
    costs = pricing.course_costs(data["params"])
    japan = costs[costs["group"] == "ACTH, Japan"].set_index("series")["value"]
    assert japan["Derived from a pack price"] < japan["Calibrated on the price level"]
    assert (costs["value"] > 0).all()


def test_revenue_check_uses_the_latest_yearly_acthar_sales(data):
    latest = pricing.latest_acthar(data["revenue"])
    assert (int(latest.year), float(latest.sales_usd_m)) == (2022, 516.0)  # quarters and non-USD rows are left out
    check = pricing.revenue_check(data["params"], data["table"], data["revenue"], 2024)
    reported = check.iloc[1]
    assert reported["low"] < reported["point"] < reported["high"]
    assert reported["point"] == pytest.approx(516 * data["params"].companies.acthar_sales_share_for_infantile_spasms.central)
    numbers = pricing.revenue_numbers(data["params"], check, data["revenue"], 146.34, prefix="x-")
    assert numbers["x-share-matching-model"] == pytest.approx(100 * check.iloc[0]["point"] / 516)
    assert numbers["x-matching-position"] in {"below", "within", "above"}
    assert numbers["x-implied-low-over-model"] < numbers["x-implied-over-model"] < numbers["x-implied-high-over-model"]
    assert numbers["x-low-share-position"] == ("below" if reported["low"] < check.iloc[0]["point"] else "above")
    assert numbers["x-acthar-source"] == "reuters-2023-mallinckrodt-acthar"


def test_yearly_sales_keep_one_row_per_calendar_year_in_usd(data):
    sales = pricing.yearly_sales(data["revenue"])
    assert list(sales["year"]) == sorted(set(sales["year"]))
    assert {2006, 2013, 2016, 2017, 2019, 2022} <= set(sales["year"])  # quarters and Danish kroner are left out
    assert sales.set_index("year").loc[2016, "period"] == "fiscal year to 30 Sep"


def test_revenue_series_sets_the_model_beside_the_reported_sales(data):
    series = pricing.revenue_series(data["params"], data["table"], data["revenue"])
    assert series["series"].nunique() == 3 and (series["value"] > 0).all()
    assert 2016 not in set(series.loc[series["series"].str.startswith("Acthar"), "year"])  # a fiscal year to September
    numbers = pricing.revenue_series_numbers(data["params"], data["table"], data["revenue"], prefix="x-")
    assert numbers["x-acthar-last-year"] == 2022 and numbers["x-acthar-highest"] == pytest.approx(1195.1)
    assert numbers["x-years-older"] == numbers["x-model-acth-first-year"] - 2022
    # Net sales as Mallinckrodt states them, and sales as the press reports them, are told apart by the data's measure
    assert numbers["x-acthar-net-years"] == "2017" and numbers["x-acthar-reported-years"] == "2006, 2013, 2019 and 2022"


def test_cited_sales_say_what_each_figure_covers(data):
    frame = pricing.cited_sales(data["params"], data["table"], data["cited"], data["revenue"], 2024)
    assert frame["covers"].notna().all() and set(frame["group"]) == {"ACTH, United States", "Vigabatrin, United States"}
    numbers = pricing.cited_sales_numbers(data["table"], data["cited"], 146.34, 2024, prefix="x-")
    assert numbers["x-vigabatrin-cited"] == 255 and numbers["x-acth-cited"] == 950
    assert numbers["x-cited-sum-over-total"] == pytest.approx(1205 / 146.34)
    # like with like: US sales against the US value of the same drugs, not against a world total
    us = sum(float(data["table"].query("year == 2024 and country == 'United States' and drug == @d")["value_usd_m"].sum())
             for d in ("acth", "vigabatrin"))
    assert numbers["x-model-us"] == pytest.approx(us) and numbers["x-cited-sum-over-model-us"] == pytest.approx(1205 / us)
    assert numbers["x-model-us-pct-of-cited"] == pytest.approx(100 * us / 1205)
    assert 0 < numbers["x-vigabatrin-model-pct-of-cited"] < 100
    against = pricing.cited_against_acthar(data["cited"], data["revenue"], prefix="x-")
    assert against["x-acth-cited-acthar-year"] == 2019 and against["x-acth-cited-off-acthar-pct"] == pytest.approx(100 * 2 / 952)
    assert frame.loc[frame["series"] == "Acthar Gel sales 2022", "covers"].iloc[0].startswith("sales, all indications")


def test_bottom_up_change_lists_the_priced_countries_and_the_world(data):
    change = pricing.bottom_up_change(data["params"])
    assert list(change.index) == ["Brazil", "Canada", "France", "India", "Italy", "Japan", "South Africa", "South Korea",
                                  "United Kingdom", "World"]
    assert (change > 0).all().all()
    # Pack prices move each priced country away from its calibrated value (Japan's Sabril costs more than the level says).
    assert change.loc["Japan", "with_prices_usd_m"] > change.loc["Japan", "index_only_usd_m"]
    assert change.loc["France", "with_prices_usd_m"] < change.loc["France", "index_only_usd_m"]


def test_sources_span_gives_the_years_and_counts_the_undated():
    sources = [{"id": "a", "date_published": "2016-12-21"}, {"id": "b", "date_published": 2024},
               {"id": "c", "date_published": None}, {"id": "d", "date_published": "2010"}]
    assert companies.sources_span(sources, ["a", "b", "c"], prefix="x-") == {"x-from": 2016, "x-to": 2024, "x-undated": 1}
    with pytest.raises(KeyError, match="e"):
        companies.sources_span(sources, ["a", "e"])


def test_the_chapters_glue_and_tables_name_things_as_readers_see_them():
    from infantile_spasms_market.analysis.wording import MarkdownText

    texts = companies.profile_texts({"ani_pharmaceuticals": "**ANI**", "lundbeck": "text"})
    assert list(texts) == ["profile-ani-pharmaceuticals", "profile-lundbeck"]
    assert all(isinstance(t, MarkdownText) for t in texts.values())
    change = pd.DataFrame({"index_only_usd_m": [1.0, 3.0], "with_prices_usd_m": [2.0, 4.0]}, index=["Italy", "World"])
    assert list(companies.change_table(change).columns) == ["Calibrated price level only (USD m)", "With pack prices (USD m)"]
    assert companies.priced_markets(change) == "Italy"
    comparison = pd.DataFrame({"group": ["ACTH, US"], "series": ["cited"], "value": [1.0], "covers": ["all"]})
    assert list(companies.cited_table(comparison).columns) == ["Drug, market", "Figure", "USD million", "What it covers"]


def test_the_own_estimates_cited_sales_numbers_read_its_own_market_table(data):
    from infantile_spasms_market.inputs.headline import Headline

    headline, year = Headline.from_data(), Headline.from_data().base_year
    own = companies.own_estimate_cited_numbers(data["params"], headline, data["cited"], year)
    scenario = pricing.cited_sales_numbers(data["table"], data["cited"], headline.base_value_usd_m, year)
    assert own.keys() == scenario.keys()
    assert own != scenario, "the own estimate prices the market otherwise than the scenario"


def test_the_chapter_cites_exactly_the_sources_it_dates_for_sabril_at_sanofi():
    cells = json.loads(Path("notebooks/companies.ipynb").read_text())["cells"]
    text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    sentence = text[text.index("Sabril was Sanofi's"):]
    cited = re.search(r"\{cite:p\}`([^`]+)`", sentence).group(1).split(",")
    assert cited == [s.replace("-", "") for s in companies.SABRIL_SANOFI_SOURCES]


def test_pack_numbers_and_the_course_slides_title(data):
    numbers = companies.pack_numbers(data["params"])
    market, group = companies.UK_STEROID_SPREAD
    assert numbers == {**pricing.pack_spread_numbers(data["params"], market, group, prefix="uk-steroids-"),
                       "depot-over-short": pricing.unit_price_ratio(*companies.DEPOT_AND_SHORT)}
    assert numbers["uk-steroids-min"] <= numbers["uk-steroids-mean"] <= numbers["uk-steroids-max"]
    cost = {"acth-united-states-derived": 175432.4, "acth-united-kingdom-derived": 2345.6}
    assert companies.course_takeaway(cost) == ("A course of ACTH costs about USD 175,432 in the United States at Acthar "
                                               "Gel's list price, against USD 2,346 in the United Kingdom")


def test_the_shares_slide_title_names_the_largest_named_company_and_the_unnamed_makers_in_plain_words(data):
    """The title read "suppliers no source names hold 13.8 %" (issue 22's review): plain grammar, the shown numbers."""
    firms = data["companies"]
    frame = pd.DataFrame({"share_2024_pct": [40.0, 25.8, 13.8, 20.4], "share_2030_pct": [38.0, 22.4, 15.0, 24.6]},
                         index=["Makers of oral steroids", "Mallinckrodt", "Companies not identified", "Lundbeck"])
    assert companies.shares_takeaway(frame, firms, 2024) == (
        "Mallinckrodt holds an estimated 25.8 % of the 2024 market, the most of any named company; companies not "
        "identified hold 13.8 %")
    assert "Companies not identified" in frame.index, "the title's words are the chart's label"
