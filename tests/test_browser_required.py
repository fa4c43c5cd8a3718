"""Without Chromium the browser tests are skipped loudly on a developer's machine, and fail in CI (``CI=true``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

ONE_BROWSER_TEST = "tests/test_browser.py::test_the_site_has_the_pages_a_reader_expects"


def run_without_chromium(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    """Run one browser test in a fresh pytest whose PATH holds no ``chromium`` (and ``CI`` set to ``ci``)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "PYTEST_ADDOPTS"}}
    env["PATH"] = str(empty)
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--rootdir", str(ROOT), ONE_BROWSER_TEST],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def test_ci_fails_the_browser_tests_when_chromium_is_missing(tmp_path):
    result = run_without_chromium(tmp_path, "true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 error" in result.stdout  # it fails in setup, before any fixture builds the book
    assert "the browser tests cannot be skipped in CI" in result.stdout
    assert "build failed" not in result.stdout, "the test failed building the book, not on the missing browser"


@pytest.mark.parametrize("ci", [None, "false"])
def test_a_developer_without_chromium_gets_a_loud_skip(tmp_path, ci):
    result = run_without_chromium(tmp_path, ci)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "BROWSER TESTS SKIPPED (1): Chromium not found" in result.stdout
