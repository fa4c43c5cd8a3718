"""What the book publishes besides its pages: Markdown tables, data downloads, the slide deck, the figure gallery."""

from .deck import build_deck
from .export import export_market_table
from .markdown import markdown_table

__all__ = ["build_deck", "export_market_table", "markdown_table"]
