"""The front page's Downloads block lists what the downloads folder holds, whatever put it there."""

from __future__ import annotations

from pathlib import Path

from infantile_spasms_market.outputs.gallery import render_downloads, size_text


def _write(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def test_every_file_is_listed_and_figures_are_counted(tmp_path: Path):
    _write(tmp_path / "book.pdf", 2_500_000)
    _write(tmp_path / "data-pack.xlsx", 40_000)
    _write(tmp_path / "deck.pptx", 900)
    _write(tmp_path / "data" / "market_table.csv", 12_000)
    for name in ("fig-a.png", "fig-a.thumb.png", "fig-a.svg", "fig-a.csv", "fig-b.png"):
        _write(tmp_path / "figures" / name, 100)
    text = render_downloads(tmp_path, repository_url="https://example.org/src")
    assert '<a href="../downloads/book.pdf" download>book.pdf</a>: the book as a PDF, 2.5 MB' in text
    assert '<a href="../downloads/data-pack.xlsx" download>data-pack.xlsx</a>: Excel workbook, 40 kB' in text
    assert "deck.pptx</a>: slide deck of the key figures, 900 B" in text
    assert '  - <a href="../downloads/data/market_table.csv" download>market_table.csv</a>: CSV, 12 kB' in text
    assert "- Figures: 2 figures, each as PNG (300 dpi), SVG and the CSV behind it (500 B in all)" in text
    assert "{doc}`/book/figures`" in text
    assert '<a href="https://example.org/src">' in text
    assert text.index("book.pdf") < text.index("market_table.csv")  # files at the top first


def test_an_unknown_file_type_is_listed_by_its_extension(tmp_path: Path):
    _write(tmp_path / "notes.odt", 10)
    assert "notes.odt</a>: ODT, 10 B" in render_downloads(tmp_path)
    assert "Source code" not in render_downloads(tmp_path)


def test_sizes():
    assert [size_text(n) for n in (999, 1000, 15_400, 1_450_000)] == ["999 B", "1 kB", "15 kB", "1.4 MB"]
