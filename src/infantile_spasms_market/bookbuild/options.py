"""What a build was asked to do, what it did, and how it fails (exit 2 for bad input, 1 for a failing step)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import CACHE_DIR


class BuildFailed(RuntimeError):
    """The build stopped; ``exit_code`` 2 for bad input, 1 for a failing step. The site is unchanged."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class BuildOptions:
    """What ``python -m infantile_spasms_market build`` was asked to do."""

    scenario: Path | None = None
    overrides: list[str] = field(default_factory=list)
    jobs: int = os.cpu_count() or 1
    force: bool = False
    output: Path | None = None
    cache_dir: Path = CACHE_DIR
    wait_seconds: float = 900.0
    debug: bool = False
    pdf: bool = True  # False with --no-pdf: the site and the data pack only (quicker rebuilds while exploring)


@dataclass
class BuildResult:
    """What the build did (also printed as the one-line summary)."""

    output: Path
    executed: int
    reused: int
    seconds: float
    up_to_date: bool
