"""The report's headline: years, figures and claims all come from data/report_headline.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from infantile_spasms_market.inputs.files import DataFileError
from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.inputs.reading import load_record

REPO_DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def record() -> dict:
    return load_record("report_headline")


def test_years_and_figures_are_the_reports(record):
    headline = Headline.from_record(record)
    assert headline.key_years == (2024, 2025, 2030)
    assert (headline.base_value_usd_m, headline.end_value_usd_m) == (146.34, 181.94)
    assert headline.cagr == pytest.approx(0.0367, abs=1e-15)
    published = headline.published_values()
    assert published.to_dict() == {2024: 146.34, 2030: 181.94}
    assert (published.index.name, published.name) == ("year", "report_usd_m")


def test_claims_are_the_reports_in_words(record):
    assert [c.text for c in Headline.from_record(record).claims] == [
        "ACTH is the largest drug type in 2024",
        "Liquid is the largest dosage in 2024",
        "North America is the largest region in every year",
        "Anticonvulsants is the fastest-growing therapeutic class (2025-2030)",
    ]


def test_each_claim_carries_its_kind_segmentation_and_years(record):
    claims = Headline.from_record(record).claims
    assert [(c.kind, c.segmentation, c.segment, c.years) for c in claims] == [
        ("largest_in_base_year", "drug_type", "ACTH", (2024, 2024)),
        ("largest_in_base_year", "dosage", "Liquid", (2024, 2024)),
        ("largest_every_year", "region", "North America", (2024, 2030)),
        ("fastest_growing", "therapeutic_class", "Anticonvulsants", (2025, 2030)),
    ]


def test_claims_and_years_follow_the_record(record):
    record["base_year"] = 2023
    record["market_size_usd_m"] = {2023: 140.0, 2030: 181.94}
    record["dominant_in_base_year"] = {"dosage": "Solid"}
    record["fastest_growing_segment"] = {"segmentation": "drug_type", "segment": "Vigabatrin"}
    headline = Headline.from_record(record)
    assert headline.base_year == 2023 and headline.base_value_usd_m == 140.0
    assert [c.text for c in headline.claims] == [
        "Solid is the largest dosage in 2023",
        "North America is the largest region in every year",
        "Vigabatrin is the fastest-growing drug type (2025-2030)",
    ]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["market_size_usd_m"].pop(2030),
         r"^report_headline.yaml: market_size_usd_m must give the base year and the last forecast year \(2024, 2030\)$"),
        (lambda r: r.update(cagr_period=[2031, 2032]), "years out of order"),
    ],
)
def test_a_record_whose_years_disagree_is_refused(edit, message, tmp_path):
    for path in REPO_DATA.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    raw = yaml.safe_load((tmp_path / "report_headline.yaml").read_text(encoding="utf-8"))
    edit(raw)
    (tmp_path / "report_headline.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_record("report_headline", tmp_path)
