"""The notebook cache: one folder per content key, holding an executed notebook and its figure files.

An entry appears whole or not at all (written under a temporary name, then renamed), so an
interrupted run never leaves a half-written entry that a later run would trust.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .hashing import digest

NOTEBOOK_FILE = "notebook.ipynb"
FIGURES_DIR = "figures"
META_FILE = "meta.json"


def notebook_key(*, source_hash: str, scenario: dict[str, Any], reads: dict[str, str],
                 package_hash: str, versions: dict[str, str]) -> str:
    """The content key of one chapter run: changes when anything the run depends on changes."""
    return digest(
        {
            "notebook": source_hash,
            "scenario": scenario,
            "reads": reads,
            "package": package_hash,
            "versions": versions,
        }
    )


@dataclass(frozen=True)
class NotebookCache:
    """Executed notebooks stored by content key under ``root``."""

    root: Path

    def entry(self, key: str) -> Path:
        """Folder of one cache entry (it may not exist)."""
        return self.root / key[:2] / key

    def has(self, key: str) -> bool:
        """Whether a complete entry exists for ``key``."""
        entry = self.entry(key)
        return (entry / META_FILE).is_file() and (entry / NOTEBOOK_FILE).is_file()

    def meta(self, key: str) -> dict[str, Any]:
        """What was recorded when the entry was made (execution seconds, time)."""
        return json.loads((self.entry(key) / META_FILE).read_text(encoding="utf-8"))

    def store(self, key: str, workdir: Path, meta: dict[str, Any]) -> Path:
        """Move a finished run's folder into the cache under ``key`` (atomic rename)."""
        (Path(workdir) / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        entry = self.entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        if entry.exists():  # another build stored the same key meanwhile: same content
            shutil.rmtree(workdir, ignore_errors=True)
            return entry
        try:
            os.replace(workdir, entry)
        except OSError:
            if not self.has(key):
                raise
            shutil.rmtree(workdir, ignore_errors=True)
        return entry

    def workdir(self, name: str) -> Path:
        """A fresh private folder to execute a notebook in, on the cache's file system."""
        tmp = self.root / "tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=tmp))
