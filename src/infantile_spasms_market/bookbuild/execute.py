"""Runs one chapter notebook with papermill in its own folder; turns a failure into a short report.

Called in worker processes, so it takes and returns plain data only; a worker imports this module
and what it runs, nothing of the build's own (the worker starts faster).
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..reproducible import INJECTED_TAG, clean_notebook
from . import kernels
from ..paths import FIGURE_STORE_VARIABLE, NOTEBOOK_FILE, PARAMETERS_FILE, RESULT_STORE_VARIABLE
from .kernel_side import skip_unused_imports

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
TRACEBACK_LINES = 12
KERNEL_START_ATTEMPTS = 3
# IPython's banner lines ("-----", "ValueError   Traceback (most recent call last)"): only --debug shows them.
TRACEBACK_BANNER = re.compile(r"^-{10,}$|Traceback \(most recent call last\)")
PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)


@dataclass(frozen=True)
class NotebookFailure:
    """Where and why a notebook failed, in words a reader can act on."""

    notebook: str
    cell: int | None  # 1-based position in the source notebook
    cell_head: str
    error: str
    traceback: list[str]
    executed_copy: str | None = None

    def message(self, debug: bool = False) -> str:
        where = f", cell {self.cell}" if self.cell else ""
        head = f" ({self.cell_head})" if self.cell_head else ""
        short = [line for line in self.traceback if not TRACEBACK_BANNER.search(line.strip())]
        lines = self.traceback if debug else short[-TRACEBACK_LINES:]
        text = f"{self.notebook}{where}{head} failed: {self.error}"
        if lines:
            text += "\n" + "\n".join("    " + line for line in lines)
        if self.executed_copy:
            text += f"\n  executed copy with the error: {self.executed_copy}"
        return text


def _clean(lines: list[str]) -> list[str]:
    """Traceback lines without terminal colour codes, split on newlines, blank lines dropped."""
    text = ANSI.sub("", "\n".join(lines))
    return [line for line in text.splitlines() if line.strip()]


def _source_cell_position(notebook_path: Path, failed_source: str) -> tuple[int | None, str]:
    """1-based position in the source notebook of the cell whose code failed, and its first line.

    Matched by source text: papermill's own index counts the cells it inserts (parameters, error
    anchors), which a reader of the source notebook never sees.
    """
    cells = json.loads(Path(notebook_path).read_text(encoding="utf-8"))["cells"]
    head = next((line.strip() for line in failed_source.splitlines() if line.strip()), "")[:80]
    for position, cell in enumerate(cells, start=1):
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if cell.get("cell_type") == "code" and source.strip() == failed_source.strip():
            return position, head
    return None, head  # e.g. the injected parameters cell


def finish_notebook(notebook_path: Path, shown: dict[str, Any] | None = None) -> None:
    """Hide papermill's injected-parameters cell on the page and drop what depends on the run (:func:`.clean_notebook`).

    ``shown`` is what the injected cell says it was given (the scenario file and overrides); the
    build's own paths it really held are not published.
    """
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if INJECTED_TAG in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    notebook = clean_notebook(notebook, shown or {})
    notebook_path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


_STARTED = None  # in a worker: where it says which notebook it begins (the build shows the running ones)


def start_worker(log: str, started=None, figure_store: str | None = None, result_store: str | None = None) -> None:
    """Worker start-up: ignore Ctrl-C (it reaches the whole terminal group; the build decides) and die with the build.

    On Linux the worker asks to be sent SIGTERM when the build's process dies, even by kill -9, so
    no worker (and, through ipykernel's parent poller, no kernel) runs on for a dead build.
    ``started``: the queue the worker names each notebook it begins on. ``figure_store``: where the
    chapters' kernels keep the rasters of figures drawn before (:func:`..figures.save.encode`); ``result_store``:
    where they keep the model's results (:mod:`..remembered`).
    """
    global _STARTED
    _STARTED = started
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    skip_unused_imports()  # before papermill imports nbformat
    send_stderr_to(Path(log))
    if figure_store:
        os.environ[FIGURE_STORE_VARIABLE] = figure_store  # inherited by the kernel this worker starts
    if result_store:
        os.environ[RESULT_STORE_VARIABLE] = result_store
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except OSError:
            pass
    try:
        kernels.start()  # boots (and imports the chapters' libraries) while this worker imports papermill
    except Exception:  # noqa: BLE001 (the first chapter starts one again, and reports what fails)
        kernels.discard()


def send_stderr_to(log: Path) -> None:
    """Send this worker's stderr (and so its kernel's) to a log: kernel chatter is not build output."""
    log.parent.mkdir(parents=True, exist_ok=True)
    handle = open(log, "a", encoding="utf-8")  # noqa: SIM115 (lives as long as the worker)
    os.dup2(handle.fileno(), 2)


def run_notebook(source: str, workdir: str, parameters: dict[str, Any], name: str, timeout: int = 600) -> dict[str, Any]:
    """Execute ``source`` into ``workdir/notebook.ipynb`` with ``parameters``; the cwd is ``workdir``.

    The parameters the chapter read go to ``workdir``'s :data:`.PARAMETERS_FILE`; the build then
    finishes the notebook (:func:`finish_notebook`) once it knows which overrides those cover.

    The chapter runs in this worker's kernel, reset for it (see :mod:`.kernels`); a failed chapter
    discards the kernel. Returns ``{"ok": True, "seconds": s}`` or ``{"ok": False, "failure":
    NotebookFailure fields}``.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output = Path(workdir) / NOTEBOOK_FILE
    start = time.perf_counter()
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            papermill.execute_notebook(
                source,
                str(output),
                parameters=parameters,
                cwd=workdir,
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                execution_timeout=timeout,
                km=kernels.for_chapter(Path(workdir)),
            )
            break
        except PapermillExecutionError as exc:
            kernels.discard()
            cell, head = _source_cell_position(Path(source), exc.source)
            error = f"{exc.ename}: {ANSI.sub('', exc.evalue)}"
            return _failed(NotebookFailure(name, cell, head, error, _clean(exc.traceback)), start)
        except Exception as exc:  # kernel died, timeout, unreadable notebook
            kernels.discard()
            if is_kernel_start_failure(exc) and attempt < KERNEL_START_ATTEMPTS:
                time.sleep(attempt)  # two kernels started at once can race for a port: start again
                continue
            return _failed(NotebookFailure(name, None, "", f"{type(exc).__name__}: {ANSI.sub('', str(exc))}", []), start)
    try:
        kernels.collect(Path(workdir) / PARAMETERS_FILE)  # what the chapter read of the scenario: its cache key
    except Exception as exc:
        kernels.discard()
        return _failed(NotebookFailure(name, None, "", f"could not learn which parameters the chapter read: {exc}", []), start)
    return {"ok": True, "seconds": time.perf_counter() - start}


def run_started(source: str, workdir: str, parameters: dict[str, Any], name: str) -> dict[str, Any]:
    """In a worker: say that ``name`` begins, then execute it (:func:`run_notebook`)."""
    if _STARTED is not None:
        _STARTED.put(name)
    return run_notebook(source, workdir, parameters, name)


def _failed(failure: NotebookFailure, start: float) -> dict[str, Any]:
    return {"ok": False, "failure": vars(failure), "seconds": time.perf_counter() - start}


def is_kernel_start_failure(exc: BaseException) -> bool:
    """Whether the kernel failed before running any cell (worth one more start, not a notebook bug)."""
    text = str(exc)
    return "kernel_info" in text or "Kernel didn't respond" in text or (type(exc).__name__ == "DeadKernelError" and "before" in text)
