"""Figures: one style, one saver (PNG, SVG, CSV and a record per figure), and one function per chart kind."""

from .save import save_figure
from .style import PALETTE, SLIDE_SIZE, use_style

__all__ = ["PALETTE", "SLIDE_SIZE", "save_figure", "use_style"]
