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
from typing import Any

from filelock import FileLock, Timeout

from ..paths import BUILD_DIR, CACHE_JOURNALS, CACHE_LOCKS, HTML_DIR, MANIFEST_FILE, PROJECT_ROOT, SCENARIO_SITES
from ..reproducible import GENERATOR
from ..scenario.resolved import ResolvedScenario
from .hashing import digest
from .interrupt import critical
from .options import BuildFailed
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


# --------------------------------------------------------------------------- where a book may be published
# Where a book may be published: never over a folder the tool did not write, never into the project's sources.
#
# An output folder is replaced only when it is missing, empty, or holds a book this tool published
# and nothing else: the published book's manifest lists every file it wrote, so a file a user added
# later is noticed. Inside the project, only the build folder (``_build/``) may receive a book.

SHOWN_FILES = 3


def default_output(scenario: ResolvedScenario) -> Path:
    """``_build/html`` for the base case; ``_build/scenarios/<name>/html`` for any other scenario.

    A scenario with ``--set`` overrides gets a folder of its own too (``<name>-set-<hash>``): an
    overridden base case is not the base case, and is never published over it.
    """
    if scenario.is_base:
        return HTML_DIR
    return SCENARIO_SITES / published_name(scenario) / HTML_DIR.name


def published_name(scenario: ResolvedScenario) -> str:
    """The name a build publishes under, in folder and file names (:attr:`ResolvedScenario.published_name`).

    The editions' files (``infantile-spasms-market-<name>.pdf``, ``.xlsx``, ``.pptx``) carry it too,
    so a presenter's copy of an overridden base case is never named ``...-base.pdf``.
    """
    return scenario.published_name


def check_own_name(scenario: ResolvedScenario) -> None:
    """Raise :class:`BuildFailed` (exit 2) when a scenario from elsewhere would publish under a shipped scenario's name (:func:`.taken_name`)."""
    from ..scenario.loading import taken_name

    folder = default_output(scenario).parent.relative_to(PROJECT_ROOT)
    problem = taken_name(scenario, f"its book would be published into that scenario's folder ({folder}) and its editions named after it")
    if problem:
        raise BuildFailed(problem, exit_code=2)


def published_files(site: Path) -> list[str]:
    """Every file under ``site``, relative and sorted (what the manifest records as published)."""
    return sorted(p.relative_to(site).as_posix() for p in Path(site).rglob("*") if p.is_file() or p.is_symlink())


def _manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of a book this tool published in ``folder``, or None."""
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    if manifest.get("generator") == GENERATOR:
        return manifest
    legacy = {"site_key", "built_at", "notebooks"} <= set(manifest)  # written before manifests listed their files
    return {**manifest, "published_files": published_files(folder)} if legacy else None


def _refuse(output: Path, why: str, what_to_do: str) -> BuildFailed:
    return BuildFailed(f"refusing to publish the book into {output}: {why}. {what_to_do}", exit_code=2)


def check_output(output: Path, cache_dir: Path) -> None:
    """Raise :class:`BuildFailed` (exit 2) unless the book may be published into ``output``.

    Allowed: a missing or empty folder, or one holding exactly a book this tool published; inside
    the project, only under ``_build/``. Refused: the project itself or a folder above it, the
    project's sources, the cache, a file, and any folder holding files the tool did not write.
    """
    output, project, cache = output.resolve(), PROJECT_ROOT.resolve(), Path(cache_dir).resolve()
    if output == project or output in project.parents:
        why = "it is the project's own folder" if output == project else f"it contains the project ({project})"
        raise _refuse(output, why, f"Choose a folder of its own, for example {BUILD_DIR.name}/mybook")
    if output == cache or cache in output.parents or output in cache.parents:
        raise _refuse(output, f"it overlaps the cache folder {cache}", "Choose a folder outside the cache")
    if project in output.parents and BUILD_DIR.resolve() not in (output, *output.parents):
        inside = output.relative_to(project).parts[0]
        raise _refuse(
            output, f"it is inside the project's sources ({inside}/)",
            f"Inside the project a book may only go under {BUILD_DIR.name}/ (e.g. {BUILD_DIR.name}/mybook); "
            "or choose a folder outside the project",
        )
    if output.exists() and not output.is_dir():
        raise _refuse(output, "it is a file, not a folder", "Choose a folder")
    if not output.is_dir() or not any(output.iterdir()):
        return
    manifest = _manifest(output)
    if manifest is None:
        entries = sorted(p.name for p in output.iterdir())
        shown = ", ".join(entries[:SHOWN_FILES]) + (f" and {len(entries) - SHOWN_FILES} more" if len(entries) > SHOWN_FILES else "")
        raise _refuse(
            output, f"it is not empty and holds no book published by this tool ({shown})",
            "Choose an empty or new folder; the build only ever replaces a book it published",
        )
    extra = sorted(set(published_files(output)) - {*(manifest.get("published_files") or []), MANIFEST_FILE})
    if extra:
        shown = ", ".join(extra[:SHOWN_FILES]) + (f" and {len(extra) - SHOWN_FILES} more" if len(extra) > SHOWN_FILES else "")
        raise _refuse(
            output, f"it holds files the published book did not include ({shown})",
            "Move them elsewhere first; the build replaces the whole folder",
        )


def writable(folder: Path) -> None:
    """Raise :class:`BuildFailed` naming ``folder`` when it cannot be created or written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".ism-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise BuildFailed(f"cannot write to {folder}: {exc.strerror or exc}", exit_code=1) from None
