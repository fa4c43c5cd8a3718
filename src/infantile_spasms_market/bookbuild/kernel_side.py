"""What a chapter kernel runs between chapters (imported inside the kernel), the imports the build's processes skip, and their garbage collector's pace.

:func:`remember` keeps matplotlib's settings as they are after start-up; :func:`reset` starts a new
session for the next chapter: a cleared namespace and history, no open figure, those settings back,
the chapter's folder as the working folder, and no input file declared yet. :func:`collect`
writes down, after a chapter, the parameters it read (its cache key holds their values).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

UNUSED_IMPORTS = ("rfc3987_syntax",)
"""Modules the build's processes never need: jsonschema (imported by nbformat, in every kernel,
worker and Sphinx run) imports rfc3987-syntax only to check the "iri" string format, which no
schema read here uses, and that import compiles 38 Lark grammars: about 2.6 s in each process."""

GC_THRESHOLDS = (100_000, 50, 100)
"""The cyclic garbage collector's thresholds in a chapter kernel and in Jupyter Book's process. Python's own
(700, 10, 10) start a collection every 700 new containers: drawing figures, building data frames and reading
pages make millions, and the collections they set off walk the objects again and again. Measured on one
chapter (regions, after a parameter change): 14 % less CPU; Sphinx's part of a rebuild: about 1.5 s of 12 s.
Cyclic garbage is still collected, less often; nothing a chapter or a page shows depends on when."""

_settings: dict[str, Any] = {}


def skip_unused_imports() -> None:
    """Make :data:`UNUSED_IMPORTS` unimportable in this process (their importers treat them as optional)."""
    for name in UNUSED_IMPORTS:
        sys.modules.setdefault(name, None)


def skip_unused_imports_code() -> str:
    """The same, as one line of Python for a process this one starts (a kernel, Jupyter Book)."""
    return f"import sys; [sys.modules.setdefault(n, None) for n in {UNUSED_IMPORTS!r}]"


def collect_less_often_code() -> str:
    """One line of Python setting :data:`GC_THRESHOLDS` in a process this one starts (a kernel, Jupyter Book)."""
    return f"import gc; gc.set_threshold(*{GC_THRESHOLDS!r})"


def remember() -> None:
    """Keep matplotlib's settings (the inline backend's included) to restore before each chapter."""
    import matplotlib

    _settings.clear()
    _settings.update(matplotlib.rcParams.copy())


def reset(workdir: str) -> None:
    """A new session in ``workdir``, as a freshly started kernel would give the next chapter."""
    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    from ..inputs import declared

    # Into the new chapter's folder first: the last chapter's folder may be gone (a forced rebuild
    # removes a run whose result the cache already holds), and anything asking for the working
    # folder there fails with "No such file or directory".
    os.chdir(workdir)
    get_ipython().reset(new_session=True)
    plt.close("all")
    dict.update(matplotlib.rcParams, _settings)  # values validated when they were first set
    declared.forget()


def collect(path: str) -> None:
    """Write the parameter paths the chapter just executed read to ``path`` (JSON; null when it recorded none)."""
    from ..inputs import declared

    Path(path).write_text(json.dumps(declared.recorded()), encoding="utf-8")
