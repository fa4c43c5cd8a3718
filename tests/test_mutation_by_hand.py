"""tools/mutation_by_hand.py: the verdict of a child's exit, the verdicts file read to resume, the counts."""

from __future__ import annotations

import importlib.util
import os
import signal
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "mutation_by_hand.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("mutation_by_hand", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def exit_status(code: int) -> int:
    """The wait status of a child that exited with ``code``."""
    pid = os.fork()
    if pid == 0:
        os._exit(code)
    return os.waitpid(pid, 0)[1]


@pytest.mark.skipif(sys.platform == "win32", reason="fork")
def test_a_childs_exit_is_mutmuts_verdict(tool):
    assert tool.verdict_of(exit_status(0)) == "survived"
    assert tool.verdict_of(exit_status(1)) == "killed"
    assert tool.verdict_of(exit_status(3)) == "killed"  # pytest's internal error: mutmut counts a kill
    assert tool.verdict_of(exit_status(4)) == "error:4"  # a usage error decides nothing
    assert tool.verdict_of(exit_status(5)) == "error:5"  # no tests ran
    assert tool.verdict_of(None) == "timeout"
    pid = os.fork()
    if pid == 0:
        os.kill(os.getpid(), signal.SIGKILL)
    assert tool.verdict_of(os.waitpid(pid, 0)[1]) == "crashed"  # killed by a signal (out of memory): not a kill


def test_the_verdicts_written_are_read_back_the_last_of_a_name_winning(tool, tmp_path):
    assert tool.read_verdicts(tmp_path / "none.txt") == {}
    out = tmp_path / "verdicts.txt"
    out.write_text("m.x_f__mutmut_1 killed 2.0\nm.x_f__mutmut_2 survived 9.1\n\nm.x_f__mutmut_2 timeout 300.2\n", encoding="utf-8")
    assert tool.read_verdicts(out) == {"m.x_f__mutmut_1": "killed", "m.x_f__mutmut_2": "timeout"}


def test_the_counts_take_a_timeout_as_killed_and_name_what_did_not_run(tool):
    verdicts = {"a": "killed", "b": "timeout", "c": "survived", "d": "error:5", "x": "killed"}
    assert tool.summary(verdicts, ["a", "b", "c", "d", "e"]) == {"killed": 2, "survived": 1, "error:5": 1, "not run": 1}


def test_mutants_are_listed_in_their_numbers_order(tool):
    names = ["m.x_f__mutmut_10", "m.x_f__mutmut_9", "m.x_e__mutmut_2", "m.x_f__mutmut_1"]
    assert sorted(names, key=tool._natural) == ["m.x_e__mutmut_2", "m.x_f__mutmut_1", "m.x_f__mutmut_9", "m.x_f__mutmut_10"]
