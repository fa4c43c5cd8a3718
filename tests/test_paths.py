"""The layout module: every folder and file name in one place, the table of contents read once."""

from __future__ import annotations

import ast
from pathlib import Path

from infantile_spasms_market import paths
from infantile_spasms_market.inputs.record_schemas import RECORDS
from infantile_spasms_market.inputs.table_schemas import TABLES


def layout_names() -> set[str]:
    """The folder and file names :mod:`paths` writes down (the ones no other module may type again)."""
    names = set()
    for key, value in vars(paths).items():
        if key.startswith("__") or key == "ROOT_VARIABLE":
            continue
        if isinstance(value, Path):
            names.add(value.name)
        elif isinstance(value, str):
            names.update(value.split("/"))
    names.discard("")
    # Plain words that are also keys and identifiers (``"data"``, ``"pdf"``, ``"market_table"``) are left out:
    # a name is checked when it cannot be mistaken for one (a dot, a dash or a leading underscore in it).
    layout = {n for n in names if (not n.isidentifier() or n.startswith("_")) and "{" not in n} | {paths.DOWNLOADS}
    return layout | {paths.table_file(t) for t in TABLES} | {paths.record_file(r) for r in RECORDS}  # the data files'


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions (prose may name a file)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_every_layout_name_is_typed_in_the_layout_module_only():
    names = layout_names()
    assert {"manifest.json", "_toc.yml", "_build", ".cache", "downloads", "register.yaml", "prices.csv",
            "report_headline.yaml"} <= names
    found = []
    for module in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        if module == Path(paths.__file__):
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        prose = docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose:
                if not any(c.isspace() for c in node.value) and set(node.value.split("/")) & names:  # text with spaces is prose
                    found.append(f"{module.relative_to(paths.PACKAGE_DIR)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_data_files_are_named_by_one_rule():
    assert paths.data_file(paths.table_file("prices")) == "data/prices.csv"
    assert paths.record_file("report_headline") == "report_headline.yaml"


def test_edition_files_share_one_stem():
    assert paths.edition_file("base", ".pdf") == "infantile-spasms-market-base.pdf"
    assert paths.edition_file("x-set-1234", ".xlsx") == "infantile-spasms-market-x-set-1234.xlsx"


def test_paths_are_shown_relative_to_the_project(tmp_path: Path):
    assert paths.shown(paths.BASE_SCENARIO) == "params/base.yaml"
    assert paths.shown(tmp_path) == str(tmp_path)


def test_the_table_of_contents_is_read_in_order(tmp_path: Path):
    toc = tmp_path / "_toc.yml"
    toc.write_text("root: index\nparts:\n  - caption: P\n    chapters:\n      - file: notebooks/b\n"
                   "      - file: book/about\n  - caption: Q\n    chapters:\n      - file: notebooks/a\n")
    assert paths.toc_documents(toc) == ["index", "notebooks/b", "book/about", "notebooks/a"]
    assert paths.toc_parts(toc) == {"notebooks/b": "P", "book/about": "P", "notebooks/a": "Q"}
    assert paths.toc_notebooks(toc, tmp_path) == [tmp_path / "notebooks/b.ipynb", tmp_path / "notebooks/a.ipynb"]


def test_the_project_lists_every_chapter_it_builds():
    chapters = paths.toc_notebooks()
    assert chapters and all(p.is_file() and p.parent == paths.NOTEBOOKS_DIR for p in chapters)
