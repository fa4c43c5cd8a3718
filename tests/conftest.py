"""Shared fixtures: the project's paths, figures closed after each test, and the book built once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # this process draws to files only (the chapters' kernels keep their inline backend)
ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium")
BROWSER_SKIP_REASON = "Chromium not found; apt-get install chromium"
# In CI a missing browser fails the browser tests: a green CI run must have checked the pages.
IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}
if "mutmut" in sys.modules or IN_CI:
    # Under mutmut and in CI every run draws the same Hypothesis examples and remembers none: a verdict is the code's
    # (the mutant's), never a new example found in one run and not another, nor an old failure replayed from a database.
    # A developer's own runs keep drawing new examples.
    from hypothesis import settings

    settings.register_profile("fixed", derandomize=True, database=None)
    settings.load_profile("fixed")
BROWSER_CI_FAILURE = "Chromium not found on the PATH and CI=true: the browser tests cannot be skipped in CI (apt-get install chromium)"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ that the package reads instead of the project's (a new version of every file, so nothing read
    before is reused): a test edits it to read other inputs."""
    from infantile_spasms_market import paths

    shutil.copytree(paths.DATA_DIR, tmp_path / "data")
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture(autouse=True)
def close_figures():
    """Every figure a test draws is closed after it: pyplot keeps each one open until told."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(autouse=True)
def no_declared_reads():
    """A test that opens a chapter declares that chapter's reads: forget them, so later tests may read any file."""
    from infantile_spasms_market.inputs import declared

    yield
    declared.forget()


@pytest.fixture(autouse=True)
def memo_forgotten_under_mutmut():
    """Under mutmut every test starts with the data readers' memo empty, so a memoised function runs in each test that
    needs it: mutmut records a function against the tests that call it (a warm memo hid it from all but the first) and
    forks each mutant from the process that ran the clean tests (whose memo holds the unmutated results)."""
    if "mutmut" in sys.modules:
        from infantile_spasms_market.inputs import files

        files.forget_memo()
    yield


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the tests marked ``browser`` when no ``chromium`` is on the PATH (and say so loudly at the end); in CI they fail instead.

    Under mutmut, the tests likeliest to kill the mutant go first (:func:`order_for_mutant`).
    """
    order_for_mutant(items, os.environ.get("MUTANT_UNDER_TEST", ""))
    if "mutmut" in sys.modules:
        skipped = [item for item in items if item.nodeid in NOT_UNDER_MUTMUT]
        if skipped:
            config.hook.pytest_deselected(items=skipped)
            items[:] = [item for item in items if item.nodeid not in NOT_UNDER_MUTMUT]
    if CHROMIUM or IN_CI:
        return
    skip = pytest.mark.skip(reason=BROWSER_SKIP_REASON)
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


# Tests mutmut leaves out, each with why (tests/MUTATION.md).
NOT_UNDER_MUTMUT = {
    # A Monte Carlo run of 400 draws for each of 40 examples: 20 to 30 seconds on every survivor of every model function.
    # (It failed without any mutant until a bottom-up market with no infant treated was refused when read.)
    "tests/model/test_properties.py::test_a_scenarios_own_values_lie_between_p5_and_p95_of_its_own_draws_in_every_year",
}

# Where mutmut's tests of a mutant look first: the model's own tests, then the wider ones.
MUTATION_TEST_ORDER = ("tests/model/", "tests/scenario/", "tests/inputs/", "tests/analysis/")


def order_for_mutant(items: list[pytest.Item], mutant: str) -> None:
    """When ``mutant`` names a mutmut mutant, put the tests likeliest to kill it soonest first; the same tests run.

    mutmut runs every test that reaches the mutated function with ``-x``: the order decides only how soon
    a killed mutant stops, never a verdict. A file named after the mutated module goes first, then the
    model's, scenario, inputs and analysis files, each group from its cheapest file (the durations mutmut
    recorded in ``mutmut-stats.json``, fixtures not counted); each file's tests stay together and in
    their order (module fixtures are built once). Without a mutant under test nothing moves.
    """
    if "__mutmut_" not in mutant:
        return
    import json

    module = mutant.split(".x_")[0].split(".x\u01c1")[0].rsplit(".", 1)[-1]
    stats = Path("mutmut-stats.json")
    durations = json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {}) if stats.is_file() else {}
    cost: dict[str, float] = {}
    for item in items:
        path = item.nodeid.split("::")[0]
        cost[path] = cost.get(path, 0.0) + durations.get(item.nodeid, 0.0)

    def rank(indexed: tuple[int, pytest.Item]) -> tuple[int, int, float, int]:
        index, item = indexed
        path = item.nodeid.split("::")[0]
        named = 0 if module in Path(path).stem.removeprefix("test_") else 1
        place = next((i for i, folder in enumerate(MUTATION_TEST_ORDER) if path.startswith(folder)), len(MUTATION_TEST_ORDER))
        return named, place, cost[path], index

    items[:] = [item for _, item in sorted(enumerate(items), key=rank)]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """In CI (``CI=true``), a browser test without Chromium fails before its fixtures build anything."""
    if IN_CI and not CHROMIUM and item.get_closest_marker("browser"):
        pytest.fail(BROWSER_CI_FAILURE, pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config):
    """A red banner when browser tests were skipped for want of Chromium: a green run did not check the pages.

    Written after pytest's own summary (outermost wrapper), so it is the last thing before the counts.
    """
    result = yield
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if BROWSER_SKIP_REASON in str(r.longrepr)]
    if skipped:
        terminalreporter.write_sep(
            "!", f"BROWSER TESTS SKIPPED ({len(skipped)}): {BROWSER_SKIP_REASON}", red=True, bold=True
        )
    return result


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: int = 1800) -> subprocess.CompletedProcess:
    """Run ``python -m infantile_spasms_market ARGS`` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "infantile_spasms_market", *args],
        cwd=cwd, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    """The notebook cache tests share: content-addressed, so reusing the project's is safe and fast."""
    return Path(os.environ.get("ISM_TEST_CACHE", ROOT / ".cache"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The base book built end to end into a temporary folder (once per session)."""
    output = tmp_path_factory.mktemp("base-site") / "html"
    result = run_cli("build", "--output", str(output), "--cache-dir", str(cache_dir))
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return output


def copy_project(root: Path) -> dict[str, str]:
    """Copy the project's inputs into ``root`` (new); the environment that points the package at the copy.

    The inputs come from ``$ISM_PROJECT_ROOT`` when set (the project the whole run builds), else the repo.
    """
    from infantile_spasms_market.paths import PROJECT_FILES, ROOT_VARIABLE

    origin = Path(os.environ.get(ROOT_VARIABLE) or ROOT)
    root.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = origin / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "_generated"))
        else:
            shutil.copy2(source, root / name)
    return {ROOT_VARIABLE: str(root)}


@pytest.fixture
def project_copy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A private copy of the project's inputs, and the environment that points the package at it.

    Tests that break a notebook, a data file or a scenario work on the copy, never on the project.
    """
    root = tmp_path / "project"
    return root, copy_project(root)


def seeded_cache(cache: Path, site: Path, source: Path) -> Path:
    """A private notebook cache holding the chapters of the session's built ``site`` (copied: a test may break it).

    A copy of the project has the same cache keys (they hash project-relative paths and contents),
    so a module's clean build of its copy reuses them instead of executing every chapter again.
    """
    import json

    from infantile_spasms_market.bookbuild.cache import NotebookCache
    from infantile_spasms_market.paths import CACHE_NOTEBOOKS, MANIFEST_FILE

    theirs, mine = NotebookCache(source / CACHE_NOTEBOOKS), NotebookCache(cache / CACHE_NOTEBOOKS)
    for notebook in json.loads((site / MANIFEST_FILE).read_text(encoding="utf-8"))["notebooks"]:
        if theirs.has(notebook["key"]) and not mine.has(notebook["key"]):
            shutil.copytree(theirs.entry(notebook["key"]), mine.entry(notebook["key"]))
    return cache


def tree_digest(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under ``folder`` (to prove a site did not change)."""
    import hashlib

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# A second scenario that moves every part of the model, given as overrides so the test does not
# depend on any scenario file: chapters must execute under it and their numbers must move.
ALTERNATIVE_OVERRIDES = (
    "scenario.name=alt-test",
    "scenario.title=Test alternative",
    "growth.diagnosis=0.02",
    "growth.price_erosion=-0.012",
    "regions.share_2024.north_america=0.40",
    "regions.share_2024.europe=0.29",
    "segments.drug_growth_differential.acth=-0.05",
    "epidemiology.incidence_per_1000=0.31",
    "trends.novel_therapy.enabled=true",
    "trends.novel_therapy.launch_year=2027",
)


@pytest.fixture(scope="session")
def built_alternative_site(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The book built for :data:`ALTERNATIVE_OVERRIDES` (once per session)."""
    output = tmp_path_factory.mktemp("alt-site") / "html"
    overrides = [arg for o in ALTERNATIVE_OVERRIDES for arg in ("--set", o)]
    result = run_cli("build", "--output", str(output), "--cache-dir", str(cache_dir), *overrides)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return output
