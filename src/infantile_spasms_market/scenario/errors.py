"""Turns validation failures into messages a reader can act on: path, value given, what is allowed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from ..constraints import InputError, allowed, field_at


class ParameterError(InputError):
    """A scenario or override is invalid. ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str], source: str | None = None):
        self.problems = problems
        self.source = source
        where = f" in {source}" if source else ""
        super().__init__(f"invalid parameters{where}:\n" + "\n".join(f"  - {p}" for p in problems))


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Names allowed in the section that holds ``loc``."""
    found = field_at(model, loc[:-1]) if loc[:-1] else (None, model)
    return list(getattr(found[1], "model_fields", {})) if found else []


def describe(error: dict[str, Any], model: type[BaseModel]) -> str:
    """One line for one pydantic error dict."""
    loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
    path = ".".join(str(p) for p in loc) or "(top level)"
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"{path}: unknown parameter; allowed here: {', '.join(_allowed_keys(model, loc))}"
    if kind == "missing":
        return f"{path}: required parameter is missing"
    if kind == "value_error":
        message = allowed(error, model)
        return f"{path}: {message}" if loc else message  # model-level checks name their own paths
    return f"{path}: {error.get('input')!r} is not allowed; {allowed(error, model)}"


def from_validation_error(exc: ValidationError, model: type[BaseModel], source: str | None = None) -> ParameterError:
    """A :class:`ParameterError` listing every problem pydantic found."""
    return ParameterError([describe(e, model) for e in exc.errors()], source)
