"""What a scenario changes against the base, in words."""

import pandas as pd
import pytest

from infantile_spasms_market.analysis.summary import changes_text
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.scenario.diff import parameter_changes
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def test_base_scenario_says_how_to_change_it(base):
    empty = pd.DataFrame(columns=["path", "base", "scenario"])
    text = changes_text(base, base, empty, [], 100.0, 100.0, 2013)
    assert text.startswith("This is the base scenario, so nothing differs from it")
    assert text.endswith("its effect on the 2013 value.") and text.count(". ") == 0  # one sentence


def test_changed_scenario_lists_the_parameters_and_the_difference(base):
    params = with_values(base, {"growth.diagnosis": 0.05})
    changes = parameter_changes(params, base)
    text = changes_text(params, base, changes, ["growth.diagnosis=0.05"], 110.0, 100.0, 2013)
    assert "built from the base scenario file with the overrides `growth.diagnosis=0.05`" in text
    assert "differs from the base scenario in 1 parameter (below)" in text
    assert ("move the 2013 market value from USD 100.00 million in the base to USD 110.00 million, "
            "a difference of USD +10.00 million (+10.0 %)") in text
    assert "| Growth from diagnosis " in text and "| 0.05 " in text and "`growth.diagnosis`" not in text.split("|", 1)[1]


@pytest.mark.parametrize("name", ["pessimistic", "triangulated"])
def test_changed_distributions_read_as_one_row_each_with_display_names(name):
    base, params = load_parameters(), load_parameters(f"params/{name}.yaml")
    text = changes_text(params, base, parameter_changes(params, base), [], 150.0, 181.94, 2030)
    rows = [line for line in text.splitlines() if line.startswith("| Uncertainty of ")]
    assert rows and all(line.count("Uncertainty of ") == 1 and "uncertainty.distributions" not in line for line in rows)
    assert all("triangular" in line for line in rows)
    assert len(rows) == len(params.uncertainty.distributions.keys() ^ base.uncertainty.distributions.keys()) + sum(
        1 for p, d in params.uncertainty.distributions.items() if p in base.uncertainty.distributions and d != base.uncertainty.distributions[p])
