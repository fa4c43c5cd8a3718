"""What a build has to do: the chapters in the table of contents, their cache keys, and the site's key."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..inputs import declared
from ..inputs.declared import ALWAYS_READ
from .. import paths
from ..paths import BENCH_FILE, BOOK_DIR, BOOK_FILES, PACKAGE_DIR, PROJECT_ROOT, STATIC_DIR, TOC_FILE, shown
from ..scenario.parameters import Parameters
from ..scenario.resolved import ResolvedScenario
from . import hashing
from .cache import NotebookCache, chapter_key, notebook_key
from .options import BuildFailed, BuildOptions


@dataclass
class NotebookPlan:
    name: str
    source: Path
    key: str | None  # None until the chapter has run: its key holds the parameters it read
    cached: bool
    reads: dict[str, str]  # the input files the chapter reads, with their hashes
    damaged: str | None = None  # why a stored run was discarded (a file of it changed on disk)
    static_key: str = ""  # what the key holds besides the parameters (:func:`.cache.notebook_key`)
    parameters: list[str] | None = None  # the parameter paths the chapter read (its cached run's, or this run's)


def toc_notebooks() -> list[Path]:
    """The chapter notebooks the table of contents lists, in reading order; :class:`BuildFailed` when one is missing."""
    notebooks = paths.toc_notebooks()
    missing = [shown(p) for p in notebooks if not p.is_file()]
    if missing:
        raise BuildFailed(f"{TOC_FILE.name} lists notebooks that do not exist: {', '.join(missing)}", exit_code=2)
    return notebooks


def declared_reads(notebook: Path) -> tuple[str, ...]:
    """The input files a chapter declares in its ``open_chapter(..., reads=[...])`` call (project-relative patterns).

    Read from the notebook's code without running it, so the build knows each chapter's inputs
    before executing anything.
    """
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    name = shown(notebook)
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue  # IPython magics; the chapter's setup cell is plain Python
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "open_chapter":
                reads = next((k.value for k in node.keywords if k.arg == "reads"), None)
                if reads is None:
                    return ()
                try:
                    value = ast.literal_eval(reads)
                except ValueError:
                    raise BuildFailed(f"{name}: open_chapter(reads=...) must be a literal list of paths", exit_code=2) from None
                return tuple(str(v) for v in value)
    raise BuildFailed(f"{name}: no open_chapter(...) call, so the chapter's inputs are unknown", exit_code=2)


def input_hashes(notebook: Path, patterns: tuple[str, ...]) -> dict[str, str]:
    """``{project-relative path: sha256}`` of the files matching a chapter's declared reads (and the model's own)."""
    hashes: dict[str, str] = {}
    for pattern in (*ALWAYS_READ, *patterns):
        matches = sorted(p for p in PROJECT_ROOT.glob(pattern) if p.is_file())
        if not matches and pattern in ALWAYS_READ:  # the model's own input: missing data, not a chapter's mistake
            raise BuildFailed(f"invalid data: {PROJECT_ROOT / pattern}: file not found", exit_code=2)
        if not matches:
            raise BuildFailed(f"{shown(notebook)}: open_chapter(reads=...) names {pattern!r}, which matches no file", exit_code=2)
        hashes.update({p.relative_to(PROJECT_ROOT).as_posix(): hashing.file_hash(p) for p in matches})
    return dict(sorted(hashes.items()))


def parameter_values(scenario: ResolvedScenario, paths: list[str]) -> dict[str, Any] | None:
    """What a chapter's key holds of the scenario: the values at the parameter ``paths`` it read (None if one no longer exists).

    Also the overrides of those parameters as written: a figure names the overrides of the
    parameters its chapter read (``Chapter.label``). :data:`..inputs.declared.OVERRIDES` stands
    for all of them (a chapter that lists them). And the scenario file as given, which the
    executed notebook's parameters cell shows.
    """
    values: dict[str, Any] = {}
    for path in paths:
        if path == declared.OVERRIDES:
            values[path] = list(scenario.overrides)
            continue
        try:
            values[path] = scenario.params.resolved() if path == "" else scenario.params.value_at(path)
        except KeyError:
            return None
    values["@overrides-read"] = declared.overrides_read(scenario.overrides, paths)
    values["@file"] = scenario.file  # the executed notebook's parameters cell names it
    return values


def key_after_run(static_key: str, scenario: ResolvedScenario, paths: list[str] | None) -> tuple[str, list[str]]:
    """A run's key from the parameter paths it read (None, nothing recorded: the whole scenario), and those paths."""
    paths = declared.minimal([""] if paths is None else paths)
    values = parameter_values(scenario, paths)
    if values is None:  # a path the chapter read that the scenario does not have: key on everything instead
        paths = [""]
        values = parameter_values(scenario, paths)
    return chapter_key(static_key, values), paths


def cached_run(static_key: str, scenario: ResolvedScenario, cache: NotebookCache) -> tuple[str, list[str]] | None:
    """The key and parameters of a stored run of this chapter version that read the same values as ``scenario`` has (None: none)."""
    for paths in cache.read_sets(static_key):
        values = parameter_values(scenario, paths)
        if values is not None and cache.has(key := chapter_key(static_key, values)):
            return key, paths
    return None


def plan(scenario: ResolvedScenario, options: BuildOptions, cache: NotebookCache) -> tuple[list[NotebookPlan], dict[str, Any]]:
    """Cache keys of every chapter and the inputs they were computed from.

    A chapter's key hashes its source, the files it declares it reads, the package's code and key
    library versions, and the values of the parameters it read when it ran: changing one data
    file executes again only the chapters that read it, and changing one parameter only the
    chapters that read that parameter. A chapter with no stored run gets its key when it has run.
    """
    inputs = {
        "package_hash": hashing.digest(hashing.tree_hashes(PACKAGE_DIR, ("*.py",))),
        "versions": hashing.package_versions(),
    }
    notebooks = []
    for source in toc_notebooks():
        reads = input_hashes(source, declared_reads(source))
        static_key = notebook_key(source_hash=hashing.notebook_source_hash(source), reads=reads, **inputs)
        found = cached_run(static_key, scenario, cache)
        key, parameters = found if found else (None, None)
        damaged = cache.damage(key) if key else None
        if damaged:
            cache.discard(key)
            key, parameters = None, None
        cached = key is not None and not options.force
        notebooks.append(NotebookPlan(source.stem, source, key if cached else None, cached, reads, damaged, static_key,
                                      parameters if cached else None))
    return notebooks, {**inputs, "scenario": scenario.as_tree()}


def site_key(params: Parameters, notebooks: list[NotebookPlan], inputs: dict[str, Any]) -> str:
    """Key of the whole site: the notebooks' keys plus the hand-written pages and the book config."""
    pages = hashing.tree_hashes(BOOK_DIR)
    config = {name: hashing.file_hash(PROJECT_ROOT / name) for name in BOOK_FILES}
    static = hashing.tree_hashes(STATIC_DIR) if STATIC_DIR.is_dir() else {}
    benchmark = hashing.file_hash(BENCH_FILE) if BENCH_FILE.is_file() else None  # shown on Reproducibility
    return hashing.digest(
        {
            "scenario_tree": inputs["scenario"],  # the banner, the manifest and the editions' names show it
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
