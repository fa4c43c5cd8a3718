"""A DataFrame as a Markdown table with one number format per column (counts, money, years side by side).

:func:`~.tables.markdown_table` applies one float format to the whole table, so counts print with
decimals and years with a thousands separator in a mixed table. Here each column gets its own
format spec, numbers are right-aligned and nothing is re-parsed after formatting.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from IPython.display import Markdown

DEFAULT_FLOAT_FORMAT = ",.2f"
DEFAULT_INTEGER_FORMAT = ",d"
MISSING = ""


def _cell(value, spec: str) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return MISSING
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return format(value.item() if isinstance(value, np.generic) else value, spec)
    return str(value)


def formatted_markdown_table(frame: pd.DataFrame, formats: Mapping[str, str] | None = None, index: bool = True) -> Markdown:
    """``frame`` as a GitHub-style Markdown table, each column formatted with its own spec.

    Parameters
    ----------
    frame : DataFrame
    formats : mapping of column name to format spec, optional
        E.g. ``{"Incident cases": ",.0f", "Year": "d", "Value (USD m)": ".2f"}``; columns not named
        use ``,.2f`` (floats) or ``,d`` (integers); text is shown as is; missing values are left empty.
    index : bool
        Whether to show the index as the first column.

    Raises
    ------
    KeyError
        When ``formats`` names a column the frame does not have.
    """
    formats = dict(formats or {})
    unknown = [c for c in formats if c not in frame.columns]
    if unknown:
        raise KeyError(f"formats name column(s) the table does not have: {', '.join(map(str, unknown))}")
    shown = frame.reset_index() if index else frame.copy()
    align = []
    for column in shown.columns:
        numeric = pd.api.types.is_numeric_dtype(shown[column]) and not pd.api.types.is_bool_dtype(shown[column])
        default = DEFAULT_INTEGER_FORMAT if pd.api.types.is_integer_dtype(shown[column]) else DEFAULT_FLOAT_FORMAT
        spec = formats.get(column, default if numeric else "")
        shown[column] = [_cell(v, spec) for v in shown[column]]
        align.append("right" if numeric else "left")
    return Markdown(shown.to_markdown(index=False, disable_numparse=True, colalign=align))
