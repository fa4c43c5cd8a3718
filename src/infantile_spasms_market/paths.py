"""Where everything is: every folder and file name of the project, the site and the cache, written once, and the table of contents.

The project's root is found from this file, or taken from ``$ISM_PROJECT_ROOT`` (read once, at
import): one rule for every folder, so the loaders, the build's hashes and the data pack always
read the same ``data/``. Names inside the published site and inside the cache are relative
(``DOWNLOADS``, ``CACHE_NOTEBOOKS``): a build places them under its own output and cache folders.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_VARIABLE = "ISM_PROJECT_ROOT"
"""The one environment variable: a copy of the project (tests, the benchmark) is built by pointing it there."""

PROJECT_ROOT = Path(os.environ.get(ROOT_VARIABLE) or Path(__file__).resolve().parents[2])
PACKAGE_DIR = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- the project's sources
DATA_DIR = PROJECT_ROOT / "data"
REGISTER_FILE = "register.yaml"  # in DATA_DIR (or any data folder a check is pointed at)


def data_file(name: str) -> str:
    """A data file's project-relative name, as chapters declare what they read: ``events.csv`` -> ``data/events.csv``."""
    return f"{DATA_DIR.name}/{name}"


def table_file(name: str) -> str:
    """A data table's file name in DATA_DIR: ``prices`` -> ``prices.csv``."""
    return f"{name}.csv"


def record_file(name: str) -> str:
    """A data record's file name in DATA_DIR: ``report_headline`` -> ``report_headline.yaml``."""
    return f"{name}.yaml"


PARAMS_DIR = PROJECT_ROOT / "params"
BASE_SCENARIO = PARAMS_DIR / "base.yaml"
TRIANGULATED_SCENARIO = PARAMS_DIR / "triangulated.yaml"  # the book's own estimate
ASSUMPTIONS_LOG = PARAMS_DIR / "assumptions_log.yaml"
NOT_SCENARIOS = (ASSUMPTIONS_LOG.name,)  # files in params/ that are not scenarios
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BOOK_DIR = PROJECT_ROOT / "book"
STATIC_DIR = PROJECT_ROOT / "_static"
FAVICON = STATIC_DIR / "favicon.ico"
CONFIG_NAME, TOC_NAME, REFERENCES_NAME = "_config.yml", "_toc.yml", "references.bib"
BOOK_FILES = (CONFIG_NAME, TOC_NAME, REFERENCES_NAME)
"""The files at the root of a Jupyter Book: configuration, table of contents, bibliography."""
TOC_FILE = PROJECT_ROOT / TOC_NAME
CONFIG_FILE = PROJECT_ROOT / CONFIG_NAME
REFERENCES_FILE = PROJECT_ROOT / REFERENCES_NAME
PROJECT_FILES = (*BOOK_FILES, STATIC_DIR.name, BOOK_DIR.name, DATA_DIR.name, NOTEBOOKS_DIR.name, PARAMS_DIR.name)
"""Everything a build reads from the project besides the package: what a copy of the project holds (tests, benchmark)."""
BENCH_FILE = PROJECT_ROOT / "bench" / "latest.json"  # written by ``make bench``, shown on the Reproducibility page

# --------------------------------------------------------------------------- the build folder
BUILD_DIR = PROJECT_ROOT / "_build"
HTML_DIR = BUILD_DIR / "html"  # the base case's book
SCENARIO_SITES = BUILD_DIR / "scenarios"  # any other scenario's: <name>/html
PDF_DIR = BUILD_DIR / "pdf"  # ``make pdf``
STANDALONE_DOWNLOADS = BUILD_DIR / "chapter-downloads"
"""Where a chapter run on its own (papermill, Jupyter) writes its files: git-ignored, outside the sources."""
CACHE_DIR = PROJECT_ROOT / ".cache"

# --------------------------------------------------------------------------- inside a published site (relative)
DOWNLOADS = "downloads"
FIGURES = f"{DOWNLOADS}/figures"  # each figure's PNG, SVG, CSV and record
THUMBNAIL_SUFFIX = ".thumb.png"  # a figure's small PNG in FIGURES, for the Figures page
SLIDE_SUFFIX = ".slide.png"  # a key figure's PNG without its source line, for its slide (when no native chart fits)
DATA_DOWNLOADS = f"{DOWNLOADS}/data"  # the market table and the bottom-up model
MARKET_TABLE = "market_table"  # stem of the market table's files in DATA_DOWNLOADS
MARKET_PARQUET = f"{DATA_DOWNLOADS}/{MARKET_TABLE}.parquet"
BOTTOM_UP_CSV = "bottom_up.csv"  # in DATA_DOWNLOADS
KEY_NUMBERS = f"{DATA_DOWNLOADS}/key_numbers.json"  # the key numbers as data and the deck's headline lines, written by the summary chapter
SCENARIO_DOWNLOAD = f"{DATA_DOWNLOADS}/scenario.yaml"  # the resolved scenario, written by the build
MANIFEST_FILE = "manifest.json"  # at the site's root: what the build used and every file it wrote
SITE_INDEX = "index.html"  # a built site's (and a singlehtml build's) root page
NOTEBOOK_SOURCES = "notebooks"  # the chapters' folder in the assembled source and the site
GENERATED = f"{BOOK_DIR.name}/_generated"  # the pages' generated parts in the assembled source
SITE_EXTRA = "_site_extra"  # copied to the site's root by Sphinx (html_extra_path)
EDITION_STEM = "infantile-spasms-market-{scenario}"
PRINT_FILE = "print.html"  # the PDF edition's document, in the built site while it is printed
JUPYTER_BOOK_OUTPUT = "_build"  # Jupyter Book writes <--path-output>/_build/<builder>


def shown(path: Path) -> str:
    """``path`` as messages and help show it: relative to the project when inside it (``_build/pdf``)."""
    try:
        return Path(path).resolve().relative_to(PROJECT_ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


def edition_file(scenario: str, suffix: str) -> str:
    """An edition's file name: ``infantile-spasms-market-<scenario><suffix>`` (``.pdf``, ``.xlsx``, ``.pptx``)."""
    return EDITION_STEM.format(scenario=scenario) + suffix


# --------------------------------------------------------------------------- inside the cache (relative)
CACHE_NOTEBOOKS = "notebooks"  # executed chapters by content key
CACHE_SCENARIOS = "scenarios"  # resolved scenario files handed to the chapters
CACHE_LOGS = "logs"
BUILD_LOG, KERNELS_LOG = "build.log", "kernels.log"  # in CACHE_LOGS
CACHE_BUILDS = "builds"  # one scratch folder per running build
CACHE_LOCKS = "locks"  # one lock per output folder
CACHE_JOURNALS = "publish"  # what a publish in progress moved, to undo it after a kill
CACHE_FAILED = "failed"  # the executed copy of a chapter that failed, for debugging
CACHE_TIMINGS = "timings.json"  # how long each chapter took, to start the longest first
OWNER_LOCK = "owner.lock"  # held by the build that owns a scratch folder
STAGING_PREFIX = ".ism-staging-"  # a staging folder beside the output when the cache is on another disk
NOTEBOOK_FILE = "notebook.ipynb"  # in a cache entry and a chapter's working folder
META_FILE = "meta.json"  # in a cache entry
PARAMETERS_FILE = "parameters_read.json"  # in a cache entry: the parameter paths the chapter read (its kernel writes it)
CACHE_READ_SETS = "read-sets"  # in CACHE_NOTEBOOKS: per chapter version, the sets of parameters its runs read
CACHE_FIGURES = "figures"  # the rasters of figures already drawn, by what their SVG holds (:mod:`.figures.save`)
FIGURE_STORE_VARIABLE = "ISM_FIGURE_STORE"  # set by the build for its chapter kernels: where CACHE_FIGURES is
CACHE_RESULTS = "results"  # model results already computed, by the values of the parameters they read (:mod:`.remembered`)
STORE_TEMPORARY_SUFFIX = ".tmp"  # a cache file being written whole, then renamed (``.<name>.<pid>.tmp``): a killed process leaves one
RESULT_STORE_VARIABLE = "ISM_RESULT_STORE"  # set by the build for its chapter kernels: where CACHE_RESULTS is
CACHE_SITE_STATES = "sphinx"  # Sphinx's source, environment and pages of each output's last build
SITE_STATE_FILE = "state.json"  # in a site state: written once its build succeeded


def sphinx_log(scenario: str, pdf_only: bool = False) -> str:
    """The log of one Jupyter Book run in CACHE_LOGS: ``jupyter-book-<scenario>.log`` (``-pdf-`` for ``make pdf``'s)."""
    return f"jupyter-book-{'pdf-' if pdf_only else ''}{scenario}.log"


# --------------------------------------------------------------------------- the table of contents
def _read_toc(toc_file: Path) -> dict:
    import yaml  # here, not at import: every command imports this module

    return yaml.safe_load(Path(toc_file).read_text(encoding="utf-8"))


def toc_documents(toc_file: Path = TOC_FILE) -> list[str]:
    """The book's documents in reading order (root first), as ``_toc.yml`` lists them."""
    toc = _read_toc(toc_file)
    documents = [toc["root"]]

    def walk(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                documents.append(node["file"])
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in toc.items() if k != "root"})
    return documents


def toc_parts(toc_file: Path = TOC_FILE) -> dict[str, str]:
    """``{document: part caption}`` from ``_toc.yml`` (documents outside a part are left out)."""
    return {
        chapter["file"]: part.get("caption", "")
        for part in _read_toc(toc_file).get("parts", [])
        for chapter in part.get("chapters", [])
        if "file" in chapter
    }


def toc_notebooks(toc_file: Path = TOC_FILE, root: Path | None = None) -> list[Path]:
    """The chapter notebooks the table of contents lists, in reading order (missing ones included: the caller checks)."""
    root = PROJECT_ROOT if root is None else root
    prefix = NOTEBOOKS_DIR.name + "/"
    return [root / f"{document}.ipynb" for document in toc_documents(toc_file) if document.startswith(prefix)]
