"""What a chapter kernel runs between chapters (imported inside the kernel, never by the build itself).

:func:`remember` keeps matplotlib's settings as they are after start-up; :func:`reset` starts a new
session for the next chapter: a cleared namespace and history, no open figure, those settings back,
the chapter's folder as the working folder, and no input file declared yet. :func:`collect`
writes down, after a chapter, the parameters it read (its cache key holds their values).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

_settings: dict[str, Any] = {}


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
