"""A running chapter may read only the input files it declared; outside a chapter every read is allowed."""

from __future__ import annotations

import pytest

from infantile_spasms_market.inputs import declared
from infantile_spasms_market.inputs.reading import load_record, load_table


def test_nothing_declared_means_every_read_is_allowed():
    declared.forget()
    assert len(load_table("events")) > 0


def test_an_undeclared_read_names_the_file_and_the_fix():
    declared.declare(["data/events.csv"])
    assert len(load_table("events")) > 0
    assert load_record("report_headline")["base_year"] == 2024  # the model's own inputs are always allowed
    with pytest.raises(declared.UndeclaredInput, match=r"reads data/pipeline.csv but does not declare it: add 'data/pipeline.csv'"):
        load_table("pipeline")


def test_patterns_cover_groups_of_files():
    declared.declare(["params/*.yaml"])
    declared.check("params/pessimistic.yaml")
    with pytest.raises(declared.UndeclaredInput):
        declared.check("data/events.csv")
