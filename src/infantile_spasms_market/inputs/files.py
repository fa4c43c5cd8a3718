"""Where the data files are, and reading each one once per version: the YAML reader, the memo, the error type."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from .. import paths
from ..constraints import InputError
from ..paths import DATA_DIR, REGISTER_FILE  # noqa: F401  (re-exported: the inputs' own names)


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


def forget_memo() -> None:
    """Read every file again on its next use. Mutation testing needs it: mutmut forks each mutant from the process
    that ran the clean tests, so a warm memo would hand the mutant the unmutated function's result."""
    _MEMO.clear()


def _resolve(data_dir: Path | str | None) -> Path:
    """``data_dir``, or the project's (:data:`..paths.DATA_DIR`, looked up at call time so a test can point it elsewhere)."""
    return Path(data_dir) if data_dir is not None else paths.DATA_DIR
