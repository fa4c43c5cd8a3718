"""Words for the book's prose and tables: lists as a reader says them, paths that may wrap in a narrow column."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

class MarkdownText(str):
    """Text in Markdown, glued for ``{glue:md}`` (``Chapter.glue`` shows it as Markdown, not as a quoted string)."""


# A project file named in running text: data/incidence_estimates.csv, params/base.yaml.
PROJECT_PATH = re.compile(r"(?<![`\w/])((?:data|params|notebooks|src)/[\w./-]*\w)")


def join_names(items: Iterable[str]) -> str:
    """``items`` as an English list: ``"A"``, ``"A and B"``, ``"A, B and C"``.

    Raises
    ------
    ValueError
        When there is nothing to list.
    """
    items = [str(item) for item in items]
    if not items:
        raise ValueError("no names to join")
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def count_word(count: int) -> str:
    """A computed count as a sentence says it: ``five`` (words up to twelve, digits beyond)."""
    return COUNT_WORDS[count] if 0 <= count < len(COUNT_WORDS) else f"{count:,}"


def breakable(text: str, after: str = "._") -> str:
    """``text`` that may wrap after each of the characters ``after`` in a narrow table column.

    Parameters
    ----------
    text : str
        E.g. a dotted parameter path, ``growth.price_erosion``.
    after : str
        The characters after which a line may break (default: dots and underscores).

    Returns
    -------
    str
        ``text`` with ``<wbr>`` after each of those characters: ``growth.<wbr>price_<wbr>erosion``.
    """
    for character in after:
        text = text.replace(character, character + "<wbr>")
    return text


def code_paths(text: str) -> str:
    """``text`` (Markdown) with the project's file paths in code format, as a reader types them.

    A table's CSS lets code wrap anywhere, so a long file name no longer sets the width of a
    narrow column (``data/incidence_estimates.csv`` in a rationale).

    Parameters
    ----------
    text : str
        Running text; paths already in code format are left alone.

    Returns
    -------
    str
        E.g. ``"values in `data/incidence_estimates.csv` (a test ...)"``.
    """
    return PROJECT_PATH.sub(r"`\1`", text)


def significant(value: float, digits: int = 2) -> str:
    """``value`` to ``digits`` significant figures, thousands separated (0.023, 1.6, 25, 1,200): small values keep fewer decimals' worth of precision."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    rounded = float(f"{value:.{digits}g}")
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(rounded))))
    return f"{rounded:,.{decimals}f}"


def cite(source_id: str) -> str:
    """A MyST citation of a register source."""
    return f"{{cite:p}}`{source_id.replace('-', '')}`"


def cite_ids(text: str, source_ids: Iterable[str]) -> str:
    """``text`` with each register source id it names (``bora-2024``) turned into a citation."""
    ids = sorted(source_ids, key=len, reverse=True)
    if not ids:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    return pattern.sub(lambda m: cite(m.group(1)), text)
