"""``python -m infantile_spasms_market compare``: scenario files or built books side by side, without building a book."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from infantile_spasms_market.cli import main


def test_two_scenario_files_are_compared_on_the_terminal(capsys):
    assert main(["compare", "params/base.yaml", "params/pessimistic.yaml"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Parameters that differ\nname")
    assert "growth.price_erosion" in out and "-0.004" in out and "-0.015" in out
    assert "Market value" in out and "181.94" in out and "Market by region" in out and "Market by dosage" in out


def test_one_scenario_with_set_is_compared_with_and_without(capsys, tmp_path):
    output = tmp_path / "compared.csv"
    assert main(["compare", "params/base.yaml", "--set", "growth.diagnosis=0.002", "--output", str(output)]) == 0
    table = pd.read_csv(output)
    assert list(table.columns[-2:]) == ["base", "base-set-growth.diagnosis=0.002"]
    row = table[table["name"] == "growth.diagnosis"].iloc[0]
    assert (row["base"], row["base-set-growth.diagnosis=0.002"]) == ("0.012", "0.002")
    assert f"written to {output}" in capsys.readouterr().out
    years = pd.read_csv(output, dtype=str)["year"].dropna()
    assert len(years) and years.str.fullmatch(r"\d{4}").all()  # 2024, never 2024.0


def test_the_comparison_as_a_workbook_has_a_sheet_per_section(tmp_path):
    import openpyxl

    output = tmp_path / "compared.xlsx"
    assert main(["compare", "params/base.yaml", "params/optimistic.yaml", "--output", str(output)]) == 0
    assert openpyxl.load_workbook(output).sheetnames == [
        "Parameters that differ", "Headline", "Market by region", "Market by drug type", "Market by therapeutic class",
        "Market by dosage"]


def test_a_built_book_is_compared_by_its_manifest(capsys, tmp_path):
    from infantile_spasms_market.scenario.resolved import resolve

    resolved = resolve("params/pessimistic.yaml", ["growth.access=0.01"])
    book = tmp_path / "book" / "html"
    book.mkdir(parents=True)
    manifest = {"scenario": {"name": "pessimistic", "file": resolved.file, "overrides": resolved.overrides},
                "parameters": resolved.params.resolved()}
    (book / "manifest.json").write_text(json.dumps(manifest))
    assert main(["compare", "params/pessimistic.yaml", str(tmp_path / "book")]) == 0
    out = capsys.readouterr().out
    assert "pessimistic-set-growth.access=0.01" in out and "growth.access" in out


@pytest.mark.parametrize("args, message", [
    (["compare", "params/base.yaml"], "give two or more scenarios"),
    (["compare", "params/base.yaml", "params/optimistic.yaml", "--output", "x.txt"], "written as .csv or .xlsx"),
    (["compare", "params/base.yaml", "nowhere.yaml"], "scenario file not found: nowhere.yaml"),
    (["compare", "params/base.yaml", "params"], "not a built book (no manifest.json"),
])
def test_bad_input_is_named_and_exits_2(capsys, args, message):
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_compare_and_params_describe_are_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    top = capsys.readouterr().out
    assert "compare" in top and "describe every parameter (--describe)" in top
    with pytest.raises(SystemExit):
        main(["params", "--help"])
    assert "--describe [NAME]" in capsys.readouterr().out
