"""A parameter described once: its declaration (``param(...)``) read back, and its rationale as one sentence."""

import pytest

from infantile_spasms_market.scenario.fields import Strict, described, field_rationale, param
from infantile_spasms_market.scenario.parameters import Parameters
from infantile_spasms_market.scenario.sections import Market


class Section(Strict):
    bare: float = param(label="Bare", description="d", unit="u", rationale="No full stop", basis="assumption")
    stopped: float = param(label="Stopped", description="d", unit="u", rationale="Ends in one.", basis="assumption",
                           title="A title", phrase="a phrase", sources=(), ge=0)


class Outer(Strict):
    inner: Section
    whole: Section = param(label="Whole section", description="d", unit="u", rationale="r", basis="derived",
                           derived_from="data")


def test_a_declaration_is_read_back_whole():
    found = described(Outer)
    assert list(found) == ["inner.bare", "inner.stopped", "whole"]  # a documented section is one parameter
    bare, stopped = found["inner.bare"], found["inner.stopped"]
    assert (bare.label, bare.title, bare.phrase) == ("Bare", "Bare", "bare")  # title and phrase default to the label
    assert (stopped.title, stopped.phrase, stopped.owner, stopped.name) == ("A title", "a phrase", Section, "stopped")
    assert found["whole"].basis == "derived" and found["whole"].derived_from == "data"


def test_every_parameter_of_the_model_is_declared_with_its_label():
    found = described(Parameters)
    assert "growth.diagnosis" in found and "uncertainty.distributions" not in found  # the distributions: their own table
    assert all(d.label and d.unit and d.rationale for d in found.values())


def test_rationale_ends_in_exactly_one_full_stop():
    assert field_rationale(Section, "bare") == "No full stop."
    assert field_rationale(Section, "stopped") == "Ends in one."


def test_rationale_of_a_real_parameter():
    text = field_rationale(Market, "reconciliation")
    assert text.endswith(".") and not text.endswith("..")
    assert text.rstrip(".") == Market.model_fields["reconciliation"].json_schema_extra["rationale"].rstrip(".")


def test_a_country_the_scenario_leaves_out_takes_its_price_level_from_the_data(monkeypatch):
    import pandas as pd

    from infantile_spasms_market.inputs.files import DataFileError
    from infantile_spasms_market.scenario import fields
    from infantile_spasms_market.scenario.loading import load_parameters

    given = load_parameters().countries.price_index.model_dump()
    assert fields.CountryPriceIndex(**given).canada == given["canada"]  # the scenario's own value wins
    without = {k: v for k, v in given.items() if k != "canada"}
    levels = pd.Series({"canada": 0.72371}, name="price_level_us_100")
    monkeypatch.setattr(fields, "area_price_levels", lambda: levels)
    assert fields.CountryPriceIndex(**without).canada == 0.72371
    monkeypatch.setattr(fields, "area_price_levels", lambda: levels.drop("canada"))
    with pytest.raises(DataFileError, match="price_levels.csv: no price level for canada"):
        fields.CountryPriceIndex(**without)
