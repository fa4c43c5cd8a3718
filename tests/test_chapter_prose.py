"""Numbers in the chapters' prose are glued, never typed: a typed market figure in Markdown fails.

Every Markdown cell of every ``notebooks/*.ipynb`` is scanned for numbers after removing what is
not prose a reader takes a figure from: MyST roles (``{glue:text}`key:.2f```, ``{numref}``,
``{cite:p}``), inline code spans, fenced code, directive option lines (``:name:``, ``:alt:``),
the argument of directives whose argument is a key or a path (``{glue:figure} key``), labels
``(label)=``, link targets, HTML comments and footnote markers.

What remains is flagged when it holds a number other than a year (1900-2100): decimals
(``146.34``), percentages (``3.67 %``), amounts (``USD 12 million``, ``181``, ``2,920``), and
numbers written in words from two up (``fifteen years``, ``thirty-nine studies``, ``three
drivers``): a count is glued like any other figure. "one" passes (it is also a pronoun), and so
does a word number in a duration that names a thing ("a two-week course").
No small integers are allowed either: structure is written in words ("three views") and
figure and table numbers come from ``{numref}``, so there is nothing to exempt. The unit of a
rate is not a figure: "per 1,000 live births" (``per`` and a power of ten from 100) passes, and
neither are a duration that names a thing ("a 14-day course", "7-year exclusivity") or the base of
an index ("(United States = 1)"). Digits inside
an identifier or a name (``CDKL5``, ``TAK-935``, ``IL-1``, ``24LifeSciences``) are names, not figures. Inside math
(``$...$``, ``$$...$$``) only decimals and percentages are flagged: exponents and indices are
notation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
YEARS = range(1900, 2101)
CONTEXT = 30

# Directives whose argument is a glue key, a path or a language, not a caption.
KEY_DIRECTIVES = re.compile(r"^(glue(:\w+)?|figure|image|include|literalinclude|bibliography|code-block|code|sourcecode|math|raw)$")
# Directives whose content is code or data, not prose.
CODE_DIRECTIVES = re.compile(r"^(code-block|code|sourcecode|literalinclude|math|raw|eval-rst|mermaid|csv-table)$")

FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>.*)$")
DIRECTIVE_INFO = re.compile(r"^\{(?P<name>[\w:.-]+)\}\s*(?P<argument>.*)$")
OPTION_LINE = re.compile(r"^\s*:[\w-]+:(\s.*)?$")
LABEL_LINE = re.compile(r"^\s*\([\w:.-]+\)=\s*$")

INLINE_STRIPS = (
    re.compile(r"<!--.*?-->", re.S),  # HTML comments
    re.compile(r"\{[\w:.-]+\}`[^`]*`"),  # MyST roles: {glue:text}`key:.2f`, {numref}`fig-x`, {cite:p}`key`
    re.compile(r"\{\{[^}]*\}\}"),  # substitutions
    re.compile(r"(`+)(?:(?!\1).)+?\1", re.S),  # code spans
    re.compile(r"\]\([^)]*\)"),  # link targets (the link text stays)
    re.compile(r"<https?://[^>]*>|https?://\S+"),  # bare URLs
    re.compile(r"\[\^[^\]]*\]"),  # footnote markers
    re.compile(r"&#?\w+;"),  # HTML entities
    re.compile(r"\bper 1(?:0{2,}|0{0,2}(?:[,\u202f\u00a0]0{3})+)(?![\d]|[.,]\d)"),  # a rate's unit: "per 1,000 live births"
    re.compile(r"(?<![\w.])\d+-(?:day|week|month|year)s?\b"),  # a duration naming a thing: "a 14-day course"
    re.compile(r"=\s?(?:1|100)(?=\))"),  # an index's base: "(United States = 1)"
)
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.S)
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
WORD_NUMBER = re.compile(
    rf"(?<![\w-])(?P<word>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:{_UNITS}))?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|dozens?)(?!\w)(?!-(?:day|week|month|year)s?\b)",
    re.IGNORECASE,
)

# A number not glued to an identifier: not after a letter, digit, '.', or 'X-' (TAK-935), not before a letter.
NUMBER = re.compile(
    r"(?<![\w.])(?<![A-Za-z]-)(?P<number>\d+(?:[,\u202f\u00a0]\d{3})*(?:\.\d+)?)(?P<percent>\s?%)?(?![\w.]\d|[A-Za-z\d])"
)


def _strip_blocks(markdown: str) -> str:
    """Markdown with code blocks, directive headers of key/path directives, option lines and labels removed."""
    kept: list[str] = []
    stack: list[tuple[str, bool]] = []  # (closing fence, whether the block's content is prose)
    for line in markdown.splitlines():
        if stack:
            fence, _ = stack[-1]
            bare = line.strip()
            if len(bare) >= len(fence) and set(bare) == {fence[0]}:  # a closing fence: only fence characters
                stack.pop()
                continue
        opened = FENCE_OPEN.match(line)
        if opened and (not stack or stack[-1][1]):
            info = opened["info"].strip()
            directive = DIRECTIVE_INFO.match(info)
            if directive:
                name = directive["name"]
                if not KEY_DIRECTIVES.match(name):
                    kept.append(directive["argument"])  # a caption or title: prose
                stack.append((opened["fence"], not CODE_DIRECTIVES.match(name)))
                continue
            if opened["fence"][0] in "`~":  # plain fenced code (```python)
                stack.append((opened["fence"], False))
                continue
        if stack and not stack[-1][1]:
            continue
        if OPTION_LINE.match(line) or LABEL_LINE.match(line):
            continue
        kept.append(line)
    return "\n".join(kept)


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT)
    snippet = text[left : end + CONTEXT].replace("\n", " ")
    return ("..." if left else "") + snippet + ("..." if end + CONTEXT < len(text) else "")


def _is_figure(match: re.Match[str], in_math: bool) -> bool:
    number, percent = match["number"], match["percent"]
    if percent or "." in number:
        return True
    if in_math:
        return False
    plain = re.sub(r"[,\u202f\u00a0]", "", number)
    return not (len(number) == 4 and int(plain) in YEARS)


def typed_figures(markdown: str) -> list[str]:
    """Numbers typed in ``markdown`` (one Markdown cell) that look like figures, each in its context."""
    text = _strip_blocks(markdown)
    for pattern in INLINE_STRIPS:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for math in MATH.finditer(text):
        for match in NUMBER.finditer(math.group(0)):
            if _is_figure(match, in_math=True):
                found.append(f"{match.group(0).strip()!r} in math: {_context(text, math.start(), math.end())}")
    prose = MATH.sub(lambda m: " " * len(m.group(0)), text)
    for match in NUMBER.finditer(prose):
        if _is_figure(match, in_math=False):
            found.append(f"{match.group(0).strip()!r} in: {_context(prose, match.start(), match.end())}")
    for match in WORD_NUMBER.finditer(prose):
        found.append(f"{match.group(0)!r} (a number in words) in: {_context(prose, match.start(), match.end())}")
    return found


def notebook_problems(path: Path) -> list[str]:
    """One line per typed figure in a notebook's Markdown cells: notebook, cell id, offending text."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    for position, cell in enumerate(notebook["cells"], start=1):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        cell_id = cell.get("id", f"<no id, cell {position}>")
        problems += [f"{path.name}, cell {cell_id}: typed number {hit}" for hit in typed_figures(source)]
    return problems


CHAPTERS = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_there_are_chapters_to_scan():
    assert CHAPTERS, f"no notebooks found in {NOTEBOOKS}"


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_no_typed_figures_in_prose(notebook: Path):
    problems = notebook_problems(notebook)
    assert not problems, "numbers typed into Markdown (glue them instead):\n" + "\n".join(problems)


# --- the scanner itself: it must catch typed figures and leave glued ones alone ---------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("The market was worth USD 146.34 million in 2024.", "146.34"),
        ("It grows 3.67 % a year.", "3.67 %"),
        ("It grows 3.67% a year.", "3.67%"),
        ("The market reaches 181 million.", "181"),
        ("USD 12 million of sales", "12"),
        ("One case in 2,920 live births", "2,920"),
        ("A share of 44 percent", "44"),
        ("Growth of -0.4 % a year", "0.4 %"),
        ("| North America | 64.39 |", "64.39"),
        (":::{table} Market worth 146.34 in 2024\n:name: tbl-x\n```{glue:md} tbl-x\n:format: myst\n```\n:::", "146.34"),
        ("```{glue:figure} fig-x\n:name: fig-x\n:alt: A chart.\n\nThe total reaches 181.94 by 2030.\n```", "181.94"),
        ("A rate of $g = 0.0367$ per year.", "0.0367"),
        ("An incidence of 0.249 per 1,000 live births", "0.249"),
        ("About 2,920 per 1,000,000 births", "2,920"),
        ("Sales per 1,250 patients", "1,250"),
        ("A course costs 14 times more", "14"),
        ("Prices rose 25 times (US = 2)", "2"),
        ("A meta-analysis of thirty-nine studies", "thirty-nine"),
        ("Fifteen years after Sabril", "Fifteen"),
        ("The report names three drivers and two challenges.", "three"),
        ("Continued for about six months", "six"),
    ],
)
def test_scanner_catches_typed_figures(text: str, expected: str):
    hits = typed_figures(text)
    assert hits, f"not caught: {text!r}"
    assert any(repr(expected) in hit for hit in hits), hits


@pytest.mark.parametrize(
    "text",
    [
        "The market was worth USD {glue:text}`sum-total-2024:.2f` million in 2024.",
        "Growth from 2025 to 2030 is {glue:text}`sum-cagr:.2f` %, see {numref}`fig-summary-total`.",
        "As the report says {cite:p}`techsci2025`, between 1960 and 2100.",
        "```{glue:figure} fig-segments-drug-type\n:name: fig-segments-drug-type\n:alt: Chart from 2024 to 2030.\n\nCaption.\n```",
        ":::{table} Market by drug type\n:name: tbl-segments-drug-type\n```{glue:md} tbl-segments-drug-type\n:format: myst\n```\n:::",
        "(sec-summary-consistency)=\n## The report's figures",
        "Set `growth.innovation=0.03` or run:\n```bash\nmake book ARGS='--set growth.diagnosis=0.02'\n```",
        "Genes such as CDKL5, TSC1/TSC2 and candidates such as TAK-935 and IL-1 blockers.",
        "See [the register](https://example.org/data/2.3/register.yaml).",
        "<!-- 146.34 is glued below -->",
        "Compounding: $V_{2030} = V_{2025} (1 + g)^{5}$.",
        "Incidence in cases per 1,000 live births, or per 100,000, or per 1000.",
        "Estimates by 24LifeSciences and 3M; a 14-day course, 7-year exclusivity, 6-months follow-up.",
        "A price index (United States = 1) or (2015 = 100).",
        "One course of a two-week treatment, often twice; the tenth and twentieth draws.",
        "The {glue:text}`n-drivers` drivers, one at a time.",
    ],
)
def test_scanner_leaves_glued_and_structural_text_alone(text: str):
    assert typed_figures(text) == []


def test_failure_names_notebook_cell_and_text(tmp_path: Path):
    fake = {
        "cells": [
            {"cell_type": "markdown", "id": "clean", "metadata": {}, "source": ["Worth {glue:text}`x:.2f` in 2024."]},
            {"cell_type": "code", "id": "code", "metadata": {}, "source": ["value = 146.34"], "outputs": [],
             "execution_count": None},
            {"cell_type": "markdown", "id": "typed-cell", "metadata": {}, "source": ["Worth USD 146.34 million ", "in 2024."]},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "fake.ipynb"
    path.write_text(json.dumps(fake), encoding="utf-8")
    problems = notebook_problems(path)
    assert len(problems) == 1
    assert problems[0].startswith("fake.ipynb, cell typed-cell: typed number '146.34'")
    assert "USD 146.34 million" in problems[0]
