"""One edit of each kind of input, planned by ``plan()`` on a copy of the project: exactly the chapters that
depend on it execute again, and the site is rebuilt (its key changes) exactly when something it shows changed.

The simulated base build records, for each chapter, the parameters it read: the whole scenario,
except for two chapters given narrower sets (:data:`READ`), so that a parameter edit executes
exactly the chapters that read it.

The copy holds the project's inputs and the package itself (so a package module can be edited); a
fresh Python pointed at it plans the base build once, marks every chapter as executed in a cache
of its own, then applies each edit, plans again and puts the file back. The expected chapters
are written out here from what each chapter reads, not taken from the planner.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

READ = {"landscape": ["scenario.name", "growth.innovation"], "data": ["growth"]}
"""The parameters two chapters are said to have read (every other chapter read the whole scenario)."""
ALL = frozenset({"summary", "segments", "regions", "landscape", "companies", "drivers", "challenges", "trends", "scenarios",
                 "uncertainty", "triangulation", "estimates", "methodology", "data"})
PACKAGE = "src/infantile_spasms_market"

PLANNER = r"""
import json, os, sys
from pathlib import Path
from infantile_spasms_market.bookbuild.cache import NotebookCache
from infantile_spasms_market.paths import PARAMETERS_FILE
from infantile_spasms_market.bookbuild.options import BuildOptions
from infantile_spasms_market.bookbuild.plan import plan, site_key
from infantile_spasms_market.bookbuild.pool import store
from infantile_spasms_market.scenario.resolved import resolve

root, cache = Path(os.environ["ISM_PROJECT_ROOT"]), NotebookCache(Path(sys.argv[1]))
read = json.loads(sys.argv[2])

def planned():
    scenario = resolve()
    notebooks, inputs = plan(scenario, BuildOptions(), cache)
    return notebooks, site_key(scenario.params, notebooks, inputs)

def outcome():
    notebooks, site = planned()
    return {"execute": sorted(n.name for n in notebooks if not n.cached), "site": site}

results = {"first": outcome()}
notebooks, _ = planned()
for n in notebooks:  # the base build ran: every chapter is in the cache, keyed on the parameters it read
    run = Path(sys.argv[1]) / "run" / n.name
    run.mkdir(parents=True)
    (run / "notebook.ipynb").write_text(json.dumps({"cells": [], "metadata": {}}))
    (run / PARAMETERS_FILE).write_text(json.dumps(read.get(n.name, [""])))
    store(n, resolve(), run, 1.0, cache)
results["built"] = outcome()
for name, files in json.load(sys.stdin):
    originals = {path: (root / path).read_bytes() for path in files}
    for path, text in files.items():
        (root / path).write_text(text, encoding="utf-8")
    results[name] = outcome()
    for path, content in originals.items():
        (root / path).write_bytes(content)
results["restored"] = outcome()
print(json.dumps(results))
"""


def edited(root: Path, path: str, old: str, new: str) -> str:
    """The text of ``path`` in ``root`` with ``old`` (which must occur) replaced by ``new`` once."""
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, f"{path} does not contain {old!r}"
    return text.replace(old, new, 1)


def notebook_edit(root: Path, path: str, *, source: bool) -> str:
    """A chapter with one Markdown cell reworded (``source``), or with only its metadata and outputs changed."""
    notebook = json.loads((root / path).read_text(encoding="utf-8"))
    if source:
        cell = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
        cell["source"] = ["A reworded paragraph.\n", *cell["source"]]
    else:
        notebook["metadata"]["edited_by_test"] = True
        code = next(c for c in notebook["cells"] if c["cell_type"] == "code")
        code["execution_count"], code["outputs"] = 7, [{"output_type": "stream", "name": "stdout", "text": ["old output\n"]}]
    return json.dumps(notebook, indent=1)


# name -> (the edit as a function of the copy's root, the chapters that execute again, whether the site is rebuilt)
EDITS = {
    "a parameter of the base scenario": (  # landscape did not read it; data read the whole growth section
        lambda r: {"params/base.yaml": edited(r, "params/base.yaml", "diagnosis: 0.012", "diagnosis: 0.013")}, ALL - {"landscape"}, True),
    "a parameter the narrowest chapter read": (
        lambda r: {"params/base.yaml": edited(r, "params/base.yaml", "innovation: 0.014", "innovation: 0.015")}, ALL, True),
    "a comment in the base scenario file": (
        lambda r: {"params/base.yaml": "# a comment\n" + (r / "params/base.yaml").read_text()}, {"companies", "regions", "summary", "scenarios", "triangulation", "uncertainty", "estimates"}, True),  # their own estimate reads base.yaml
    "another scenario file": (
        lambda r: {"params/pessimistic.yaml": (r / "params/pessimistic.yaml").read_text() + "\n# edited\n"}, {"scenarios"}, True),
    "the assumptions log": (
        lambda r: {"params/assumptions_log.yaml": (r / "params/assumptions_log.yaml").read_text() + "\n# edited\n"},
        {"methodology", "scenarios", "summary"}, True),  # scenarios reads params/*.yaml; the front page names a rating
    "a data file some chapters read": (
        lambda r: {"data/events.csv": (r / "data/events.csv").read_text() + "\n"}, {"companies", "data", "drivers", "landscape", "trends"}, True),
    "a data file of the market model": (
        lambda r: {"data/live_births.csv": (r / "data/live_births.csv").read_text() + "\n"}, ALL, True),
    "a package module": (
        lambda r: {f"{PACKAGE}/model/views.py": (r / PACKAGE / "model/views.py").read_text() + "\n# edited\n"}, ALL, True),
    "a chapter's text": (lambda r: {"notebooks/segments.ipynb": notebook_edit(r, "notebooks/segments.ipynb", source=True)},
                         {"segments"}, True),
    "a chapter's outputs and metadata only": (
        lambda r: {"notebooks/regions.ipynb": notebook_edit(r, "notebooks/regions.ipynb", source=False)}, set(), False),
    "a book page": (lambda r: {"book/about.md": (r / "book/about.md").read_text() + "\nA new sentence.\n"}, set(), True),
    "_config.yml": (lambda r: {"_config.yml": (r / "_config.yml").read_text() + "\n# edited\n"}, set(), True),
    "the stylesheet": (lambda r: {"_static/book.css": (r / "_static/book.css").read_text() + "\n/* edited */\n"}, set(), True),
}


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> dict:
    """What the planner says before any build, after the base build, after each edit and after every edit was undone."""
    base = tmp_path_factory.mktemp("invalidation")
    root = base / "project"
    env = {**os.environ, **copy_project(root)}
    shutil.copytree(ROOT / PACKAGE, root / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    env["PYTHONPATH"] = os.pathsep.join([str(root / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
    edits = [[name, make(root)] for name, (make, _, _) in EDITS.items()]
    result = subprocess.run([sys.executable, "-c", PLANNER, str(base / "cache"), json.dumps(READ)], input=json.dumps(edits), env=env,
                            cwd=base, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_copy_is_planned_from_its_own_package(planned, tmp_path):
    assert planned["first"]["execute"] == sorted(ALL), "a first build executes every chapter"
    assert planned["built"]["execute"] == [], "after the build every chapter is in the cache"


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_executes_exactly_its_chapters_again(planned, edit):
    _, chapters, rebuilt = EDITS[edit]
    assert planned[edit]["execute"] == sorted(chapters)
    site_changed = planned[edit]["site"] != planned["built"]["site"]
    assert site_changed == rebuilt, f"{edit}: the site {'is' if site_changed else 'is not'} rebuilt"


def test_undoing_every_edit_executes_nothing(planned):
    assert planned["restored"] == planned["built"]
