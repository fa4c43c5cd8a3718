"""The key numbers the front page, the deck and the data pack show: the report's, the own estimate, the findings."""

import pandas as pd
import pytest

from infantile_spasms_market.analysis import key_numbers, summary

OWN = {"value-2010": 31.5, "value-2013": 36.2, "cagr": 5.0, "cagr-p5": 2.0, "cagr-p95": 8.0, "p5-2010": 20.0,
       "p95-2010": 45.25, "p5-2013": 24.0, "p95-2013": 55.0, "report-pctile-2010": 81.2, "report-pctile-2013": 70.0,
       "bu-pct": 78.75, "draws": 100}


def test_the_key_lines_give_the_report_then_the_own_estimate_with_its_range(small_table, small_headline):
    numbers = summary.key_figures(small_table, small_headline)
    lines = key_numbers.key_number_lines(numbers, small_headline, OWN)
    assert lines[0] == "The report: USD 40.00 million in 2010, USD 50.00 million in 2013, 5.00 % a year from 2011 to 2013"
    assert lines[1] == ("The book's own estimate: USD 31.50 million in 2010 (USD 20.00 to 45.25 million), USD 36.20 million "
                        "in 2013; the report's 2010 value lies inside the range, above 81 % of the draws")
    assert len(key_numbers.key_number_lines(numbers, small_headline)) == len(lines) - 1


def test_the_key_table_shows_this_build_only_when_it_differs_from_the_base(small_table, small_headline):
    numbers = summary.key_figures(small_table, small_headline)
    plain = key_numbers.key_table(numbers, small_headline, OWN, bold=False)
    assert plain.iloc[:, 0].tolist() == ["The report", "The book's own estimate", key_numbers.RANGE_ROW]
    assert plain.iloc[1].tolist()[1:] == ["31.50", "36.20", "5.00"] and plain.iloc[2, 1] == "20.00 to 45.25"
    assert key_numbers.key_table(numbers, small_headline, OWN).iloc[1, 1] == "**31.50**"
    assert key_numbers.key_table(numbers, small_headline, OWN, scenario="Pessimistic").iloc[3, 0] == "This build: Pessimistic"


SPLIT = {"us": 30.0, "outside": 1.5, "report-us": 28.0, "report-outside": 12.0, "report-us-share": 70.0, "gap": 8.5,
         "gap-us": -2.0, "gap-outside": 10.5, "gap-outside-pct": 100 * 10.5 / 8.5, "us-p5": 20.0, "us-p95": 44.0}


def test_the_key_table_splits_the_base_year_in_the_united_states_and_labels_the_assumed_growth(small_table, small_headline):
    numbers = summary.key_figures(small_table, small_headline)
    table = key_numbers.key_table(numbers, small_headline, OWN, bold=False, split=SPLIT, assumed_growth=True)
    assert list(table.columns) == ["Estimate", "2010", "2013", "Growth a year, 2011-2013 (%)", "2010: of it, the United States"]
    assert table.iloc[:, 4].tolist() == ["28.00 (assumed split)", "30.00", "20.00 to 44.00"]
    assert table.iloc[1, 3] == "5.00 (assumed)", "the own estimate's growth beside the report's is no confirmation"
    assert table.iloc[0, 3] == "5.00"  # the report's own growth, as published
    with_build = key_numbers.key_table(numbers, small_headline, OWN, split=SPLIT, scenario="Pessimistic")
    assert with_build.iloc[3, 4] == "" and with_build.iloc[1, 4] == "**30.00**"


def test_the_split_sentence_says_where_the_gap_lies_with_the_split_values():
    text = key_numbers.split_sentence(SPLIT, 2010)
    assert text == ("The gap to the report in 2010 lies outside the United States: there, with courses at local pack prices "
                    "or price levels, the own estimate has USD 1.50 million against the report's USD 12.00 million as the "
                    "book splits it. In the United States the two overlap: the report's USD 28.00 million (an assumed "
                    "70.0 % of its total) lies inside the own estimate's range, USD 20.00 to 44.00 million around USD "
                    "30.00 million.")
    mostly_outside = SPLIT | {"us": 26.0, "gap": 12.5, "gap-us": 2.0, "gap-outside-pct": 84.0}
    assert key_numbers.split_sentence(mostly_outside, 2010).startswith(
        "Most of the gap to the report in 2010 (84 %) lies outside the United States: there, with courses")
    mostly_us = SPLIT | {"gap-outside-pct": 30.0, "gap-us": 5.0}
    assert key_numbers.split_sentence(mostly_us, 2010).startswith(
        "Most of the gap to the report in 2010 (70 %) lies in the United States. In the United States the two overlap")
    assert key_numbers.split_sentence(SPLIT | {"gap": -1.0}, 2010).startswith("In 2010 the own estimate is not below the report")


@pytest.mark.parametrize(("report_us", "words"), [
    (19.99, "In the United States the own estimate is the larger across its range: USD 30.00 million, USD 20.00 to 44.00 "
            "million from P5 to P95, against the report's USD 19.99 million"),
    (20.0, "In the United States the two overlap: the report's USD 20.00 million"),
    (44.0, "In the United States the two overlap: the report's USD 44.00 million"),
    (44.01, "In the United States the report's value is the larger, above the own estimate's range: the report's USD "
            "44.01 million"),
])
def test_the_us_comparison_follows_the_own_estimates_range_on_both_sides(report_us, words):
    """The US verdict is the range's, not the central value's: a report's US value inside P5 to P95 overlaps, even
    below the own estimate's central value (the reader found "the own estimate is the larger" with P5 under the report)."""
    assert key_numbers.us_comparison(SPLIT | {"report-us": report_us}).startswith(words)
    central_only = {k: v for k, v in SPLIT.items() if k not in ("us-p5", "us-p95")}
    assert key_numbers.us_comparison(central_only) == ("In the United States the own estimate has USD 30.00 million "
                                                        "against the report's USD 28.00 million (an assumed 70.0 % of its total).")


def test_the_us_price_note_names_each_kind_of_price_and_its_year_from_the_data():
    """Table 1's note: what US courses are priced at, read from data/prices.csv (its years and kinds of price), never typed."""
    from infantile_spasms_market.inputs.reading import load_table

    note = key_numbers.us_price_note(2024)
    prices = load_table("prices").set_index("product_id")
    acthar, sabril = prices.loc["acthar-gel-us"], prices.loc["sabril-powder-us"]
    assert f"the {str(acthar['price_date'])[:4]} list price before discounts to payers (ACTH: H.P. Acthar Gel)" in note
    assert f"the {str(sabril['price_date'])[:4]} Medicaid average spending per dosage unit (vigabatrin: Sabril; oral steroids:" in note
    assert note.index("ACTH") < note.index("vigabatrin"), "ACTH, the US value's largest part, first"
    assert note.endswith("; the model neither brings these prices to 2024 nor takes rebates off them.")


def test_the_us_price_note_follows_the_data(monkeypatch):
    """Another price in the data gives another note: a price of a later year, of another kind, none at all."""
    from infantile_spasms_market.model import pricing

    used = pricing.priced_products()
    moved = used.copy()
    moved.loc[moved["product_id"] == "acthar-gel-us", ["price_date", "price_type"]] = ["2023-01-01", "net price, after rebates"]
    monkeypatch.setattr(key_numbers, "priced_products", lambda: moved)
    assert "the 2023 net price (ACTH: H.P. Acthar Gel)" in key_numbers.us_price_note(2024)
    monkeypatch.setattr(key_numbers, "priced_products", lambda: used[used["market"] != "United States"])
    assert key_numbers.us_price_note(2024) == "No pack price of the United States sets a course in the data."


def test_the_findings_lead_with_the_size_then_where_its_gap_lies(small_headline):
    frame = pd.DataFrame({"year": [2010, 2010, 2013, 2013], "drug": ["acth", "vigabatrin"] * 2,
                          "country": ["United States", "China"] * 2, "value_usd_m": [3.0, 1.0, 3.0, 4.0]})
    found = key_numbers.takeaways(frame, small_headline, OWN, (1.0, 2.0), SPLIT)
    assert found[0]["text"].startswith("Sized from patients and prices, the market is USD 31.50 million in 2010, 21 % below")
    assert found[1] == {"text": key_numbers.split_sentence(SPLIT, 2010), "doc": "triangulation"}
    assert not any("by far" in item["text"] for item in found), "the US share follows from an assumed split: no finding"
    unsplit = key_numbers.takeaways(frame, small_headline, OWN, (1.0, 2.0))[1]["text"]
    assert unsplit == "In the book's assumed regional split, the United States holds 75.0 % of the world's value in 2010."


def test_the_overtaking_year_and_a_countrys_share():
    frame = pd.DataFrame({"year": [2010, 2010, 2011, 2011], "drug": ["acth", "vigabatrin"] * 2,
                          "country": ["United States", "China"] * 2, "value_usd_m": [3.0, 2.0, 3.0, 4.0]})
    assert key_numbers.overtake_year(frame) == 2011 and key_numbers.overtake_year(frame, "acth", "vigabatrin") == 2010
    assert key_numbers.overtake_year(frame.assign(value_usd_m=[3.0, 2.0, 3.0, 1.0])) is None
    assert key_numbers.country_share(frame, "United States", 2010) == pytest.approx(60.0)


def test_the_key_numbers_record_holds_what_the_deck_and_the_data_pack_show(small_table, small_headline):
    numbers = summary.key_figures(small_table, small_headline)
    found = [{"text": "A finding.", "doc": "segments"}]
    record = key_numbers.key_numbers_record(numbers, small_headline, OWN, found, method=["Title", "One"])
    assert record["headline"] == ("The report says USD 40.00 million for 2010; sized from patients and prices, the book finds "
                                  "USD 31.50 million")
    assert record["table"]["rows"][1][0] == "The book's own estimate" and record["takeaways"] == ["A finding."]
    assert record["own"]["value-2010"] == 31.5 and record["method"] == ["Title", "One"]
    assert record["sentences"] == key_numbers.key_number_lines(numbers, small_headline, OWN) and "this_build" not in record
    assert {r["id"]: r["value"] for r in record["numbers"]}["own-2010"] == 31.5
    built = key_numbers.key_numbers_record(numbers, small_headline, OWN, found, scenario="Pessimistic")
    assert built["this_build"]["title"] == "Pessimistic" and built["this_build"]["value-2010"] == numbers["value-2010"]
    assert key_numbers.takeaways_markdown(found) == "- A finding. ({doc}`segments`)"


def test_the_key_numbers_are_published_as_json_numbers_with_units(small_table, small_headline):
    import json

    numbers = summary.key_figures(small_table, small_headline)
    base, first, end = small_headline.key_years
    own = {f"{k}-{y}": v for k, v in (("value", 100.0), ("p5", 80.0), ("p95", 150.0)) for y in (base, end)}
    own.update({f"report-pctile-{base}": 81.2, f"report-pctile-{end}": 70.0, "draws": 10_000})
    records = key_numbers.key_number_records(numbers, small_headline, own)
    by_id = {r["id"]: r for r in records}
    assert by_id[f"value-{end}"] == {"id": f"value-{end}", "label": f"Market value, {end}",
                                     "value": pytest.approx(numbers[f"value-{end}"], abs=1e-10), "unit": "USD million", "year": end}
    assert by_id["cagr"]["unit"] == "percent a year" and by_id["cagr"]["years"] == [first, end]
    assert by_id["drug-leader"]["unit"] is None and isinstance(by_id["drug-leader"]["value"], str)
    assert by_id[f"own-{base}"]["value"] == 100.0 and by_id[f"own-p95-{base}"]["value"] == 150.0
    assert by_id[f"own-report-pctile-{base}"]["unit"] == "percentile"
    assert not any("p50" in r["id"] for r in records), "one own estimate: the median is not a second one"
    assert all(isinstance(r["value"], (int, float, str)) for r in records)
    assert json.loads(json.dumps(records)) == records, "plain JSON: numbers stay numbers"
    assert key_numbers.key_number_records({**numbers, f"value-{base}": 146.34000000000003}, small_headline)[0]["value"] == 146.34
    assert [r["id"] for r in key_numbers.key_number_records(numbers, small_headline)] == [r["id"] for r in records][:14]



def test_the_method_counts_named_countries_and_rest_of_region_groups_apart(small_headline):
    rows = [(2010, "North America", c, d, v) for c, d, v in [("United States", "acth", 3.0), ("Canada", "acth", 1.0),
                                                               ("Rest of North America", "vigabatrin", 1.0),
                                                               ("Canada", "novel_therapies", 0.0)]]
    frame = pd.DataFrame(rows, columns=["year", "region", "country", "drug", "value_usd_m"])
    line = key_numbers.method_lines(frame, small_headline, OWN, sources=3)[1]
    assert "(1 regions; 2 named countries and 1 rest-of-region groups; 3 drug groups, Novel therapies at zero in this scenario)" in line
