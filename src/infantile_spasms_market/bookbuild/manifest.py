"""The run manifest: what a build used and did, written into the site and shown on a page."""

from __future__ import annotations

import json
import platform
import subprocess
from pathlib import Path
from typing import Any

import yaml

from ..outputs.markdown import pipe_table
from ..paths import MANIFEST_FILE


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


def render_markdown(manifest: dict[str, Any]) -> str:
    """The manifest as MyST Markdown for the Reproducibility page."""
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
                ["Built", manifest["built_at"]],
                ["Git commit", f"`{commit}`"],
                ["Python", manifest["python"]],
                ["Notebooks", f"{manifest['summary']['executed']} executed, {manifest['summary']['reused']} reused"],
            ],
        ),
        "## Notebooks",
        "A chapter is executed again only when something it read changed: its source, the data files it "
        "declares, the code, or a parameter it read (counted here; *all* when it read the whole scenario).",
        pipe_table(
            ["Notebook", "This build", "Execution time (s)", "Parameters read", "Cache key"],
            [
                [f"`{n['name']}`", n["status"], f"{n['seconds']:.1f}", parameters_read(n.get("parameters")), f"`{n['key'][:12]}`"]
                for n in manifest["notebooks"]
            ],
        ),
        "## Data files",
        pipe_table(["File", "SHA-256"], [[f"`{f}`", f"`{h}`"] for f, h in manifest["data"].items()]),
        "## Software",
        pipe_table(["Package", "Version"], [[p, v] for p, v in manifest["versions"].items()]),
        "## Resolved parameters",
        "```yaml\n" + yaml.safe_dump(manifest["parameters"], sort_keys=False, allow_unicode=True) + "```",
    ]
    return "\n\n".join(parts) + "\n"
