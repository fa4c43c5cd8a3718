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


