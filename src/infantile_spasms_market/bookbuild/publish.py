"""Safe publishing: build in a staging folder, swap it into place only when everything succeeded.

The previous site stays untouched by a failed build. The swap is two renames on one file system;
if a process dies between them, the next build puts the previous site back first.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout


class BuildLocked(RuntimeError):
    """Another build holds the lock on this output folder."""


def staging_dir(output: Path) -> Path:
    """A fresh hidden folder beside ``output`` (same file system, so the swap is a rename)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".staging-{output.name}-", dir=output.parent))


def _previous(output: Path) -> Path:
    return output.with_name(f".{output.name}.previous")


def recover(output: Path) -> None:
    """Undo a swap that a dead process left half done: restore the previous site if none is in place."""
    previous = _previous(output)
    if previous.exists():
        if output.exists():
            shutil.rmtree(previous)
        else:
            os.replace(previous, output)


def swap_in(new_site: Path, output: Path) -> None:
    """Replace ``output`` with ``new_site``; the old site is removed only once the new one is in place."""
    recover(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    previous = _previous(output)
    if output.exists():
        os.replace(output, previous)
    os.replace(new_site, output)
    if previous.exists():
        shutil.rmtree(previous)


@contextmanager
def build_lock(output: Path, wait_seconds: float) -> Iterator[None]:
    """Hold the lock for ``output`` (waiting up to ``wait_seconds``) so two builds never interleave."""
    output.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(output.with_name(f".{output.name}.lock")))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout:
        raise BuildLocked(
            f"another build is writing {output} (lock {lock.lock_file}); "
            f"gave up after waiting {wait_seconds:g} s (use --wait to wait longer)"
        ) from None
    try:
        yield
    finally:
        lock.release()
