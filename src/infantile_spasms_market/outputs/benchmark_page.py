"""The benchmark record (``bench/latest.json``, written by ``make bench``) as Markdown for the Reproducibility page."""

from __future__ import annotations

import json
from pathlib import Path

from ..paths import BENCH_FILE, shown
from .markdown import pipe_table

NOT_RECORDED = (
    "No benchmark was recorded for this edition: `make bench` measures the build on your machine "
    f"and writes `{shown(BENCH_FILE)}`, which the next build shows here.\n"
)


class BenchmarkRecordError(ValueError):
    """``bench/latest.json`` exists but cannot be read as a benchmark record."""


def format_measure(value: float, unit: str) -> str:
    """A measured value with its unit, as the page and the benchmark script print it."""
    if unit == "bytes":
        return f"{value / 1_000_000:.2f} MB"
    if unit == "ratio":
        return f"{value:.2f}"
    if unit == "count":
        return f"{value:.0f}"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.1f} s" if value >= 10 else f"{value:.2f} s"


def render(path: Path = BENCH_FILE) -> str:
    """MyST Markdown for ``book/_generated/benchmark.md``: the record, or a sentence saying there is none."""
    path = Path(path)
    if not path.is_file():
        return NOT_RECORDED
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        machine, timings, targets, pages = record["machine"], record["timings"], record["targets"], record["pages"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BenchmarkRecordError(f"{path}: not a benchmark record written by bench/run.py ({exc!r})") from None

    verdict = {True: "met", False: "**missed**"}
    baseline = next((t.get("seconds") for t in timings if t.get("id") == "jupyter_book_cache"), None)
    heaviest = max(pages, key=lambda p: p["total_bytes"]) if pages else None
    commit = (record.get("git") or {}).get("commit")
    where = f"at commit `{commit[:12]}`" if commit else "outside a git checkout"
    parts = [
        f"Measured on {record['date'][:10]} {where}, on {machine['cpus']} cores "
        f"({machine['cpu_model']}), {machine['memory_gb']:.0f} GB of memory, {machine['os']}, "
        f"Python {machine['python']}, with `make bench` (`bench/run.py`). Times are wall-clock seconds "
        f"of one run each; the full record is `{shown(BENCH_FILE)}`.",
        pipe_table(
            ["Goal", "Measured", "Target", "Result"],
            [[t["name"], format_measure(t["measured"], t["unit"]), f"{t['comparison']} {format_measure(t['target'], t['unit'])}",
              verdict[bool(t["passed"])]] for t in targets],
        ),
        pipe_table(
            ["Measure", "Time", "Ratio to Jupyter Book"],
            [[t["name"], format_measure(t["seconds"], "s") if "seconds" in t else format_measure(t["ms"], "ms"),
              format_measure(t["seconds"] / baseline, "ratio") if baseline and "seconds" in t else ""] for t in timings],
        ),
    ]
    if record.get("one_parameter"):
        parts += [
            "Each rebuild after one parameter changed rebuilds the base book with that parameter set by `--set`, one after the "
            "other; a chapter executes again only when it read that parameter (its other chapters come from the cache).",
            pipe_table(
                ["Parameter changed", "Time", "Ratio to Jupyter Book", "Chapters executed"],
                [[f"`{row['parameter']}`", format_measure(row["seconds"], "s"),
                  format_measure(row["seconds"] / baseline, "ratio") if baseline else "",
                  f"{len(row['executed'])}: " + (", ".join(row["executed"]) or "none") if row["executed"] else "none"]
                 for row in record["one_parameter"]],
            ),
        ]
    if heaviest is not None:
        parts.append(
            f"Page weight (HTML and the images it shows): {len(pages)} pages, the heaviest "
            f"`{heaviest['page']}` at {format_measure(heaviest['total_bytes'], 'bytes')}."
        )
    return "\n\n".join(parts) + "\n"
