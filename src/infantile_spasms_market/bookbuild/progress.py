"""Tells the person at the terminal what the build is doing: per-notebook progress, timings, one summary line."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

if TYPE_CHECKING:
    from .options import BuildResult

log = logging.getLogger("infantile_spasms_market.build")


class Reporter:
    """Progress for the build, on a rich console (live bar on a terminal, plain lines otherwise)."""

    def __init__(self, console: Console | None = None):
        self.console = console or Console(stderr=True, highlight=False, soft_wrap=True)
        self._progress: Progress | None = None
        self._overall = None
        self._started: dict[str, float] = {}

    def plan(self, to_run: int, reused: int, jobs: int) -> None:
        self.line(f"notebooks: {to_run} to execute, {reused} reused from the cache ({jobs} in parallel)")
        if to_run and self.console.is_terminal:
            self._progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(), console=self.console, transient=True,
            )
            self._progress.start()
            self._overall = self._progress.add_task("executing notebooks", total=to_run)

    def started(self, name: str) -> None:
        self._started[name] = time.perf_counter()
        log.info("executing %s", name)

    def _advance(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._overall)
            if self._progress.finished:
                self._progress.stop()
                self._progress = None

    def finished(self, name: str, seconds: float) -> None:
        self.line(f"  [green]ok[/green]     {name:<24} {seconds:6.1f} s")
        self._advance()

    def failed(self, name: str, seconds: float) -> None:
        self.line(f"  [red]FAILED[/red] {name:<24} {seconds:6.1f} s")
        self._advance()

    def step(self, text: str) -> None:
        self.line(f"{text} ...")

    def line(self, text: str) -> None:
        log.info(text)
        self.console.print(text)

    def up_to_date(self, output: Path, notebooks: int, seconds: float) -> None:
        self.line(
            f"Nothing changed: 0 notebooks executed, {notebooks} reused; {output} is up to date ({seconds:.2f} s)"
        )

    def summary(self, result: "BuildResult") -> None:
        self.line(
            f"Built {result.output}: {result.executed} notebooks executed, {result.reused} reused, {result.seconds:.1f} s"
        )

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
