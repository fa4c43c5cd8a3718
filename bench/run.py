"""Benchmarks the book on this machine in one run and writes ``bench/latest.json`` (``make bench``).

Measures, each once:

1. a clean full build (empty notebook cache, fresh output folder), through the command line;
2. a rebuild with nothing changed (target: under 3 s);
3. a rebuild after one parameter changed (``--set growth.diagnosis=0.013``);
4. a rebuild after one data file changed (only the chapters that read it may execute);
5. one model evaluation (the base market table) and Monte Carlo throughput
   (``bench/bench_model.py``; ``montecarlo.run`` when the module exists);

and, in the same run, two baselines over the same notebooks:

6. Jupyter Book's own ``execute_notebooks: cache`` mode from an empty cache (the same book:
   configuration, table of contents, hand-written and generated pages, with the source
   notebooks instead of the executed ones); only the ``jupyter-book build`` command is timed;
7. papermill run serially over the notebooks (in one Python process, one kernel per notebook).

Builds 1-4 make what the baseline makes, the HTML book (with ``--no-pdf``; the Excel data pack is
still written); a clean build with every edition, the PDF included, is timed last on its own.

Every build and baseline runs on one frozen copy of the project's inputs and of the package (in
the scratch folder), so an edit made in the working tree during the run changes no figure.

Targets: clean build and one-parameter rebuild <= 0.25 x the Jupyter Book baseline. Each page with the images it shows
(HTML plus every image it references) must weigh under 2 MB. A profile of where the clean
build's time goes (kernel start, imports, notebook work, Jupyter Book) is recorded beside.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))  # bench_model.py beside this file

import infantile_spasms_market  # noqa: E402
from infantile_spasms_market.bookbuild import hashing
from infantile_spasms_market.bookbuild.assemble import assemble  # noqa: E402
from infantile_spasms_market.bookbuild.jupyterbook import SphinxFailure, build_html  # noqa: E402
from infantile_spasms_market.bookbuild.manifest import git_state  # noqa: E402
from infantile_spasms_market.bookbuild.plan import toc_notebooks  # noqa: E402
from infantile_spasms_market.outputs.benchmark_page import format_measure  # noqa: E402
from infantile_spasms_market.bookbuild.cache import NotebookCache  # noqa: E402
from infantile_spasms_market.paths import (  # noqa: E402
    BASE_SCENARIO, BENCH_FILE, BUILD_LOG, CACHE_LOGS, CACHE_NOTEBOOKS, CONFIG_NAME, DOWNLOADS, GENERATED, MANIFEST_FILE,
    NOTEBOOK_SOURCES, PACKAGE_DIR, PROJECT_FILES, PROJECT_ROOT, ROOT_VARIABLE, STATIC_DIR, data_file,
)

LATEST = BENCH_DIR / BENCH_FILE.name  # this checkout's, whatever ISM_PROJECT_ROOT says
WORK_ENV = "ISM_BENCH_WORK"  # set in the measuring process: the scratch folder holding the frozen copy
REPO_ENV = "ISM_BENCH_REPO"  # the working tree the copy was taken from (for its git commit)
CLEAN_RATIO_TARGET = 0.25
ONE_PARAMETER_RATIO_TARGET = 0.25
CHANGED_DATA_FILE = data_file("events.csv")  # edited (one note) for the "one data file changed" rebuild
NOOP_TARGET_S = 3.0
PAGE_TARGET_BYTES = 2_000_000
CHANGED_PARAMETER = "growth.diagnosis=0.013"
NOTEBOOK_TIMEOUT_S = 600
# What a chapter's first code cell imports (timed in a fresh kernel for the profile).
CHAPTER_IMPORTS = (
    "import matplotlib.pyplot as plt\nimport numpy as np\nimport pandas as pd\nfrom myst_nb import glue\n"
    "from infantile_spasms_market import figures\nfrom infantile_spasms_market.chapter import open_chapter\n"
    "from infantile_spasms_market.model import view"
)


class BenchError(RuntimeError):
    """A measured step failed: the benchmark stops rather than record a wrong figure."""


# --------------------------------------------------------------------------- output
_START = time.perf_counter()


def say(text: str) -> None:
    """A progress line with the time since the benchmark started."""
    print(f"[{time.perf_counter() - _START:6.1f} s] {text}", flush=True)


# --------------------------------------------------------------------------- the machine
def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu_model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = float("nan")
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_gb": round(memory_gb, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": hashing.package_versions(),
    }


# --------------------------------------------------------------------------- builds
def run_build(label: str, arguments: list[str]) -> float:
    """Run ``python -m infantile_spasms_market build ARGS``, echoing its progress; wall-clock seconds."""
    command = [sys.executable, "-m", "infantile_spasms_market", "build", *arguments]
    say(f"{label}: {' '.join(command[2:])}")
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line.rstrip())
        print(f"           | {line.rstrip()}", flush=True)
    returncode = process.wait()
    seconds = time.perf_counter() - start
    if returncode != 0:
        raise BenchError(f"{label} failed (exit {returncode}):\n" + "\n".join(lines[-20:]))
    say(f"{label}: {seconds:.2f} s")
    return seconds


def jupyter_book_baseline(work: Path, manifest: dict[str, Any], cache: Path) -> float:
    """Seconds for ``jupyter-book build`` to execute (``execute_notebooks: cache``, empty cache) and build the same book.

    ``manifest`` is the clean build's: its cache entries give the generated pages (figures, manifest).
    """
    import yaml

    notebooks = NotebookCache(cache / CACHE_NOTEBOOKS)
    entries = [(n["name"], notebooks.entry(n["key"])) for n in manifest["notebooks"]]
    source = work / "jb-source"
    # The pipeline's own assembly gives the same pages (generated ones included); then the
    # executed notebooks are swapped for their sources, and Jupyter Book executes them itself.
    assemble(source, entries, manifest)
    for path in toc_notebooks():
        shutil.copy2(path, source / NOTEBOOK_SOURCES / path.name)
    config = yaml.safe_load((source / CONFIG_NAME).read_text(encoding="utf-8"))
    config["execute"] = {
        "execute_notebooks": "cache",
        "timeout": NOTEBOOK_TIMEOUT_S,
        "cache": str(work / "jb-jupyter-cache"),  # empty: a clean build
    }
    (source / CONFIG_NAME).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    say(f"Jupyter Book baseline: jupyter-book build (execute_notebooks: cache, {len(entries)} notebooks, empty cache)")
    start = time.perf_counter()
    result = build_html(source, work / "jb-out", work / "jupyter-book-baseline.log")
    seconds = time.perf_counter() - start
    if isinstance(result, SphinxFailure):
        raise BenchError(f"the Jupyter Book baseline failed: {result.message()}")
    from jupyter_cache import get_cache

    executed = len(get_cache(str(work / "jb-jupyter-cache")).list_cache_records())
    if executed != len(entries):
        raise BenchError(f"the Jupyter Book baseline executed {executed} notebooks, expected {len(entries)}")
    say(f"Jupyter Book baseline: {seconds:.2f} s")
    return seconds


def papermill_baseline(work: Path) -> tuple[float, dict[str, float]]:
    """Seconds for papermill to execute every chapter notebook one after the other; and per notebook."""
    import papermill

    notebooks = toc_notebooks()
    say(f"papermill baseline: {len(notebooks)} notebooks, one after the other")
    per_notebook = {}
    start = time.perf_counter()
    for path in notebooks:
        folder = work / "papermill" / path.stem
        folder.mkdir(parents=True)
        one = time.perf_counter()
        papermill.execute_notebook(
            str(path), str(folder / path.name), cwd=str(folder), kernel_name="python3", progress_bar=False,
            parameters={"scenario": BASE_SCENARIO.relative_to(PROJECT_ROOT).as_posix(), "overrides": [], "output_dir": "."},
            execution_timeout=NOTEBOOK_TIMEOUT_S,
        )
        per_notebook[path.stem] = time.perf_counter() - one
        say(f"  papermill {path.stem}: {per_notebook[path.stem]:.2f} s")
    seconds = time.perf_counter() - start
    say(f"papermill baseline: {seconds:.2f} s")
    return seconds, per_notebook


# --------------------------------------------------------------------------- the model
def model_figures(repeats: int, draws: int) -> dict[str, Any]:
    """Market table build time, vectorised draws and (when it exists) the Monte Carlo run."""
    from bench_model import bench_draws, bench_market_table

    say(f"model: market table, {repeats} builds")
    table = bench_market_table(repeats)
    say(f"model: market table median {table['median_ms']:.1f} ms ({table['rows']:,} rows)")
    say(f"model: {draws:,} vectorised draws")
    vectorised = bench_draws(draws)
    say(f"model: {draws:,} draws in {vectorised['seconds']:.3f} s")
    figures = {"market_table": table, "draws": vectorised}
    try:
        from infantile_spasms_market.model import montecarlo
    except ImportError:
        say("model: no montecarlo module; Monte Carlo run not measured")
        return figures
    from infantile_spasms_market.inputs.headline import Headline
    from infantile_spasms_market.scenario.loading import load_parameters

    params, headline = load_parameters(), Headline.from_data()
    montecarlo.run(params, n=100, headline=headline)  # warm-up (data files, imports)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        montecarlo.run(params, n=draws, headline=headline)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    figures["montecarlo_run"] = {"draws": draws, "seconds": seconds, "draws_per_second": draws / seconds}
    say(f"model: montecarlo.run with {draws:,} draws in {seconds:.3f} s ({draws / seconds:,.0f} draws/s)")
    return figures


# --------------------------------------------------------------------------- profile
def kernel_profile() -> dict[str, float]:
    """Seconds to start one Python kernel and to run a chapter's imports in it (fixed cost per notebook)."""
    from jupyter_client.manager import start_new_kernel

    start = time.perf_counter()
    manager, client = start_new_kernel(kernel_name="python3")
    started = time.perf_counter()
    try:
        reply = client.execute_interactive(CHAPTER_IMPORTS, timeout=120, output_hook=lambda message: None)
        if reply["content"]["status"] != "ok":
            raise BenchError(f"the chapter imports failed in a fresh kernel: {reply['content']}")
        imported = time.perf_counter()
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return {"kernel_start_s": started - start, "chapter_imports_s": imported - started}


JUPYTER_BOOK_IMPORTS = (
    "from jupyter_book.cli.main import main; import sphinx.application, myst_nb, sphinx_book_theme, "
    "sphinxcontrib.bibtex, sphinx_design, sphinx_thebe, sphinx_togglebutton, sphinx_copybutton, sphinx_external_toc"
)


def jupyter_book_imports() -> float:
    """Seconds for a fresh interpreter to import Jupyter Book, Sphinx and the extensions it loads."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", JUPYTER_BOOK_IMPORTS], capture_output=True, check=True)
    return time.perf_counter() - start


def cli_startup() -> float:
    """Seconds for the command line to start and validate the parameters (``params``), a build's fixed cost."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "infantile_spasms_market", "params"], cwd=PROJECT_ROOT,
                   capture_output=True, check=True)
    return time.perf_counter() - start


LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) INFO (.*)$")


def build_phases(log: Path, wall_seconds: float, which: int = 0) -> dict[str, float]:
    """Where a build's time went, from the timestamps of its log (the ``which``-th build in ``log`` that executed notebooks; -1 the last).

    ``start_and_plan`` is the rest of the wall-clock time: interpreter start, imports, hashing
    the inputs, the lock and the data checks, and the process exit.
    """
    builds: list[tuple[dict[str, float], float | None]] = []
    stamps: dict[str, float] = {}
    last_notebook = None
    for line in log.read_text(encoding="utf-8").splitlines():
        match = LOG_LINE.match(line)
        if not match:
            continue
        at = dt.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
        text = match.group(2)
        if text.startswith("notebooks:"):
            stamps.setdefault("plan", at)
        elif "ok[/green]" in text or "FAILED" in text:
            last_notebook = at
        elif text.startswith("assembling the site source"):
            stamps["assemble"] = at
        elif text.startswith("building HTML with Jupyter Book"):
            stamps["jupyter_book"] = at
        elif text.startswith("Built "):
            stamps["built"] = at
            builds.append((stamps, last_notebook))
            stamps, last_notebook = {}, None
    stamps, last_notebook = builds[which] if builds else ({}, None)
    if not {"plan", "assemble", "jupyter_book", "built"} <= set(stamps) or last_notebook is None:
        raise BenchError(f"{log}: the clean build's steps are not all in the log ({sorted(stamps)})")
    return {
        "notebooks_in_parallel": last_notebook - stamps["plan"],
        "cache_store_and_assemble": stamps["jupyter_book"] - last_notebook,
        "jupyter_book_and_publish": stamps["built"] - stamps["jupyter_book"],
        "start_and_plan": wall_seconds - (stamps["built"] - stamps["plan"]),
    }


# --------------------------------------------------------------------------- page weight
class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and attrs.get("src") and not attrs["src"].startswith("data:"):
            self.sources.append(attrs["src"].split("#")[0].split("?")[0])


def page_weights(site: Path) -> list[dict[str, Any]]:
    """Each page's HTML bytes plus the bytes of the distinct images it references."""
    rows = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site)
        if {STATIC_DIR.name, "_sources", DOWNLOADS} & set(relative.parts):
            continue
        parser = _Images()
        parser.feed(page.read_text(encoding="utf-8"))
        images = {(page.parent / src).resolve() for src in parser.sources}
        missing = [str(p) for p in images if not p.is_file()]
        if missing:
            raise BenchError(f"{relative}: references missing images {missing}")
        image_bytes = sum(p.stat().st_size for p in images)
        html_bytes = page.stat().st_size
        rows.append({"page": relative.as_posix(), "html_bytes": html_bytes, "images": len(images),
                     "image_bytes": image_bytes, "total_bytes": html_bytes + image_bytes})
    return rows


# --------------------------------------------------------------------------- the frozen copy
def freeze(work: Path) -> dict[str, str]:
    """Copy the project's inputs and the package into ``work``; the environment that makes every process use them.

    ``ISM_PROJECT_ROOT`` points the package at the copied inputs; ``PYTHONPATH``
    puts the copied package ahead of the editable install, in this process's children and in
    the notebook kernels they start.
    """
    project = work / "project"
    project.mkdir(parents=True)
    skip = shutil.ignore_patterns(PurePosixPath(GENERATED).name, ".ipynb_checkpoints", "__pycache__")
    for name in PROJECT_FILES:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=skip)
        elif source.is_file():
            shutil.copy2(source, project / name)
    shutil.copytree(PACKAGE_DIR, work / "src" / PACKAGE_DIR.name, ignore=skip)
    paths = [str(work / "src"), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {
        ROOT_VARIABLE: str(project),
        "PYTHONPATH": os.pathsep.join(paths),
        WORK_ENV: str(work),
        REPO_ENV: str(PROJECT_ROOT),
    }


def one_data_file_changed(build_args: list[str], site: Path) -> tuple[float, dict[str, list[str]]]:
    """Seconds to rebuild the base book after one note of :data:`CHANGED_DATA_FILE` changed, and which chapters ran.

    The file is the frozen copy's (``ISM_PROJECT_ROOT``), so the project is never touched.
    """
    import csv

    from infantile_spasms_market.bookbuild.plan import declared_reads

    path = PROJECT_ROOT / CHANGED_DATA_FILE
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    note = rows[0].index("note")
    rows[1][note] = (rows[1][note] + " (edited by the benchmark)").strip()
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    seconds = run_build(f"rebuild after one data file changed ({CHANGED_DATA_FILE})", build_args)
    manifest = json.loads((site / MANIFEST_FILE).read_text(encoding="utf-8"))
    executed = sorted(n["name"] for n in manifest["notebooks"] if n["status"] == "executed")
    readers = sorted(p.stem for p in toc_notebooks() if any(
        Path(PROJECT_ROOT).joinpath(CHANGED_DATA_FILE) in Path(PROJECT_ROOT).glob(pattern) for pattern in declared_reads(p)))
    say(f"one data file changed: executed {', '.join(executed)}; chapters that read it: {', '.join(readers)}")
    return seconds, {"executed": executed, "readers": readers}


# --------------------------------------------------------------------------- the run
def measure(work: Path, repeats: int, draws: int) -> dict[str, Any]:
    """Every measurement of one benchmark run (``work`` holds the temporary outputs)."""
    cache, site = work / "cache", work / "site" / "html"
    notebooks = [p.stem for p in toc_notebooks()]
    say(f"{len(notebooks)} chapter notebooks: {', '.join(notebooks)}; scratch folder {work}")
    # Like for like with the baseline, which builds the HTML book: the timed builds skip the PDF
    # edition (--no-pdf; the Excel data pack is still written). A clean build with every edition is
    # timed last, on its own.
    build_args = ["--output", str(site), "--cache-dir", str(cache), "--no-pdf"]

    # Not timed: the first build after boot or after a package edit pays for cold file caches and
    # .pyc compilation; warming up first keeps that out of every figure (baselines run warm too).
    run_build("warm-up build (not timed; own cache and output)",
              ["--output", str(work / "warm-up" / "html"), "--cache-dir", str(work / "warm-up-cache"), "--no-pdf"])
    load_before = os.getloadavg()
    clean = run_build("clean full build (empty cache, fresh output)", build_args)
    phases = build_phases(cache / CACHE_LOGS / BUILD_LOG, clean)
    manifest = json.loads((site / MANIFEST_FILE).read_text(encoding="utf-8"))
    noop = run_build("rebuild with nothing changed", build_args)
    weights = page_weights(site)  # the base site, before the changed build replaces it
    changed = run_build(f"rebuild after one parameter changed ({CHANGED_PARAMETER})",
                        build_args + ["--set", CHANGED_PARAMETER])
    changed_phases = build_phases(cache / CACHE_LOGS / BUILD_LOG, changed, which=-1)
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
    full_seconds = json.loads((full / "html" / MANIFEST_FILE).read_text(encoding="utf-8")).get("seconds", {})

    executed = {n["name"]: n["seconds"] for n in manifest["notebooks"]}
    per_kernel = kernel["kernel_start_s"] + kernel["chapter_imports_s"]
    profile = {
        **kernel,
        "command_line_start_s": startup,
        "jupyter_book_imports_s": jb_imports,
        "notebook_seconds_in_clean_build": executed,
        "notebooks_total_s": sum(executed.values()),
        "kernel_start_and_imports_share_of_notebook_time": per_kernel * len(executed) / max(sum(executed.values()), 1e-9),
        "jupyter_book_s_in_clean_build": manifest.get("seconds", {}).get("jupyter_book"),
        "clean_build_phases_s": phases,
        "one_parameter_phases_s": changed_phases,
        "clean_build_with_editions_phases_s": full_seconds,
        "jobs": os.cpu_count(),
        "load_average_1min_before_and_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
    }
    timings = [
        {"id": "clean_build", "name": "Clean full build (empty cache, fresh output)", "seconds": clean},
        {"id": "noop_rebuild", "name": "Rebuild with nothing changed", "seconds": noop},
        {"id": "one_parameter", "name": f"Rebuild after one parameter changed (`{CHANGED_PARAMETER}`)", "seconds": changed},
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
    heaviest = max(weights, key=lambda w: w["total_bytes"])
    targets = [
        {"id": "clean_vs_jupyter_book", "name": "Clean build / Jupyter Book cache baseline", "unit": "ratio",
         "measured": clean / jb, "target": CLEAN_RATIO_TARGET, "comparison": "<=", "passed": clean / jb <= CLEAN_RATIO_TARGET},
        {"id": "one_parameter_vs_jupyter_book", "name": "One parameter changed / Jupyter Book cache baseline", "unit": "ratio",
         "measured": changed / jb, "target": ONE_PARAMETER_RATIO_TARGET, "comparison": "<=",
         "passed": changed / jb <= ONE_PARAMETER_RATIO_TARGET},
        {"id": "one_data_file", "name": f"Chapters executed after `{CHANGED_DATA_FILE}` changed: only those that read it "
         f"({', '.join(data_check['readers'])})", "unit": "count", "measured": len(data_check["executed"]),
         "target": len(data_check["readers"]), "comparison": "=", "passed": data_check["executed"] == data_check["readers"]},
        {"id": "noop_rebuild", "name": "Rebuild with nothing changed", "unit": "s",
         "measured": noop, "target": NOOP_TARGET_S, "comparison": "<", "passed": noop < NOOP_TARGET_S},
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
    return {
        "schema": 1,
        "date": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "git": git_state(Path(os.environ.get(REPO_ENV, PROJECT_ROOT))),
        "machine": machine(),
        "notebooks": notebooks,
        "timings": timings,
        "ratios": {"clean_build_vs_jupyter_book_cache": clean / jb, "one_parameter_vs_jupyter_book_cache": changed / jb,
                   "clean_build_vs_papermill_serial": clean / papermill_total},
        "one_data_file": data_check,
        "targets": targets,
        "pages": weights,
        "model": model,
        "papermill_seconds_per_notebook": papermill_each,
        "profile": profile,
    }


def report(record: dict[str, Any]) -> None:
    """Print the figures, the ratios and each target's verdict."""
    print()
    print("== timings")
    for t in record["timings"]:
        value = f"{t['seconds']:8.2f} s" if "seconds" in t else f"{t['ms']:8.1f} ms"
        print(f"  {value}  {t['name']}")
    print("== ratios")
    for name, value in record["ratios"].items():
        print(f"  {value:8.2f}    {name}")
    print("== page weight (HTML + the images it references)")
    for w in record["pages"]:
        flag = "" if w["total_bytes"] < PAGE_TARGET_BYTES else "  OVER 2 MB"
        print(f"  {w['total_bytes'] / 1e6:6.2f} MB  {w['page']} ({w['images']} images){flag}")
    print("== profile of the clean build")
    p = record["profile"]
    print(f"  kernel start {p['kernel_start_s']:.2f} s + chapter imports {p['chapter_imports_s']:.2f} s per notebook; "
          f"command line start {p['command_line_start_s']:.2f} s; Jupyter Book {p['jupyter_book_s_in_clean_build']} s "
          f"(of which imports {p['jupyter_book_imports_s']:.2f} s)")
    print("  notebook execution (s): " + ", ".join(f"{k} {v:.1f}" for k, v in p["notebook_seconds_in_clean_build"].items()))
    print("  clean build phases (s): " + ", ".join(f"{k} {v:.1f}" for k, v in p["clean_build_phases_s"].items()))
    print(f"  load average (1 min) before / after: {p['load_average_1min_before_and_after']}")
    print("== targets")
    for t in record["targets"]:
        verdict = "met" if t["passed"] else "MISSED"
        measured, target = format_measure(t["measured"], t["unit"]), format_measure(t["target"], t["unit"])
        print(f"  {verdict:6}  {t['name']}: {measured} (target {t['comparison']} {target})")


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
