"""Tests for infantile_spasms_market.inputs (reading and the register): every file loads, the register is complete, bad data is refused."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from infantile_spasms_market import inputs, paths
from infantile_spasms_market.inputs import taxonomy
from infantile_spasms_market.inputs.files import DataFileError
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.reading import load_record, load_table
from infantile_spasms_market.inputs.register import check_register, load_register

REPO_DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may corrupt."""
    target = tmp_path / "data"
    shutil.copytree(REPO_DATA, target)
    return target


def _rewrite_csv(path: Path, edit) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _set_cell(name: str, line: int, column: str, value: str):
    """Edit that sets `column` on file line `line` (header is line 1)."""

    def edit(rows: list[list[str]]) -> None:
        rows[line - 1][rows[0].index(column)] = value

    return name, edit


def _drop_column(name: str, column: str):
    def edit(rows: list[list[str]]) -> None:
        index = rows[0].index(column)
        for row in rows:
            del row[index]

    return name, edit


def _add_column(name: str, column: str):
    def edit(rows: list[list[str]]) -> None:
        rows[0].append(column)
        for row in rows[1:]:
            row.append("x")

    return name, edit


# --------------------------------------------------------------------------- everything loads
def test_default_data_dir_is_repo_data() -> None:
    assert inputs.DATA_DIR.resolve() == REPO_DATA.resolve()


@pytest.mark.parametrize("name", inputs.TABLES)
def test_every_table_loads(name: str) -> None:
    frame = load_table(name)
    assert isinstance(frame, pd.DataFrame) and len(frame) > 0
    with (REPO_DATA / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        assert list(frame.columns) == next(csv.reader(handle))
    assert "source_id" in frame.columns and frame["source_id"].notna().all()


@pytest.mark.parametrize("name", inputs.RECORDS)
def test_every_record_loads(name: str) -> None:
    assert isinstance(load_record(name), dict)


def test_every_data_file_is_a_table_or_record() -> None:
    files = {p.stem for p in REPO_DATA.iterdir() if p.suffix in (".csv", ".yaml") and p.name != "register.yaml"}
    assert files == set(inputs.TABLES) | set(inputs.RECORDS)


def test_dtypes() -> None:
    births = load_table("live_births")
    assert births["births"].dtype == "int64" and births["year"].dtype == "int64"
    assert births["country"].dtype == "string"
    costs = load_table("course_costs")
    assert costs["year"].dtype == "Int64" and costs["cost_usd"].dtype == "float64"
    assert costs.loc[costs["currency_original"] == "INR", "cost_usd"].isna().all()
    assert pd.api.types.is_datetime64_any_dtype(load_table("events")["date"])


def test_register_has_no_problems() -> None:
    assert check_register() == []


def test_register_sources_have_provenance() -> None:
    register = load_register()
    ids = [s["id"] for s in register["sources"]]
    assert len(ids) == len(set(ids))
    for source in register["sources"]:
        assert str(source["url"]).startswith("http"), source["id"]
        assert source["licence"], source["id"]


def test_the_loaders_read_the_projects_data_dir(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data_copy / "dosing.csv").unlink()
    monkeypatch.setattr(paths, "DATA_DIR", data_copy)  # what ISM_PROJECT_ROOT sets at import
    with pytest.raises(DataFileError, match="dosing.csv: file not found"):
        load_table("dosing")
    assert "dosing.csv: register entry without a file" in check_register()


def test_the_project_root_variable_moves_every_folder(data_copy: Path) -> None:
    """One variable, one rule: the data folder is always the project's (the loaders, the manifest and the data pack agree)."""
    code = "from infantile_spasms_market import paths; print(paths.PROJECT_ROOT); print(paths.DATA_DIR)"
    env = {**os.environ, paths.ROOT_VARIABLE: str(data_copy.parent)}
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.split()
    assert shown == [str(data_copy.parent), str(data_copy)]


# --------------------------------------------------------------------------- the register's checks
def test_file_without_entry_is_reported(data_copy: Path) -> None:
    (data_copy / "extra.csv").write_text("a,source_id\n1,techsci-2025\n", encoding="utf-8")
    assert check_register(data_copy) == ["extra.csv: data file without a register entry"]


def test_entry_without_file_is_reported(data_copy: Path) -> None:
    (data_copy / "pipeline.csv").unlink()
    assert check_register(data_copy) == ["pipeline.csv: register entry without a file"]


def test_source_missing_field_is_reported(data_copy: Path) -> None:
    path = data_copy / "register.yaml"
    register = yaml.safe_load(path.read_text(encoding="utf-8"))
    del register["sources"][0]["licence"]
    path.write_text(yaml.safe_dump(register, sort_keys=False), encoding="utf-8")
    assert check_register(data_copy) == ["source 'techsci-2025': missing field 'licence'"]


def test_unknown_source_in_entry_is_reported(data_copy: Path) -> None:
    path = data_copy / "register.yaml"
    register = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = next(e for e in register["files"] if e["file"] == "dosing.csv")
    entry["sources"].append("no-such-source")
    path.write_text(yaml.safe_dump(register, sort_keys=False), encoding="utf-8")
    assert check_register(data_copy) == ["files entry 'dosing.csv': source 'no-such-source' is not in sources"]


def test_undocumented_column_is_reported(data_copy: Path) -> None:
    name, edit = _add_column("dosing.csv", "extra")
    _rewrite_csv(data_copy / name, edit)
    assert check_register(data_copy) == ["dosing.csv: column 'extra' is not documented in the register"]


# --------------------------------------------------------------------------- corrupted copies
EXPECTED_BIRTHS = "region, country, year, births, coverage, source_id, locator, note"
CORRUPTIONS = {
    "missing column": (
        _drop_column("live_births.csv", "coverage"),
        "live_births",
        f"live_births.csv: missing column 'coverage' (expected columns: {EXPECTED_BIRTHS})",
    ),
    "unexpected column": (
        _add_column("live_births.csv", "extra"),
        "live_births",
        f"live_births.csv: unexpected column 'extra' (expected columns: {EXPECTED_BIRTHS})",
    ),
    "negative births": (
        _set_cell("live_births.csv", 4, "births", "-5"),
        "live_births",
        "live_births.csv, row 4, column 'births': -5 is not allowed (must be greater than 0)",
    ),
    "text in a number": (
        _set_cell("live_births.csv", 3, "births", "many"),
        "live_births",
        "live_births.csv, row 3, column 'births': 'many' is not allowed (must be a whole number greater than 0)",
    ),
    "empty required value": (
        _set_cell("live_births.csv", 5, "births", ""),
        "live_births",
        "live_births.csv, row 5, column 'births': empty value is not allowed (a value is required)",
    ),
    "pct over 100": (
        _set_cell("etiology.csv", 2, "share_pct", "153.2"),
        "etiology",
        "etiology.csv, row 2, column 'share_pct': 153.2 is not allowed (must be from 0 to 100)",
    ),
    "unknown source_id": (
        _set_cell("dosing.csv", 2, "source_id", "no-such-source"),
        "dosing",
        "dosing.csv, row 2, column 'source_id': 'no-such-source' is not allowed "
        "(must be a source id listed in register.yaml)",
    ),
    "unknown country": (
        _set_cell("live_births.csv", 2, "country", "Atlantis"),
        "live_births",
        "live_births.csv, row 2, column 'country': 'Atlantis' is not allowed "
        "(must be one of the 19 countries of the model (inputs/taxonomy.py), spelled as in the report)",
    ),
    "country in the wrong region": (
        _set_cell("live_births.csv", 2, "region", "Europe"),
        "live_births",
        "live_births.csv, row 2, column 'country': 'United States' is not allowed "
        "(is in 'North America', not in region 'Europe')",
    ),
    "unknown region": (
        _set_cell("live_births.csv", 2, "region", "Oceania"),
        "live_births",
        "live_births.csv, row 2, column 'region': 'Oceania' is not allowed (must be one of 'North America', "
        "'Europe', 'Asia-Pacific', 'South America' or 'Middle East & Africa')",
    ),
    "bad date": (
        _set_cell("events.csv", 2, "date", "2009-13-21"),
        "events",
        "events.csv, row 2, column 'date': '2009-13-21' is not allowed (must be an ISO date YYYY-MM-DD)",
    ),
    "non-ISO date": (
        _set_cell("events.csv", 2, "date", "21/08/2009"),
        "events",
        "events.csv, row 2, column 'date': '21/08/2009' is not allowed (must be an ISO date YYYY-MM-DD)",
    ),
    "negative cost": (
        _set_cell("course_costs.csv", 2, "cost_usd", "-1"),
        "course_costs",
        "course_costs.csv, row 2, column 'cost_usd': -1 is not allowed (must be at least 0)",
    ),
    "incidence range out of order": (
        _set_cell("incidence_estimates.csv", 3, "incidence_per_1000_high", "0.1"),
        "incidence_estimates",
        "incidence_estimates.csv, row 3, column 'incidence_per_1000_high': 0.1 is not allowed "
        "(must satisfy low <= central <= high)",
    ),
}


@pytest.mark.parametrize("case", list(CORRUPTIONS), ids=list(CORRUPTIONS))
def test_corrupted_copy_is_refused(case: str, data_copy: Path) -> None:
    (name, edit), table, message = CORRUPTIONS[case]
    _rewrite_csv(data_copy / name, edit)
    with pytest.raises(DataFileError) as caught:
        load_table(table, data_copy)
    assert str(caught.value) == message


def test_missing_file_names_the_path(data_copy: Path) -> None:
    (data_copy / "etiology.csv").unlink()
    with pytest.raises(DataFileError) as caught:
        load_table("etiology", data_copy)
    assert str(caught.value) == f"{data_copy / 'etiology.csv'}: file not found"


def test_unknown_table_is_refused() -> None:
    with pytest.raises(DataFileError, match="unknown table 'nope'"):
        load_table("nope")


def _edit_headline(data_copy: Path, edit) -> None:
    path = data_copy / "report_headline.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(record)
    path.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda r: r["market_size_usd_m"].update({2024: -1}),
            "report_headline.yaml, key 'market_size_usd_m.2024': -1 is not allowed (must be greater than 0)",
        ),
        (
            lambda r: r.update(cagr_pct=367),
            "report_headline.yaml, key 'cagr_pct': 367 is not allowed (must be from 0 to 100)",
        ),
        (lambda r: r.pop("largest_region"), "report_headline.yaml: missing key 'largest_region'"),
        (lambda r: r.update(extra=1), "report_headline.yaml: unexpected key 'extra'"),
        (
            lambda r: r.update(source_id="no-such-source"),
            "report_headline.yaml, key 'source_id': 'no-such-source' is not allowed "
            "(must be a source id listed in register.yaml)",
        ),
    ],
    ids=["negative size", "pct over 100", "missing key", "unexpected key", "unknown source"],
)
def test_corrupted_record_is_refused(edit, message: str, data_copy: Path) -> None:
    _edit_headline(data_copy, edit)
    with pytest.raises(DataFileError) as caught:
        load_record("report_headline", data_copy)
    assert str(caught.value) == message


def test_the_reports_record_is_its_own_list_of_countries(data_copy: Path) -> None:
    """The report's record says what the report says; the model must size each country it names, and may size more."""
    _edit_headline(data_copy, lambda r: r["segments"]["regions"]["Europe"].remove("Spain"))
    assert "Spain" not in load_record("report_headline", data_copy)["segments"]["regions"]["Europe"]
    _edit_headline(data_copy, lambda r: r["segments"]["regions"]["Europe"].append("Japan"))
    with pytest.raises(DataFileError, match="names countries the model does not size in that region: Japan"):
        load_record("report_headline", data_copy)
    _edit_headline(data_copy, lambda r: r["segments"]["regions"].pop("Europe"))
    with pytest.raises(DataFileError, match="must list the model's 5 regions"):
        load_record("report_headline", data_copy)


# --------------------------------------------------------------------------- golden checks
def test_headline_matches_the_report() -> None:
    headline = load_record("report_headline")
    assert headline["market_size_usd_m"] == {2024: 146.34, 2030: 181.94}
    assert headline["cagr_pct"] == 3.67 and headline["cagr_period"] == (2025, 2030)
    assert headline["forecast_period"] == (2026, 2030)
    assert headline["base_year"] == 2024
    assert headline["largest_region"] == "North America"
    assert headline["fastest_growing_segment"] == {"segmentation": "therapeutic_class", "segment": "Anticonvulsants"}
    assert headline["dominant_in_base_year"] == {"drug_type": "Adrenocorticotropic Hormone", "dosage": "Liquid"}
    assert len(headline["key_players"]) == 10
    quotes = headline["epidemiology_quotes"]
    assert quotes["incidence"]["live_births_per_case"] == 2920
    assert quotes["mri_abnormal_pct"] == (50, 66) and quotes["genetic_cause_pct"] == 12.9
    assert quotes["pgdm_neonatal_seizures_odds_ratio"] == 1.51


def test_headline_inconsistency_is_as_documented() -> None:
    headline = load_record("report_headline")
    implied_2025 = headline["market_size_usd_m"][2030] / (1 + headline["cagr_pct"] / 100) ** 5
    assert implied_2025 == pytest.approx(151.94, abs=0.01)
    assert headline["market_size_usd_m"][2024] * 1.0367**6 == pytest.approx(181.67, abs=0.01)


def test_nineteen_countries_in_five_regions() -> None:
    regions = load_record("report_headline")["segments"]["regions"]
    assert list(regions) == ["North America", "Europe", "Asia-Pacific", "South America", "Middle East & Africa"]
    assert sum(len(countries) for countries in regions.values()) == 19
    assert Headline.from_data().named_countries == {r: tuple(c) for r, c in regions.items()}
    # the model sizes every country the report names (today exactly those), each with its births
    assert {c: r for r, cs in regions.items() for c in cs} == taxonomy.REGION_OF_COUNTRY_NAME
    births = load_table("live_births")
    assert len(births) == len(taxonomy.MODELLED_COUNTRIES) and births["country"].is_unique
    assert set(taxonomy.REGION_OF_COUNTRY_NAME.items()) == {(c, r) for r, c in zip(births["region"], births["country"])}


def test_partial_birth_counts_say_what_they_cover() -> None:
    births = load_table("live_births").set_index("country")
    assert births.loc["United Kingdom", "births"] == 591072
    assert "England and Wales only" in births.loc["United Kingdom", "coverage"]
    assert "Saudi mothers only" in births.loc["Saudi Arabia", "coverage"]
    assert births.loc["United States", "births"] == 3596017


def test_outlier_estimate_is_flagged() -> None:
    estimates = load_table("other_estimates").set_index("publisher")
    assert estimates.loc["TechSci Research (older page)", "status"] == "outlier"
    assert (estimates.drop("TechSci Research (older page)")["status"] == "estimate").all()


def test_incidence_conversions() -> None:
    incidence = load_table("incidence_estimates").set_index("estimate_id")
    assert incidence.loc["techsci-nyc", "incidence_per_1000_central"] == pytest.approx(1000 / 2920, abs=1e-6)
    assert incidence.loc["atlanta-1999", "incidence_per_1000_central"] == pytest.approx(2.9 / 10)
    assert incidence.loc["nova-scotia-pei", "incidence_per_1000_central"] == pytest.approx(30.7 / 100)


def test_tables_agree_with_the_headline() -> None:
    headline = load_record("report_headline")
    assert list(load_table("key_players")["company"]) == headline["key_players"]
    techsci = load_table("other_estimates").set_index("publisher").loc["TechSci Research"]
    assert techsci["base_value_usd_m"] == headline["market_size_usd_m"][2024]
    assert techsci["forecast_value_usd_m"] == headline["market_size_usd_m"][2030]
    assert techsci["cagr_pct"] == headline["cagr_pct"]


def test_peng_categories_add_up_to_identified_share() -> None:
    etiology = load_table("etiology")
    peng = etiology[etiology["source_id"] == "peng-2022"].set_index("category")["share_pct"]
    assert peng.drop("any identified cause").sum() == pytest.approx(peng["any identified cause"])
