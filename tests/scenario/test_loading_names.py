"""The names scenario files publish under (``shipped_names``) and the refusal of a user's scenario that takes one.

Known answers on a folder of scenario files written here, and on the shipped ``params/`` folder: which name each file
publishes under, and the exact message (with the fix it suggests) for a scenario from elsewhere named like a shipped one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import infantile_spasms_market
from infantile_spasms_market.paths import PARAMS_DIR
from infantile_spasms_market.scenario import loading


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> dict[str, Path]:
    """Scenario files, each publishing under a name found another way."""
    return {
        "base": write(tmp_path, "base.yaml", "scenario:\n  name: reference\n"),  # base.yaml is 'base', whatever it says
        "named": write(tmp_path, "named.yaml", "scenario:\n  name: other-name\n"),
        "my-view": write(tmp_path, "My View.yaml", "growth:\n  diagnosis: 0.02\n"),  # no section: its file name's
        "broken": write(tmp_path, "broken.yaml", "scenario: [unclosed\n"),  # cannot be read: its file name's
        "listy": write(tmp_path, "listy.yaml", "scenario:\n  - name\n"),  # a section that is not one: its file name's
        "twin-a": write(tmp_path, "twin-a.yaml", "scenario:\n  name: twin\n"),
        "twin-b": write(tmp_path, "twin-b.yaml", "scenario:\n  name: twin\n"),  # the name is taken by the first file
        "none": write(tmp_path, "123.yaml", "growth:\n  diagnosis: 0.02\n"),  # no name can be made: none published
        "log": write(tmp_path, "assumptions_log.yaml", "scenario:\n  name: log\n"),  # not a scenario file at all
    }


def test_each_file_publishes_under_its_own_name_else_its_file_names(folder):
    names = loading.shipped_names(folder["base"].parent)
    assert names == {
        "base": folder["base"], "other-name": folder["named"], "my-view": folder["my-view"], "broken": folder["broken"],
        "listy": folder["listy"], "twin": folder["twin-a"],
    }
    assert loading.scenario_files(folder["base"].parent)[0] == folder["base"]


def test_the_shipped_scenarios_names():
    assert loading.shipped_names() == {
        "base": PARAMS_DIR / "base.yaml", "acth_generic_erosion": PARAMS_DIR / "acth_generic_erosion.yaml",
        "novel_therapy": PARAMS_DIR / "novel_therapy.yaml", "optimistic": PARAMS_DIR / "optimistic.yaml",
        "pessimistic": PARAMS_DIR / "pessimistic.yaml", "triangulated": PARAMS_DIR / "triangulated.yaml",
    }


def scenario(name: str, file: str | Path) -> SimpleNamespace:
    """What :func:`.taken_name` reads of a resolved scenario: its name and the file it came from."""
    return SimpleNamespace(params=SimpleNamespace(scenario=SimpleNamespace(name=name)), file=str(file))


CONSEQUENCE = "its book would be published into {name}'s folder"


def test_a_shipped_scenario_may_publish_under_its_own_name_wherever_the_build_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a path relative to the project, not to the working folder
    assert loading.taken_name(scenario("pessimistic", "params/pessimistic.yaml"), CONSEQUENCE) is None
    assert loading.taken_name(scenario("pessimistic", PARAMS_DIR / "pessimistic.yaml"), CONSEQUENCE) is None
    assert loading.taken_name(scenario("my-own", tmp_path / "my-own.yaml"), CONSEQUENCE) is None  # no shipped name


def test_a_file_named_like_a_shipped_scenario_is_told_to_rename_the_file(tmp_path):
    file = write(tmp_path, "pessimistic.yaml", "growth:\n  diagnosis: 0.02\n")
    assert loading.taken_name(scenario("pessimistic", file), CONSEQUENCE) == (
        f"scenario.name: {file} is named 'pessimistic', the name of the shipped scenario params/pessimistic.yaml; "
        "its book would be published into pessimistic's folder. Give your scenario a name of its own: rename the file "
        "(e.g. to my-pessimistic.yaml) or name it in a section 'scenario: {name: my-pessimistic}'")


@pytest.mark.parametrize("file_name", ["mine.yaml", "pessimistic.yaml"])
def test_a_file_naming_itself_like_a_shipped_scenario_is_told_to_change_its_name(tmp_path, file_name):
    file = write(tmp_path, file_name, "scenario:\n  name: pessimistic\n")
    assert loading.taken_name(scenario("pessimistic", file), CONSEQUENCE) == (
        f"scenario.name: {file} is named 'pessimistic', the name of the shipped scenario params/pessimistic.yaml; "
        "its book would be published into pessimistic's folder. Give your scenario a name of its own: change its "
        "'scenario: name: pessimistic' to a name of its own (e.g. my-pessimistic)")


def test_names_are_read_from_files_in_utf_8_under_any_locale(tmp_path):
    # as a scenario is loaded (test_loading_known_answers), its name is looked up the same in a plain C locale
    write(tmp_path, "base.yaml", "scenario:\n  name: base\n")
    write(tmp_path, "cafe.yaml", "scenario:\n  name: cafe\n  title: Café – a view\n")
    source = Path(infantile_spasms_market.__file__).parents[1]  # the package under test (a mutant's copy under mutmut)
    code = ("import sys\nfrom pathlib import Path\nfrom infantile_spasms_market.scenario.loading import shipped_names\n"
            "print(sorted(shipped_names(Path(sys.argv[1]))))\n")
    env = {**os.environ, "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0", "PYTHONPATH": str(source)}
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path)], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "['base', 'cafe']"
