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


def test_the_deck_s_headline_lines_end_with_the_books_own_estimate_when_given():
    numbers = summary.key_figures(table(), HEADLINE)
    base = HEADLINE.base_year
    plain = summary.key_number_lines(numbers, HEADLINE)
    own = {f"p50-{base}": 122.71, f"p5-{base}": 88.96, f"p95-{base}": 169.64, f"report-pctile-{base}": 81.2}
    with_own = summary.key_number_lines(numbers, HEADLINE, own)
    assert with_own[:-1] == plain and len(with_own) == len(plain) + 1
    assert with_own[-1] == (f"The book's own estimate for {base}: USD 122.7 million (P5-P95 89.0-169.6); "
                            "the report's value is at percentile 81")


def test_the_key_numbers_are_published_as_json_numbers_with_units():
    import json

    numbers = summary.key_figures(table(), HEADLINE)
    base, first, end = HEADLINE.key_years
    own = {f"p{p}-{y}": 100.0 + p for p in (5, 50, 95) for y in (base, end)}
    own.update({f"report-pctile-{base}": 81.2, f"report-pctile-{end}": 70.0, "draws": 10_000})
    records = summary.key_number_records(numbers, HEADLINE, own)
    by_id = {r["id"]: r for r in records}
    assert by_id[f"value-{end}"] == {"id": f"value-{end}", "label": f"Market value, {end}", "value": pytest.approx(numbers[f"value-{end}"], abs=1e-10),
                                     "unit": "USD million", "year": end}
    assert by_id["cagr"]["unit"] == "percent a year" and by_id["cagr"]["years"] == [first, end]
    assert by_id["drug-leader"]["unit"] is None and isinstance(by_id["drug-leader"]["value"], str)
    assert by_id[f"own-p50-{base}"]["value"] == 150.0 and by_id[f"own-report-pctile-{base}"]["unit"] == "percentile"
    assert all(isinstance(r["value"], (int, float, str)) for r in records)
    assert json.loads(json.dumps(records)) == records, "plain JSON: numbers stay numbers"
    assert summary.key_number_records({**numbers, f"value-{base}": 146.34000000000003}, HEADLINE)[0]["value"] == 146.34
    assert [r["id"] for r in summary.key_number_records(numbers, HEADLINE)] == [r["id"] for r in records][:14]
