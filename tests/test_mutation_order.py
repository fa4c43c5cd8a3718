"""Under mutmut, a mutant's tests run with the likeliest killers first; the same tests, and nothing moves without a mutant."""

from __future__ import annotations

import json
from types import SimpleNamespace

from conftest import order_for_mutant

NODES = [
    "tests/analysis/test_regions.py::test_a",
    "tests/model/test_montecarlo.py::test_b",
    "tests/scenario/test_loading.py::test_c",
    "tests/model/test_views_and_draws.py::test_d",
    "tests/model/test_montecarlo.py::test_e",
    "tests/model/test_level.py::test_f",
]


def items() -> list[SimpleNamespace]:
    return [SimpleNamespace(nodeid=node) for node in NODES]


def test_without_a_mutant_under_test_nothing_moves():
    for name in ("", "stats", "list_all_tests", "fail"):
        tests = items()
        order_for_mutant(tests, name)
        assert [t.nodeid for t in tests] == NODES


def test_the_mutated_modules_file_then_the_model_then_the_wider_tests_each_file_together(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no mutmut-stats.json: files keep their order within a group
    tests = items()
    order_for_mutant(tests, "infantile_spasms_market.model.views.x_view__mutmut_3")
    assert [t.nodeid for t in tests] == [NODES[3], NODES[1], NODES[4], NODES[5], NODES[2], NODES[0]]


def test_within_a_group_the_cheapest_file_goes_first_and_a_methods_module_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    durations = {NODES[1]: 5.0, NODES[4]: 5.0, NODES[5]: 0.5, NODES[3]: 9.0}
    (tmp_path / "mutmut-stats.json").write_text(json.dumps({"duration_by_test": durations}), encoding="utf-8")
    tests = items()
    order_for_mutant(tests, "infantile_spasms_market.model.draws.x\u01c1ParameterDraws\u01c1stack__mutmut_1")
    assert [t.nodeid for t in tests] == [NODES[3], NODES[5], NODES[1], NODES[4], NODES[2], NODES[0]]
    assert sorted(t.nodeid for t in tests) == sorted(NODES)
