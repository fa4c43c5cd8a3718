"""Turns validation failures into messages a reader can act on: path, value given, what is allowed."""

from __future__ import annotations

from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..errors import InputError


class ParameterError(InputError):
    """A scenario or override is invalid. ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str], source: str | None = None):
        self.problems = problems
        self.source = source
        where = f" in {source}" if source else ""
        super().__init__(f"invalid parameters{where}:\n" + "\n".join(f"  - {p}" for p in problems))


def _walk(model: Any, loc: tuple[Any, ...]) -> tuple[Any, Any] | None:
    """(FieldInfo, annotation) at ``loc``; a ``dict[str, Model]`` field consumes one key part
    (e.g. ``uncertainty.distributions.<path>.low``). None when the path leaves the model."""
    info = None
    parts = list(loc)
    while parts:
        if get_origin(model) is dict:
            parts.pop(0)  # a key of the mapping, chosen by the user
            model = get_args(model)[1]
            continue
        fields = getattr(model, "model_fields", None)
        part = parts.pop(0)
        if not fields or part not in fields:
            return None
        info = fields[part]
        model = info.annotation
    return info, model


def _field_info(model: type[BaseModel], loc: tuple[Any, ...]):
    """The pydantic FieldInfo at ``loc`` (None when the path leaves the model)."""
    found = _walk(model, loc)
    return found[0] if found else None


def number(value: float) -> str:
    """A bound or value as a reader writes it: ``1000000`` and ``0.25``, never ``1e+06``."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else f"{value:g}"


def _bounds(info) -> str | None:
    """Human wording of a field's numeric bounds, e.g. ``0 <= value <= 1``."""
    if info is None:
        return None
    lower = upper = None
    for meta in info.metadata:
        for name, sign in (("ge", "<="), ("gt", "<")):
            if getattr(meta, name, None) is not None:
                lower = f"{number(getattr(meta, name))} {sign} value"
        for name, sign in (("le", "<="), ("lt", "<")):
            if getattr(meta, name, None) is not None:
                upper = f"{sign} {number(getattr(meta, name))}"
    if lower and upper:
        return f"{lower} {upper}"
    return lower or (f"value {upper}" if upper else None)


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Names allowed in the section that holds ``loc``."""
    found = _walk(model, loc[:-1])
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
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_keys(model, loc))
        return f"{path}: unknown parameter; allowed here: {allowed}"
    if kind == "missing":
        return f"{path}: required parameter is missing"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        allowed = _bounds(info) or str(error["msg"]).replace("Input should be", "value should be")
        return f"{path}: {value!r} is out of range; allowed: {allowed}"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        bounds = _bounds(info)
        allowed = _type_name(info) + (f" with {bounds}" if bounds else "")
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
