"""The build: validate -> execute changed notebooks in parallel -> Jupyter Book -> publish atomically."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import shutil
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..parameters import Parameters
from ..paths import BASE_SCENARIO, PACKAGE_DIR, PROJECT_ROOT
from ..scenario_files import load_parameters
from . import hashing
from .benchmark_page import BENCH_FILE
from .cache import NotebookCache, notebook_key
from .execute import NotebookFailure, run_notebook
from .jupyterbook import SphinxFailure, build_html
from .manifest import MANIFEST_FILE, git_state, python_version, read_manifest
from .progress import Reporter
from .publish import build_lock, recover, staging_dir, swap_in
from .sitesource import assemble

DEFAULT_CACHE = PROJECT_ROOT / ".cache"
BOOK_INPUTS = ("_config.yml", "_toc.yml", "references.bib")


class BuildFailed(RuntimeError):
    """The build stopped; ``exit_code`` 2 for bad input, 1 for a failing step. The site is unchanged."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class BuildOptions:
    """What ``python -m infantile_spasms_market build`` was asked to do."""

    scenario: Path | None = None
    overrides: list[str] = field(default_factory=list)
    jobs: int = os.cpu_count() or 1
    force: bool = False
    output: Path | None = None
    cache_dir: Path = DEFAULT_CACHE
    wait_seconds: float = 900.0
    debug: bool = False


@dataclass
class NotebookPlan:
    name: str
    source: Path
    key: str
    cached: bool


@dataclass
class BuildResult:
    """What the build did (also printed as the one-line summary)."""

    output: Path
    executed: int
    reused: int
    seconds: float
    up_to_date: bool


def default_output(params: Parameters) -> Path:
    """``_build/html`` for the base scenario, ``_build/scenarios/<name>/html`` for the others."""
    name = params.scenario.name
    return PROJECT_ROOT / "_build" / "html" if name == "base" else PROJECT_ROOT / "_build" / "scenarios" / name / "html"


def toc_notebooks(toc_path: Path = PROJECT_ROOT / "_toc.yml") -> list[Path]:
    """The chapter notebooks the table of contents lists, in reading order."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    notebooks = [PROJECT_ROOT / f"{f}.ipynb" for f in found if f.startswith("notebooks/")]
    missing = [str(p.relative_to(PROJECT_ROOT)) for p in notebooks if not p.is_file()]
    if missing:
        raise BuildFailed(f"_toc.yml lists notebooks that do not exist: {', '.join(missing)}", exit_code=2)
    return notebooks


def scenario_argument(scenario: Path | None) -> str:
    """The scenario path a notebook receives: relative to the project when inside it."""
    path = (scenario or BASE_SCENARIO).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def plan(params: Parameters, options: BuildOptions, cache: NotebookCache) -> tuple[list[NotebookPlan], dict[str, Any]]:
    """Cache keys of every notebook and the inputs they were computed from."""
    inputs = {
        "parameters": params.resolved(),
        "data_hashes": hashing.tree_hashes(PROJECT_ROOT / "data"),
        "package_hash": hashing.digest(hashing.tree_hashes(PACKAGE_DIR, ("*.py",))),
        "versions": hashing.package_versions(),
    }
    notebooks = []
    for source in toc_notebooks():
        key = notebook_key(source_hash=hashing.notebook_source_hash(source), **inputs)
        notebooks.append(NotebookPlan(source.stem, source, key, cache.has(key) and not options.force))
    return notebooks, inputs


def site_key(params: Parameters, notebooks: list[NotebookPlan], inputs: dict[str, Any]) -> str:
    """Key of the whole site: the notebooks' keys plus the hand-written pages and the book config."""
    pages = hashing.tree_hashes(PROJECT_ROOT / "book")
    config = {name: hashing.file_hash(PROJECT_ROOT / name) for name in BOOK_INPUTS}
    static = hashing.tree_hashes(PROJECT_ROOT / "_static") if (PROJECT_ROOT / "_static").is_dir() else {}
    benchmark = hashing.file_hash(BENCH_FILE) if BENCH_FILE.is_file() else None  # shown on Reproducibility
    return hashing.digest(
        {
            "notebooks": {n.name: n.key for n in notebooks},
            "pages": pages,
            "config": config,
            "static": static,
            "benchmark": benchmark,
            "package": inputs["package_hash"],
            "versions": inputs["versions"],
            "scenario": params.scenario.name,
        }
    )


def execute_all(todo: list[NotebookPlan], options: BuildOptions, cache: NotebookCache, reporter: Reporter) -> dict[str, float]:
    """Run the notebooks that are not cached, ``options.jobs`` at a time; seconds per notebook."""
    seconds: dict[str, float] = {}
    if not todo:
        return seconds
    parameters = {"scenario": scenario_argument(options.scenario), "overrides": list(options.overrides), "output_dir": "."}
    context = multiprocessing.get_context("spawn")
    workdirs = {n.name: cache.workdir(n.name) for n in todo}
    failure: NotebookFailure | None = None
    workers = max(1, min(options.jobs, len(todo)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = {}
        for position, n in enumerate(todo):
            reporter.started(n.name)
            # A worker whose queue holds another notebook starts that one's kernel while this one runs.
            future = pool.submit(
                run_notebook, str(n.source), str(workdirs[n.name]), parameters, n.name,
                start_next_kernel=position < len(todo) - workers,
            )
            pending[future] = n
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                n = pending.pop(future)
                if future.cancelled():  # not started: another notebook failed first
                    continue
                result = future.result()
                if result["ok"]:
                    cache.store(n.key, workdirs[n.name], {"seconds": result["seconds"], "notebook": n.name,
                                                          "executed_at": dt.datetime.now(dt.timezone.utc).isoformat()})
                    seconds[n.name] = result["seconds"]
                    reporter.finished(n.name, result["seconds"])
                else:
                    reporter.failed(n.name, result["seconds"])
                    if failure is None:
                        failure = NotebookFailure(**result["failure"])
                        failure = _keep_failed_copy(failure, workdirs[n.name], options.cache_dir)
                        for other in pending:
                            other.cancel()
    for workdir in workdirs.values():
        shutil.rmtree(workdir, ignore_errors=True)
    if failure is not None:
        raise BuildFailed(f"notebooks/{failure.message(options.debug)}")
    return seconds


def _keep_failed_copy(failure: NotebookFailure, workdir: Path, cache_dir: Path) -> NotebookFailure:
    """Keep the executed notebook with its error for debugging (outside the site)."""
    executed = workdir / "notebook.ipynb"
    if not executed.is_file():
        return failure
    target = cache_dir / "failed" / f"{failure.notebook}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    return NotebookFailure(**{**vars(failure), "executed_copy": str(target)})


def check_data() -> None:
    """Load and validate every data file before any notebook runs (clear errors, early)."""
    from .. import data

    try:
        for name in data.TABLES:
            data.load_table(name)
        for name in data.RECORDS:
            data.load_record(name)
        problems = data.check_register()
    except data.DataFileError as exc:
        raise BuildFailed(f"invalid data: {exc}", exit_code=2) from None
    if problems:
        raise BuildFailed("invalid data register:\n" + "\n".join(f"  - {p}" for p in problems), exit_code=2)


def manifest_for(params: Parameters, options: BuildOptions, notebooks: list[NotebookPlan], inputs: dict[str, Any],
                 key: str, seconds: dict[str, float], cache: NotebookCache) -> dict[str, Any]:
    """The run manifest of this build."""
    rows = []
    for n in notebooks:
        executed = n.name in seconds
        rows.append({
            "name": n.name,
            "status": "executed" if executed else "reused",
            "seconds": seconds[n.name] if executed else float(cache.meta(n.key)["seconds"]),
            "key": n.key,
        })
    return {
        "site_key": key,
        "built_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "scenario": {
            "name": params.scenario.name,
            "title": params.scenario.title,
            "file": scenario_argument(options.scenario),
            "overrides": list(options.overrides),
        },
        "parameters": inputs["parameters"],
        "data": inputs["data_hashes"],
        "git": git_state(PROJECT_ROOT),
        "python": python_version(),
        "versions": inputs["versions"],
        "notebooks": rows,
        "summary": {"executed": len(seconds), "reused": len(notebooks) - len(seconds)},
    }


def scenario_banner(params: Parameters, overrides: list[str]) -> str | None:
    """The line every page shows when the book is not the base case (None for the base)."""
    if params.scenario.name == "base" and not overrides:
        return None
    text = f"Scenario: {params.scenario.title} ({params.scenario.name})"
    if overrides:
        text += " with overrides " + ", ".join(overrides)
    return text + ". Not the base case."


def build(options: BuildOptions, reporter: Reporter) -> BuildResult:
    """Build the book for one scenario; raises :class:`BuildFailed` and leaves the site as it was."""
    from ..parameter_errors import ParameterError

    start = time.perf_counter()
    try:
        params = load_parameters(options.scenario, options.overrides)
    except ParameterError as exc:
        raise BuildFailed(str(exc), exit_code=2) from None
    output = (options.output or default_output(params)).resolve()
    cache = NotebookCache(options.cache_dir / "notebooks")
    with build_lock(output, options.wait_seconds):
        recover(output)
        notebooks, inputs = plan(params, options, cache)
        key = site_key(params, notebooks, inputs)
        published = read_manifest(output)
        if not options.force and published and published.get("site_key") == key and (output / "index.html").is_file():
            elapsed = time.perf_counter() - start
            reporter.up_to_date(output, len(notebooks), elapsed)
            return BuildResult(output, 0, len(notebooks), elapsed, True)

        check_data()
        todo = [n for n in notebooks if not n.cached]
        reporter.plan(len(todo), len(notebooks) - len(todo), options.jobs)
        seconds = execute_all(todo, options, cache, reporter)

        manifest = manifest_for(params, options, notebooks, inputs, key, seconds, cache)
        staging = staging_dir(output)
        try:
            reporter.step("assembling the site source")
            banner = scenario_banner(params, options.overrides)
            source = assemble(staging / "source", [(n.name, cache.entry(n.key)) for n in notebooks], manifest, banner)
            reporter.step("building HTML with Jupyter Book")
            sphinx_start = time.perf_counter()
            html = build_html(source, staging / "out", options.cache_dir / "logs" / f"jupyter-book-{params.scenario.name}.log")
            if isinstance(html, SphinxFailure):
                raise BuildFailed(html.message())
            manifest["seconds"] = {"jupyter_book": round(time.perf_counter() - sphinx_start, 2),
                                   "total": round(time.perf_counter() - start, 2)}
            (html / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
            swap_in(html, output)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    elapsed = time.perf_counter() - start
    result = BuildResult(output, len(seconds), len(notebooks) - len(seconds), elapsed, False)
    reporter.summary(result)
    return result
