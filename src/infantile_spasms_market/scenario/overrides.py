"""``--set dotted.name=value`` overrides: values parsed as YAML (never evaluated as code)."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from . import yaml_loading
from .errors import ParameterError


def parse_override(text: str) -> tuple[list[str], Any]:
    """Split ``a.b.c=value`` into a key path and a YAML-parsed value."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise ParameterError([f"--set {text!r}: expected dotted.name=value, e.g. market.end_year=2032"])
    keys = name.split(".")
    if any(not k for k in keys):
        raise ParameterError([f"--set {text!r}: empty part in the name {name!r}"])
    try:
        value = yaml_loading.load(raw) if raw.strip() else None
    except yaml.YAMLError as exc:
        raise ParameterError([f"--set {name}: value {raw!r} is not valid YAML ({exc.problem})"]) from exc
    if value is None:
        raise ParameterError([f"--set {name}: a value is required after '=' (empty and null are not values)"])
    return keys, value


def _split_path(node: dict[str, Any], keys: list[str]) -> list[str]:
    """Group name parts into existing keys, longest first: a key may itself hold dots
    (``uncertainty.distributions.growth.diagnosis.high`` -> ``[..., "growth.diagnosis", "high"]``)."""
    parts: list[str] = []
    i = 0
    while i < len(keys):
        for j in range(len(keys), i, -1):
            candidate = ".".join(keys[i:j])
            if isinstance(node, dict) and candidate in node:
                break
        else:
            j = i + 1
            candidate = keys[i]
        parts.append(candidate)
        node = node.get(candidate) if isinstance(node, dict) else None
        i = j
    return parts


def set_value(tree: dict[str, Any], name: str, value: Any) -> None:
    """Set ``value`` at the dotted ``name`` in ``tree`` (in place), creating missing sections.

    Dotted keys that exist in the tree (``uncertainty.distributions.growth.diagnosis``) are
    matched whole; names the model does not know are left for validation to reject.
    """
    keys = _split_path(tree, name.split("."))
    node = tree
    for depth, key in enumerate(keys[:-1]):
        child = node.setdefault(key, {})
        if not isinstance(child, dict):
            here = ".".join(keys[: depth + 1])
            raise ParameterError([f"--set {'.'.join(keys)}: {here} is a value, not a section"])
        node = child
    node[keys[-1]] = value


def apply_overrides(tree: dict[str, Any], overrides: list[str]) -> dict[str, Any]:
    """A copy of ``tree`` with each override set; unknown names are left for validation to reject."""
    result = copy.deepcopy(tree)
    for text in overrides:
        keys, value = parse_override(text)
        set_value(result, ".".join(keys), value)
    return result


def deep_merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``base`` updated by ``changes`` section by section (a scenario file holds only what differs)."""
    result = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result
