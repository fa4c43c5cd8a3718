"""The run manifest: what a build used and did, written into the site and shown on a page; checking a book against it.

The page shows only what the commit decides (no clock time, no durations, nothing about the cache),
so two builds of one commit publish the same page; the manifest keeps the rest, and the SHA-256 of
every other file the book publishes, which :func:`verify` checks a copy of the book against.
"""

from __future__ import annotations

import json
import platform
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..constraints import InputError
from ..outputs.markdown import pipe_table
from ..paths import MANIFEST_FILE
from ..reproducible import TIME_STAMPED
from .hashing import sha256_bytes, tree_hashes

SHOWN_HASH = 12  # hex digits of a hash a message shows


def git_state(root: Path) -> dict[str, Any]:
    """Commit and whether the working tree differs from it (``None`` outside a git checkout)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                cwd=root, capture_output=True, text=True, check=True, timeout=10,
            ).stdout.strip()
        )
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": dirty}


def python_version() -> str:
    return platform.python_version()


def read_manifest(site: Path) -> dict[str, Any] | None:
    """The manifest of a published site, or ``None`` when there is none (or it is unreadable)."""
    try:
        return json.loads((Path(site) / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def published_as(manifest: dict[str, Any]) -> str:
    """The name the editions' files carry: ``<name>-set-<hash>`` for an overridden scenario (older manifests: the name)."""
    scenario = manifest["scenario"]
    return scenario.get("published_as") or scenario["name"]


def write_manifest(site_extra: Path, manifest: dict[str, Any]) -> Path:
    """Write ``manifest.json`` where Sphinx copies it to the site root."""
    site_extra.mkdir(parents=True, exist_ok=True)
    path = site_extra / MANIFEST_FILE
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path


def parameters_read(paths: list[str] | None) -> str:
    """How many parameters a chapter read, for the Reproducibility page (``all``: the whole scenario)."""
    if paths is None:
        return "not recorded"
    return "all" if "" in paths else str(len([p for p in paths if not p.startswith("@")]))


def _dated(manifest: dict[str, Any]) -> str:
    source = manifest.get("source_date")
    if not source:
        return manifest["built_at"][:10]
    origin = {"SOURCE_DATE_EPOCH": "from `SOURCE_DATE_EPOCH`", "git commit": "the date of the git commit"}.get(
        source["origin"], "the time of the build: no git commit and no `SOURCE_DATE_EPOCH`")
    return f"{source['time']} ({origin})"


def render_markdown(manifest: dict[str, Any]) -> str:
    """The manifest as MyST Markdown for the Reproducibility page: only what the commit decides (no times, nothing cached)."""
    scenario = manifest["scenario"]
    git = manifest["git"]
    commit = git["commit"] or "not a git checkout"
    if git.get("dirty"):
        commit += " (with uncommitted changes)"
    overrides = ", ".join(f"`{o}`" for o in scenario["overrides"]) or "none"
    parts = [
        "## This build",
        pipe_table(
            ["Item", "Value"],
            [
                ["Scenario", f"{scenario['title']} (`{scenario['name']}`)"],
                ["Scenario file", f"`{scenario['file']}`"],
                ["Overrides", overrides],
                ["Dated", _dated(manifest)],
                ["Git commit", f"`{commit}`"],
                ["Python", manifest["python"]],
            ],
        ),
        "## Notebooks",
        "A chapter is executed again only when something it read changed: its source, the data files it "
        "declares, the package's code and key library versions, or a parameter it read. Its cache key hashes "
        "them; the parameters it read are counted here (*all* when it read the whole scenario).",
        pipe_table(["Notebook", "Cache key", "Parameters read"],
                   [[f"`{n['name']}`", f"`{n['key'][:12]}`", parameters_read(n.get("parameters"))] for n in manifest["notebooks"]]),
        "## Data files",
        pipe_table(["File", "SHA-256"], [[f"`{f}`", f"`{h}`"] for f, h in manifest["data"].items()]),
        "## Software",
        pipe_table(["Package", "Version"], [[p, v] for p, v in manifest["versions"].items()]),
        "## Resolved parameters",
        "```yaml\n" + yaml.safe_dump(manifest["parameters"], sort_keys=False, allow_unicode=True) + "```",
    ]
    return "\n\n".join(parts) + "\n"


def time_stamped_markdown() -> str:
    """The files that may differ between two builds of one commit, each with why (the Reproducibility page)."""
    return "\n".join(f"- `{name}`: {why}." for name, why in TIME_STAMPED.items()) + "\n"


def file_hashes(site: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file a built book publishes, its manifest left out (it records these)."""
    return {name: digest for name, digest in tree_hashes(site).items() if name != MANIFEST_FILE}


class VerifyError(InputError):
    """What was given to ``verify`` is not a book with a manifest that records its files' hashes."""


@dataclass(frozen=True)
class Differences:
    """How a book's files differ from those a manifest records: each changed (path, recorded, found), missing or added file."""

    changed: list[tuple[str, str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing or self.added)

    def lines(self, recorded: str = "recorded", found: str = "found") -> list[str]:
        """One line per difference, changed files first (their two hashes named ``recorded`` and ``found``), each kind sorted."""
        return ([f"  changed  {name}  (sha256 {recorded} {a[:SHOWN_HASH]}..., {found} {b[:SHOWN_HASH]}...)" for name, a, b in self.changed]
                + [f"  missing  {name}" for name in self.missing] + [f"  added    {name}" for name in self.added])

    def counts(self) -> str:
        """``1 changed, 1 missing, 1 added`` (the kinds that occur)."""
        parts = [(len(self.changed), "changed"), (len(self.missing), "missing"), (len(self.added), "added")]
        return ", ".join(f"{n} {what}" for n, what in parts if n)


def compare(recorded: dict[str, str], present: dict[str, str]) -> Differences:
    """What differs between the hashes a manifest records and those of the files present."""
    return Differences(
        changed=[(name, recorded[name], present[name]) for name in sorted(set(recorded) & set(present)) if recorded[name] != present[name]],
        missing=sorted(set(recorded) - set(present)),
        added=sorted(set(present) - set(recorded)),
    )


def _book_files(path: Path) -> dict[str, bytes | Path]:
    """``{relative path: file or its bytes}`` of a book folder, or of a ``.zip`` holding one (at its root or in one top folder)."""
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p for p in sorted(path.rglob("*")) if p.is_file()}
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
            tops = {name.split("/", 1)[0] for name in names}
            prefix = next(iter(tops)) + "/" if MANIFEST_FILE not in names and len(tops) == 1 else ""
            return {name[len(prefix):]: archive.read(name) for name in names if name.startswith(prefix)}
    if path.is_file():
        raise VerifyError(f"{path} is a file, not a book: give the book's folder (the one holding {MANIFEST_FILE}) or a .zip of it")
    raise VerifyError(f"{path}: no such folder")


def _bytes(content: bytes | Path) -> bytes:
    return content.read_bytes() if isinstance(content, Path) else content


def _recorded(path: Path, files: dict[str, bytes | Path]) -> dict[str, Any]:
    """The manifest among a book's ``files``; :class:`VerifyError` when there is none or it records no hashes."""
    if MANIFEST_FILE not in files:
        raise VerifyError(f"{path} holds no {MANIFEST_FILE}: give the top folder of a book this tool built (e.g. _build/html)")
    try:
        manifest = json.loads(_bytes(files[MANIFEST_FILE]).decode("utf-8"))
    except ValueError as exc:
        raise VerifyError(f"{path}/{MANIFEST_FILE} is not a readable manifest ({exc}): the book cannot be checked") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("published_files"), dict):
        raise VerifyError(f"{path}/{MANIFEST_FILE} records no file hashes (a book built before `verify` existed): rebuild it to check it")
    return manifest


def verify(path: Path, against: Path | None = None) -> tuple[dict[str, Any], Differences, Differences | None]:
    """Check the book at ``path`` (a folder, or a ``.zip`` of one) against its manifest and, given ``against``, another build's.

    Returns the manifest, how the files differ from it, and (with ``against``) how the hashes it
    records differ from those ``against``'s manifest records: a file only ``against`` publishes is
    *missing*, one only ``path`` publishes is *added*.

    Raises
    ------
    VerifyError
        When either is not a book with a manifest that records its files' hashes.
    """
    path = Path(path)
    files = _book_files(path)
    manifest = _recorded(path, files)
    present = {name: sha256_bytes(_bytes(content)) for name, content in files.items() if name != MANIFEST_FILE}
    own = compare(manifest["published_files"], present)
    if against is None:
        return manifest, own, None
    other = _recorded(Path(against), _book_files(Path(against)))
    return manifest, own, compare(other["published_files"], manifest["published_files"])
