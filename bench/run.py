"""Benchmarks the book on this machine in one run and writes ``bench/latest.json`` (``make bench``).

Measures, each once, in this order (``bench/measures.py``):

1. a clean HTML build (empty notebook cache, fresh output folder), through the command line;
2. a rebuild with nothing changed (target: under 3 s);
3. a rebuild after one parameter changed, for each of five parameters from different sections
   (``measures.ONE_PARAMETER_CHANGES``, one after the other, into the same book): the median is
   ``one_parameter``, and each one's time and the chapters it executed are recorded;
4. a rebuild after one data file changed (only the chapters that read it may execute);
5. one model evaluation (the base market table) and Monte Carlo throughput (``bench/bench_model.py``);

and, in the same run, two baselines over the same notebooks:

6. Jupyter Book's own ``execute_notebooks: cache`` mode from an empty cache (the same book:
   configuration, table of contents, hand-written and generated pages, with the source
   notebooks instead of the executed ones); only the ``jupyter-book build`` command is timed;
7. papermill run serially over the notebooks (in one Python process, one kernel per notebook);

and last, on its own, a clean build with every edition (HTML, Excel data pack and PDF), as
``make book`` does. Builds 1-4 make what the baseline makes, the HTML book (with ``--no-pdf``; the
Excel data pack is still written).

Every build and baseline runs on one frozen copy of the project's inputs and of the package (in
the scratch folder), so an edit made in the working tree during the run changes no figure.

Targets, as ratios to the Jupyter Book baseline of the same run (``bench/report.py``): clean HTML
build at most 0.40, one parameter changed (median) at most 0.20, clean build with every edition at
most 0.45. Each page with the images it shows must weigh under 2 MB. Where each build's time
went (as it recorded it in its manifest) and a profile of the fixed costs are recorded beside.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))  # measures.py, report.py and bench_model.py beside this file

import infantile_spasms_market  # noqa: E402
from measures import (  # noqa: E402
    CHANGED_DATA_FILE,
    ONE_PARAMETER_CHANGES,
    REPO_ENV,
    WORK_ENV,
    BenchError,
    built,
    cli_startup,
    freeze,
    jupyter_book_baseline,
    jupyter_book_imports,
    kernel_profile,
    machine,
    model_figures,
    one_data_file_changed,
    one_parameter_changed,
    page_weights,
    papermill_baseline,
    phases,
    run_build,
    say,
)
from report import report, targets  # noqa: E402

from infantile_spasms_market.bookbuild.manifest import git_state  # noqa: E402
from infantile_spasms_market.bookbuild.plan import toc_notebooks  # noqa: E402
from infantile_spasms_market.paths import BENCH_FILE, PROJECT_ROOT  # noqa: E402

LATEST = BENCH_DIR / BENCH_FILE.name  # this checkout's, whatever ISM_PROJECT_ROOT says


def measure(work: Path, repeats: int, draws: int) -> dict[str, Any]:
    """Every measurement of one benchmark run (``work`` holds the temporary outputs)."""
    cache, site = work / "cache", work / "site" / "html"
    notebooks = [p.stem for p in toc_notebooks()]
    say(f"{len(notebooks)} chapter notebooks: {', '.join(notebooks)}; scratch folder {work}")
    # Like for like with the baseline, which builds the HTML book: these builds skip the PDF
    # edition (--no-pdf; the Excel data pack is still written). A clean build with every edition is
    # timed last, on its own.
    build_args = ["--output", str(site), "--cache-dir", str(cache), "--no-pdf"]

    # Not timed: the first build after boot or after a package edit pays for cold file caches and
    # .pyc compilation; warming up first keeps that out of every figure (baselines run warm too).
    run_build("warm-up build (not timed; own cache and output)",
              ["--output", str(work / "warm-up" / "html"), "--cache-dir", str(work / "warm-up-cache"), "--no-pdf"])
    load_before = os.getloadavg()
    clean = run_build("clean full build (empty cache, fresh output)", build_args)
    manifest = built(site)
    noop = run_build("rebuild with nothing changed", build_args)
    weights = page_weights(site)  # the base site, before the changed builds replace it
    one_parameter = one_parameter_changed(build_args, site)
    median = statistics.median(row["seconds"] for row in one_parameter)
    data_seconds, data_check = one_data_file_changed(build_args, site)

    model = model_figures(repeats, draws)
    say("profile: kernel start and chapter imports in a fresh kernel; command-line start")
    kernel = kernel_profile()
    startup = cli_startup()
    jb_imports = jupyter_book_imports()
    say(f"profile: kernel start {kernel['kernel_start_s']:.2f} s, imports {kernel['chapter_imports_s']:.2f} s, "
        f"command line {startup:.2f} s, Jupyter Book imports {jb_imports:.2f} s")

    jb = jupyter_book_baseline(work, manifest, cache)
    papermill_total, papermill_each = papermill_baseline(work)
    full = work / "full"
    with_editions = run_build("clean build with every edition (HTML, Excel data pack and PDF)",
                              ["--output", str(full / "html"), "--cache-dir", str(full / "cache")])
    editions_manifest = built(full / "html")
    if not editions_manifest.get("editions", {}).get("pdf"):
        raise BenchError("the clean build with every edition printed no PDF (is Chromium installed?)")

    executed = {n["name"]: n["seconds"] for n in manifest["notebooks"]}
    per_kernel = kernel["kernel_start_s"] + kernel["chapter_imports_s"]
    middle = sorted(one_parameter, key=lambda row: row["seconds"])[len(one_parameter) // 2]
    profile = {
        **kernel,
        "command_line_start_s": startup,
        "jupyter_book_imports_s": jb_imports,
        "notebook_seconds_in_clean_build": executed,
        "notebooks_total_s": sum(executed.values()),
        "kernel_start_and_imports_share_of_notebook_time": per_kernel * len(executed) / max(sum(executed.values()), 1e-9),
        "clean_build_phases_s": phases(manifest, clean),
        "one_parameter_phases_s": {"parameter": middle["parameter"], **middle["phases"]},
        "clean_build_with_editions_phases_s": phases(editions_manifest, with_editions),
        "jobs": os.cpu_count(),
        "load_average_1min_before_and_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
    }
    timings = [
        {"id": "clean_build", "name": "Clean HTML build (empty cache, fresh output; HTML and data pack)", "seconds": clean},
        {"id": "noop_rebuild", "name": "Rebuild with nothing changed", "seconds": noop},
        {"id": "one_parameter", "name": f"Rebuild after one parameter changed (median of {len(one_parameter)})", "seconds": median},
        {"id": "one_data_file", "name": f"Rebuild after one data file changed (`{CHANGED_DATA_FILE}`)", "seconds": data_seconds},
        {"id": "clean_build_with_editions", "name": "Clean build with every edition (HTML, Excel data pack, PDF)",
         "seconds": with_editions},
        {"id": "jupyter_book_cache", "name": "Baseline: Jupyter Book `execute_notebooks: cache`, empty cache", "seconds": jb},
        {"id": "papermill_serial", "name": "Baseline: papermill, notebooks one after the other", "seconds": papermill_total},
        {"id": "market_table", "name": "One model evaluation (base market table, median)", "ms": model["market_table"]["median_ms"]},
        {"id": "draws", "name": f"{model['draws']['draws']:,} vectorised parameter draws", "seconds": model["draws"]["seconds"]},
    ]
    if "montecarlo_run" in model:
        mc = model["montecarlo_run"]
        timings.append({"id": "montecarlo_run", "name": f"Monte Carlo run, {mc['draws']:,} draws (`montecarlo.run`)",
                        "seconds": mc["seconds"]})
    seconds = {t["id"]: t["seconds"] for t in timings if "seconds" in t}
    return {
        "schema": 2,
        "date": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "git": git_state(Path(os.environ.get(REPO_ENV, PROJECT_ROOT))),
        "machine": machine(),
        "notebooks": notebooks,
        "timings": timings,
        "ratios": {f"{name}_vs_jupyter_book_cache": value / jb for name, value in seconds.items() if name != "jupyter_book_cache"},
        "one_parameter": [{k: v for k, v in row.items() if k != "phases"} for row in one_parameter],
        "one_data_file": data_check,
        "targets": targets(seconds, {**data_check, "file": CHANGED_DATA_FILE}, weights, model),
        "pages": weights,
        "model": model,
        "papermill_seconds_per_notebook": papermill_each,
        "profile": profile,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=LATEST, help="where to write the record (default bench/latest.json)")
    parser.add_argument("--repeats", type=int, default=30, help="timed market-table builds (default 30)")
    parser.add_argument("--draws", type=int, default=10_000, help="Monte Carlo draws (default 10000)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (sites, caches, logs)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    if WORK_ENV not in os.environ:  # take the frozen copy, then measure in a process that uses it
        work = Path(tempfile.mkdtemp(prefix="ism-bench-"))
        say(f"freezing the project's inputs and the package into {work}")
        env = {**os.environ, **freeze(work)}
        returncode = subprocess.run([sys.executable, str(Path(__file__).resolve()), *(argv or sys.argv[1:])], env=env).returncode
        if returncode == 0 and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        elif returncode != 0 or args.keep:
            print(f"scratch folder kept: {work}")
        return returncode

    work = Path(os.environ[WORK_ENV])
    say(f"measuring with the frozen copy: package {Path(infantile_spasms_market.__file__).parent}, project {PROJECT_ROOT}")
    if not Path(infantile_spasms_market.__file__).is_relative_to(work):
        print(f"error: the package was imported from {infantile_spasms_market.__file__}, not from the frozen copy", file=sys.stderr)
        return 1
    try:
        record = measure(work, args.repeats, args.draws)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.output.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    report(record)
    print(f"\nwritten: {args.output}")
    missed = [t["name"] for t in record["targets"] if not t["passed"]]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
