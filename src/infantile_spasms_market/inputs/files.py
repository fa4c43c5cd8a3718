"""Where the data files are, and reading each one once per version: the YAML reader, the memo, the error type."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..paths import PROJECT_ROOT

DATA_DIR: Path = Path(os.environ.get("ISM_DATA_DIR") or PROJECT_ROOT / "data")
"""Default data directory (``<repo>/data``, or ``$ISM_DATA_DIR`` when set at import)."""

REGISTER_FILE = "register.yaml"


class DataFileError(InputError):
    """A data file is missing, malformed or holds a value that is not allowed (a ``ValueError``)."""



_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 20x faster
_MEMO: dict[tuple[Any, ...], Any] = {}


def _yaml_load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)


def _stamp(path: Path) -> tuple[int, int] | None:
    """What identifies a file's version cheaply: modification time and size (None when missing)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _memoised(kind: str, name: str, directory: Path, files: tuple[str, ...], load: Any) -> Any:
    """``load()`` once per version of ``files``: validated data is reused while no file changes."""
    key = (kind, name, str(directory.resolve()), tuple(_stamp(directory / f) for f in files))
    if key not in _MEMO:
        _MEMO[key] = load()
    return copy.deepcopy(_MEMO[key])


def _resolve(data_dir: Path | str | None) -> Path:
    if data_dir is not None:
        return Path(data_dir)
    env = os.environ.get("ISM_DATA_DIR")
    return Path(env) if env else DATA_DIR
