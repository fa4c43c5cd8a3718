"""The Reproducibility page's benchmark section, rendered from bench/latest.json (or a sentence when absent)."""

from __future__ import annotations

import json

import pytest

from infantile_spasms_market.outputs.benchmark_page import (
    NOT_RECORDED,
    BenchmarkRecordError,
    render,
)


def record() -> dict:
    return {
        "date": "2026-11-24T00:30:00+00:00",
        "git": {"commit": "0123456789abcdef0123", "dirty": False},
        "machine": {"cpus": 2, "cpu_model": "Test CPU", "memory_gb": 24.0, "os": "Linux-test", "python": "3.11.2"},
        "timings": [
            {"id": "clean_build", "name": "Clean full build", "seconds": 15.34},
            {"id": "noop_rebuild", "name": "Rebuild with nothing changed", "seconds": 1.234},
            {"id": "market_table", "name": "One model evaluation", "ms": 26.54},
            {"id": "jupyter_book_cache", "name": "Jupyter Book", "seconds": 76.7},
        ],
        "one_parameter": [{"parameter": "growth.diagnosis=0.013", "seconds": 30.68, "executed": ["data", "summary"]},
                          {"parameter": "companies.share_concentration=40", "seconds": 7.67, "executed": []}],
        "targets": [
            {"id": "clean_vs_jupyter_book", "name": "Clean build / Jupyter Book cache baseline", "unit": "ratio",
             "measured": 1.152, "target": 0.6, "comparison": "<=", "passed": False},
            {"id": "noop_rebuild", "name": "Rebuild with nothing changed", "unit": "s",
             "measured": 1.234, "target": 3.0, "comparison": "<", "passed": True},
            {"id": "page_weight", "name": "Heaviest page", "unit": "bytes",
             "measured": 159305, "target": 2_000_000, "comparison": "<", "passed": True},
        ],
        "pages": [{"page": "notebooks/data.html", "total_bytes": 159305}, {"page": "index.html", "total_bytes": 63}],
    }


def test_no_record_says_so(tmp_path):
    assert render(tmp_path / "latest.json") == NOT_RECORDED
    assert "No benchmark was recorded" in NOT_RECORDED


def test_record_is_rendered_with_each_target_and_verdict(tmp_path):
    path = tmp_path / "latest.json"
    path.write_text(json.dumps(record()))
    text = render(path)
    assert "Measured on 2026-11-24 at commit `0123456789ab`, on 2 cores (Test CPU), 24 GB of memory" in text
    assert "| Clean build / Jupyter Book cache baseline | 1.15 | <= 0.60 | **missed** |" in text
    assert "| Rebuild with nothing changed | 1.23 s | < 3.00 s | met |" in text
    assert "| Heaviest page | 0.16 MB | < 2.00 MB | met |" in text
    assert "| Clean full build | 15.3 s | 0.20 |" in text and "| One model evaluation | 26.5 ms |  |" in text
    assert "| `growth.diagnosis=0.013` | 30.7 s | 0.40 | 2: data, summary |" in text
    assert "| `companies.share_concentration=40` | 7.67 s | 0.10 | none |" in text
    assert "2 pages, the heaviest `notebooks/data.html` at 0.16 MB" in text


def test_a_record_made_outside_git_says_so(tmp_path):
    path = tmp_path / "latest.json"
    path.write_text(json.dumps({**record(), "git": {"commit": None, "dirty": None}}))
    assert "Measured on 2026-11-24 outside a git checkout, on 2 cores" in render(path)


@pytest.mark.parametrize("content", ["{not json", json.dumps({"date": "2026-11-24"})])
def test_a_broken_record_is_named(tmp_path, content):
    path = tmp_path / "latest.json"
    path.write_text(content)
    with pytest.raises(BenchmarkRecordError, match="latest.json: not a benchmark record written by bench/run.py"):
        render(path)
