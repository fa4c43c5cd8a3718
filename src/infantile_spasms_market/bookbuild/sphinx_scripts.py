"""Sphinx extension: write each page's scripts once (Sphinx 7.4 duplicates inline scripts added late).

Sphinx 7.4 registers a script added after the builder starts (``sphinx-thebe``'s and
``sphinx-togglebutton``'s inline configuration) twice: once with the file name ``None`` and,
when it prepares writing, again with ``''``. Both copies reach the page, and the second
``const THEBE_JS_URL = ...`` is a JavaScript error in every reader's browser console. This
extension keeps the first copy of each script (same file, priority and attributes).
"""

from __future__ import annotations

from typing import Any


def _script_key(script: Any) -> tuple:
    """What makes two scripts the same, with ``None`` and ``''`` (inline scripts) equal."""
    if not hasattr(script, "attributes"):  # a plain file name (older Sphinx)
        return ("file", str(script))
    attributes = tuple(sorted((str(k), repr(v)) for k, v in script.attributes.items()))
    return (script.filename or "", script.priority, attributes)


def drop_duplicate_scripts(app, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    """Remove repeated entries from the page's ``script_files`` (in place, first copy kept)."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def setup(app) -> dict[str, Any]:
    """Register the handler late, after the themes have added their per-page scripts."""
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
