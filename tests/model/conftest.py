"""Fixtures shared by the model's tests: the base scenario (the copy of data/ a test may edit is ``tests/conftest.py``'s ``data``)."""

from __future__ import annotations

import pytest

from infantile_spasms_market.scenario.loading import load_parameters


@pytest.fixture(scope="module")
def base():
    return load_parameters()
