"""Bad input loses nothing: every kind of bad scenario, data file or notebook stops the build with a
short message naming the problem, the right exit code, the previous site byte for byte, and no
half-written files; two builds started at once on one output leave a complete, consistent site."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from conftest import copy_project, run_cli, seeded_cache, tree_digest

from infantile_spasms_market.paths import MANIFEST_FILE, TOC_NAME, toc_documents

pytestmark = pytest.mark.slow

NOTEBOOK = "segments"
FAILURE = "deliberate failure for the test"


@dataclass(frozen=True)
class Published:
    """A project copy and the site built from it (the site every case must leave untouched)."""

    root: Path
    env: dict[str, str]
    output: Path
    cache: Path


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, built_site: Path, cache_dir: Path) -> Published:
    base = tmp_path_factory.mktemp("bad-input")
    seeded_cache(base / "cache", built_site, cache_dir)  # the session's chapters: only Sphinx runs again
    root = base / "project"
    env = copy_project(root)
    output, cache = base / "site" / "html", base / "cache"
    result = run_cli("build", "--output", str(output), "--cache-dir", str(cache), env=env)
    assert result.returncode == 0, f"the clean build failed:\n{result.stderr}"
    return Published(root, env, output, cache)


# --- the ways to break a build: each edits the project copy and returns extra command-line arguments ----

def scenario(text: str) -> Callable[[Path], list[str]]:
    def write(root: Path) -> list[str]:
        path = root / "params" / "broken.yaml"
        path.write_text(text, encoding="utf-8")
        return ["--scenario", str(path)]
    return write


def edit_births(change: Callable[[list[list[str]]], list[list[str]]]) -> Callable[[Path], list[str]]:
    def write(root: Path) -> list[str]:
        path = root / "data" / "live_births.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(change(rows))
        return []
    return write


def births_cell(line: int, value: str) -> Callable[[list[list[str]]], list[list[str]]]:
    """Put ``value`` in the births column on file line ``line`` (the header is line 1)."""
    def change(rows: list[list[str]]) -> list[list[str]]:
        rows[line - 1][rows[0].index("births")] = value
        return rows
    return change


def drop_births_column(rows: list[list[str]]) -> list[list[str]]:
    column = rows[0].index("births")
    return [row[:column] + row[column + 1:] for row in rows]


def delete_births(root: Path) -> list[str]:
    (root / "data" / "live_births.csv").unlink()
    return []


def parameters_cell_position(notebook: dict) -> int:
    """0-based index of the notebook's ``parameters`` cell."""
    return next(i for i, c in enumerate(notebook["cells"]) if "parameters" in c.get("metadata", {}).get("tags", []))


def raising_notebook(root: Path) -> list[str]:
    path = root / "notebooks" / f"{NOTEBOOK}.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].insert(parameters_cell_position(notebook) + 1, {
        "cell_type": "code", "id": "deliberate-failure", "metadata": {}, "outputs": [], "execution_count": None,
        "source": f"raise ValueError({FAILURE!r})",
    })
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return []


def raising_cell_number(root: Path) -> int:
    """1-based position of the inserted failing cell (right after the parameters cell)."""
    notebook = json.loads((root / "notebooks" / f"{NOTEBOOK}.ipynb").read_text(encoding="utf-8"))
    return parameters_cell_position(notebook) + 2


CASES = {
    "malformed YAML scenario": (scenario("growth: {diagnosis: 0.02\n"), 2,
                                "broken.yaml: malformed YAML at line 2, column 1: expected ',' or '}'"),
    "unknown parameter": (scenario("growth:\n  unknown: 1\n"), 2,
                          "growth.unknown: unknown parameter; allowed here: diagnosis, innovation, prevalence, access, price_erosion"),
    "wrong type": (scenario("growth:\n  diagnosis: high\n"), 2,
                   "growth.diagnosis: 'high' is not allowed; must be a number from -0.2 to 0.2"),
    "out-of-range value": (scenario("epidemiology:\n  treated_share:\n    europe: 1.5\n"), 2,
                           "epidemiology.treated_share.europe: 1.5 is not allowed; must be from 0 to 1"),
    "shares do not sum to 1": (scenario("regions:\n  share_2024:\n    europe: 0.3\n"), 2,
                               "regions.share_2024: shares must sum to 1 (they sum to 1.05)"),
    "missing data file": (delete_births, 2, "invalid data: ", "live_births.csv: file not found"),
    "missing column": (edit_births(drop_births_column), 2,
                       "invalid data: live_births.csv: missing column 'births' (expected columns: region, country, year, births,"),
    "negative births": (edit_births(births_cell(4, "-5")), 2,
                        "invalid data: live_births.csv, row 4, column 'births': -5 is not allowed (must be greater than 0)"),
    "text in a number": (edit_births(births_cell(3, "many")), 2,
                         "invalid data: live_births.csv, row 3, column 'births': 'many' is not allowed (must be a whole number greater than 0)"),
    "notebook raises": (raising_notebook, 1, f") failed: ValueError: {FAILURE}"),
}


def break_and_build(published: Published, project_copy, case: str, *, debug: bool = False):
    """Apply one case to a fresh project copy and build it onto the published site."""
    root, env = project_copy
    breaker = CASES[case][0]
    extra = breaker(root)
    prefix = ["--debug"] if debug else []
    return run_cli(*prefix, "build", "--output", str(published.output), "--cache-dir", str(published.cache),
                   *extra, env=env)


def assert_nothing_lost(published: Published, before: dict[str, str]) -> None:
    assert tree_digest(published.output) == before, "the published site changed"
    leftovers = [p.name for p in published.output.parent.iterdir() if p != published.output]
    assert not leftovers, f"files left beside the site: {leftovers}"
    builds = published.cache / "builds"
    work = [p.name for p in builds.iterdir()] if builds.is_dir() else []
    assert not work, f"build work folders left in the cache: {work}"


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_named_and_the_site_is_kept(published, project_copy, case):
    _, exit_code, *phrases = CASES[case]
    before = tree_digest(published.output)
    result = break_and_build(published, project_copy, case)
    assert result.returncode == exit_code, f"exit {result.returncode}, expected {exit_code}:\n{result.stderr}"
    for phrase in phrases:
        assert phrase in result.stderr, f"{phrase!r} not in:\n{result.stderr}"
    if case == "notebook raises":
        cell = raising_cell_number(project_copy[0])
        assert f"notebooks/{NOTEBOOK}, cell {cell} (raise ValueError({FAILURE!r})) failed" in result.stderr
    assert "The published site was not changed." in result.stderr
    assert "Traceback" not in result.stderr, f"a raw traceback without --debug:\n{result.stderr}"
    assert len(result.stderr.splitlines()) <= 15, f"the message is not short:\n{result.stderr}"
    assert_nothing_lost(published, before)


@pytest.mark.parametrize("case", ["unknown parameter", "missing column", "notebook raises"])
def test_debug_shows_the_traceback_and_still_keeps_the_site(published, project_copy, case):
    _, exit_code, *phrases = CASES[case]
    before = tree_digest(published.output)
    result = break_and_build(published, project_copy, case, debug=True)
    assert result.returncode == exit_code, result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert all(phrase in result.stderr for phrase in phrases)
    assert_nothing_lost(published, before)


def test_a_notebook_failing_while_others_wait_is_named(published, project_copy, tmp_path):
    """Nothing cached: the other notebooks are still queued when one fails, and are cancelled cleanly."""
    root, env = project_copy
    raising_notebook(root)
    cache = tmp_path / "cache"
    before = tree_digest(published.output)
    result = run_cli("build", "--output", str(published.output), "--cache-dir", str(cache), "--jobs", "2", env=env)
    assert result.returncode == 1, result.stderr
    cell = raising_cell_number(root)
    assert f"notebooks/{NOTEBOOK}, cell {cell} (raise ValueError({FAILURE!r})) failed: ValueError: {FAILURE}" in result.stderr
    assert "unexpected failure" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert tree_digest(published.output) == before
    assert not list((cache / "builds").iterdir()), "notebook work folders left in the cache"


def test_two_builds_at_once_leave_one_complete_consistent_site(published):
    """Run last in this module: it replaces the published site (with --force)."""
    command = [sys.executable, "-m", "infantile_spasms_market", "build", "--output", str(published.output),
               "--cache-dir", str(published.cache)]
    env = {**os.environ, **published.env}
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command + ["--force"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = []
    for process in (first, second):
        _, stderr = process.communicate(timeout=1800)
        results.append((process.returncode, stderr))
    for returncode, stderr in results:
        refused = returncode != 0 and "another build is writing" in stderr
        assert returncode == 0 or refused, f"exit {returncode}:\n{stderr}"
    assert any(returncode == 0 for returncode, _ in results)

    site = published.output
    manifest = json.loads((site / MANIFEST_FILE).read_text(encoding="utf-8"))
    chapters = [f.split("/")[-1] for f in toc_documents(published.root / TOC_NAME) if f.startswith("notebooks/")]
    assert [n["name"] for n in manifest["notebooks"]] == chapters
    for name in chapters:
        assert (site / "notebooks" / f"{name}.html").is_file(), f"manifest lists {name}, the site has no page for it"
    for page in ("index.html", "search.html", "searchindex.js", "book/figures.html", "book/reproducibility.html"):
        assert (site / page).is_file(), f"{page} missing"
    reproducibility = (site / "book" / "reproducibility.html").read_text(encoding="utf-8")
    assert manifest["source_date"]["time"] in reproducibility, "the Reproducibility page shows another build than manifest.json"
    assert manifest["built_at"] not in reproducibility, "the page shows the clock time of the build (it belongs in manifest.json)"
    for notebook in manifest["notebooks"]:
        assert notebook["key"][:12] in reproducibility
    leftovers = [p.name for p in site.parent.iterdir() if p.name.startswith((".staging", ".html.previous"))]
    assert not leftovers, f"half-written outputs left: {leftovers}"
