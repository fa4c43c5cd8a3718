"""The build's own scratch space: one folder per running build in the cache, removed when the build ends.

Every temporary file of a build (the folders the chapters run in, the staged site, the book it
replaces) lives in ``<cache>/builds/<pid>-<random>/``, held by a lock file for as long as the
build runs. A build that ends, fails or is interrupted removes its folder; one killed outright
(kill -9) cannot, so each build first removes the folders whose lock nobody holds.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from ..paths import CACHE_BUILDS, OWNER_LOCK, STAGING_PREFIX


def _same_device(a: Path, b: Path) -> bool:
    return os.stat(a).st_dev == os.stat(b).st_dev


@dataclass
class Workspace:
    """One build's scratch folder (``root``), locked while the build runs."""

    root: Path
    lock: FileLock
    foreign: list[Path] = field(default_factory=list)  # staging folders outside the cache, removed with the rest

    @classmethod
    def open(cls, cache_dir: Path) -> Workspace:
        """Create and lock a fresh folder under ``<cache_dir>/builds`` (stale ones are removed first)."""
        parent = Path(cache_dir) / CACHE_BUILDS
        parent.mkdir(parents=True, exist_ok=True)
        remove_stale(parent)
        root = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=parent))
        lock = FileLock(str(root / OWNER_LOCK))
        lock.acquire()
        return cls(root, lock)

    def folder(self, name: str) -> Path:
        """A fresh folder inside the workspace (a chapter's working folder, the site source)."""
        return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.root))

    def staging_for(self, output: Path) -> Path:
        """A fresh folder on the same disk as ``output``'s parent, so the finished site moves in by a rename."""
        output.parent.mkdir(parents=True, exist_ok=True)
        if _same_device(self.root, output.parent):
            return self.folder("staging")
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{output.name}-", dir=output.parent))
        (staging / OWNER_LOCK).touch()  # marks the folder as this tool's, for remove_stale_staging
        self.foreign.append(staging)
        return staging

    def close(self) -> None:
        """Remove the workspace and any staging folder it made elsewhere, and release the lock."""
        for path in self.foreign:
            shutil.rmtree(path, ignore_errors=True)
        self.lock.release()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def remove_stale(parent: Path) -> list[Path]:
    """Remove the workspaces under ``parent`` whose build is gone (their lock is free); the removed folders."""
    removed = []
    for folder in sorted(p for p in Path(parent).iterdir() if p.is_dir()) if Path(parent).is_dir() else []:
        lock = FileLock(str(folder / OWNER_LOCK))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue  # a running build
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            lock.release()
    return removed


def remove_stale_staging(output: Path) -> list[Path]:
    """Remove what a killed build left beside ``output``: a staging folder (when the cache is on another disk).

    Also the empty lock file that earlier versions of this tool kept beside the output (``.<name>.lock``).
    """
    parent = output.parent
    if not parent.is_dir():
        return []
    removed = []
    legacy_lock = parent / f".{output.name}.lock"
    if legacy_lock.is_file() and legacy_lock.stat().st_size == 0:
        legacy_lock.unlink()
        removed.append(legacy_lock)
    for folder in parent.glob(f"{STAGING_PREFIX}{output.name}-*"):
        if (folder / OWNER_LOCK).is_file():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
