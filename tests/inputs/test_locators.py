"""Every figure in data/ says where in its source it stands, and every source says what was read of it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml

from infantile_spasms_market import inputs
from infantile_spasms_market.inputs.fields import LOCATOR_KINDS
from infantile_spasms_market.inputs.files import DataFileError
from infantile_spasms_market.inputs.reading import load_record, load_table
from infantile_spasms_market.inputs.register import READ, check_register, load_register
from infantile_spasms_market.inputs.table_schemas import _MODELS

REPO_DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO_DATA, target)
    return target


def _edit_csv(path: Path, column: str, line: int, value: str) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("name", inputs.TABLES)
def test_every_table_has_a_locator_right_after_its_source(name: str) -> None:
    fields = list(_MODELS[name].model_fields)
    assert fields[fields.index("source_id") + 1] == "locator"


@pytest.mark.parametrize("name", inputs.TABLES)
def test_every_row_has_a_locator_of_a_known_kind(name: str) -> None:
    frame = load_table(name)
    assert frame["locator"].notna().all()
    assert frame["locator"].str.split().str[0].str.lower().isin(LOCATOR_KINDS).all()


def test_every_value_of_the_report_record_is_located() -> None:
    record = load_record("report_headline")
    assert set(record["locators"]) >= {"market_size_usd_m", "cagr_pct", "epidemiology_quotes.incidence"}


def test_a_row_without_a_locator_is_refused(data_copy: Path) -> None:
    _edit_csv(data_copy / "dosing.csv", "locator", 2, "")
    assert check_register(data_copy) == ["dosing.csv: row 2 has no locator"]
    with pytest.raises(DataFileError, match=r"dosing.csv, row 2, column 'locator': empty value is not allowed"):
        load_table("dosing", data_copy)


def test_a_locator_that_says_nothing_is_refused(data_copy: Path) -> None:
    _edit_csv(data_copy / "dosing.csv", "locator", 2, "somewhere in it")
    with pytest.raises(DataFileError, match=r"dosing.csv, row 2, column 'locator': 'somewhere in it' is not allowed \(must say where"):
        load_table("dosing", data_copy)


def test_a_table_without_the_locator_column_is_reported(data_copy: Path) -> None:
    path = data_copy / "dosing.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    index = rows[0].index("locator")
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([r[:index] + r[index + 1:] for r in rows])
    assert "dosing.csv: no 'locator' column" in check_register(data_copy)


def test_a_source_id_the_register_does_not_hold_is_refused(data_copy: Path) -> None:
    _edit_csv(data_copy / "dosing.csv", "source_id", 2, "no-such-source")
    assert "dosing.csv: source_id 'no-such-source' is not in sources" in check_register(data_copy)
    with pytest.raises(DataFileError, match="must be a source id listed in register.yaml"):
        load_table("dosing", data_copy)


def test_a_report_value_without_a_locator_is_refused(data_copy: Path) -> None:
    path = data_copy / "report_headline.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    del record["locators"]["cagr_pct"]
    path.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataFileError, match="no locator for cagr_pct"):
        load_record("report_headline", data_copy)


def test_every_source_says_what_was_read_and_whether_it_was_verified() -> None:
    for source in load_register()["sources"]:
        assert source["read"] in READ, source["id"]
        assert isinstance(source["verified"], bool), source["id"]
        assert len(source["verification"]) > 20, source["id"]


def test_a_source_without_its_reading_record_is_reported(data_copy: Path) -> None:
    path = data_copy / "register.yaml"
    register = yaml.safe_load(path.read_text(encoding="utf-8"))
    del register["sources"][0]["verified"]
    register["sources"][1]["read"] = "skimmed"
    path.write_text(yaml.safe_dump(register, sort_keys=False), encoding="utf-8")
    problems = check_register(data_copy)
    assert "source 'techsci-2025': missing field 'verified'" in problems
    assert any(p.startswith("source 'techsci-2023-20717': read 'skimmed' must be one of") for p in problems)


def test_no_data_file_cites_the_notes_the_book_started_from() -> None:
    for path in REPO_DATA.iterdir():
        if path.suffix in (".csv", ".yaml"):
            assert "facts.md" not in path.read_text(encoding="utf-8"), path.name
