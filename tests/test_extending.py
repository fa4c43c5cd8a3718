"""Extending the model touches only the files named for it: a growth component, and a country.

One temporary copy of the project and of the package gets both, and one build of it must pass:

- a growth component is its declaration (``scenario/sections.py``) and its value and range in
  ``params/base.yaml``: its label, its name in the drivers chapter and its rating in the
  assumptions log are read from the declaration;
- a country is one line of ``inputs/taxonomy.py`` and its data rows: its births (``data/live_births.csv``) and
  its price level (``data/price_levels.csv``), from which its ``countries.price_index`` is derived when the
  scenario file does not give one; the report's own list of countries stays as it is.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import copy_project, run_cli, tree_digest

from infantile_spasms_market.paths import DATA_DOWNLOADS, FIGURES, PACKAGE_DIR

pytestmark = pytest.mark.slow

COMPONENT = '''    telehealth: float = param(
        label="Growth from telehealth", title="Remote care", phrase="remote care",
        description="Growth from diagnosis and follow-up at a distance (a component a test adds)",
        unit="fraction per year",
        rationale="A test's component, none of the report's drivers: zero in the base case",
        basis="assumption",
        ge=-0.2,
        le=0.2,
    )
'''
DISTRIBUTION = ("    growth.telehealth: {kind: triangular, below: 0.002, above: 0.002, "
                "rationale: \"A test's range around no effect at all.\"}\n")
BIRTHS = 'Europe,Netherlands,2023,167504,All live births in the Netherlands (a test\'s row),ons-2024,table 1,\n'
PRICE_LEVEL = ('netherlands,Netherlands,NLD,2021,"ICP price level index, health",81.5,icp-2021,'
               '"record 9080000 (Health), classification PX.WL, economy NLD",\n')


def add_growth_component(root: Path, package: Path) -> None:
    sections = package / "scenario" / "sections.py"
    text = sections.read_text(encoding="utf-8")
    sections.write_text(text.replace("\n\nclass Segments(Strict):", "\n" + COMPONENT + "\n\nclass Segments(Strict):", 1), encoding="utf-8")
    base = root / "params" / "base.yaml"
    text = base.read_text(encoding="utf-8")
    text = re.sub(r"(\n  price_erosion: [^\n]*\n)", r"\1  telehealth: 0.0\n", text, count=1)
    text = text.replace("\n  distributions:\n", "\n  distributions:\n" + DISTRIBUTION, 1)
    base.write_text(text, encoding="utf-8")


def add_country(root: Path, package: Path) -> None:
    taxonomy = package / "inputs" / "taxonomy.py"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(text.replace('        "spain": "Spain",\n', '        "spain": "Spain",\n        "netherlands": "Netherlands",\n', 1),
                        encoding="utf-8")
    for name, row in (("live_births.csv", BIRTHS), ("price_levels.csv", PRICE_LEVEL)):
        path = root / "data" / name
        path.write_text(path.read_text(encoding="utf-8") + row, encoding="utf-8")


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, set[str]]]:
    """A copy of the project and package with a new growth component and a new country, and what each changed."""
    base = tmp_path_factory.mktemp("extended")
    root, code = base / "project", base / "src"
    env = copy_project(root)
    shutil.copytree(PACKAGE_DIR, code / PACKAGE_DIR.name, ignore=shutil.ignore_patterns("__pycache__"))
    env["PYTHONPATH"] = os.pathsep.join([str(code), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])

    def digest() -> dict[str, str]:
        return {**tree_digest(root), **{f"src/{k}": v for k, v in tree_digest(code).items()}}

    def changed_by(addition) -> set[str]:
        before = digest()
        addition(root, code / PACKAGE_DIR.name)
        after = digest()
        return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}

    changed = {"growth component": changed_by(add_growth_component), "country": changed_by(add_country)}
    output = base / "site" / "html"
    result = run_cli("build", "--no-pdf", "--output", str(output), "--cache-dir", str(base / "cache"), env=env)
    assert result.returncode == 0, f"the extended project's build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return output, env, changed


def test_each_addition_touches_only_its_files(extended):
    output, _, changed = extended
    assert changed["growth component"] == {"src/infantile_spasms_market/scenario/sections.py", "params/base.yaml"}
    assert changed["country"] == {"src/infantile_spasms_market/inputs/taxonomy.py",  # one line
                                  "data/live_births.csv", "data/price_levels.csv"}  # its data rows
    taxonomy = Path("inputs") / "taxonomy.py"
    copied = output.parent.parent / "src" / PACKAGE_DIR.name / taxonomy
    edits = [line for line in difflib.ndiff((PACKAGE_DIR / taxonomy).read_text(encoding="utf-8").splitlines(),
                                            copied.read_text(encoding="utf-8").splitlines()) if line[:2] in ("+ ", "- ")]
    assert edits == ['+         "netherlands": "Netherlands",']  # the country's one line of taxonomy, nothing else


def test_the_new_growth_component_reaches_the_drivers_chapter(extended):
    output, _, _ = extended
    impact = pd.read_csv(output / FIGURES / "fig-drivers-impact.csv")
    assert "Remote care" in set(impact["driver"])  # named by its declaration's title
    assert len(impact) == 6
    # the figures' alt texts count and name the components from their declarations, not from a typed list
    tornado = json.loads((output / FIGURES / "fig-drivers-impact.json").read_text(encoding="utf-8"))
    assert "for each of six growth components" in tornado["alt"]
    bridge = json.loads((output / FIGURES / "fig-summary-growth-bridge.json").read_text(encoding="utf-8"))
    assert "(diagnosis, innovation, prevalence, access, price erosion, telehealth), price erosion negative" in bridge["alt"]


def test_the_new_country_is_in_the_market_table_and_the_report_still_names_its_own(extended):
    output, _, _ = extended
    market = pd.read_csv(output / DATA_DOWNLOADS / "market_table.csv")
    rows = ["year", "drug", "dosage"]
    netherlands = market[market["country"] == "Netherlands"].set_index(rows)["value_usd_m"]
    spain = market[market["country"] == "Spain"].set_index(rows)["value_usd_m"]
    assert len(netherlands) == len(spain) and (netherlands.groupby("year").sum() > 0).all()
    # zero only where its neighbour in Europe is zero too (no solid ACTH, no novel therapy before its launch)
    assert not ((netherlands == 0) & (spain.reindex(netherlands.index) > 0)).any()
    bottom_up = pd.read_csv(output / DATA_DOWNLOADS / "bottom_up.csv").set_index("country")
    assert bottom_up.loc["Netherlands", "price_index"] == pytest.approx(0.815)  # its price level in the data, US = 1
    regions = (output / "notebooks" / "regions.html").read_text(encoding="utf-8")
    assert "The report names 19 countries" in " ".join(re.sub(r"<[^>]+>", "", regions).split())  # 19 is glued in a span
