"""Key figures: the scenario's headline numbers beside the report's."""

import numpy as np
import pandas as pd
import pytest

from infantile_spasms_market.analysis import summary


def test_key_figures_values_leaders_and_the_reports_numbers(small_table, small_headline):
    numbers = summary.key_figures(small_table, small_headline)
    assert numbers["value-2010"] == pytest.approx(40.0)
    assert numbers["value-2013"] == pytest.approx(43.31)
    assert numbers["cagr"] == pytest.approx(100 * ((43.31 / 41.0) ** 0.5 - 1))
    assert (numbers["drug-leader"], numbers["drug-leader-share"]) == ("Adrenocorticotropic Hormone", pytest.approx(75.0))
    assert (numbers["dosage-leader"], numbers["dosage-leader-share"]) == ("Liquid", pytest.approx(75.0))
    assert numbers["region-leader"] == "North America"
    assert (numbers["fastest-class"], numbers["fastest-class-cagr"]) == ("Anticonvulsants", pytest.approx(10.0))
    assert (numbers["report-2010"], numbers["report-2013"], numbers["report-cagr"]) == (40.0, 50.0, pytest.approx(5.0))
    assert numbers["implied-2013"] == pytest.approx(40.0 * 1.05 ** 3)


def test_comparison_table_sets_the_report_beside_the_scenario(small_table, small_headline):
    frame = summary.comparison_table(summary.key_figures(small_table, small_headline), small_headline)
    assert list(frame.columns) == ["Headline", "The report", "This scenario"]
    rows = frame.set_index("Headline")
    assert tuple(rows.loc["Market value 2013 (USD million)"]) == ("50.00", "43.31")
    assert rows.loc["Growth a year, 2011-2013 (%)", "The report"] == "5.00"
    assert tuple(rows.loc["Largest dosage, 2010"]) == ("Solid", "Liquid")
    assert tuple(rows.loc["Fastest-growing therapeutic class, 2011-2013"]) == ("Anticonvulsants", "Anticonvulsants")
    assert tuple(rows.loc["Largest region, 2010"]) == ("North America", "North America")


def test_comparison_table_formats_thousands(small_table, small_headline):
    numbers = summary.key_figures(small_table, small_headline) | {"value-2010": 1234.5}
    assert summary.comparison_table(numbers, small_headline).iloc[0, 2] == "1,234.50"


def test_total_against_report_marks_the_published_years_only(small_headline):
    years = pd.Index(range(2010, 2014))
    total = pd.Series([40.0, 41.0, 42.0, 43.0], index=years)
    frame = summary.total_against_report(total, total - 1, small_headline)
    assert frame.index.name == "year"
    assert list(frame.columns) == ["scenario_usd_m", "base_usd_m", "report_usd_m"]
    assert frame["report_usd_m"].tolist()[0] == 40.0 and frame["report_usd_m"].tolist()[-1] == 50.0
    assert np.isnan(frame.loc[2011, "report_usd_m"])
    assert frame["base_usd_m"].tolist() == [39.0, 40.0, 41.0, 42.0]


