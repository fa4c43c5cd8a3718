"""One kernel per worker, started once with the libraries every chapter imports, and reset between chapters.

Starting a kernel and importing pandas, matplotlib and the package costs about 1.5 s, a large part
of a short chapter. A worker keeps its kernel for all the chapters it runs. Before each chapter the
kernel starts a new session: its namespace and history are cleared (execution counts start at 1
again), its figures closed, matplotlib's settings put back as they were after start-up, and its
working folder set to the chapter's own. A chapter that fails, or a kernel that dies, gets a fresh
kernel for the next chapter, so a broken state never carries over.
"""

from __future__ import annotations

import atexit
import time
from pathlib import Path

from .kernel_side import collect_less_often_code, skip_unused_imports_code

WARM_UP = (
    f"{skip_unused_imports_code()}\n"
    f"{collect_less_often_code()}\n"
    "import matplotlib.pyplot, pandas, myst_nb.ext.glue, infantile_spasms_market.chapter\n"
    "__import__('infantile_spasms_market.bookbuild.kernel_side', fromlist=['remember']).remember()"
)
READY_TIMEOUT = 60


def _kernel_side(call: str, argument: Path) -> str:
    return f"__import__('infantile_spasms_market.bookbuild.kernel_side', fromlist=['{call}']).{call}({str(argument)!r})"


class ChapterKernel:
    """A started kernel, its warm-up (the common imports) sent, reset for each chapter it serves."""

    def __init__(self) -> None:
        from jupyter_client.manager import KernelManager

        self.manager = KernelManager(kernel_name="python3")
        self.manager.start_kernel()
        self.client = self._client()
        self.pending: str | None = self.client.execute(WARM_UP, silent=True, store_history=False)

    def _client(self):
        # Only the shell channel: the set-up replies come on it; no heartbeat thread needed.
        client = self.manager.client()
        client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        return client

    def _wait(self, msg_id: str) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            reply = self.client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                if reply["content"].get("status") != "ok":
                    raise RuntimeError(f"kernel set-up failed: {reply['content'].get('evalue', 'unknown error')}")
                return
        raise RuntimeError("Kernel didn't respond to the set-up in time")

    def prepare(self, workdir: Path):
        """The kernel manager, its imports done and a new session started in ``workdir`` (the chapter's folder).

        A client of its own for each chapter: papermill's client, when it stops, closes what the
        kernel manager's clients share, so no client outlives the chapter it served.
        """
        if self.client is None:
            self.client = self._client()
        try:
            if self.pending is not None:  # the warm-up, on the first chapter only
                self._wait(self.pending)
                self.pending = None
            self._wait(self.client.execute(_kernel_side("reset", workdir), silent=True, store_history=False))
        finally:
            self.client.stop_channels()
            self.client = None
        return self.manager

    def collect(self, path: Path) -> None:
        """Have the kernel write the parameters the chapter it just ran read to ``path``."""
        self.client = self._client()
        try:
            self._wait(self.client.execute(_kernel_side("collect", path), silent=True, store_history=False))
        finally:
            self.client.stop_channels()
            self.client = None

    def alive(self) -> bool:
        return self.manager.has_kernel and self.manager.is_alive()

    def discard(self) -> None:
        """Stop the kernel."""
        try:
            if self.client is not None:
                self.client.stop_channels()
        finally:
            if self.manager.has_kernel:
                self.manager.shutdown_kernel(now=True)


_kernel: ChapterKernel | None = None


def start() -> None:
    """Start this worker's kernel now (its warm-up runs while the worker does other things)."""
    global _kernel
    if _kernel is None:
        _kernel = ChapterKernel()


def for_chapter(workdir: Path):
    """This worker's kernel, ready for a new chapter in ``workdir``; started now if there is none (or it died)."""
    global _kernel
    if _kernel is not None and not _kernel.alive():
        discard()
    if _kernel is None:
        _kernel = ChapterKernel()
    try:
        return _kernel.prepare(workdir)
    except Exception:
        discard()
        raise


def collect(path: Path) -> None:
    """Write what this worker's kernel recorded for the chapter it just ran to ``path`` (see :func:`.kernel_side.collect`)."""
    if _kernel is None:
        raise RuntimeError("no chapter kernel to ask what the chapter read")
    _kernel.collect(path)


@atexit.register
def discard() -> None:
    """Stop this worker's kernel (after a failed chapter, or when the worker ends)."""
    global _kernel
    kernel, _kernel = _kernel, None
    if kernel is not None:
        kernel.discard()
