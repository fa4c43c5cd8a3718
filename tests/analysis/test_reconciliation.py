"""The reconciliations of the report's contradictory figures, as the book tables them."""

import pytest

from infantile_spasms_market.analysis.reconciliation import (
    bridge_values,
    reconciliation_table,
)
from infantile_spasms_market.inputs.headline import Headline

HEADLINE = Headline(base_year=2010, end_year=2013, cagr_period=(2011, 2013), base_value_usd_m=100.0,
                    end_value_usd_m=133.1, cagr=0.10)


def test_table_has_one_row_per_method_and_marks_the_one_used():
    table = reconciliation_table(HEADLINE, "cagr_from_2024")
    assert list(table.columns) == ["Reconciliation", "2010 (USD m)", "2011 (USD m)", "2013 (USD m)", "Growth 2011 (%)",
                                   "CAGR 2011-2013 (%)", "Used here"]
    rows = table.set_index("Reconciliation")
    assert rows.loc["`cagr_from_2024`", "Used here"] == "yes"
    assert (rows["Used here"] == "yes").sum() == 1
    assert rows.loc["`cagr_from_2024`", "2013 (USD m)"] == pytest.approx(133.1)
    assert rows.loc["`bridge_2025`", "2011 (USD m)"] == pytest.approx(110.0)


def test_bridge_values_are_what_the_end_value_and_rate_imply():
    assert bridge_values(HEADLINE) == {"bridge-2011": pytest.approx(110.0), "bridge-growth-2011": pytest.approx(10.0)}
