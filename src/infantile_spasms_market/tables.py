"""Tables for the book's pages: a DataFrame as a Markdown table that MyST numbers and captions.

Glue the result and place it inside a ``{table}`` directive (see notebooks/README.md), so the
table gets a number, a caption and a label that ``{numref}`` can point at.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown


def markdown_table(frame: pd.DataFrame, decimals: int = 2, index: bool = True) -> Markdown:
    """``frame`` as a GitHub-style Markdown table with numbers rounded to ``decimals``."""
    return Markdown(frame.to_markdown(index=index, floatfmt=f",.{decimals}f", intfmt=","))
