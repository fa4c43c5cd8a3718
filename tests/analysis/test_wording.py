"""Lists of names in prose, paths that may wrap."""

from __future__ import annotations

import pytest

from infantile_spasms_market.analysis.wording import breakable, code_paths, join_names


@pytest.mark.parametrize(
    ("items", "text"),
    [(["Europe"], "Europe"), (["Europe", "Asia"], "Europe and Asia"), (("A", "B", "C"), "A, B and C")],
)
def test_join_names(items, text):
    assert join_names(items) == text


def test_join_names_takes_any_iterable():
    # made here, not in the parameters: an iterator made at collection is spent after one run (mutmut runs the tests again in one process)
    assert join_names(iter(["x", "y"])) == "x and y"


def test_join_names_refuses_an_empty_list():
    with pytest.raises(ValueError):
        join_names([])


def test_breakable_allows_breaks_after_dots_and_underscores():
    assert breakable("growth.price_erosion") == "growth.<wbr>price_<wbr>erosion"


def test_breakable_after_the_characters_asked_only():
    assert breakable("fixed_cost 1.5", "_") == "fixed_<wbr>cost 1.5"
    assert breakable("no breaks", "_") == "no breaks"


def test_code_paths_puts_project_files_in_code_once():
    text = "values in data/incidence_estimates.csv (see params/base.yaml), not `data/x.csv` twice; a data point/year"
    assert code_paths(text) == ("values in `data/incidence_estimates.csv` (see `params/base.yaml`), not `data/x.csv` twice; "
                                "a data point/year")


@pytest.mark.parametrize(("count", "text"), [(0, "no"), (5, "five"), (12, "twelve"), (13, "13"), (1500, "1,500")])
def test_count_word(count, text):
    from infantile_spasms_market.analysis.wording import count_word

    assert count_word(count) == text
