"""A chapter reused after one parameter changed is exactly what executing it again gives (for each benchmark parameter).

The base book is built once; for each parameter ``make bench`` changes, the build's plan says
which chapters it reuses from the cache. Those chapters are then executed anyway, in a cache of
their own, with that parameter changed: each run must read the same parameters with the same
values (so it lands on the key the plan reused), and its outputs must equal the reused ones: every
cell's output, the parameters cell it publishes (scenario file and the overrides it read), every
figure (PNG, SVG, CSV, record) and every download, byte for byte. And the chapters a change
executes give the same outputs whether their figures' rasters come from the figure store or are
drawn again, and whether the model's results come from the result store or are computed again.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from infantile_spasms_market.bookbuild.cache import NOTEBOOK_FILE, NotebookCache
from infantile_spasms_market.bookbuild.options import BuildOptions
from infantile_spasms_market.bookbuild.plan import plan
from infantile_spasms_market.bookbuild.pool import execute_all
from infantile_spasms_market.bookbuild.progress import Reporter
from infantile_spasms_market.bookbuild.workspace import Workspace
from infantile_spasms_market.paths import CACHE_FIGURES, CACHE_RESULTS, CACHE_READ_SETS
from infantile_spasms_market.scenario.resolved import resolve, write_resolved

sys.path.insert(0, str(ROOT / "bench"))
from measures import ONE_PARAMETER_CHANGES  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_cache(tmp_path_factory) -> Path:
    """A cache holding the base book's chapters (the first build of the benchmark)."""
    work = tmp_path_factory.mktemp("reuse")
    result = run_cli("build", "--no-pdf", "--output", str(work / "site" / "html"), "--cache-dir", str(work / "cache"))
    assert result.returncode == 0, result.stderr
    return work / "cache"


def outputs(entry: Path) -> dict[str, object]:
    """What a stored run shows: each cell's outputs (no counts or timings), the parameters it says it was given, every file it wrote."""
    notebook = json.loads((entry / NOTEBOOK_FILE).read_text(encoding="utf-8"))
    shown: dict[str, object] = {
        f"cell {i}": [{k: v for k, v in o.items() if k not in ("execution_count", "metadata")} for o in cell.get("outputs", [])]
        for i, cell in enumerate(notebook["cells"])
    }
    shown["parameters cell"] = [c["source"] for c in notebook["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    for path in sorted((entry / "downloads").rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            shown[path.relative_to(entry).as_posix()] = content  # SVG too: its ids are fixed (reproducible builds)
    return shown


@pytest.mark.parametrize("change", ONE_PARAMETER_CHANGES)
def test_a_reused_chapter_equals_executing_it_again(base_cache, tmp_path, change):
    scenario = resolve(None, [change])
    cache = NotebookCache(base_cache / "notebooks")
    reused = [n for n in plan(scenario, BuildOptions(cache_dir=base_cache), cache)[0] if n.cached]
    if not reused:
        pytest.skip(f"{change}: every chapter read it, none is reused")
    stored = {n.name: n.key for n in reused}
    fresh_cache = NotebookCache(tmp_path / "cache" / "notebooks")
    options = BuildOptions(cache_dir=tmp_path / "cache", jobs=2)
    for n in reused:
        n.cached, n.key = False, None
    with Workspace.open(tmp_path / "cache") as workspace:
        scenario_file = write_resolved(scenario, tmp_path / "scenario.yaml")
        execute_all(reused, scenario, scenario_file, options, fresh_cache, Reporter(), workspace)
    for n in reused:
        assert n.key == stored[n.name], f"{n.name}: executed with {change}, it read other parameters or values than the run reused"
        again, kept = outputs(fresh_cache.entry(n.key)), outputs(cache.entry(stored[n.name]))
        assert again.keys() == kept.keys(), f"{n.name}: other files"
        different = [name for name in kept if again[name] != kept[name]]
        assert not different, f"{n.name} with {change}: the reused run differs from executing it again in {different}"


FIGURE_STORE_CHANGES = tuple(c for c in ONE_PARAMETER_CHANGES if c.startswith(("growth.", "companies.")))
"""Two of the benchmark's changes suffice for the figure store: one that moves every chapter's market table (most
figures drawn again, a few served) and one that reruns a few chapters (most figures served). Each run executes its
chapters twice, so all five would add many minutes to CI for no other path of the store."""


def execute_changed(scenario, base_cache: Path, cache_dir: Path, tmp_path: Path) -> dict[str, tuple[str, dict[str, object]]]:
    """Execute, in ``cache_dir``, the chapters the base cache does not hold for ``scenario``: each one's key and outputs."""
    todo = [n for n in plan(scenario, BuildOptions(cache_dir=base_cache), NotebookCache(base_cache / "notebooks"))[0]
            if not n.cached]
    fresh = NotebookCache(cache_dir / "notebooks")
    with Workspace.open(cache_dir) as workspace:
        execute_all(todo, scenario, write_resolved(scenario, tmp_path / "scenario.yaml"), BuildOptions(cache_dir=cache_dir, jobs=2),
                    fresh, Reporter(), workspace)
    return {n.name: (n.key, outputs(fresh.entry(n.key))) for n in todo}


def assert_same_outputs(executed: dict[str, dict], change: str, how: str) -> None:
    """The chapters executed with a warm store and with an empty one show the same outputs, chapter by chapter."""
    assert executed["warm"].keys() == executed["empty"].keys()
    for name, (_, shown) in executed["empty"].items():
        warm = executed["warm"][name][1]
        assert warm.keys() == shown.keys(), f"{name}: other files"
        different = [part for part in shown if warm[part] != shown[part]]
        assert not different, f"{name} with {change}: {how} in {different}"


@pytest.mark.parametrize("change", FIGURE_STORE_CHANGES)
def test_figures_from_the_store_equal_drawing_them_again(base_cache, tmp_path, change):
    """The chapters a change executes, run with the base build's figure store and with an empty one: the same outputs.

    The first run takes the rasters of every figure whose SVG is unchanged from the store; the
    second draws every figure. Every cell output, figure (PNG, SVG, CSV, record) and download must
    be the same bytes, and the store must have served some figures (else nothing was tested).
    """
    scenario = resolve(None, [change])
    shutil.copytree(base_cache / CACHE_FIGURES, tmp_path / "warm" / CACHE_FIGURES)
    executed = {store: execute_changed(scenario, base_cache, tmp_path / store, tmp_path) for store in ("warm", "empty")}
    drawn = len(list((tmp_path / "warm" / CACHE_FIGURES).glob("*/*"))) - len(list((base_cache / CACHE_FIGURES).glob("*/*")))
    figures = sum(1 for _, shown in executed["empty"].values() for name in shown if name.endswith(".svg"))
    assert drawn < figures, f"{change}: the store served no figure ({drawn} of {figures} drawn)"
    assert_same_outputs(executed, change, "figures from the store differ from drawing them")


UNUSED = 1_000_000_000  # the base results' modification time in the warm store: one read there is touched (os.utime)


def kept_results(store: Path) -> dict[str, os.stat_result]:
    return {p.name: p.stat() for p in store.glob("*/*") if p.parent.name != CACHE_READ_SETS}


@pytest.mark.parametrize("change", [c for c in ONE_PARAMETER_CHANGES if c.startswith("growth.")])
def test_results_from_the_store_equal_computing_them_again(base_cache, tmp_path, change):
    """The chapters a change executes, run with the base build's result store and with an empty one: the same outputs.

    Every chapter lands on the same key (it read the same parameters with the same values), and every cell
    output, figure and download is the same bytes. The warm run must have read some of the base build's results:
    a result read is touched in place (the same file, a new modification time), one computed again would be written
    anew (another file), so a store that always missed fails here.
    """
    scenario = resolve(None, [change])
    warm = tmp_path / "warm" / CACHE_RESULTS
    shutil.copytree(base_cache / CACHE_RESULTS, warm)
    for path in warm.glob("*/*"):
        os.utime(path, ns=(UNUSED * 10**9, UNUSED * 10**9))
    base = kept_results(warm)
    executed = {store: execute_changed(scenario, base_cache, tmp_path / store, tmp_path) for store in ("warm", "empty")}
    after = kept_results(warm)
    rewritten = [name for name in base if name in after and after[name].st_ino != base[name].st_ino]
    read = [name for name in base if name in after and after[name].st_ino == base[name].st_ino
            and after[name].st_mtime_ns != base[name].st_mtime_ns]
    assert not rewritten, f"{change}: {len(rewritten)} of the base build's results were computed again, not read"
    assert read, f"{change}: no result of the base build was read from the store"
    assert kept_results(tmp_path / "empty" / CACHE_RESULTS).keys() & base.keys(), f"{change}: the results kept have other keys"
    assert {name: key for name, (key, _) in executed["warm"].items()} == \
        {name: key for name, (key, _) in executed["empty"].items()}, "a chapter given kept results read other parameters or values"
    assert_same_outputs(executed, change, "results from the store differ from computing them")
