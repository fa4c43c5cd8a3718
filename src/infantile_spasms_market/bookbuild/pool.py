"""Executes the chapters that are not cached, several at a time, each in its own worker process.

A worker ignores Ctrl-C: the build itself handles it, stopping the workers and their kernels at
once (:mod:`.interrupt`), so an interrupted build ends within seconds and keeps, in the cache,
every chapter that had finished.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import shutil
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

from ..paths import CACHE_FAILED, CACHE_FIGURES, CACHE_LOGS, CACHE_RESULTS, CACHE_TIMINGS, KERNELS_LOG, NOTEBOOK_FILE, PARAMETERS_FILE
from ..scenario.resolved import ResolvedScenario
from .cache import NotebookCache
from ..inputs import declared
from .execute import NotebookFailure, finish_notebook, run_started, start_worker
from .interrupt import Interrupted, stop_pool
from .options import BuildFailed, BuildOptions
from .plan import NotebookPlan, key_after_run
from .progress import Reporter
from .workspace import Workspace


FIGURES_KEPT = 2000
"""Rasters the figure store keeps, the most recently used (the book has about 120 figures: many scenarios' worth)."""
RESULTS_KEPT_BYTES = 1_000_000_000
"""What the result store keeps, the most recently used (a build with every chapter executed adds about 150 MB)."""


def execute_all(
    todo: list[NotebookPlan], scenario: ResolvedScenario, scenario_file: Path, options: BuildOptions, cache: NotebookCache,
    reporter: Reporter, workspace: Workspace,
) -> dict[str, float]:
    """Run the notebooks that are not cached, ``options.jobs`` at a time, each given the resolved ``scenario_file``; seconds per notebook.

    Each run is stored under a key holding the values of the parameters it read (recorded in its
    kernel), and the set of those parameters is remembered for the next build's look-up.

    Raises
    ------
    BuildFailed
        Naming the first notebook that failed, its cell and error (the others are cancelled).
    Interrupted
        On Ctrl-C or SIGTERM, after stopping every worker and kernel; says how many chapters were kept.
    """
    seconds: dict[str, float] = {}
    if not todo:
        return seconds
    timings = options.cache_dir / CACHE_TIMINGS
    todo = longest_first(todo, timings)
    workdirs = {n.name: workspace.folder(n.name) for n in todo}
    failure: NotebookFailure | None = None
    workers = max(1, min(options.jobs, len(todo)))
    context = multiprocessing.get_context("spawn")
    started = context.SimpleQueue()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=start_worker,
                               initargs=(str(options.cache_dir / CACHE_LOGS / KERNELS_LOG), started,
                                         str(options.cache_dir / CACHE_FIGURES), str(options.cache_dir / CACHE_RESULTS)))
    try:
        pending = {}
        for n in todo:
            parameters = {"scenario": str(scenario_file), "output_dir": str(workdirs[n.name])}
            pending[pool.submit(run_started, str(n.source), str(workdirs[n.name]), parameters, n.name)] = n
        while pending:
            done, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            while not started.empty():
                reporter.started(started.get())
            for future in done:
                n = pending.pop(future)
                if future.cancelled():  # not started: another notebook failed first
                    continue
                result = future.result()
                if result["ok"]:
                    store(n, scenario, workdirs[n.name], result["seconds"], cache)
                    seconds[n.name] = result["seconds"]
                    reporter.finished(n.name, result["seconds"])
                else:
                    reporter.failed(n.name, result["seconds"])
                    if failure is None:
                        failure = NotebookFailure(**result["failure"])
                        failure = _keep_failed_copy(failure, workdirs[n.name], options.cache_dir)
                        for other in pending:
                            other.cancel()
    except BaseException as exc:
        stop_pool(pool)
        if isinstance(exc, Interrupted):
            exc.progress = f"{len(seconds)} of {len(todo)} notebooks executed and kept in the cache"
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        prune_stores(options.cache_dir)  # however the run ended, once its kernels are gone (a stopped one's temporary files)
    record_timings(timings, seconds)
    if failure is not None:
        raise BuildFailed(f"notebooks/{failure.message(options.debug)}")
    return seconds


def prune_stores(cache_dir: Path) -> None:
    """Keep the figure and result stores within their bounds, and remove the temporary files kernels left in them."""
    from ..figures.save import prune_store  # here: the build's own process draws no figure
    from ..remembered import prune_results

    try:
        prune_store(cache_dir / CACHE_FIGURES, FIGURES_KEPT)
        prune_results(cache_dir / CACHE_RESULTS, RESULTS_KEPT_BYTES)
    except OSError:
        pass  # a file removed meanwhile: pruned next time (never to hide why the run ended)


def store(n: NotebookPlan, scenario: ResolvedScenario, workdir: Path, seconds: float, cache: NotebookCache) -> None:
    """Store a finished run under the key of the parameters it read; ``n`` gets that key."""
    try:
        read = json.loads((workdir / PARAMETERS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        read = None  # nothing recorded: the run depends on the whole scenario
    n.key, n.parameters = key_after_run(n.static_key, scenario, read)
    # what the published notebook says it was given: the scenario file, and the overrides of what it read (both in its key)
    finish_notebook(workdir / NOTEBOOK_FILE, {"scenario": scenario.file, "overrides": declared.overrides_read(scenario.overrides, n.parameters)})
    cache.store(n.key, workdir, {"seconds": seconds, "notebook": n.name, "parameters": n.parameters,
                                 "executed_at": dt.datetime.now(dt.timezone.utc).isoformat()})
    cache.remember_read_set(n.static_key, n.parameters)


def last_timings(timings: Path) -> dict[str, float]:
    """How long each chapter took the last time it was executed, in seconds (empty when never recorded)."""
    try:
        last = json.loads(timings.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {name: float(value) for name, value in last.items()} if isinstance(last, dict) else {}


def longest_first(todo: list[NotebookPlan], timings: Path) -> list[NotebookPlan]:
    """The chapters ordered by how long each took last time, longest first (unknown ones first of all).

    With two workers and chapters of 2 to 10 seconds, starting the long ones first keeps both
    workers busy to the end instead of leaving one waiting on a long chapter started last.
    """
    last = last_timings(timings)
    return sorted(todo, key=lambda n: -float(last.get(n.name, float("inf"))))


def record_timings(timings: Path, seconds: dict[str, float]) -> None:
    """Remember how long each chapter took (for :func:`longest_first` next time)."""
    try:
        known = json.loads(timings.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    known.update({name: round(value, 2) for name, value in seconds.items()})
    timings.write_text(json.dumps(known, indent=1, sort_keys=True), encoding="utf-8")


def _keep_failed_copy(failure: NotebookFailure, workdir: Path, cache_dir: Path) -> NotebookFailure:
    """Keep the executed notebook with its error for debugging (outside the site)."""
    executed = workdir / NOTEBOOK_FILE
    if not executed.is_file():
        return failure
    target = cache_dir / CACHE_FAILED / f"{failure.notebook}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    return NotebookFailure(**{**vars(failure), "executed_copy": str(target)})
