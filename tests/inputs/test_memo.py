"""The data readers' memo: one load per version of the files, a copy to each caller, and forgetting on demand (mutation testing)."""

from __future__ import annotations

from pathlib import Path

from infantile_spasms_market.inputs import files


def _counting_loader(calls: list[int]):
    def load() -> dict[str, list[int]]:
        calls.append(1)
        return {"rows": [1, 2]}
    return load


def test_a_file_is_loaded_once_per_version_and_each_caller_gets_its_own_copy(tmp_path: Path):
    (tmp_path / "a.csv").write_text("x\n1\n", encoding="utf-8")
    calls: list[int] = []
    first = files._memoised("test", "a", tmp_path, ("a.csv",), _counting_loader(calls))
    first["rows"].append(3)
    second = files._memoised("test", "a", tmp_path, ("a.csv",), _counting_loader(calls))
    assert calls == [1] and second == {"rows": [1, 2]}
    (tmp_path / "a.csv").write_text("x\n1\n2\n", encoding="utf-8")  # a new size: a new version
    files._memoised("test", "a", tmp_path, ("a.csv",), _counting_loader(calls))
    assert calls == [1, 1]


def test_a_forgotten_memo_loads_again(tmp_path: Path):
    (tmp_path / "a.csv").write_text("x\n1\n", encoding="utf-8")
    calls: list[int] = []
    files._memoised("test", "a", tmp_path, ("a.csv",), _counting_loader(calls))
    files.forget_memo()
    files._memoised("test", "a", tmp_path, ("a.csv",), _counting_loader(calls))
    assert calls == [1, 1]
