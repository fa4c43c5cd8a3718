"""``make pdf``: the PDF edition alone, from the cached chapters (executing only what changed), no site published.

The same steps as the build up to the site (plan, execute, assemble, the HTML), then Chromium;
the site itself stays in the build's temporary folder. The PDF goes to
``_build/pdf/infantile-spasms-market-<scenario>.pdf`` unless ``--output`` names another file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..outputs import pdf
from ..paths import BUILD_DIR, CACHE_LOGS, CACHE_NOTEBOOKS, PDF_DIR, PROJECT_ROOT, shown, sphinx_log
from ..scenario.resolved import ResolvedScenario, resolve
from .assemble import assemble
from .build import checked_data, execute_chapters, manifest_for, scenario_banner
from .cache import NotebookCache
from .editions import pdf_name, print_book
from .jupyterbook import SphinxFailure, build_html
from .options import BuildFailed, BuildOptions
from .output import published_name, writable
from .plan import plan
from .progress import Reporter
from .workspace import Workspace

def default_pdf(scenario: ResolvedScenario) -> Path:
    """``_build/pdf/infantile-spasms-market-<name>.pdf`` (``<name>-set-<hash>`` when overridden, as the site's folder)."""
    return PDF_DIR / pdf_name(published_name(scenario))


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
    """Build the PDF edition for ``options``' scenario; the file written. :class:`BuildFailed` without the engine."""
    from ..scenario.errors import ParameterError

    missing = pdf.engine_missing()
    if missing:
        raise BuildFailed(f"no PDF engine: {missing}")
    try:
        scenario = resolve(options.scenario, options.overrides)
    except ParameterError as exc:
        raise BuildFailed(str(exc), exit_code=2) from None
    output = check_pdf_output(options.output or default_pdf(scenario))
    cache_dir = options.cache_dir
    writable(cache_dir)
    cache = NotebookCache(cache_dir / CACHE_NOTEBOOKS)
    notebooks, inputs = plan(scenario, options, cache)
    checked_data()
    with Workspace.open(cache_dir) as workspace:
        seconds = execute_chapters(scenario, notebooks, options, cache, reporter, workspace)
        manifest = manifest_for(scenario, notebooks, inputs, "", seconds, cache)
        manifest["editions"] = {"xlsx": None, "pdf": output.name}
        reporter.step("assembling the site source")
        source = assemble(workspace.folder("source"), [(n.name, cache.entry(n.key)) for n in notebooks], manifest,
                          scenario_banner(scenario))
        reporter.step("building HTML with Jupyter Book")
        log = cache_dir / CACHE_LOGS / sphinx_log(scenario.params.scenario.name, pdf_only=True)
        site = build_html(source, workspace.folder("html"), log)
        if isinstance(site, SphinxFailure):
            raise BuildFailed("PDF edition: " + site.message())
        reporter.step("printing the PDF edition")
        partial = workspace.folder("pdf") / output.name
        pages = print_book(site, source, manifest, partial)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(partial, output)  # a whole file or none: a reader never opens a half-written PDF under this name
    reporter.line(f"Built {output}: {pdf.page_count(output)} pages, {len(pages)} chapters; "
                  f"{len(seconds)} notebooks executed, {len(notebooks) - len(seconds)} reused")
    return output
