"""The label registry: every code name the book uses has a display name, and code names are told apart from words."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from infantile_spasms_market import labels
from infantile_spasms_market.inputs import load_register
from infantile_spasms_market.inputs.taxonomy import DRUGS
from infantile_spasms_market.scenario import loading
from infantile_spasms_market.analysis.parameter_table import parameter_table


def test_every_parameter_of_the_model_has_a_display_name():
    paths = set(parameter_table(loading.load_parameters())["path"])
    assert paths == set(labels.PARAMETERS), f"missing: {paths - set(labels.PARAMETERS)}; stale: {set(labels.PARAMETERS) - paths}"


def test_every_scenario_file_drug_and_source_has_a_display_name():
    scenarios = {p.stem for p in Path(ROOT, "params").glob("*.yaml")} - {"assumptions_log"}
    assert scenarios <= set(labels.SCENARIOS)
    registry = labels.registry()
    assert set(DRUGS) <= set(registry)
    assert {s["id"] for s in load_register()["sources"]} <= set(registry)
    assert all(name.strip() and name != key for key, name in registry.items() if labels.code_like(key, name))


def test_names_of_sections_entries_and_unknown_keys():
    assert labels.name("growth.price_erosion") == "Price erosion"
    assert labels.name("acth") == "ACTH" and labels.name("north_america") == "North America"
    assert labels.name("segments.drug_mix_2024.north_america") == "Drug mix by region, 2024: North America"
    assert labels.name("whatever", fallback="Whatever") == "Whatever"
    with pytest.raises(KeyError, match="labels.py"):
        labels.name("growth_new_thing")


@pytest.mark.parametrize(
    "value, text",
    [(2030, "2030"), (1500000.0, "1500000"), (0.0127, "0.0127"), (True, "yes"), (False, "no"), (None, "(not set)"),
     (0.025, "0.025"), ([1, 2], "[1, 2]"), ({"a": 1, "b": 0.5}, "a 1, b 0.5"), ({"r": {"a": 0.25}}, "r: a 0.25"),
     ({"acth": 1, "north_america": 0.5}, "ACTH 1, North America 0.5"), (1234567.891, "1234567.89"),
     ("bridge_2025", "Step in 2025 (every published figure kept)")],
)
def test_values_read_as_a_reader_writes_them(value, text):
    assert labels.value_text(value) == text


def test_values_read_with_display_names():
    assert labels.value_text({"acth": 0.5, "oral_steroids": 0.25}) == "ACTH 0.5, Oral steroids 0.25"
    assert labels.value_text({"europe": {"acth": 1.0}}) == "Europe: ACTH 1"
    assert labels.parameter_cell("growth.innovation") == "Growth from innovation"
    assert labels.parameter_cell("growth.innovation", code=True) == "Growth from innovation (`growth.innovation`)"
    assert labels.value_text("bridge_2025") == "Step in 2025 (every published figure kept)"
    assert labels.header("value_usd_m") == "Value (USD million)" and labels.header("share_2030_pct") == "Share 2030 (%)"


def test_every_code_name_of_the_glossary_has_a_label_and_is_found_in_text():
    rows = labels.glossary()
    assert {kind for kind, _, _ in rows} >= {"Parameter", "Choice of a parameter", "Column of the market table", "Company"}
    assert all(label.strip() and label != code for _, code, label in rows if labels.code_like(code, label))
    assert labels.code_names_in("the value_usd_m column, upsher_smith and bridge_2025") == ["value_usd_m", "upsher_smith", "bridge_2025"]
    assert labels.code_names_in("https://api.fda.gov/drug/ndc.json?search=generic_name:vigabatrin (visited)") == []


def test_a_keyed_section_of_sections_reads_like_a_nested_mapping():
    """A country's drug mix (a section inside a keyed section) never reaches a page as ``acth=0.0 vigabatrin=0.25``."""
    from infantile_spasms_market.scenario.loading import load_parameters

    mixes = load_parameters().value_at("epidemiology.first_line_mix_by_country")
    text = labels.value_text(mixes)
    assert text.startswith("Brazil: ACTH ") and "; UAE: ACTH " in text and "=" not in text


def test_company_splits_read_with_the_companies_names():
    from infantile_spasms_market.scenario.loading import load_parameters

    text = labels.value_text(load_parameters().value_at("companies.country_share_of_group"))
    assert "Daiichi Sankyo 1" in text and "Companies not identified" in text
    assert "daiichi_sankyo" not in text and "unidentified" not in text.replace("not identified", "")
    assert labels.code_like("oral_steroid_makers", labels.registry()["oral_steroid_makers"])


@pytest.mark.parametrize(("key", "label", "code"), [
    ("growth.innovation", "Growth from innovation", True),
    ("north_america", "North America", True),
    ("acth", "ACTH", True),
    ("uae", "UAE", True),
    ("techsci-2025", "TechSci Research n.d.", True),
    ("vigabatrin", "Vigabatrin", False),
    ("base", "Base case", False),
    ("china", "China", False),
])
def test_code_names_are_told_apart_from_words(key, label, code):
    assert labels.code_like(key, label) is code


def test_no_parameter_rationale_shows_a_code_name():
    """A rationale reaches readers (chapters' assumption boxes, the data pack): labels, not code (issue 22)."""
    from infantile_spasms_market.scenario.fields import described
    from infantile_spasms_market.scenario.parameters import Parameters

    shown = {path: d.rationale for path, d in described(Parameters).items() if "`" in d.rationale or labels.code_names_in(d.rationale)}
    assert not shown, shown


def test_a_source_line_names_project_files_by_their_register_titles():
    line = labels.plain_source("Book; data/products.csv; params/assumptions_log.yaml; the own estimate (params/triangulated.yaml)")
    assert line == ("Book; Infantile spasms products by market; the book's assumptions log; the own estimate "
                    "(scenario \u201cThe book's own estimate\u201d)")
    assert labels.plain_source("no file here, market_table.csv") == "no file here, market_table.csv"


def test_the_reports_acth_segment_reads_acth_and_is_defined_in_the_glossary():
    assert labels.name("Adrenocorticotropic Hormone") == "ACTH"
    assert ("The report's name of a segment", "Adrenocorticotropic Hormone", "ACTH") in labels.glossary()


def test_source_labels_follow_the_register_and_a_copy_changes_nothing(data):
    """The source labels are kept per version of the register: an edited register is read again, and a label
    changed by the caller is not the next caller's."""
    register = load_register()
    source = register["sources"][0]
    before = labels.registry()[source["id"]]
    labels.registry()[source["id"]] = "changed by a caller"
    assert labels.registry()[source["id"]] == before
    text = (data / "register.yaml").read_text(encoding="utf-8")
    (data / "register.yaml").write_text(text.replace(f"id: {source['id']}\n", f"id: {source['id']}\n  short: Renamed\n", 1),
                                        encoding="utf-8")
    assert labels.registry()[source["id"]].startswith("Renamed")
