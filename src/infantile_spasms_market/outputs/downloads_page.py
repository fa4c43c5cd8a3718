"""The front page's "Downloads" block: every file the build publishes in ``downloads/``, listed from the folder itself.

Generated during site assembly (like the Figures page), so a file another step adds to the
downloads (a PDF edition, a workbook) is listed without anyone editing a page.
"""

from __future__ import annotations

from html import escape
from pathlib import Path, PurePosixPath

from ..paths import DOWNLOADS, FIGURES

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


def render(downloads: Path, *, url: str = f"../{DOWNLOADS}", figures_page: str = "/book/figures",
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
            figures = [p for p in paths if p.suffix == ".png" and not p.name.endswith(".thumb.png")]
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
