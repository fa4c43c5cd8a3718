"""The build: validate -> execute changed notebooks in parallel -> Jupyter Book -> publish atomically; and ``make pdf``.

Both commands take the same first half (:func:`prepare` and :func:`site_source`): the scenario
resolved once, the chapters planned, the data checked, what the cache lacks executed, the manifest
written and the site's source assembled. Then the book builds the HTML and its editions and
publishes them; ``make pdf`` builds the same HTML pages (none published) and prints them with Chromium, into
``_build/pdf/infantile-spasms-market-<scenario>.pdf`` unless ``--output`` names another file.
Each step's seconds go into the manifest (``seconds``), so the benchmark reads them there.
"""

from __future__ import annotations

import datetime as dt
from html import escape
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..inputs.files import DataFileError
from ..inputs.reading import check_data
from ..outputs import pdf
from ..outputs.changes import headline_numbers
from ..paths import (
    BUILD_DIR,
    CACHE_BUILDS,
    CACHE_LOGS,
    CACHE_NOTEBOOKS,
    CACHE_SCENARIOS,
    CACHE_TIMINGS,
    DATA_DIR,
    MANIFEST_FILE,
    PDF_DIR,
    PROJECT_ROOT,
    TOC_FILE,
    SITE_INDEX,
    shown,
    sphinx_log,
)
from ..reproducible import GENERATOR, SourceDate, SourceDateError, fix_site, source_date
from ..scenario.errors import ParameterError
from ..scenario.resolved import ResolvedScenario, read_scenario, write_resolved
from . import editions, hashing
from .assemble import assemble
from .cache import NotebookCache
from .interrupt import Interrupted
from .jupyterbook import BANNER_TOKEN, SiteState, SphinxFailure, build_html, build_site
from .manifest import file_hashes, git_state, python_version, read_manifest
from .options import BuildFailed, BuildOptions, BuildResult
from .publish import (
    check_output,
    check_own_name,
    default_output,
    published_name,
    writable,
)
from .plan import NotebookPlan, plan, site_key
from .pool import execute_all, last_timings, prune_stores
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
                 key: str, seconds: dict[str, float], cache: NotebookCache, when: SourceDate) -> dict[str, Any]:
    """The run manifest of this build: ``source_date`` is the date pages and editions carry, ``built_at`` when it ran."""
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
        "source_date": when.record(),
        "scenario": {
            "name": scenario.params.scenario.name,
            "published_as": published_name(scenario),  # the editions' file names
            "title": scenario.title,  # with the overrides in words: every edition's label
            "short_title": scenario.short_title,  # the browser tab's
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


def implausible(scenario: ResolvedScenario) -> list[str]:
    """Each value of the scenario outside the range the base case finds plausible (allowed; the build says so and goes on)."""
    from ..scenario.loading import load_parameters
    from ..scenario.uncertainty import outside_plausible

    return outside_plausible(scenario.params, load_parameters())


def full_site_key(params, notebooks: list[NotebookPlan], inputs: dict[str, Any], with_pdf: bool) -> str:
    """The published site's key: the chapters' keys, the pages, the configuration, the scenario, and whether it has a PDF."""
    return hashing.digest([site_key(params, notebooks, inputs), editions.fingerprint(with_pdf)])


def up_to_date(run: Run, published: dict[str, Any] | None, output: Path) -> bool:
    """Whether the published book is what this build would make: every chapter reused, the same site key.

    With ``--no-pdf``, a book whose PDF was printed from these very pages is up to date too (its PDF stays).
    """
    if run.options.force or not published or not (output / SITE_INDEX).is_file() or not all(n.cached for n in run.notebooks):
        return False
    keys = {full_site_key(run.scenario.params, run.notebooks, run.inputs, pdf) for pdf in {run.options.pdf, True}}
    return published.get("site_key") in keys


def site_state_key(inputs: dict[str, Any]) -> str:
    """What Sphinx's kept state of a site depends on besides its pages: the package (its Sphinx extensions), the libraries, the contents."""
    return hashing.digest([inputs["package_hash"], inputs["versions"], hashing.file_hash(TOC_FILE)])


def scenario_banner(scenario: ResolvedScenario) -> str | None:
    """The line every page shows when the book is not the base case (None for the base)."""
    if scenario.is_base:
        return None
    return f"Scenario: {scenario.title}." + ("" if "(not the base case)" in scenario.title else " Not the base case.")


def escaped(banner: str | None) -> str | None:
    """The banner as HTML (the theme inserts its announcement unescaped)."""
    return None if banner is None else escape(banner, quote=False)


class Phases:
    """Wall-clock seconds of each step of one build, as the manifest records them."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def done(self, step: str) -> None:
        """``step`` has just ended: it took the time since the previous step ended."""
        now = time.perf_counter()
        self.seconds[step] = round(now - self.last, 2)
        self.last = now

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def record(self) -> dict[str, float]:
        """Every step's seconds so far, and ``total`` (since the build started)."""
        return {**self.seconds, "total": round(self.elapsed(), 2)}


@dataclass
class Run:
    """One build under way: the scenario resolved once, its chapters, what it executed and how long each step took."""

    options: BuildOptions
    reporter: Reporter
    scenario: ResolvedScenario
    cache: NotebookCache
    phases: Phases
    when: SourceDate  # the date everything it publishes carries
    notebooks: list[NotebookPlan] = field(default_factory=list)
    inputs: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # per chapter this run executed

    @property
    def logs(self) -> Path:
        return self.options.cache_dir / CACHE_LOGS

    def plan(self) -> None:
        """The chapters' cache keys (a damaged cache entry is said and executed again)."""
        self.notebooks, self.inputs = plan(self.scenario, self.options, self.cache)
        for n in self.notebooks:
            if n.damaged:
                self.reporter.line(f"cache entry of {n.name} was damaged on disk ({n.damaged}): executing it again")
        self.phases.done("plan")

    def progress(self) -> str:
        """What an interrupted build kept (the one-line report)."""
        return f"{len(self.seconds)} notebooks executed and kept in the cache" if self.seconds else "no notebook executed"


def prepare(options: BuildOptions, reporter: Reporter) -> Run:
    """The first step of both commands: the scenario resolved once (bad parameters exit 2) and the cache made writable."""
    phases = Phases()
    try:
        scenario = read_scenario(options.scenario, options.overrides)  # a published scenario.yaml rebuilds its book
    except ParameterError as exc:
        raise BuildFailed(str(exc), exit_code=2) from None
    check_own_name(scenario)
    for warning in implausible(scenario):
        reporter.line(f"warning: {warning}")
    when = build_date()
    writable(options.cache_dir)
    return Run(options, reporter, scenario, NotebookCache(options.cache_dir / CACHE_NOTEBOOKS), phases, when)


def build_date() -> SourceDate:
    """The date this build stamps on everything (:func:`.source_date`); :class:`BuildFailed` (exit 2) for a bad ``SOURCE_DATE_EPOCH``."""
    try:
        return source_date(PROJECT_ROOT)
    except SourceDateError as exc:
        raise BuildFailed(str(exc), exit_code=2) from None


def site_source(run: Run, workspace: Workspace, key: Callable[[], str], planned: Callable[[dict[str, Any]], None],
                banner: str | None, previous: dict[str, Any] | None = None) -> tuple[dict[str, Any], Path]:
    """The second step of both commands: execute what the cache lacks, write the manifest, assemble the site's source.

    Each chapter is handed the scenario resolved once (its executed notebook shows, instead of the
    resolved file's path, the scenario file and the overrides of what it read); ``key`` gives the
    site's key once every chapter's is known (after they ran); ``planned`` records in the manifest
    which editions this build makes; ``banner`` goes on every page. Returns the manifest and the
    assembled source folder.
    """
    todo = [n for n in run.notebooks if not n.cached]
    last = last_timings(run.options.cache_dir / CACHE_TIMINGS)
    run.reporter.plan(len(todo), len(run.notebooks) - len(todo), run.options.jobs, {n.name: last.get(n.name) for n in todo})
    scenario_file = write_resolved(
        run.scenario, run.options.cache_dir / CACHE_SCENARIOS / f"{hashing.digest(run.scenario.as_tree())[:16]}.yaml")
    run.seconds = execute_all(todo, run.scenario, scenario_file, run.options, run.cache, run.reporter, workspace)
    run.phases.done("notebooks")
    manifest = manifest_for(run.scenario, run.notebooks, run.inputs, key(), run.seconds, run.cache, run.when)
    planned(manifest)
    run.reporter.step("assembling the site source")
    source = assemble(workspace.folder("source"), [(n.name, run.cache.entry(n.key)) for n in run.notebooks], manifest,
                      banner, previous=previous)
    run.phases.done("assemble")
    return manifest, source


def build(options: BuildOptions, reporter: Reporter) -> BuildResult:
    """Build the book for one scenario; raises :class:`BuildFailed` and leaves the site as it was.

    Everything temporary lives in a workspace in the cache, removed whatever happens; the output
    folder is checked before anything is written and replaced only by the finished site.
    """
    run = prepare(options, reporter)
    output = (options.output or default_output(run.scenario)).resolve()
    cache_dir = options.cache_dir
    check_output(output, cache_dir)
    try:
        with build_lock(output, cache_dir, options.wait_seconds):
            for restored in ([output] if recover(output, cache_dir) else []) + recover_all(cache_dir):
                reporter.line(f"restored the previous book in {restored} (a build had stopped while publishing it)")
            remove_stale_staging(output)
            remove_stale(cache_dir / CACHE_BUILDS)  # what a build killed outright left (kill -9)
            prune_stores(cache_dir)  # and its kernels' temporary files in the figure and result stores
            check_output(output, cache_dir)  # again, under the lock: nothing changed it meanwhile
            run.plan()
            published = read_manifest(output)
            if up_to_date(run, published, output):
                elapsed = run.phases.elapsed()
                reporter.up_to_date(output, len(run.notebooks), elapsed)
                if not options.pdf and (published.get("editions") or {}).get("pdf"):
                    reporter.line(f"--no-pdf: the published PDF ({published['editions']['pdf']}) was printed from these same "
                                  "pages, so it is kept")
                return BuildResult(output, 0, len(run.notebooks), elapsed, True)

            checked_data()
            with Workspace.open(cache_dir) as workspace, editions.Printer() as printer:
                banner = scenario_banner(run.scenario)
                manifest, source = site_source(
                    run, workspace, lambda: full_site_key(run.scenario.params, run.notebooks, run.inputs, options.pdf),
                    lambda m: editions.plan(m, reporter, pdf_wanted=options.pdf, previous=published, printer=printer),
                    BANNER_TOKEN if banner else None, previous=published)
                last = (published or {}).get("seconds") or {}
                reporter.step("building HTML with Jupyter Book", last.get("jupyter_book"))
                html = build_site(source, SiteState.for_output(cache_dir, output), site_state_key(run.inputs),
                                  workspace.staging_for(output), run.logs / sphinx_log(run.scenario.params.scenario.name), banner,
                                  run.scenario.short_title if banner else None, jobs=options.jobs)
                if isinstance(html, SphinxFailure):
                    raise BuildFailed(html.message())
                run.phases.done("jupyter_book")
                editions.publish(source, html, manifest, reporter, printer)
                run.phases.done("editions")
                manifest["seconds"] = run.phases.record()
                fix_site(html, run.when.when)  # every workbook and deck dated from the source, whoever wrote it
                manifest["published_files"] = file_hashes(html)  # what `verify` checks a copy of the book against
                (html / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
                swap_in(html, output, workspace, cache_dir)
    except Interrupted as exc:
        if exc.progress is None:
            exc.progress = run.progress()
        raise
    except OSError as exc:  # a full disk, a folder made read-only: the site is untouched, say what could not be written
        raise BuildFailed(f"could not write {exc.filename or 'a file'}: {exc.strerror or exc}") from None
    result = BuildResult(output, len(run.seconds), len(run.notebooks) - len(run.seconds), run.phases.elapsed(), False)
    reporter.summary(result)
    return result


# --------------------------------------------------------------------------- make pdf: the PDF edition alone
def default_pdf(scenario: ResolvedScenario) -> Path:
    """``_build/pdf/infantile-spasms-market-<name>.pdf`` (``<name>-set-<hash>`` when overridden, as the site's folder)."""
    return PDF_DIR / editions.pdf_name(published_name(scenario))


def check_pdf_output(output: Path) -> Path:
    """``output`` resolved, or :class:`BuildFailed` (exit 2) when it is not a ``.pdf`` file outside the project's sources."""
    output, project = output.resolve(), PROJECT_ROOT.resolve()
    if output.suffix.lower() != ".pdf":
        raise BuildFailed(f"--output {output}: the PDF edition's file name must end in .pdf", exit_code=2)
    if output.is_dir():
        raise BuildFailed(f"--output {output}: is a folder; name the PDF file", exit_code=2)
    if project in output.parents and BUILD_DIR.resolve() not in output.parents:
        raise BuildFailed(f"--output {output}: inside the project a PDF may only go under {shown(BUILD_DIR)}/ (e.g. {shown(PDF_DIR)}/)",
                          exit_code=2)
    return output


def build_pdf(options: BuildOptions, reporter: Reporter) -> Path:
    """Build the PDF edition for ``options``' scenario from the cached chapters, no site published; the file written.

    :class:`BuildFailed` without the engine (Chromium).
    """
    missing = pdf.engine_missing()
    if missing:
        raise BuildFailed(f"no PDF engine: {missing}")
    run = prepare(options, reporter)
    output = check_pdf_output(options.output or default_pdf(run.scenario))
    run.plan()
    checked_data()
    with Workspace.open(options.cache_dir) as workspace, editions.Printer() as printer:
        def planned(m: dict[str, Any]) -> None:
            m.update(editions={"xlsx": None, "pdf": output.name})
            printer.start()  # Chromium starts while the source is assembled and Sphinx builds the pages

        manifest, source = site_source(run, workspace, lambda: "", planned, escaped(scenario_banner(run.scenario)))
        reporter.step("building HTML with Jupyter Book")  # the pages the book's PDF is printed from; no site published
        site = build_html(source, workspace.folder("html"), run.logs / sphinx_log(run.scenario.params.scenario.name, pdf_only=True),
                          jobs=options.jobs)
        if isinstance(site, SphinxFailure):
            raise BuildFailed("PDF edition: " + site.message())
        reporter.step("printing the PDF edition")
        partial = workspace.folder("pdf") / output.name
        pages = editions.print_book(site, source, manifest, partial, printer=printer)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(partial, output)  # a whole file or none: a reader never opens a half-written PDF under this name
    reporter.end_step()
    reporter.line(f"Built {output}: {pdf.page_count(output)} pages, {len(pages)} chapters; "
                  f"{len(run.seconds)} notebooks executed, {len(run.notebooks) - len(run.seconds)} reused")
    return output
