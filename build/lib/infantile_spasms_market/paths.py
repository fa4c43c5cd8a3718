"""Where the project's folders are: found from this file, so notebooks and the CLI agree."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("ISM_PROJECT_ROOT") or Path(__file__).resolve().parents[2])
PARAMS_DIR = PROJECT_ROOT / "params"
BASE_SCENARIO = PARAMS_DIR / "base.yaml"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BOOK_DIR = PROJECT_ROOT / "book"
PACKAGE_DIR = Path(__file__).resolve().parent
