"""The notebook cache: one folder per content key, holding an executed notebook and its figure files.

A chapter's key has two parts. What is known before it runs: its source, the input files it
declares, the package's code and key library versions (:func:`notebook_key`). And what it read
of the scenario while it ran, recorded parameter by parameter, inside the model too
(:mod:`..inputs.declared`): :func:`chapter_key` adds the values of exactly those parameters. The
cache keeps, for each first part, the sets of parameters runs of it read; a build looks each set
up with its own scenario's values, so a chapter that did not read a changed parameter is reused.

An entry appears whole or not at all (written under a temporary name, then renamed), so an
interrupted run never leaves a half-written entry that a later run would trust; each entry records
the checksum of every file, so one damaged on disk is noticed and executed again.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import CACHE_READ_SETS, META_FILE, NOTEBOOK_FILE, STORE_TEMPORARY_SUFFIX
from .hashing import digest, tree_hashes

READ_SETS_KEPT = 16  # per chapter version: the distinct sets of parameters its runs read, newest first


def notebook_key(*, source_hash: str, reads: dict[str, str], package_hash: str, versions: dict[str, str]) -> str:
    """What one chapter run depends on besides the scenario: its source, the files it declares, the code, the libraries."""
    return digest(
        {
            "notebook": source_hash,
            "reads": reads,
            "package": package_hash,
            "versions": versions,
        }
    )


def chapter_key(static_key: str, parameters: dict[str, Any]) -> str:
    """The content key of one chapter run: :func:`notebook_key` and the values of the parameters it read."""
    return digest({"chapter": static_key, "parameters": parameters})


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

    def damage(self, key: str) -> str | None:
        """What is wrong with a stored entry (a file changed, missing or added since it was stored), or None when it is intact."""
        recorded = self.meta(key).get("files")
        if not isinstance(recorded, dict):
            return "it records no checksums"
        present = _checksums(self.entry(key))
        for name in sorted(set(recorded) | set(present)):
            if name not in present:
                return f"{name} is missing"
            if name not in recorded:
                return f"{name} was added"
            if present[name] != recorded[name]:
                return f"{name} changed"
        return None

    def discard(self, key: str) -> None:
        """Remove an entry (a damaged one is executed again rather than published)."""
        shutil.rmtree(self.entry(key), ignore_errors=True)

    def meta(self, key: str) -> dict[str, Any]:
        """What was recorded when the entry was made (execution seconds, time, checksums of its files)."""
        return json.loads((self.entry(key) / META_FILE).read_text(encoding="utf-8"))

    def read_sets(self, static_key: str) -> list[list[str]]:
        """The sets of parameter paths runs of this chapter version read, newest first (none when never run)."""
        try:
            sets = json.loads((self.root / CACHE_READ_SETS / f"{static_key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [list(s) for s in sets if isinstance(s, list) and all(isinstance(p, str) for p in s)]

    def remember_read_set(self, static_key: str, paths: list[str]) -> None:
        """Add ``paths`` to the sets this chapter version read (written whole, then renamed)."""
        sets = [paths, *[s for s in self.read_sets(static_key) if s != paths]][:READ_SETS_KEPT]
        folder = self.root / CACHE_READ_SETS
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{static_key}.{os.getpid()}{STORE_TEMPORARY_SUFFIX}"
        temporary.write_text(json.dumps(sets), encoding="utf-8")
        os.replace(temporary, folder / f"{static_key}.json")

    def store(self, key: str, workdir: Path, meta: dict[str, Any]) -> Path:
        """Move a finished run's folder into the cache under ``key`` (atomic rename), with the checksum of every file."""
        meta = {**meta, "files": _checksums(Path(workdir))}
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


def _checksums(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of an entry's files (its meta file left out)."""
    return {name: digest_ for name, digest_ in tree_hashes(folder).items() if name != META_FILE}
