"""Writes requirements.lock and environment.yml from one resolved environment, so they always agree.

Usage: python tools/write_lock.py PATH/TO/resolved/python  (see `make lock`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = "# Pinned by `make lock` (tools/write_lock.py) on Python 3.11; do not edit by hand.\n"


def frozen(python: str) -> list[str]:
    """``name==version`` lines of the resolved environment, without this project itself."""
    out = subprocess.run(
        [python, "-m", "pip", "freeze", "--all", "--exclude-editable"], capture_output=True, text=True, check=True
    ).stdout
    skip = {"pip", "infantile-spasms-market", "infantile_spasms_market"}
    lines = [line.strip() for line in out.splitlines() if "==" in line]
    return sorted((line for line in lines if line.split("==")[0].lower() not in skip), key=str.lower)


def main(python: str) -> None:
    pins = frozen(python)
    (ROOT / "requirements.lock").write_text(HEADER + "\n".join(pins) + "\n", encoding="utf-8")
    environment = [
        "# Conda environment with the same pinned packages as requirements.lock (written by `make lock`).",
        "name: infantile-spasms-market",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
        *[f"      - {pin}" for pin in pins],
        "      - --editable .",
        "",
    ]
    (ROOT / "environment.yml").write_text("\n".join(environment), encoding="utf-8")
    print(f"wrote requirements.lock and environment.yml with {len(pins)} pins")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else sys.executable)
