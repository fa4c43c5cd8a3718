"""Stopping a build cleanly on Ctrl-C or SIGTERM: within two seconds, kernels stopped, nothing half-published.

The build turns SIGINT and SIGTERM into :class:`Interrupted`, which unwinds through the same
``finally`` blocks as a failure (temporary folders removed, the lock released, the published
book untouched). The worker processes and their kernels are stopped by :func:`stop_children`. A
short critical section (the two renames that publish a book) defers the signal until it is done.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psutil

EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}
NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}
GRACE_SECONDS = 0.6

_deferred: list[int] = []
_in_critical = False


class Interrupted(BaseException):
    """The build was asked to stop (a ``BaseException``, like ``KeyboardInterrupt``, so nothing swallows it)."""

    def __init__(self, signum: int):
        super().__init__(NAMES.get(signum, f"signal {signum}"))
        self.signum = signum
        self.progress: str | None = None  # what the build had done and kept, for the one-line report

    @property
    def exit_code(self) -> int:
        return EXIT_CODES.get(self.signum, 128 + self.signum)


def _handle(signum: int, frame) -> None:
    if _in_critical:
        _deferred.append(signum)
        return
    raise Interrupted(signum)


def install_handlers() -> None:
    """Make SIGINT and SIGTERM raise :class:`Interrupted` in the main thread.

    Installed explicitly, so that Ctrl-C works even when Python started with SIGINT ignored (a
    background job of a non-interactive shell).
    """
    for signum in EXIT_CODES:
        signal.signal(signum, _handle)


@contextmanager
def critical() -> Iterator[None]:
    """Defer an interruption until the block is done (it raises at the block's end)."""
    global _in_critical
    _in_critical = True
    try:
        yield
    finally:
        _in_critical = False
        if _deferred:
            signum = _deferred.pop(0)
            _deferred.clear()
            raise Interrupted(signum)


def _is_resource_tracker(process: psutil.Process) -> bool:
    """multiprocessing's own helper: it must outlive the workers to clean up after them (it exits by itself)."""
    try:
        return any("resource_tracker" in part for part in process.cmdline())
    except psutil.Error:
        return False


def _running(process: psutil.Process) -> bool:
    """A process still to stop: alive (a killed kernel stays a zombie until its worker reaps it) and not the resource tracker."""
    try:
        return process.status() != psutil.STATUS_ZOMBIE and not _is_resource_tracker(process)
    except psutil.NoSuchProcess:
        return False


def stop_children(grace: float = GRACE_SECONDS, spare: frozenset[int] = frozenset()) -> int:
    """Kill every process this one started (workers' kernels and the like); how many there were.

    Killed outright: a build that was asked to stop owes its kernels no goodbye, and two seconds is
    the budget. Repeated until none is left, so a process being started when the signal came is
    stopped too. Processes in ``spare`` (a process pool's own workers, which the pool must reap
    itself, or it waits for them for ever) are left to their owner.
    """
    stopped = 0
    for _ in range(3):
        children = [c for c in psutil.Process().children(recursive=True) if c.pid not in spare and _running(c)]
        if not children:
            break
        stopped += len(children)
        for child in children:
            try:
                child.kill()
            except psutil.NoSuchProcess:
                pass
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and any(_running(c) for c in children):
            time.sleep(0.02)
    return stopped


def stop_pool(pool, grace: float = GRACE_SECONDS) -> None:
    """Stop a :class:`concurrent.futures.ProcessPoolExecutor` at once: its workers' kernels, then its workers.

    The workers are killed and joined through their own ``multiprocessing`` handles, so the pool
    sees them exit and its management thread ends (reaped by anyone else, they would look alive to
    it for ever and the interpreter would hang at exit).
    """
    workers = list(getattr(pool, "_processes", {}).values())  # the executor keeps no public handle on them
    pool.shutdown(wait=False, cancel_futures=True)
    stop_children(grace, spare=frozenset(w.pid for w in workers if w.pid))
    for worker in workers:
        worker.kill()
    for worker in workers:
        worker.join(grace)
    stop_children(grace)  # a worker that was starting when the pool stopped
