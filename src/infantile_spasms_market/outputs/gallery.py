"""The Figures page: every figure of the book with its number, caption, id, files and a citation.

Generated at build time from the JSON record each figure leaves beside its PNG, SVG and CSV, so
the page can never list a figure that was not built, nor miss one that was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath
from typing import Any

from ..paths import DOWNLOADS, FIGURES, SLIDE_SUFFIX, THUMBNAIL_SUFFIX
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


# --------------------------------------------------------------------------- the front page's Downloads block
# The front page's "Downloads" block: every file the build publishes in ``downloads/``, listed from the folder itself.
#
# Generated during site assembly (like the Figures page), so a file another step adds to the
# downloads (a PDF edition, a workbook) is listed without anyone editing a page.

# What a reader gets, by file type; an unknown type is listed by its extension.
KINDS: dict[str, str] = {
    ".pdf": "the book as a PDF",
    ".xlsx": "Excel workbook",
    ".pptx": "slide deck of the key figures",
    ".csv": "CSV",
    ".parquet": "Apache Parquet",
    ".json": "JSON",
    ".zip": "ZIP archive",
}
FIGURES_FOLDER = PurePosixPath(FIGURES).name  # a subfolder of DOWNLOADS


def size_text(size: int) -> str:
    """A file size as a reader reads it: ``850 B``, ``12 kB``, ``1.4 MB``."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


def _link(path: Path, downloads: Path, url: str) -> str:
    relative = path.relative_to(downloads).as_posix()
    kind = KINDS.get(path.suffix.lower(), path.suffix.lstrip(".").upper() or "file")
    return (f'<a href="{escape(url)}/{escape(relative)}" download>{escape(path.name)}</a>: '
            f"{kind}, {size_text(path.stat().st_size)}")


def render_downloads(downloads: Path, *, url: str = f"../{DOWNLOADS}", figures_page: str = "/book/figures",
           repository_url: str | None = None) -> str:
    """MyST Markdown listing every file in ``downloads``: files at its top first, then each folder's.

    Parameters
    ----------
    downloads : Path
        The site's downloads folder, as assembled.
    url : str
        The folder's address from the page that includes the block.
    figures_page : str
        The Figures page (a document name): the figure files are counted and linked there, not
        listed one by one.
    repository_url : str, optional
        The source code's address (``html_context.repository_url`` in ``_config.yml``).
    """
    downloads = Path(downloads)
    files = sorted(p for p in downloads.rglob("*") if p.is_file())
    top = [p for p in files if p.parent == downloads]
    folders: dict[str, list[Path]] = {}
    for path in files:
        if path.parent != downloads:
            folders.setdefault(path.relative_to(downloads).parts[0], []).append(path)
    lines = [f"- {_link(p, downloads, url)}" for p in top]
    for folder, paths in sorted(folders.items()):
        if folder == FIGURES_FOLDER:
            figures = [p for p in paths if p.suffix == ".png" and not p.name.endswith((THUMBNAIL_SUFFIX, SLIDE_SUFFIX))]
            lines.append(
                f"- Figures: {len(figures)} figures, each as PNG (300 dpi), SVG and the CSV behind it "
                f"({size_text(sum(p.stat().st_size for p in paths))} in all), listed with a suggested "
                f"citation on the {{doc}}`{figures_page}` page"
            )
            continue
        lines.append(f"- {folder.capitalize()}:")
        lines += [f"  - {_link(p, downloads, url)}" for p in paths]
    if repository_url:
        lines.append(f'- Source code: <a href="{escape(repository_url)}">{escape(repository_url)}</a> '
                     "(data, parameters, notebooks and the package; `make book` rebuilds this book)")
    return "\n".join(lines) + "\n"
