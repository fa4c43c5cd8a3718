"""Fixtures shared by the model's tests: the base scenario, and a copy of data/ a test may edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from infantile_spasms_market import paths
from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def base():
    return load_parameters()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ that the model reads instead of the project's."""
    shutil.copytree(paths.DATA_DIR, tmp_path / "data")
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path / "data")
    return tmp_path / "data"
