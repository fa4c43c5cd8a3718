"""Sphinx extension: the bibliography's entries as list items that assistive technology accepts.

docutils (0.21) writes each citation as ``<div role="doc-biblioentry">`` inside
``<div role="list">``. ARIA 1.2 deprecates ``doc-biblioentry``, so a ``list`` holding only such
entries has no list items: axe-core reports it as a critical violation (``aria-required-children``)
and screen readers announce an empty list. Each entry becomes ``role="listitem"``.
"""

from __future__ import annotations

from typing import Any

DEPRECATED_ROLE = 'role="doc-biblioentry"'
LIST_ITEM_ROLE = 'role="listitem"'


def citations_as_list_items(app, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    """Rewrite the deprecated role in the page body (only pages with citations have it)."""
    body = context.get("body")
    if isinstance(body, str) and DEPRECATED_ROLE in body:
        context["body"] = body.replace(DEPRECATED_ROLE, LIST_ITEM_ROLE)


def setup(app) -> dict[str, Any]:
    """Register the handler."""
    app.connect("html-page-context", citations_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
