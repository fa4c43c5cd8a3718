"""What a value may be, in words: one wording for data errors, parameter errors and the methodology table.

A bound is declared once, on a pydantic field (``ge``, ``gt``, ``le``, ``lt``). :class:`Interval`
reads it back and describes itself, as scikit-learn's ``Interval`` does, and :func:`allowed` words
any validation error the same way, so a data file, a scenario file and the methodology page say
the same thing about the same rule.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

import annotated_types


def number(value: float) -> str:
    """A bound or value as a reader writes it: ``2030``, ``1000000``, ``0.0127``; never ``1e+06``.

    Whole numbers are written whole; others with up to six significant digits (two decimals from a million up).
    """
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.2f}"


def one_of(choices: Any) -> str:
    """``one of a, b, c``: the one wording of a choice, in every error that offers one."""
    return "one of " + (choices if isinstance(choices, str) else ", ".join(map(str, choices)))


@dataclass(frozen=True)
class Interval:
    """The numbers between ``low`` and ``high`` (either may be missing), each end included or not."""

    low: float | None = None
    high: float | None = None
    low_included: bool = True
    high_included: bool = True

    def __str__(self) -> str:
        low, high = self._low_words(), self._high_words()
        if self.low is not None and self.high is not None and self.low_included and self.high_included:
            return f"from {number(self.low)} to {number(self.high)}"
        return " and ".join(w for w in (low, high) if w) or "any number"

    def _low_words(self) -> str | None:
        if self.low is None:
            return None
        return f"{'at least' if self.low_included else 'greater than'} {number(self.low)}"

    def _high_words(self) -> str | None:
        if self.high is None:
            return None
        return f"{'at most' if self.high_included else 'less than'} {number(self.high)}"

    def __contains__(self, value: float) -> bool:
        above = self.low is None or (value >= self.low if self.low_included else value > self.low)
        below = self.high is None or (value <= self.high if self.high_included else value < self.high)
        return above and below

    @classmethod
    def of(cls, annotation: Any, metadata: list[Any] = ()) -> Interval | None:
        """The bounds declared on a field (its ``metadata``) or inside its annotation; None when it has none.

        ``Optional[Annotated[float, Field(ge=0)]]`` and a field declared with ``Field(ge=0)`` both
        give ``Interval(low=0)``.
        """
        found: dict[str, Any] = {}
        for item in _constraints(annotation, list(metadata)):
            for kind in ("ge", "gt", "le", "lt"):
                value = getattr(item, kind, None)
                if value is not None:
                    found[kind] = value
        if not found:
            return None
        low = found.get("ge", found.get("gt"))
        high = found.get("le", found.get("lt"))
        return cls(low, high, "gt" not in found, "lt" not in found)

    @classmethod
    def of_field(cls, model: type, name: str) -> Interval | None:
        """The bounds of field ``name`` of a pydantic model."""
        info = model.model_fields[name]
        return cls.of(info.annotation, info.metadata)


def _constraints(annotation: Any, metadata: list[Any]) -> list[Any]:
    """Every bound-bearing object on a field: its metadata, then inside ``Optional`` and ``Annotated``."""
    items = []
    for item in metadata:
        items.append(item)
        items.extend(getattr(item, "metadata", []) or [])  # a FieldInfo inside Annotated
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                items.extend(_constraints(arg, []))
    elif origin is typing.Annotated:
        _, *extra = typing.get_args(annotation)
        items.extend(_constraints(None, extra))
    return [i for i in items if isinstance(i, annotated_types.BaseMetadata) or hasattr(i, "metadata")]


def field_at(model: Any, loc: tuple[Any, ...]) -> tuple[Any, Any] | None:
    """``(FieldInfo, annotation)`` at an error location in a pydantic model; None when the path leaves the model.

    A ``dict[str, Model]`` or ``dict[int, float]`` field consumes one part of the location (the key).
    """
    info, annotation = None, model
    parts = list(loc)
    while parts:
        origin = typing.get_origin(annotation)
        if origin is dict:
            parts.pop(0)
            annotation = typing.get_args(annotation)[1]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return None
            continue
        fields = getattr(annotation, "model_fields", None)
        part = parts.pop(0)
        if not fields or part not in fields:
            return None
        info = fields[part]
        annotation = info.annotation
    return (info, annotation) if info is not None else None


def interval_at(model: Any, loc: tuple[Any, ...]) -> Interval | None:
    """The bounds of the value at ``loc`` in ``model`` (see :func:`field_at`)."""
    found = field_at(model, loc)
    if found is None:
        return None
    info, annotation = found
    return Interval.of(annotation, info.metadata if annotation is info.annotation else [])


BOUND_ERRORS = ("greater_than", "greater_than_equal", "less_than", "less_than_equal")
TYPE_WORDS = {float: "a number", int: "a whole number", bool: "true or false", str: "text"}
KIND_WORDS = {  # what a value must be, by pydantic's error type, where the field's type does not say it
    "int_parsing": "a whole number", "int_type": "a whole number", "int_from_float": "a whole number",
    "float_type": "a number", "float_parsing": "a number", "finite_number": "a finite number",
    "bool_type": "true or false", "bool_parsing": "true or false", "string_type": "text",
    "date_from_datetime_parsing": "an ISO date YYYY-MM-DD", "date_parsing": "an ISO date YYYY-MM-DD",
    "date_type": "an ISO date YYYY-MM-DD", "dict_type": "a section", "model_type": "a section",
}


def allowed(error: dict[str, Any], model: Any) -> str:
    """What the value a pydantic error points at may be, in words (``must be from 0 to 1``); one wording for every input.

    Parameters
    ----------
    error : dict
        One of ``ValidationError.errors()``.
    model : pydantic model class
        The model that was validated (for the field's type and declared bounds).
    """
    kind, ctx = error["type"], error.get("ctx") or {}
    loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
    interval = interval_at(model, loc)
    if kind in BOUND_ERRORS:
        return f"must be {interval}"
    if kind == "literal_error":
        return f"must be {one_of(ctx['expected'])}"
    if kind == "string_pattern_mismatch":
        return f"must match {ctx['pattern']}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "missing":
        return "a value is required"
    if kind == "extra_forbidden":
        return "is not an expected key"
    found = field_at(model, loc)
    annotation = found[1] if found else None
    word = TYPE_WORDS.get(annotation) or KIND_WORDS.get(kind)
    if word is None and (typing.get_origin(annotation) is dict or isinstance(annotation, type) and hasattr(annotation, "model_fields")):
        word = "a section"
    if word is None:
        return error["msg"]
    return f"must be {word}" + (f" {interval}" if interval and word in ("a number", "a whole number") else "")


# --------------------------------------------------------------------------- the base class of bad input
# The one base class for bad input (parameters, data files): the command line exits 2 on it.

class InputError(ValueError):
    """The reader's input (a scenario, an override, a data file) is invalid; the message says how."""

    exit_code = 2
