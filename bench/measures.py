"""What ``make bench`` measures: each build, the two baselines, the model and the profile, one function each.

Every function returns its figures (seconds, what executed, where the time went) for
``bench/run.py`` to put in one record. The builds run the command line as a reader would; what a
build did and how long each of its steps took is read back from the manifest it publishes.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))  # bench_model.py beside this file

from infantile_spasms_market.bookbuild import hashing  # noqa: E402
from infantile_spasms_market.bookbuild.assemble import assemble  # noqa: E402
from infantile_spasms_market.bookbuild.jupyterbook import SphinxFailure, build_html  # noqa: E402
from infantile_spasms_market.bookbuild.plan import declared_reads, toc_notebooks  # noqa: E402
from infantile_spasms_market.bookbuild.cache import NotebookCache  # noqa: E402
from infantile_spasms_market.paths import (  # noqa: E402
    BASE_SCENARIO, CACHE_NOTEBOOKS, CONFIG_NAME, DOWNLOADS, GENERATED, MANIFEST_FILE, NOTEBOOK_SOURCES, PACKAGE_DIR,
    PROJECT_FILES, PROJECT_ROOT, ROOT_VARIABLE, STATIC_DIR, data_file, table_file,
)

WORK_ENV = "ISM_BENCH_WORK"  # set in the measuring process: the scratch folder holding the frozen copy
REPO_ENV = "ISM_BENCH_REPO"  # the working tree the copy was taken from (for its git commit)
CHANGED_DATA_FILE = data_file(table_file("events"))  # edited (one note) for the "one data file changed" rebuild
ONE_PARAMETER_CHANGES = (
    "growth.diagnosis=0.013",
    "pricing.infant_weight_kg=8",
    "companies.share_concentration=40",
    "trends.novel_therapy.peak_uptake=0.4",
    "regions.growth_differential.europe=0.01",
)
"""One parameter of each section the issue names (growth, pricing, companies, trends, regions), a plausible revision of
each: every one is a rebuild of the base book with that parameter changed, one after the other (the analyst's loop),
and their median is the ``one_parameter`` measure."""
NOTEBOOK_TIMEOUT_S = 600
# What a chapter's first code cell imports (timed in a fresh kernel for the profile).
CHAPTER_IMPORTS = (
    "import matplotlib.pyplot as plt\nimport numpy as np\nimport pandas as pd\nfrom myst_nb import glue\n"
    "from infantile_spasms_market import figures\nfrom infantile_spasms_market.chapter import open_chapter\n"
    "from infantile_spasms_market.model import view"
)




class BenchError(RuntimeError):
    """A measured step failed: the benchmark stops rather than record a wrong figure."""


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


def built(site: Path) -> dict[str, Any]:
    """The manifest a build published in ``site``."""
    return json.loads((site / MANIFEST_FILE).read_text(encoding="utf-8"))


def executed(manifest: dict[str, Any]) -> list[str]:
    """The chapters a build executed (the others it took from the cache)."""
    return sorted(n["name"] for n in manifest["notebooks"] if n["status"] == "executed")


def phases(manifest: dict[str, Any], wall_seconds: float) -> dict[str, float]:
    """Where a build's time went, as it recorded it in its manifest; ``process`` is the rest of the wall-clock time
    (interpreter start, imports, and the exit)."""
    recorded = {k: v for k, v in manifest.get("seconds", {}).items() if k != "total"}
    return {**recorded, "process": round(wall_seconds - manifest.get("seconds", {}).get("total", 0.0), 2)}


def one_parameter_changed(build_args: list[str], site: Path) -> list[dict[str, Any]]:
    """Rebuild the base book after each of :data:`ONE_PARAMETER_CHANGES` (one at a time, in order): seconds, chapters executed, phases."""
    rows = []
    for change in ONE_PARAMETER_CHANGES:
        seconds = run_build(f"rebuild after one parameter changed ({change})", build_args + ["--set", change])
        manifest = built(site)
        rows.append({"parameter": change, "seconds": seconds, "executed": executed(manifest), "phases": phases(manifest, seconds)})
        say(f"  {change}: executed {', '.join(rows[-1]['executed']) or 'nothing'}")
    return rows


def one_data_file_changed(build_args: list[str], site: Path) -> tuple[float, dict[str, list[str]]]:
    """Seconds to rebuild the base book after one note of :data:`CHANGED_DATA_FILE` changed, and which chapters ran.

    The file is the frozen copy's (``ISM_PROJECT_ROOT``), so the project is never touched.
    """
    path = PROJECT_ROOT / CHANGED_DATA_FILE
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    note = rows[0].index("note")
    rows[1][note] = (rows[1][note] + " (edited by the benchmark)").strip()
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    seconds = run_build(f"rebuild after one data file changed ({CHANGED_DATA_FILE})", build_args)
    ran = executed(built(site))
    readers = sorted(p.stem for p in toc_notebooks() if any(
        Path(PROJECT_ROOT).joinpath(CHANGED_DATA_FILE) in Path(PROJECT_ROOT).glob(pattern) for pattern in declared_reads(p)))
    say(f"one data file changed: executed {', '.join(ran)}; chapters that read it: {', '.join(readers)}")
    return seconds, {"executed": ran, "readers": readers}



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


