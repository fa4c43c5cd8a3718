"""What a build has to do: the chapters in the table of contents, their cache keys, and the site's key."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..inputs.declared import ALWAYS_READ
from .. import paths
from ..paths import BENCH_FILE, BOOK_DIR, BOOK_FILES, PACKAGE_DIR, PROJECT_ROOT, STATIC_DIR, TOC_FILE, shown
from ..scenario.parameters import Parameters
from ..scenario.resolved import ResolvedScenario
from . import hashing
from .cache import NotebookCache, notebook_key
from .options import BuildFailed, BuildOptions


@dataclass
class NotebookPlan:
    name: str
    source: Path
    key: str
    cached: bool
    reads: dict[str, str]  # the input files the chapter reads, with their hashes
    damaged: str | None = None  # why a stored run was discarded (a file of it changed on disk)


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


def plan(scenario: ResolvedScenario, options: BuildOptions, cache: NotebookCache) -> tuple[list[NotebookPlan], dict[str, Any]]:
    """Cache keys of every chapter and the inputs they were computed from.

    A chapter's key hashes its source, the resolved scenario (parameters, file and overrides), the
    files it declares it reads, the package's code and key library versions: changing one data
    file executes again only the chapters that read it.
    """
    inputs = {
        "scenario": scenario.as_tree(),
        "package_hash": hashing.digest(hashing.tree_hashes(PACKAGE_DIR, ("*.py",))),
        "versions": hashing.package_versions(),
    }
    notebooks = []
    for source in toc_notebooks():
        reads = input_hashes(source, declared_reads(source))
        key = notebook_key(source_hash=hashing.notebook_source_hash(source), reads=reads, **inputs)
        damaged = cache.damage(key) if cache.has(key) else None
        if damaged:
            cache.discard(key)
        cached = cache.has(key) and not options.force
        notebooks.append(NotebookPlan(source.stem, source, key, cached, reads, damaged))
    return notebooks, inputs


def site_key(params: Parameters, notebooks: list[NotebookPlan], inputs: dict[str, Any]) -> str:
    """Key of the whole site: the notebooks' keys plus the hand-written pages and the book config."""
    pages = hashing.tree_hashes(BOOK_DIR)
    config = {name: hashing.file_hash(PROJECT_ROOT / name) for name in BOOK_FILES}
    static = hashing.tree_hashes(STATIC_DIR) if STATIC_DIR.is_dir() else {}
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
