"""The build: validate -> execute changed notebooks in parallel -> Jupyter Book -> publish atomically."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

from ..inputs.files import DataFileError
from ..inputs.reading import check_data
from ..outputs.changes import headline_numbers
from ..paths import CACHE_BUILDS, CACHE_LOGS, CACHE_NOTEBOOKS, CACHE_SCENARIOS, DATA_DIR, MANIFEST_FILE, PROJECT_ROOT, TOC_FILE, sphinx_log
from ..scenario.resolved import ResolvedScenario, resolve, write_resolved
from . import editions, hashing
from .assemble import assemble
from .cache import NotebookCache
from .interrupt import Interrupted
from .jupyterbook import BANNER_TOKEN, SiteState, SphinxFailure, build_site
from .manifest import git_state, python_version, read_manifest
from .options import BuildFailed, BuildOptions, BuildResult
from .output import (
    GENERATOR,
    check_output,
    default_output,
    published_files,
    published_name,
    writable,
)
from .plan import NotebookPlan, plan, site_key
from .pool import execute_all
from .progress import Reporter
from .publish import build_lock, recover, recover_all, swap_in
from .workspace import Workspace, remove_stale, remove_stale_staging


def checked_data() -> None:
    """Every data file and the register validated before any notebook runs; :class:`BuildFailed` (exit 2) otherwise."""
    try:
        check_data()
    except DataFileError as exc:
        raise BuildFailed(str(exc), exit_code=2) from None


def manifest_for(scenario: ResolvedScenario, notebooks: list[NotebookPlan], inputs: dict[str, Any],
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
            "reads": list(n.reads),
            "parameters": n.parameters if n.parameters is not None else cache.meta(n.key).get("parameters"),
        })
    return {
        "generator": GENERATOR,
        "site_key": key,
        "built_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "scenario": {
            "name": scenario.params.scenario.name,
            "published_as": published_name(scenario),  # the editions' file names
            "title": scenario.params.scenario.title,
            "file": scenario.file,
            "overrides": list(scenario.overrides),
        },
        "parameters": scenario.params.resolved(),
        "data": hashing.tree_hashes(DATA_DIR),
        "git": git_state(PROJECT_ROOT),
        "python": python_version(),
        "versions": inputs["versions"],
        "package_hash": inputs["package_hash"],
        "headline": headline_numbers(scenario.params),  # what the next build's "What changed" page compares
        "notebooks": rows,
        "summary": {"executed": len(seconds), "reused": len(notebooks) - len(seconds)},
    }


def full_site_key(params, notebooks: list[NotebookPlan], inputs: dict[str, Any], options: BuildOptions) -> str:
    """The published site's key: the chapters' keys, the pages, the configuration, the scenario, and whether it has a PDF."""
    return hashing.digest([site_key(params, notebooks, inputs), editions.fingerprint(options.pdf)])


def site_state_key(inputs: dict[str, Any]) -> str:
    """What Sphinx's kept state of a site depends on besides its pages: the package (its Sphinx extensions), the libraries, the contents."""
    return hashing.digest([inputs["package_hash"], inputs["versions"], hashing.file_hash(TOC_FILE)])


def scenario_banner(scenario: ResolvedScenario) -> str | None:
    """The line every page shows when the book is not the base case (None for the base)."""
    if scenario.is_base:
        return None
    params = scenario.params
    text = f"Scenario: {params.scenario.title} ({params.scenario.name})"
    if scenario.overrides:
        text += " with overrides " + ", ".join(scenario.overrides)
    return text + ". Not the base case."


def execute_chapters(scenario: ResolvedScenario, notebooks: list[NotebookPlan], options: BuildOptions,
                     cache: NotebookCache, reporter: Reporter, workspace: Workspace) -> dict[str, float]:
    """Execute the chapters the cache lacks, each handed the scenario resolved once; their seconds (the book and the PDF alone)."""
    todo = [n for n in notebooks if not n.cached]
    reporter.plan(len(todo), len(notebooks) - len(todo), options.jobs)
    scenario_file = write_resolved(scenario, options.cache_dir / CACHE_SCENARIOS / f"{hashing.digest(scenario.as_tree())[:16]}.yaml")
    return execute_all(todo, scenario, scenario_file, options, cache, reporter, workspace)


def build(options: BuildOptions, reporter: Reporter) -> BuildResult:
    """Build the book for one scenario; raises :class:`BuildFailed` and leaves the site as it was.

    Everything temporary lives in a workspace in the cache, removed whatever happens; the output
    folder is checked before anything is written and replaced only by the finished site.
    """
    from ..scenario.errors import ParameterError

    start = time.perf_counter()
    try:
        scenario = resolve(options.scenario, options.overrides)
    except ParameterError as exc:
        raise BuildFailed(str(exc), exit_code=2) from None
    params = scenario.params
    output = (options.output or default_output(scenario)).resolve()
    cache_dir = options.cache_dir
    check_output(output, cache_dir)
    writable(cache_dir)
    cache = NotebookCache(cache_dir / CACHE_NOTEBOOKS)
    seconds: dict[str, float] = {}
    try:
        with build_lock(output, cache_dir, options.wait_seconds):
            for restored in ([output] if recover(output, cache_dir) else []) + recover_all(cache_dir):
                reporter.line(f"restored the previous book in {restored} (a build had stopped while publishing it)")
            remove_stale_staging(output)
            remove_stale(cache_dir / CACHE_BUILDS)  # what a build killed outright left (kill -9)
            check_output(output, cache_dir)  # again, under the lock: nothing changed it meanwhile
            notebooks, inputs = plan(scenario, options, cache)
            for n in notebooks:
                if n.damaged:
                    reporter.line(f"cache entry of {n.name} was damaged on disk ({n.damaged}): executing it again")
            published = read_manifest(output)
            if all(n.cached for n in notebooks) and not options.force and published and (output / "index.html").is_file() \
                    and published.get("site_key") == full_site_key(params, notebooks, inputs, options):
                elapsed = time.perf_counter() - start
                reporter.up_to_date(output, len(notebooks), elapsed)
                return BuildResult(output, 0, len(notebooks), elapsed, True)

            checked_data()
            phases = {"start_and_plan": time.perf_counter() - start}
            with Workspace.open(cache_dir) as workspace:
                mark = time.perf_counter()
                seconds = execute_chapters(scenario, notebooks, options, cache, reporter, workspace)
                phases["notebooks"] = time.perf_counter() - mark
                mark = time.perf_counter()
                key = full_site_key(params, notebooks, inputs, options)  # every chapter's key is known now
                manifest = manifest_for(scenario, notebooks, inputs, key, seconds, cache)
                editions.plan(manifest, reporter, pdf_wanted=options.pdf)
                reporter.step("assembling the site source")
                banner = scenario_banner(scenario)
                source = assemble(workspace.folder("source"), [(n.name, cache.entry(n.key)) for n in notebooks], manifest,
                                  BANNER_TOKEN if banner else None, previous=published)
                phases["assemble"] = time.perf_counter() - mark
                reporter.step("building HTML with Jupyter Book")
                mark = time.perf_counter()
                html = build_site(source, SiteState.for_output(cache_dir, output), site_state_key(inputs),
                                  workspace.staging_for(output), cache_dir / CACHE_LOGS / sphinx_log(params.scenario.name), banner)
                if isinstance(html, SphinxFailure):
                    raise BuildFailed(html.message())
                phases["jupyter_book"] = time.perf_counter() - mark
                mark = time.perf_counter()
                editions.publish(source, html, manifest, reporter)
                phases["editions"] = time.perf_counter() - mark
                phases["total"] = time.perf_counter() - start  # up to publishing (the renames take milliseconds)
                manifest["seconds"] = {name: round(value, 2) for name, value in phases.items()}
                manifest["published_files"] = sorted({*published_files(html), MANIFEST_FILE})
                (html / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
                swap_in(html, output, workspace, cache_dir)
    except Interrupted as exc:
        if exc.progress is None:
            executed = f"{len(seconds)} notebooks executed and kept in the cache" if seconds else "no notebook executed"
            exc.progress = executed
        raise
    except OSError as exc:  # a full disk, a folder made read-only: the site is untouched, say what could not be written
        raise BuildFailed(f"could not write {exc.filename or 'a file'}: {exc.strerror or exc}") from None
    elapsed = time.perf_counter() - start
    result = BuildResult(output, len(seconds), len(notebooks) - len(seconds), elapsed, False)
    reporter.summary(result)
    return result
