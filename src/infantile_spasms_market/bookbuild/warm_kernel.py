"""A kernel started ahead of time: while one notebook runs, its worker starts the next one's kernel.

Starting a kernel and importing pandas and matplotlib costs about 1.5 s per notebook, much of it
waiting rather than computing. A worker that knows another notebook will follow starts a spare
kernel before running the current one, and asks it to import the libraries every chapter uses;
the next notebook then finds a ready kernel. The notebook still runs in a fresh kernel of its
own, in its own folder: only start-up moves earlier.
"""

from __future__ import annotations

import atexit
import time
from pathlib import Path

WARM_UP = "import matplotlib.pyplot, pandas, myst_nb, infantile_spasms_market.chapter"
READY_TIMEOUT = 60


class SpareKernel:
    """A started kernel, importing the common libraries, waiting for its notebook."""

    def __init__(self) -> None:
        from jupyter_client.manager import KernelManager

        self.manager = KernelManager(kernel_name="python3")
        self.manager.start_kernel()
        self.client = self.manager.client()
        # Only the shell channel: the warm-up and chdir replies come on it; no heartbeat thread needed.
        self.client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        self.warm_up_id = self.client.execute(WARM_UP, silent=True, store_history=False)

    def _wait_for_reply(self, msg_id: str) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            reply = self.client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return
        raise RuntimeError("Kernel didn't respond to the warm-up in time")

    def take(self, workdir: Path):
        """The kernel manager, ready, its working folder set to ``workdir`` (the notebook's cwd)."""
        self._wait_for_reply(self.warm_up_id)
        self._wait_for_reply(self.client.execute(f"import os; os.chdir({str(workdir)!r})", silent=True))
        self.client.stop_channels()
        return self.manager

    def discard(self) -> None:
        """Shut the kernel down (no notebook came for it)."""
        try:
            self.client.stop_channels()
        finally:
            self.manager.shutdown_kernel(now=True)


_spare: SpareKernel | None = None


def take_spare(workdir: Path):
    """This worker's spare kernel set up for ``workdir``, or None when there is none (or it failed)."""
    global _spare
    spare, _spare = _spare, None
    if spare is None:
        return None
    try:
        return spare.take(workdir)
    except Exception:  # a spare that failed to start is not worth a failed notebook: start afresh
        spare.discard()
        return None


def start_spare() -> None:
    """Start a spare kernel for this worker's next notebook (shut down at exit if unused)."""
    global _spare
    if _spare is None:
        _spare = SpareKernel()


@atexit.register
def _discard_unused() -> None:
    global _spare
    if _spare is not None:
        _spare.discard()
        _spare = None
