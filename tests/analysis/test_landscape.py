"""analysis.landscape: company names matched across files, drug groups, lanes and the chapter's counts and tables."""

from __future__ import annotations

import pandas as pd
import pytest

from infantile_spasms_market.analysis import landscape


def raw_events() -> pd.DataFrame:
    return pd.DataFrame({
        "date": pd.to_datetime(["2020-05-01", "2009-08-21", "2024-03-01", "2023-06-01", "2010-10-15"]),
        "date_precision": ["month", "day", "day", "year", "day"],
        "drug": ["vigabatrin", "vigabatrin", "acth", "cannabidiol", "acth"],
        "kind": ["generic", "approval", "launch", "approval", "approval"],
        "company": ["Teva Pharmaceuticals USA", "Lundbeck", "Mallinckrodt plc", "Jazz Pharmaceuticals", "Questcor"],
        "event": ["a", "b", "c", "d", "e"],
        "concerns_infantile_spasms": ["yes", "yes", "no", "no", "yes"],
        "note": [None, None, "Adults", "Other epilepsies", None],
        "source_id": ["s-1", "s-2", "s-3", "s-4", "s-5"],
    })


@pytest.fixture
def events() -> pd.DataFrame:
    return landscape.chapter_events(raw_events())


@pytest.fixture
def players() -> pd.DataFrame:
    return pd.DataFrame({
        "company": ["Teva Pharmaceutical Industries (Ltd)", "Pfizer Inc.", "Mallinckrodt"],
        "headquarters_country": ["Israel", "United States", "Ireland"],
        "relevant_products": ["vigabatrin generic", None, "Acthar Gel"],
    })


def test_company_key_matches_the_first_word_whatever_the_suffix():
    assert landscape.company_key("Teva Pharmaceutical Industries (Ltd)") == landscape.company_key("Teva Pharmaceuticals USA") == "teva"
    assert landscape.company_key("Bora-Pharma Inc.") == "borapharma"


def test_chapter_events_in_date_order_with_group_lane_and_label(events):
    assert events["event"].tolist() == ["b", "e", "a", "d", "c"]
    assert events.index.tolist() == [0, 1, 2, 3, 4]
    assert events["specific"].tolist() == [True, True, True, False, False]
    assert events["drug_group"].tolist() == ["vigabatrin", "acth", "vigabatrin", "other_anticonvulsants", "acth"]
    assert events["lane"].tolist() == ["Vigabatrin", "ACTH", "Vigabatrin", "Cannabidiol", "ACTH"]
    assert events["label"].tolist() == ["Lundbeck", "Questcor", "Teva", "Jazz", "Mallinckrodt"]
    assert events["date_text"].tolist() == ["21 Aug 2009", "15 Oct 2010", "May 2020", "2023", "1 Mar 2024"]


def test_an_event_on_another_drug_goes_to_the_other_lane():
    frame = raw_events().assign(drug=["ganaxolone", *raw_events()["drug"][1:]])
    assert landscape.chapter_events(frame).set_index("event").loc["a", "lane"] == landscape.OTHER_LANE


def test_event_counts(events):
    assert landscape.event_counts(events, prefix="x-") == {
        "x-events": 5, "x-events-specific": 3, "x-events-other": 2, "x-first-year": 2009, "x-last-year": 2024,
    }


def test_suppliers_mark_companies_without_an_infantile_spasms_event(events):
    assert landscape.suppliers(events, "acth") == "Questcor, Mallinckrodt (other indication)"
    assert landscape.suppliers(events, "oral_steroids") == "no event in the data"


def test_value_by_drug_keeps_groups_with_value_smallest_first(events):
    table = pd.DataFrame({
        "year": [2001, 2001, 2001, 2005, 2005, 2005],
        "drug": ["acth", "vigabatrin", "novel_therapies"] * 2,
        "value_usd_m": [10.0, 5.0, 0.0, 12.0, 20.0, 0.0],
    })
    frame = landscape.value_by_drug(table, events, (2001, 2005))
    assert frame.index.tolist() == ["acth", "vigabatrin"]
    assert frame[2001].tolist() == [10.0, 5.0] and frame[2005].tolist() == [12.0, 20.0]
    assert frame["companies_in_events"].tolist() == ["Questcor, Mallinckrodt (other indication)", "Lundbeck, Teva"]


def test_share_numbers():
    values = pd.Series({"acth": 30.0, "vigabatrin": 10.0, "others": 10.0})
    assert landscape.share_numbers(values, prefix="p-") == {"p-acth-share": 60.0, "p-vigabatrin-share": 20.0}


def test_players_table_counts_events_by_matched_name(events, players):
    table = landscape.players_table(players, events)
    assert table["Events in this chapter"].tolist() == [1, 0, 1]
    assert table["Infantile spasms products in the data"].tolist() == ["vigabatrin generic", "none found", "Acthar Gel"]


def test_player_counts(events, players):
    assert landscape.player_counts(players, events) == {
        "players": 3,
        "players-in-events": 2,
        "players-in-events-names": "Teva Pharmaceutical Industries (Ltd), Mallinckrodt",
        "players-specific": 1,
        "players-with-products": 2,
        "players-with-products-names": "Teva Pharmaceutical Industries (Ltd) and Mallinckrodt",
        "specific-companies": "Lundbeck, Questcor, Teva Pharmaceuticals USA",
    }


def test_companies_in_events_most_events_first_then_the_absent_key_players(events, players):
    frame = landscape.companies_in_events(events, players)
    assert frame["company"].tolist() == [
        "Lundbeck", "Questcor", "Teva Pharmaceuticals USA ★", "Jazz Pharmaceuticals", "Mallinckrodt plc ★",
        "The report's other 1 key players ★",
    ]
    assert frame["infantile_spasms_events"].tolist() == [1, 1, 1, 0, 0, 0]
    assert frame["other_events"].tolist() == [0, 0, 0, 1, 1, 0]
    assert frame["key_player"].tolist() == [False, False, True, False, True, True]


def test_timeline_frame(events):
    frame = landscape.timeline(events)
    assert frame.columns.tolist() == ["date", "lane", "kind", "label", "filled"]
    assert frame["filled"].tolist() == [True, True, True, False, False]


def test_events_table_cites_each_source(events):
    table = landscape.events_table(events)
    assert table["Source"].iloc[0] == "{cite:p}`s2`"
    assert table["About infantile spasms"].tolist() == ["yes", "yes", "yes", "no", "no"]
    assert table["Why not, or remark"].tolist() == ["", "", "", "Other epilepsies", "Adults"]


def test_events_table_cites_a_source_a_remark_names(events):
    events = events.assign(note=events["note"].where(events["note"].isna(), "Launch date from s2-extra, not s2"))
    table = landscape.events_table(events, ["s2", "s2-extra"])
    assert table["Why not, or remark"].iloc[-1] == "Launch date from {cite:p}`s2extra`, not {cite:p}`s2`"


def test_recent_counts(events):
    assert landscape.recent_counts(events) == {
        "recent-from": 2023, "recent": 2, "recent-specific": 0, "vigabatrin-year": 2009, "acth-year": 2010,
    }


def test_pipeline_table_fills_what_is_not_given():
    pipeline = pd.DataFrame({"candidate": ["X"], "sponsor": [None], "phase": ["2"], "status": ["done"], "trial_id": [None],
                             "note": [None], "source_id": ["ctgov-nct1"]})
    assert landscape.pipeline_table(pipeline).iloc[0].tolist() == [
        "X<br>sponsor: not given", "registry number not given<br>2; done", "{cite:p}`ctgovnct1`"]


def test_pipeline_table_has_three_columns_with_the_source_after_the_remark():
    pipeline = pd.DataFrame({"candidate": ["X"], "sponsor": ["S"], "phase": [None], "status": ["Terminated early"],
                             "trial_id": ["NCT1"], "note": ["Small trial"], "source_id": ["ctgov-nct1"]})
    table = landscape.pipeline_table(pipeline)
    assert list(table.columns) == ["Candidate and sponsor", "Trial: registry number, phase and status", "Remark and source"]
    assert table.iloc[0].tolist() == ["X<br>sponsor: S", "NCT1<br>phase not given; terminated early", "Small trial {cite:p}`ctgovnct1`"]


def test_the_chapters_chart_frames_and_downloads():
    by_drug = pd.DataFrame({2024: [1.0, 2.0], 2030: [1.5, 2.5], "companies_in_events": ["A", "B"]}, index=["acth", "others"])
    assert list(landscape.value_download(by_drug, (2024, 2030)).columns) == [
        "value_2024_usd_m", "value_2030_usd_m", "companies_in_events"]
    companies = pd.DataFrame({"company": ["First", "Second"], "infantile_spasms_events": [3, 0], "other_events": [1, 2],
                              "key_player": [True, False]})
    counted, bold = landscape.companies_chart_data(companies)
    assert list(counted.index) == ["Second", "First"]  # drawn from the bottom up: the first company on top
    assert list(counted.columns) == ["About infantile spasms", "About other conditions"]
    assert counted.loc["First"].tolist() == [3, 1] and bold.to_dict() == {"Second": False, "First": True}
    events = pd.DataFrame({"date": ["2020-01-01"], "date_precision": ["day"], "lane": ["ACTH"], "kind": ["launch"],
                           "company": ["A"], "specific": [True], "event": ["e"], "source_id": ["s"], "note": ["n"]})
    assert list(landscape.timeline_download(events).columns) == [
        "date", "date_precision", "lane", "kind", "company", "about_infantile_spasms", "event", "source_id"]


def test_the_value_charts_slide_title():
    shares = landscape.share_numbers(pd.Series({"acth": 60.0, "vigabatrin": 30.0, "others": 10.0}), prefix="x-")
    assert landscape.value_takeaway(shares, 2024, prefix="x-") == "ACTH and vigabatrin hold 90 % of the 2024 market"
