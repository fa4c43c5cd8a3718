"""open_chapter: the one call a notebook makes, and how it reads what papermill passes it."""

from __future__ import annotations

import pytest

from infantile_spasms_market.chapter import (
    PARAMETERS,
    STANDALONE_DOWNLOADS,
    check_parameters,
    injected_parameters,
    open_chapter,
)
from infantile_spasms_market.scenario.errors import ParameterError


def test_open_chapter_applies_overrides(tmp_path):
    chapter = open_chapter("params/base.yaml", '["growth.diagnosis=0.02"]', tmp_path)
    assert chapter.params.growth.diagnosis == 0.02
    assert not chapter.is_base, "the base file with an override is not the base case"
    assert open_chapter("params/base.yaml", [], tmp_path).is_base


PAPERMILL_CELL = '# Parameters\nscenaro = "params/pessimistic.yaml"\noverrides = []\n'


def test_the_names_papermill_injected_are_read_from_the_kernels_history():
    assert injected_parameters(["import x", PAPERMILL_CELL, "chapter = open_chapter()"]) == ["scenaro", "overrides"]
    assert injected_parameters(["import x", "scenario = 'a'"]) == [], "run by hand: nothing injected"
    later = '# Parameters\nscenario = "params/optimistic.yaml"\n'
    assert injected_parameters([PAPERMILL_CELL, later]) == ["scenario"], "the last injected cell counts"


def test_an_unknown_parameter_is_named_with_the_one_meant():
    check_parameters(PARAMETERS)
    with pytest.raises(ParameterError) as refused:
        check_parameters(["scenaro", "overrides", "outputdir", "colour"])
    message = str(refused.value)
    assert "papermill -p scenaro: not a parameter of this chapter (did you mean 'scenario'?)" in message
    assert "outputdir: not a parameter of this chapter (did you mean 'output_dir'?)" in message
    assert "colour: not a parameter of this chapter;" in message and "scenario, overrides, output_dir" in message


def test_every_chapter_defines_exactly_the_parameters_papermill_may_pass():
    import ast
    import json

    from infantile_spasms_market.paths import NOTEBOOKS_DIR

    for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, f"{notebook.name}: one parameters cell"
        names = [t.id for n in ast.parse("".join(tagged[0]["source"])).body for t in n.targets]
        assert tuple(names) == PARAMETERS, notebook.name


def test_a_chapter_run_alone_writes_into_its_scenarios_own_folder():
    assert open_chapter("params/pessimistic.yaml").output_dir == STANDALONE_DOWNLOADS / "pessimistic"
    assert open_chapter().output_dir == STANDALONE_DOWNLOADS / "base"
    overridden = open_chapter(None, ["growth.diagnosis=0.002"]).output_dir
    assert overridden == STANDALONE_DOWNLOADS / "base-set-growth.diagnosis=0.002"


def test_a_users_file_named_like_a_shipped_scenario_may_not_write_into_its_folder(tmp_path):
    mine = tmp_path / "pessimistic.yaml"
    mine.write_text("growth:\n  diagnosis: 0.002\n")
    with pytest.raises(ParameterError) as refused:
        open_chapter(str(mine))
    message = str(refused.value)
    assert "the name of the shipped scenario params/pessimistic.yaml" in message
    assert "(_build/chapter-downloads/pessimistic)" in message and "rename the file (e.g. to my-pessimistic.yaml)" in message
    assert open_chapter(str(mine), None, tmp_path / "out").output_dir == tmp_path / "out", "a folder given is the user's own"


def test_no_chapter_shows_its_code():
    # the Companies chapter showed five code cells, two of them printing a figure's record as a Python dict
    import json

    from infantile_spasms_market.paths import NOTEBOOKS_DIR

    for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        shown = [c.get("id") for c in cells if c["cell_type"] == "code" and "remove-cell" not in c["metadata"].get("tags", [])]
        assert not shown, f"{notebook.name}: code cells {shown} would appear on the page; tag them remove-cell (notebooks/README.md)"


def test_a_figures_caption_and_alt_text_are_written_once_in_its_chapter_figure_call():
    """The Markdown places a figure by its key alone; its caption and alt text come from ``chapter.figure(...)``.

    The book's ``{glue:figure}`` (``sphinx_extensions.ChapterFigure``) refuses a block that writes them again
    (a build error), and ``test_chapters`` checks that the page shows the record's texts.
    """
    import json
    import re

    from infantile_spasms_market.paths import NOTEBOOKS_DIR

    placed = 0
    for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                for key, body in re.findall(r"```\{glue:figure\} (\S+)\n(.*?)```", "".join(cell["source"]), flags=re.S):
                    assert not body.strip(), f"{notebook.name}: the {{glue:figure}} block of {key} writes {body.strip()[:60]!r}"
                    placed += 1
    assert placed > 40, "every chapter places its figures with {glue:figure}"


def test_no_chapter_code_line_is_longer_than_120_characters():
    import json

    from infantile_spasms_market.paths import NOTEBOOKS_DIR

    long = [f"{notebook.name}, cell {cell.get('id')}: {line[:60]}..."
            for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
            for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "code"
            for line in "".join(cell["source"]).splitlines() if len(line) > 120]
    assert not long, "code lines over 120 characters (wrap them, or move the logic into the package):\n" + "\n".join(long)


def test_no_chapter_builds_prefixed_glue_keys_by_hand():
    import json
    import re

    from infantile_spasms_market.paths import NOTEBOOKS_DIR

    by_hand = re.compile(r"""\{f["'][a-z]+-\{""")  # {f"reg-{k}": v ...}: glue_all(values, prefix="reg-") says it once
    found = [f"{notebook.name}: {line.strip()[:80]}" for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
             for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "code"
             for line in "".join(cell["source"]).splitlines() if by_hand.search(line)]
    assert not found, "\n".join(found)


def test_no_chapter_types_a_year_into_its_code():
    """Years come from the headline or the data (``chapter.headline.key_years``): a cell that selects ``== 2017`` breaks
    when the data move on. A year inside a source's name (``"Mallinckrodt 2018"``) is text, not a number, and may stay."""
    import ast
    import json

    from infantile_spasms_market.paths import NOTEBOOKS_DIR

    typed = [f"{notebook.name}, cell {cell.get('id')}: {node.value}"
             for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
             for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "code"
             for node in ast.walk(ast.parse("".join(cell["source"])))
             if isinstance(node, ast.Constant) and type(node.value) is int and 1900 <= node.value <= 2100]
    assert not typed, "years typed into chapter code:\n" + "\n".join(typed)
