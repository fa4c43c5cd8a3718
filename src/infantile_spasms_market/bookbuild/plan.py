"""What a build has to do: the chapters in the table of contents, their cache keys, and the site's key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..outputs.benchmark_page import BENCH_FILE
from ..paths import BASE_SCENARIO, PACKAGE_DIR, PROJECT_ROOT
from ..scenario.parameters import Parameters
from . import hashing
from .cache import NotebookCache, notebook_key
from .options import BuildFailed, BuildOptions

BOOK_INPUTS = ("_config.yml", "_toc.yml", "references.bib")


@dataclass
class NotebookPlan:
    name: str
    source: Path
    key: str
    cached: bool



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
