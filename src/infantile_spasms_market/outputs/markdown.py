"""Tables for the book's pages: a DataFrame as a Markdown table that MyST numbers and captions, and plain rows as one.

Glue the result and place it inside a ``{table}`` directive (see notebooks/README.md), so the
table gets a number, a caption and a label that ``{numref}`` can point at. Each column keeps its
own number format (counts, money and years side by side), numbers are right-aligned, and
nothing is re-parsed after formatting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from IPython.display import Markdown

INTEGER_FORMAT = ",d"
MISSING = ""


def pipe_table(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """Rows of text as a Markdown table under ``header`` (generated pages: the manifest, What changed, the benchmark).

    A pipe in a cell is escaped, so that no cell can break the table.
    """
    def line(cells: Sequence[Any]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), "|" + "---|" * len(header), *(line(row) for row in rows)])


def _cell(value, spec: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return MISSING
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return format(value.item() if isinstance(value, np.generic) else value, spec)
    return str(value)


def markdown_table(
    frame: pd.DataFrame, decimals: int = 2, index: bool = True, formats: Mapping[str, str] | None = None
) -> Markdown:
    """``frame`` as a GitHub-style Markdown table.

    Parameters
    ----------
    frame : DataFrame
    decimals : int
        Decimals of float columns that ``formats`` does not name.
    index : bool
        Whether to show the index as the first column.
    formats : mapping of column name to format spec, optional
        E.g. ``{"Incident cases": ",.0f", "Year": "d"}``; integer columns default to ``,d``,
        text is shown as is, missing values are left empty.

    Raises
    ------
    KeyError
        When ``formats`` names a column the frame does not have.
    """
    from IPython.display import Markdown

    formats = dict(formats or {})
    unknown = [c for c in formats if c not in frame.columns]
    if unknown:
        raise KeyError(f"formats name column(s) the table does not have: {', '.join(map(str, unknown))}")
    shown = frame.reset_index() if index else frame.copy()
    align = []
    for column in shown.columns:
        numeric = pd.api.types.is_numeric_dtype(shown[column]) and not pd.api.types.is_bool_dtype(shown[column])
        default = INTEGER_FORMAT if pd.api.types.is_integer_dtype(shown[column]) else f",.{decimals}f"
        spec = formats.get(column, default if numeric else "")
        shown[column] = [_cell(v, spec) for v in shown[column]]
        align.append("right" if numeric else "left")
    return Markdown(shown.to_markdown(index=False, disable_numparse=True, colalign=align))


def text_table(frame: pd.DataFrame, index: bool = False) -> Markdown:
    """A DataFrame of text as a Markdown table: :func:`markdown_table` with every cell kept as written, as text.

    A pipe in a cell becomes ``/`` and a line break a space, so that no cell can break the table.

    Parameters
    ----------
    frame : DataFrame
    index : bool
        Whether to show the index (under its name) as the first column.
    """
    clean = frame.apply(lambda column: column.map(lambda v: str(v).replace("|", "/").replace("\n", " ")))
    clean.index = pd.Index([str(v) for v in frame.index], name=frame.index.name or "")  # text too, under its name
    return markdown_table(clean, index=index)


def numbered_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its rows numbered from 1 in an index named ``#`` (the old index dropped)."""
    numbered = frame.copy()
    numbered.index = pd.RangeIndex(1, len(numbered) + 1, name="#")
    return numbered
