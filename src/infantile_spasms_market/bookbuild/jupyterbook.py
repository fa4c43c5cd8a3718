"""Runs ``jupyter-book build`` (execution off, nitpicky, warnings are errors) on an assembled source tree."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..paths import JUPYTER_BOOK_OUTPUT, SITE_INDEX

WARNING_LINE = re.compile(r"(WARNING|ERROR|CRITICAL)[:\]]")
RUN_JUPYTER_BOOK = "from jupyter_book.cli.main import main; main()"


@dataclass(frozen=True)
class SphinxFailure:
    """Jupyter Book exited non-zero: its warnings (made errors) and where the full log is."""

    warnings: list[str]
    log: Path
    returncode: int

    def message(self, limit: int = 20) -> str:
        shown = self.warnings[:limit] or ["(no warning lines found; see the log)"]
        more = f"\n  ... and {len(self.warnings) - limit} more" if len(self.warnings) > limit else ""
        return (
            f"jupyter-book build failed (exit {self.returncode}); warnings are errors in this book:\n"
            + "\n".join(f"  {w}" for w in shown)
            + more
            + f"\n  full log: {self.log}"
        )


def command(source: Path, output: Path, builder: str = "html") -> list[str]:
    """The ``jupyter-book build`` command line for ``source`` (``html``, or ``singlehtml`` for the PDF edition)."""
    return [
        sys.executable, "-c", RUN_JUPYTER_BOOK, "build", str(source), "--path-output", str(output), "--builder", builder,
        "--warningiserror", "--nitpick", "--keep-going", "--all", "--quiet",
    ]


def outcome(source: Path, output: Path, log: Path, run: subprocess.CompletedProcess, builder: str = "html") -> Path | SphinxFailure:
    """Log a finished ``jupyter-book build``; its output folder, or a :class:`SphinxFailure`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(f"$ {' '.join(run.args)}\n\n{run.stdout}\n{run.stderr}", encoding="utf-8")
    html = output / JUPYTER_BOOK_OUTPUT / builder
    if run.returncode != 0 or not (html / SITE_INDEX).is_file():
        lines = (run.stdout + "\n" + run.stderr).splitlines()
        warnings = [line.replace(str(source) + "/", "") for line in lines if WARNING_LINE.search(line)]
        return SphinxFailure(warnings, log, run.returncode or 1)
    return html


def build_html(source: Path, output: Path, log: Path, builder: str = "html") -> Path | SphinxFailure:
    """Build ``source`` into ``output/_build/<builder>``; that folder, or a :class:`SphinxFailure`."""
    run = subprocess.run(command(source, output, builder), capture_output=True, text=True, check=False)
    return outcome(source, output, log, run, builder)
