"""Tells the person at the terminal what the build is doing: notebooks running and done, each step's time, what is left.

Every line also goes to the build log. On a terminal a live bar names the notebooks running; in
any case each notebook says when it starts and when it ends, and each step (executing,
assembling, Jupyter Book, the editions) says how long it took when the next one begins.
"""

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
EXECUTING = "executing notebooks"


def remaining_seconds(expected: dict[str, float | None], running: dict[str, float], waiting: list[str], jobs: int) -> float | None:
    """About how long the notebooks still to finish take, from how long each took last time (None when none is known).

    ``running``: seconds each running notebook has run so far; ``waiting``: the notebooks not started.
    A notebook never timed counts as the mean of those that were. The work left is shared by
    ``jobs`` workers, but never ends before the longest running notebook.
    """
    known = [v for v in expected.values() if v is not None]
    if not known:
        return None
    typical = sum(known) / len(known)
    guess = {name: expected.get(name) if expected.get(name) is not None else typical for name in [*running, *waiting]}
    left_running = [max(guess[name] - ran, 0.0) for name, ran in running.items()]
    work = sum(left_running) + sum(guess[name] for name in waiting)
    return max(work / max(jobs, 1), max(left_running, default=0.0))


def about(seconds: float | None) -> str:
    """``about 40 s left`` (or minutes), or nothing when unknown."""
    if seconds is None:
        return ""
    if seconds < 1:
        return "almost done"
    return f"about {seconds:.0f} s left" if seconds < 90 else f"about {seconds / 60:.0f} min left"


class Reporter:
    """Progress for the build, on a rich console (live bar on a terminal, plain lines otherwise)."""

    def __init__(self, console: Console | None = None):
        self.console = console or Console(stderr=True, highlight=False, soft_wrap=True)
        self._progress: Progress | None = None
        self._overall = None
        self._started: dict[str, float] = {}
        self._expected: dict[str, float | None] = {}
        self._waiting: list[str] = []
        self._jobs = 1
        self._done = 0
        self._total = 0
        self._step: tuple[str, float] | None = None

    # ------------------------------------------------------------------ notebooks
    def plan(self, to_run: int, reused: int, jobs: int, expected: dict[str, float | None] | None = None) -> None:
        """Announce the notebooks to execute; ``expected``: each one's seconds last time (None: never timed)."""
        self._expected, self._jobs, self._total, self._done = dict(expected or {}), jobs, to_run, 0
        self._waiting = list(self._expected)
        left = about(remaining_seconds(self._expected, {}, self._waiting, jobs)) if to_run else ""
        self.line(f"notebooks: {to_run} to execute, {reused} reused from the cache ({jobs} in parallel)"
                  + (f"; {left.replace(' left', '')} from their times last time" if left else ""))
        if not to_run:
            return
        self._step = (EXECUTING, time.perf_counter())
        if self.console.is_terminal:
            self._progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(), console=self.console, transient=True,
            )
            self._progress.start()
            self._overall = self._progress.add_task(EXECUTING, total=to_run)

    def started(self, name: str) -> None:
        """A worker began executing ``name``."""
        self._started[name] = time.perf_counter()
        if name in self._waiting:
            self._waiting.remove(name)
        last = self._expected.get(name)
        self.line(f"  run    {name:<24}" + (f" (took {last:.1f} s last time)" if last is not None else ""))
        self._describe()

    def _running(self) -> dict[str, float]:
        now = time.perf_counter()
        return {name: now - start for name, start in self._started.items()}

    def _describe(self) -> None:
        if self._progress is not None:
            running = ", ".join(self._started) or "waiting for a worker"
            self._progress.update(self._overall, description=f"running {running}")

    def _advance(self, name: str) -> str:
        """Count ``name`` done; the progress text: how many are done, what still runs, about how long is left."""
        self._started.pop(name, None)
        if name in self._waiting:
            self._waiting.remove(name)
        self._done += 1
        if self._progress is not None:
            self._progress.advance(self._overall)
            self._describe()
            if self._progress.finished:
                self._progress.stop()
                self._progress = None
        parts = [f"{self._done} of {self._total} done"]
        if self._started:
            parts.append("running " + ", ".join(self._started))
        if self._done < self._total:
            left = about(remaining_seconds(self._expected, self._running(), self._waiting, self._jobs))
            if left:
                parts.append(left)
        return "; ".join(parts)

    def finished(self, name: str, seconds: float) -> None:
        progress = self._advance(name)
        self.line(f"  [green]ok[/green]     {name:<24} {seconds:6.1f} s   {progress}")

    def failed(self, name: str, seconds: float) -> None:
        progress = self._advance(name)
        self.line(f"  [red]FAILED[/red] {name:<24} {seconds:6.1f} s   {progress}")

    # ------------------------------------------------------------------ steps
    def step(self, text: str, expected: float | None = None) -> None:
        """A step begins (``expected``: its seconds last time); the one before it ends and says how long it took."""
        self.end_step()
        self.line(f"{text} ..." + (f" (took {expected:.1f} s last time)" if expected else ""))
        self._step = (text, time.perf_counter())

    def end_step(self) -> None:
        """The current step ends: say how long it took."""
        if self._step is not None:
            text, start = self._step
            self._step = None
            self.line(f"{text}: {time.perf_counter() - start:.1f} s")

    def line(self, text: str) -> None:
        log.info(text)
        self.console.print(text)

    def up_to_date(self, output: Path, notebooks: int, seconds: float) -> None:
        self.line(
            f"Nothing changed: 0 notebooks executed, {notebooks} reused; {output} is up to date ({seconds:.2f} s)"
        )

    def summary(self, result: "BuildResult") -> None:
        self.end_step()
        self.line(
            f"Built {result.output}: {result.executed} notebooks executed, {result.reused} reused, {result.seconds:.1f} s"
        )

    def close(self) -> None:
        self._step = None  # a failed or interrupted step has no time worth reporting
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
