"""The chapters claim a cause only where a source or the model shows it.

A sentence of a chapter's Markdown that uses a causal word ("because", "explains", "drives",
"due to", "caused by", "leads to", "results in", "as a result", "thanks to", "owing to") must
either cite a source for it with a ``{cite:...}`` role, or say that the cause is the model's: the
sentence names the model or an assumption ("model", "assume", "assumption", "by construction") or a
parameter by its dotted name in a code span (`` `growth.prevalence` ``). Otherwise a correlation the
sources report (ACTH's price rose while its use fell) would read as a cause they never showed.
Nouns are not verbs: "the report's drivers" passes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_chapter_prose import CHAPTERS, _strip_blocks

CAUSAL = re.compile(
    r"\b(because|explain(?:s|ed|ing)?|driv(?:e|es|en|ing)|drove|due to|caused by|leads? to|led to|results? in|resulted in|"
    r"as a result|thanks to|owing to)\b",
    re.IGNORECASE,
)
SHOWN_BY_A_SOURCE = re.compile(r"\{cite:[a-z]+\}`")
SHOWN_BY_THE_MODEL = re.compile(r"\bmodel\b|\bmodel's\b|\bassum(?:e|es|ed|ing|ption|ptions)\b|by construction|`[a-z_]+\.[a-z_.]+`", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*{(`])")


def unsupported_causes(markdown: str) -> list[str]:
    """Sentences of one Markdown cell that use a causal word without a citation or the model behind them."""
    text = " ".join(_strip_blocks(markdown).split())
    found = []
    for sentence in SENTENCE_END.split(text):
        words = re.sub(r"\{[\w:.-]+\}`[^`]*`", " ", sentence)  # a role's argument is not prose
        match = CAUSAL.search(words)
        if match and not SHOWN_BY_A_SOURCE.search(sentence) and not SHOWN_BY_THE_MODEL.search(sentence):
            found.append(f"{match.group(0)!r} in: {sentence[:160]}")
    return found


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_causes_are_shown_by_a_source_or_the_model(notebook: Path):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    problems = [
        f"{notebook.name}, cell {cell.get('id')}: {hit}"
        for cell in cells if cell["cell_type"] == "markdown"
        for hit in unsupported_causes("".join(cell["source"]))
    ]
    assert not problems, "causal words with neither a citation nor the model behind them:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "text",
    [
        "ACTH's price history explains its falling use.",
        "Prices fell because generics arrived.",
        "Awareness drives the market.",
        "The delay is due to parents missing the spasms.",
    ],
)
def test_an_unsupported_cause_is_caught(text: str):
    assert unsupported_causes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Use fell as the price rose {cite:p}`wray2010`.",
        "Because the components add up to the growth rate in the model, each swing follows its range.",
        "The share is small because `growth.prevalence` is small.",
        "The report names three drivers; the drivers chapter examines them.",
        "The report's drivers and challenges.",
    ],
)
def test_a_supported_cause_or_a_noun_passes(text: str):
    assert unsupported_causes(text) == []
