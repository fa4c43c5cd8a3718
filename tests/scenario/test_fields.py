"""field_rationale: a parameter's recorded rationale as one sentence."""

from infantile_spasms_market.scenario.fields import Strict, field_rationale, param
from infantile_spasms_market.scenario.sections import Market


class Section(Strict):
    bare: float = param(description="d", unit="u", rationale="No full stop", basis="assumption")
    stopped: float = param(description="d", unit="u", rationale="Ends in one.", basis="assumption")


def test_rationale_ends_in_exactly_one_full_stop():
    assert field_rationale(Section, "bare") == "No full stop."
    assert field_rationale(Section, "stopped") == "Ends in one."


def test_rationale_of_a_real_parameter():
    text = field_rationale(Market, "reconciliation")
    assert text.endswith(".") and not text.endswith("..")
    assert text.rstrip(".") == Market.model_fields["reconciliation"].json_schema_extra["rationale"].rstrip(".")
