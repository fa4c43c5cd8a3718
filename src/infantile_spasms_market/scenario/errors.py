"""Turns validation failures into messages a reader can act on: path, value given, what is allowed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from ..constraints import field_at, interval_at
from ..errors import InputError


class ParameterError(InputError):
    """A scenario or override is invalid. ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str], source: str | None = None):
        self.problems = problems
        self.source = source
        where = f" in {source}" if source else ""
        super().__init__(f"invalid parameters{where}:\n" + "\n".join(f"  - {p}" for p in problems))


def _field_info(model: type[BaseModel], loc: tuple[Any, ...]):
    """The pydantic FieldInfo at ``loc`` (None when the path leaves the model)."""
    found = field_at(model, loc)
    return found[0] if found else None


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Names allowed in the section that holds ``loc``."""
    found = field_at(model, loc[:-1]) if loc[:-1] else (None, model)
    return list(getattr(found[1], "model_fields", {})) if found else []


def _type_name(info) -> str:
    annotation = getattr(info, "annotation", None)
    return {float: "a number", int: "a whole number", bool: "true or false", str: "text"}.get(annotation, "a section")


def describe(error: dict[str, Any], model: type[BaseModel]) -> str:
    """One line for one pydantic error dict."""
    loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
    path = ".".join(str(p) for p in loc) or "(top level)"
    kind = error["type"]
    value = error.get("input")
    info = _field_info(model, loc)
    interval = interval_at(model, loc)
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_keys(model, loc))
        return f"{path}: unknown parameter; allowed here: {allowed}"
    if kind == "missing":
        return f"{path}: required parameter is missing"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        return f"{path}: {value!r} is out of range; must be {interval}"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        allowed = _type_name(info) + (f" {interval}" if interval else "")
        return f"{path}: {value!r} is not allowed; expected {allowed}"
    if kind == "literal_error":
        return f"{path}: {value!r} is not allowed; choose one of {error['ctx']['expected']}"
    if kind == "string_pattern_mismatch":
        return f"{path}: {value!r} is not allowed; must match {error['ctx']['pattern']}"
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return f"{path}: {message}" if loc else message  # model-level checks name their own paths
    return f"{path}: {error['msg']} (got {value!r})"


def from_validation_error(exc: ValidationError, model: type[BaseModel], source: str | None = None) -> ParameterError:
    """A :class:`ParameterError` listing every problem pydantic found."""
    return ParameterError([describe(e, model) for e in exc.errors()], source)
