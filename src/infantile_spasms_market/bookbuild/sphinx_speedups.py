"""Sphinx extension: two lookups Sphinx 7.4 and pybtex repeat for every reference, done once per build; and a search index
that an incremental build writes as a full one does.

Profiled on this book (``make bench``'s Jupyter Book step), they took about half of Sphinx's
writing phase:

- **Numbered references.** For every ``{numref}`` Sphinx 7.4 unpickles the whole doctree of the
  page the figure or table is on, only to look its label up (``StandardDomain._resolve_numref_xref``);
  the chapters cite their own figures some 160 times, and a chapter's doctree is up to half a
  megabyte. Here each page's doctree is unpickled once for these lookups and kept (read-only:
  only its ``ids`` are read) until the build ends.
- **Bibliography styles.** sphinxcontrib-bibtex asks pybtex for its style plugins at every
  citation, and pybtex scans every installed distribution's entry points each time. The installed
  distributions do not change during a build, so each (group, name) lookup is made once.

Neither changes what is written: the built pages are identical with and without this extension.

- **Search terms of pages as they were.** A build that reads only changed pages keeps the search
  index's terms that no page holds any more, with no page; a full build has no such term. They
  are left out, so the index is the same either way.
"""

from __future__ import annotations

import functools
from typing import Any

import pybtex.plugin
from sphinx.domains.std import StandardDomain
from sphinx.search import IndexBuilder

_CACHE_ATTRIBUTE = "_ism_numref_doctrees"


def _cached_entry_points(lookup):
    @functools.lru_cache(maxsize=None)
    def entry_points(*, group: str, name: str) -> tuple:
        return tuple(lookup(group=group, name=name))

    entry_points.uncached = lookup
    return entry_points


class _DoctreeReader:
    """``env`` for one numref lookup: ``get_doctree`` served from the build's cache of unpickled pages."""

    def __init__(self, env) -> None:
        self._env = env

    def get_doctree(self, docname: str):
        cache = self._env.__dict__.setdefault(_CACHE_ATTRIBUTE, {})
        if docname not in cache:
            cache[docname] = self._env.get_doctree(docname)
        return cache[docname]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)


_original_numref = StandardDomain._resolve_numref_xref


def _resolve_numref_xref(self, env, *args, **kwargs):
    return _original_numref(self, _DoctreeReader(env), *args, **kwargs)


_original_get_terms = IndexBuilder.get_terms


def _get_terms(self, fn2index):
    return tuple({term: pages for term, pages in terms.items() if pages != []} for terms in _original_get_terms(self, fn2index))


def _forget_doctrees(app, *args) -> None:
    app.env.__dict__.pop(_CACHE_ATTRIBUTE, None)  # never pickled with the environment


def setup(app) -> dict[str, Any]:
    """Install both caches; the doctree cache lives for one build and is never saved."""
    if not hasattr(pybtex.plugin.entry_points, "uncached"):
        pybtex.plugin.entry_points = _cached_entry_points(pybtex.plugin.entry_points)
    StandardDomain._resolve_numref_xref = _resolve_numref_xref
    IndexBuilder.get_terms = _get_terms
    app.connect("env-updated", _forget_doctrees)
    app.connect("build-finished", _forget_doctrees)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
