"""The Figures page: every figure of the book with its number, caption, id, files and a citation.

Generated at build time from the JSON record each figure leaves beside its PNG, SVG and CSV, so
the page can never list a figure that was not built, nor miss one that was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import FIGURES
from .citing import Cited

FIGURES_URL = f"../{FIGURES}"  # from book/figures.html to the site's downloads
AUTHOR = "Infantile Spasms Market Book contributors"


@dataclass(frozen=True)
class ChapterFigures:
    """The figures one chapter notebook saved, in the order it saved them."""

    title: str
    document: str  # e.g. "notebooks/segments"
    records: list[dict[str, Any]]


def chapter_title(notebook: Path) -> str:
    """The first Markdown heading of a notebook (its chapter title)."""
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell.get("cell_type") == "markdown":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            for line in source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def saved_figures(figures_dir: Path) -> list[dict[str, Any]]:
    """Figure records in a notebook's downloads, in the order they were written."""
    if not figures_dir.is_dir():
        return []
    files = sorted(figures_dir.glob("*.json"), key=lambda p: (p.stat().st_mtime_ns, p.name))
    return [json.loads(p.read_text(encoding="utf-8")) for p in files]


def citation(record: dict[str, Any], *, book_title: str, scenario: str, built: str, url: str) -> str:
    """A suggested citation for one figure (with the address of its PNG when the book has one)."""
    cited = Cited(book_title, AUTHOR, scenario, built, url)
    return cited.figure(record["caption"], record["id"], record["files"]["png"])


def render(chapters: list[ChapterFigures], *, book_title: str, scenario: str, built: str, url: str) -> str:
    """MyST Markdown listing every figure, chapter by chapter."""
    total = sum(len(c.records) for c in chapters)
    with_figures = sum(1 for c in chapters if c.records)
    parts = [f"This build holds {_count(total, 'figure')} in {_count(with_figures, 'chapter')}.\n"]
    for chapter in chapters:
        if not chapter.records:
            continue
        parts.append(f"## {chapter.title}\n")
        for record in chapter.records:
            files = record["files"]
            links = " \u00b7 ".join(
                f'<a href="{FIGURES_URL}/{files[ext]}" download>{ext.upper()}</a>' for ext in ("png", "svg", "csv")
            )
            key = " Key figure (in the slide deck)." if record.get("key") else ""
            parts.append(
                "\n".join(
                    [
                        f"**{{numref}}`{record['id']}`** {record['caption']}{key}",
                        "",
                        f'<a href="../{chapter.document}.html#{record["id"]}">'
                        f'<img src="{FIGURES_URL}/{record["thumbnail"]}" alt="{_escape(record["alt"])}" '
                        f'class="figure-thumbnail" loading="lazy"></a>',
                        "",
                        f"Id `{record['id']}` \u00b7 {links} \u00b7 Source: {record['source']}",
                        "",
                        f"Cite as: {citation(record, book_title=book_title, scenario=scenario, built=built, url=url)}",
                        "",
                    ]
                )
            )
    return "\n".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
