"""What ``make bench`` concludes from its measures: the targets and their verdicts, and the summary it prints."""

from __future__ import annotations

from typing import Any

from infantile_spasms_market.outputs.benchmark_page import format_measure

CLEAN_RATIO_TARGET = 0.40  # clean HTML build / Jupyter Book's cached execution
ONE_PARAMETER_RATIO_TARGET = 0.20  # median rebuild after one parameter changed / the same
EDITIONS_RATIO_TARGET = 0.45  # clean build with every edition (the PDF included) / the same
NOOP_TARGET_S = 3.0
PAGE_TARGET_BYTES = 2_000_000


def ratio_target(target_id: str, name: str, measured: float, target: float) -> dict[str, Any]:
    return {"id": target_id, "name": name, "unit": "ratio", "measured": measured, "target": target, "comparison": "<=",
            "passed": measured <= target}


def targets(seconds: dict[str, float], data_check: dict[str, list[str]], weights: list[dict[str, Any]],
            model: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target of the run, measured and judged (``seconds`` by measure id)."""
    jb = seconds["jupyter_book_cache"]
    heaviest = max(weights, key=lambda w: w["total_bytes"])
    changed_file = data_check["file"]
    return [
        ratio_target("clean_vs_jupyter_book", "Clean HTML build / Jupyter Book cache baseline", seconds["clean_build"] / jb,
                     CLEAN_RATIO_TARGET),
        ratio_target("one_parameter_vs_jupyter_book", "One parameter changed (median) / Jupyter Book cache baseline",
                     seconds["one_parameter"] / jb, ONE_PARAMETER_RATIO_TARGET),
        ratio_target("clean_build_with_editions_vs_jupyter_book", "Clean build with every edition / Jupyter Book cache baseline",
                     seconds["clean_build_with_editions"] / jb, EDITIONS_RATIO_TARGET),
        {"id": "one_data_file", "name": f"Chapters executed after `{changed_file}` changed: only those that read it "
         f"({', '.join(data_check['readers'])})", "unit": "count", "measured": len(data_check["executed"]),
         "target": len(data_check["readers"]), "comparison": "=", "passed": data_check["executed"] == data_check["readers"]},
        {"id": "noop_rebuild", "name": "Rebuild with nothing changed", "unit": "s",
         "measured": seconds["noop_rebuild"], "target": NOOP_TARGET_S, "comparison": "<", "passed": seconds["noop_rebuild"] < NOOP_TARGET_S},
        {"id": "page_weight", "name": f"Heaviest page with its images (`{heaviest['page']}`)", "unit": "bytes",
         "measured": heaviest["total_bytes"], "target": PAGE_TARGET_BYTES, "comparison": "<",
         "passed": all(w["total_bytes"] < PAGE_TARGET_BYTES for w in weights)},
        {"id": "market_table", "name": "One model evaluation", "unit": "ms",
         "measured": model["market_table"]["median_ms"], "target": model["market_table"]["target_ms"],
         "comparison": "<", "passed": bool(model["market_table"]["meets_target"])},
        {"id": "draws", "name": f"{model['draws']['draws']:,} vectorised draws", "unit": "s",
         "measured": model["draws"]["seconds"], "target": model["draws"]["target_s"],
         "comparison": "<", "passed": bool(model["draws"]["meets_target"])},
    ]


def report(record: dict[str, Any]) -> None:
    """Print the figures, the ratios, the rebuilds after one parameter changed, the profile and each target's verdict."""
    jb = next(t["seconds"] for t in record["timings"] if t["id"] == "jupyter_book_cache")
    print()
    print("== timings (ratio to Jupyter Book's cached execution)")
    for t in record["timings"]:
        value = f"{t['seconds']:8.2f} s  {t['seconds'] / jb:5.2f}" if "seconds" in t else f"{t['ms']:8.1f} ms      "
        print(f"  {value}  {t['name']}")
    print("== one parameter changed (each a rebuild of the base book with that parameter changed, in this order)")
    for row in record["one_parameter"]:
        print(f"  {row['seconds']:8.2f} s  {row['seconds'] / jb:5.2f}  {row['parameter']}: {len(row['executed'])} executed "
              f"({', '.join(row['executed']) or 'none'})")
    print("== page weight (HTML + the images it references)")
    for w in record["pages"]:
        flag = "" if w["total_bytes"] < PAGE_TARGET_BYTES else "  OVER 2 MB"
        print(f"  {w['total_bytes'] / 1e6:6.2f} MB  {w['page']} ({w['images']} images){flag}")
    print("== profile")
    p = record["profile"]
    print(f"  kernel start {p['kernel_start_s']:.2f} s + chapter imports {p['chapter_imports_s']:.2f} s per notebook; "
          f"command line start {p['command_line_start_s']:.2f} s; Jupyter Book imports {p['jupyter_book_imports_s']:.2f} s")
    print("  notebook execution in the clean build (s): "
          + ", ".join(f"{k} {v:.1f}" for k, v in p["notebook_seconds_in_clean_build"].items()))
    for name in ("clean_build_phases_s", "one_parameter_phases_s", "clean_build_with_editions_phases_s"):
        print(f"  {name}: " + ", ".join(f"{k} {v:.1f}" if isinstance(v, (int, float)) else f"{k} {v}" for k, v in p[name].items()))
    print(f"  load average (1 min) before / after: {p['load_average_1min_before_and_after']}")
    print("== targets")
    for t in record["targets"]:
        verdict = "met" if t["passed"] else "MISSED"
        measured, target = format_measure(t["measured"], t["unit"]), format_measure(t["target"], t["unit"])
        print(f"  {verdict:6}  {t['name']}: {measured} (target {t['comparison']} {target})")
