"""Content hashes: what a notebook's output depends on, so unchanged work is reused, never redone."""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

# Libraries whose version can change what a notebook prints or draws.
KEY_PACKAGES = (
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "papermill",
    "pandas",
    "numpy",
    "matplotlib",
    "scipy",
    "pydantic",
)


def sha256_bytes(content: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(content).hexdigest()


def file_hash(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return sha256_bytes(Path(path).read_bytes())


def tree_hashes(root: Path, patterns: Iterable[str] = ("*",)) -> dict[str, str]:
    """``{relative path: sha256}`` of the files under ``root`` matching ``patterns`` (sorted, stable)."""
    root = Path(root)
    files = sorted({p for pattern in patterns for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts})
    return {p.relative_to(root).as_posix(): file_hash(p) for p in files}


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: equal values hash equally."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def digest(value: Any) -> str:
    """Hex sha256 of any JSON-able value."""
    return sha256_bytes(canonical_json(value).encode("utf-8"))


def notebook_source_hash(path: Path) -> str:
    """Hash of a notebook's cells (type, source, tags), ignoring outputs, counts and other metadata."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [
        {
            "type": cell.get("cell_type"),
            "source": "".join(cell.get("source", [])) if isinstance(cell.get("source"), list) else cell.get("source", ""),
            "tags": cell.get("metadata", {}).get("tags", []),
        }
        for cell in notebook.get("cells", [])
    ]
    return digest({"cells": cells, "kernel": notebook.get("metadata", {}).get("kernelspec", {}).get("name")})


def package_versions(names: Iterable[str] = KEY_PACKAGES) -> dict[str, str]:
    """Installed versions of the key packages (``"missing"`` when absent)."""
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    return versions
