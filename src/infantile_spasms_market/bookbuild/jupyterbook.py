"""Runs ``jupyter-book build`` (execution off, nitpicky, warnings are errors) on an assembled source tree."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


def build_html(source: Path, output: Path, log: Path) -> Path | SphinxFailure:
    """Build ``source`` into ``output/_build/html``; the HTML folder, or a :class:`SphinxFailure`."""
    command = [
        sys.executable, "-c", RUN_JUPYTER_BOOK, "build", str(source),
        "--path-output", str(output), "--warningiserror", "--nitpick", "--keep-going", "--all", "--quiet",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(f"$ {' '.join(command)}\n\n{result.stdout}\n{result.stderr}", encoding="utf-8")
    html = output / "_build" / "html"
    if result.returncode != 0 or not (html / "index.html").is_file():
        lines = (result.stdout + "\n" + result.stderr).splitlines()
        warnings = [line.replace(str(source) + "/", "") for line in lines if WARNING_LINE.search(line)]
        return SphinxFailure(warnings, log, result.returncode or 1)
    return html
