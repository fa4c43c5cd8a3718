"""Safe publishing: the finished site replaces the output folder by two renames, journaled so a killed build is undone.

The previous site stays untouched by a failed build. The swap moves the previous site into the
build's workspace and the new one into place; a journal in the cache records the move, so if a
process dies between the two renames the next build puts the previous site back first. A lock
per output folder, kept in the cache, stops two builds from interleaving.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..paths import CACHE_JOURNALS, CACHE_LOCKS
from .hashing import digest
from .interrupt import critical
from .workspace import Workspace


class BuildLocked(RuntimeError):
    """Another build holds the lock on this output folder."""


def _lock_file(output: Path, cache_dir: Path) -> Path:
    return Path(cache_dir) / CACHE_LOCKS / f"{digest(str(output))[:24]}.lock"


def _journal(output: Path, cache_dir: Path) -> Path:
    return Path(cache_dir) / CACHE_JOURNALS / f"{digest(str(output))[:24]}.json"


@contextmanager
def build_lock(output: Path, cache_dir: Path, wait_seconds: float) -> Iterator[None]:
    """Hold the lock for ``output`` (waiting up to ``wait_seconds``) so two builds never interleave."""
    path = _lock_file(output, cache_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout:
        raise BuildLocked(
            f"another build is writing {output} (lock {path}); "
            f"gave up after waiting {wait_seconds:g} s (use --wait to wait longer)"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _undo(journal: Path) -> Path | None:
    """Put back the previous site a journal records, if no site is in place; the output it restored, or None."""
    record = json.loads(journal.read_text(encoding="utf-8"))
    output, previous = Path(record["output"]), Path(record["previous"])
    restored = previous.exists() and not output.exists()
    if restored:
        os.replace(previous, output)
    journal.unlink()
    return output if restored else None


def recover(output: Path, cache_dir: Path) -> bool:
    """Undo a swap a dead process left half done on ``output`` (whose lock the caller holds); whether it restored a site."""
    journal = _journal(output, cache_dir)
    return journal.is_file() and _undo(journal) is not None


def recover_all(cache_dir: Path) -> list[Path]:
    """Undo every interrupted swap whose build is gone (its output's lock is free); the outputs restored."""
    folder = Path(cache_dir) / CACHE_JOURNALS
    restored = []
    for journal in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        output = Path(json.loads(journal.read_text(encoding="utf-8"))["output"])
        lock = FileLock(str(_lock_file(output, cache_dir)))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue  # its build is running (and has recovered it already)
        try:
            if _undo(journal) is not None:
                restored.append(output)
        finally:
            lock.release()
    return restored


def swap_in(new_site: Path, output: Path, workspace: Workspace, cache_dir: Path) -> None:
    """Replace ``output`` with ``new_site``; the previous site is removed only once the new one is in place."""
    output.parent.mkdir(parents=True, exist_ok=True)
    previous = workspace.staging_for(output) / "previous"
    journal = _journal(output, cache_dir)
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text(json.dumps({"output": str(output), "previous": str(previous)}), encoding="utf-8")
    with critical():  # an interruption waits until both renames are done
        if output.exists():
            os.replace(output, previous)
        os.replace(new_site, output)
        journal.unlink()
    shutil.rmtree(previous, ignore_errors=True)
