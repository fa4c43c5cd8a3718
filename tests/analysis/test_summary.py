"""Key figures: the scenario's headline numbers beside the report's."""

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.analysis import summary
from infantile_spasms_market.inputs.headline import Claim, Headline

ACTH = "Adrenocorticotropic Hormone"
HEADLINE = Headline(
    base_year=2010, end_year=2013, cagr_period=(2011, 2013), base_value_usd_m=40.0, end_value_usd_m=50.0, cagr=0.05,
    claims=(
        Claim("largest_in_base_year", "drug_type", ACTH, (2010, 2010)),
        Claim("largest_in_base_year", "dosage", "Solid", (2010, 2010)),
        Claim("largest_every_year", "region", "North America", (2010, 2013)),
        Claim("fastest_growing", "therapeutic_class", "Anticonvulsants", (2011, 2013)),
    ),
)


def table() -> pd.DataFrame:
    rows = []
    for year in range(2010, 2014):
        rows.append((year, ACTH, "Corticosteroids", "Liquid", "North America", 30.0))
        rows.append((year, "Vigabatrin", "Anticonvulsants", "Solid", "Europe", 10.0 * 1.1 ** (year - 2010)))
        rows.append((year, "Others", "Others", "Solid", "Europe", 0.0))  # no value: left out of the fastest class
    return pd.DataFrame(rows, columns=["year", "drug_type", "therapeutic_class", "dosage", "region", "value_usd_m"])


def test_key_figures_values_leaders_and_the_reports_numbers():
    numbers = summary.key_figures(table(), HEADLINE)
    assert numbers["value-2010"] == pytest.approx(40.0)
    assert numbers["value-2013"] == pytest.approx(43.31)
    assert numbers["cagr"] == pytest.approx(100 * ((43.31 / 41.0) ** 0.5 - 1))
    assert (numbers["drug-leader"], numbers["drug-leader-share"]) == (ACTH, pytest.approx(75.0))
    assert (numbers["dosage-leader"], numbers["dosage-leader-share"]) == ("Liquid", pytest.approx(75.0))
    assert numbers["region-leader"] == "North America"
    assert (numbers["fastest-class"], numbers["fastest-class-cagr"]) == ("Anticonvulsants", pytest.approx(10.0))
    assert (numbers["report-2010"], numbers["report-2013"], numbers["report-cagr"]) == (40.0, 50.0, pytest.approx(5.0))
    assert numbers["implied-2013"] == pytest.approx(40.0 * 1.05 ** 3)


def test_comparison_table_sets_the_report_beside_the_scenario():
    frame = summary.comparison_table(summary.key_figures(table(), HEADLINE), HEADLINE)
    assert list(frame.columns) == ["Headline", "The report", "This scenario"]
    rows = frame.set_index("Headline")
    assert tuple(rows.loc["Market value 2013 (USD million)"]) == ("50.00", "43.31")
    assert rows.loc["Growth a year, 2011-2013 (%)", "The report"] == "5.00"
    assert tuple(rows.loc["Largest dosage, 2010"]) == ("Solid", "Liquid")
    assert tuple(rows.loc["Fastest-growing therapeutic class, 2011-2013"]) == ("Anticonvulsants", "Anticonvulsants")
    assert tuple(rows.loc["Largest region, 2010"]) == ("North America", "North America")


def test_comparison_table_formats_thousands():
    numbers = summary.key_figures(table(), HEADLINE) | {"value-2010": 1234.5}
    assert summary.comparison_table(numbers, HEADLINE).iloc[0, 2] == "1,234.50"


def test_total_against_report_marks_the_published_years_only():
    years = pd.Index(range(2010, 2014))
    total = pd.Series([40.0, 41.0, 42.0, 43.0], index=years)
    frame = summary.total_against_report(total, total - 1, HEADLINE)
    assert frame.index.name == "year"
    assert list(frame.columns) == ["scenario_usd_m", "base_usd_m", "report_usd_m"]
    assert frame["report_usd_m"].tolist()[0] == 40.0 and frame["report_usd_m"].tolist()[-1] == 50.0
    assert np.isnan(frame.loc[2011, "report_usd_m"])
    assert frame["base_usd_m"].tolist() == [39.0, 40.0, 41.0, 42.0]


OWN = {"value-2010": 31.5, "value-2013": 36.2, "cagr": 5.0, "cagr-p5": 2.0, "cagr-p95": 8.0, "p5-2010": 20.0,
       "p95-2010": 45.25, "p5-2013": 24.0, "p95-2013": 55.0, "report-pctile-2010": 81.2, "bu-pct": 78.75, "draws": 100}


def test_the_key_lines_give_the_report_then_the_own_estimate_with_its_range():
    numbers = summary.key_figures(table(), HEADLINE)
    lines = summary.key_number_lines(numbers, HEADLINE, OWN)
    assert lines[0] == "The report: USD 40.00 million in 2010, USD 50.00 million in 2013, 5.00 % a year from 2011 to 2013"
    assert lines[1] == ("The book's own estimate: USD 31.50 million in 2010 (USD 20.00 to 45.25 million), USD 36.20 million "
                        "in 2013; the report's 2010 value is at percentile 81 of its draws")
    assert len(summary.key_number_lines(numbers, HEADLINE)) == len(lines) - 1


def test_the_key_table_shows_this_build_only_when_it_differs_from_the_base():
    numbers = summary.key_figures(table(), HEADLINE)
    plain = summary.key_table(numbers, HEADLINE, OWN, bold=False)
    assert plain.iloc[:, 0].tolist() == ["The report", "The book's own estimate", "Its range (P5 to P95)"]
    assert plain.iloc[1].tolist()[1:] == ["31.50", "36.20", "5.00"] and plain.iloc[2, 1] == "20.00 to 45.25"
    assert summary.key_table(numbers, HEADLINE, OWN).iloc[1, 1] == "**31.50**"
    assert summary.key_table(numbers, HEADLINE, OWN, scenario="Pessimistic").iloc[3, 0] == "This build: Pessimistic"


def test_the_overtaking_year_and_a_countrys_share():
    frame = pd.DataFrame({"year": [2010, 2010, 2011, 2011], "drug": ["acth", "vigabatrin"] * 2,
                          "country": ["United States", "China"] * 2, "value_usd_m": [3.0, 2.0, 3.0, 4.0]})
    assert summary.overtake_year(frame) == 2011 and summary.overtake_year(frame, "acth", "vigabatrin") == 2010
    assert summary.overtake_year(frame.assign(value_usd_m=[3.0, 2.0, 3.0, 1.0])) is None
    assert summary.country_share(frame, "United States", 2010) == pytest.approx(60.0)


def test_the_key_numbers_record_holds_what_the_deck_and_the_data_pack_show():
    numbers = summary.key_figures(table(), HEADLINE)
    found = [{"text": "A finding.", "doc": "segments"}]
    record = summary.key_numbers_record(numbers, HEADLINE, OWN, found, method=["Title", "One"])
    assert record["headline"] == ("The report says USD 40.00 million for 2010; sized from patients and prices, the book finds "
                                  "USD 31.50 million")
    assert record["table"]["rows"][1][0] == "The book's own estimate" and record["takeaways"] == ["A finding."]
    assert record["own"]["value-2010"] == 31.5 and record["method"] == ["Title", "One"]
    assert summary.takeaways_markdown(found) == "- A finding. ({doc}`segments`)"


