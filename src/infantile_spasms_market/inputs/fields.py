"""The column types of the data files: counts, years, percentages, the report's regions and countries, source ids."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from .taxonomy import REGION_OF_COUNTRY_NAME, REGIONS

# --------------------------------------------------------------------------- field types
Count = Annotated[int, Field(gt=0)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Pct = Annotated[float, Field(ge=0, le=100)]
Money = Annotated[float, Field(ge=0)]
Positive = Annotated[float, Field(gt=0)]
Rate = Annotated[float, Field(ge=0)]
Text = Annotated[str, Field(min_length=1)]
Region = Literal[tuple(REGIONS.values())]  # type: ignore[valid-type]


def _known_country(value: str) -> str:
    if value not in REGION_OF_COUNTRY_NAME:
        raise ValueError(f"must be one of the {len(REGION_OF_COUNTRY_NAME)} countries of the model (inputs/taxonomy.py), "
                         "spelled as in the report")
    return value


Country = Annotated[str, AfterValidator(_known_country)]

LOCATOR_KINDS = ("abstract", "page", "pages", "table", "figure", "section", "paragraph", "paragraphs", "record")
"""How a locator starts: where in its source a figure stands (``abstract`` when only the abstract was read)."""
_LOCATOR = re.compile(rf"^({'|'.join(LOCATOR_KINDS)})\b", re.IGNORECASE)


def _known_locator(value: str) -> str:
    if not _LOCATOR.match(value):
        raise ValueError(f"must say where in the source the figure stands, starting with one of {', '.join(LOCATOR_KINDS)}")
    return value


Locator = Annotated[str, Field(min_length=1), AfterValidator(_known_locator)]
"""Where in its source a row's figures stand: ``page 3``, ``table 2``, ``section 'Key findings'``, ``abstract``."""
Drug = Literal["acth", "vigabatrin", "prednisolone"]


def _check_source_id(value: str, info: ValidationInfo) -> str:
    known = (info.context or {}).get("source_ids")
    if known is not None and value not in known:
        raise ValueError("must be a source id listed in register.yaml")
    return value


class _Row(BaseModel):
    """Base row: strict columns, no NaN/inf, every row names a source in the register.

    Subclasses declare their fields in the file's column order, ``source_id`` included.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    @field_validator("source_id", check_fields=False)
    @classmethod
    def _known_source(cls, value: str, info: ValidationInfo) -> str:
        return _check_source_id(value, info)
