"""The book's Sphinx extension: what Jupyter Book 1.x (Sphinx 7.4, docutils 0.21) does not do right.

- each page's scripts once (Sphinx 7.4 repeats inline scripts added late: :func:`drop_duplicate_scripts`);
- the bibliography's entries as list items that assistive technology accepts (:func:`citations_as_list_items`);
- numbered references and bibliography styles looked up once per build, not once per reference,
  the bibliography's entries formatted again only when they changed, and pages unpickled with the
  garbage collector paused (:func:`setup_speedups`);
- the ``{param}`` role, so that a chapter names a parameter by its plain label (:func:`param_role`);
- ``{glue:figure} fig-id`` named, captioned and described by what ``chapter.figure(...)`` glued, so a
  figure's caption and alt text are written once (:class:`ChapterFigure`);
- a search index that an incremental build writes as a full one does: a build that reads only
  changed pages keeps the terms no page holds any more, with no page; a full build has no such
  term, so they are left out (:func:`_get_terms`);
- pages read and written by two processes (Sphinx's ``-j``): the extensions Jupyter Book loads
  that do not say whether they may be are declared safe, each for the reason given
  (:data:`PARALLEL_SAFE`).
"""

from __future__ import annotations

import functools
import gc
from typing import Any

import pybtex.plugin
from docutils import nodes
from myst_nb.core.variables import RetrievalError
from myst_nb.ext.glue.directives import PasteFigureDirective
from myst_nb.ext.glue.utils import glue_warning, retrieve_glue_data
from sphinx.addnodes import pending_xref
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment
from sphinx.search import IndexBuilder
from sphinxcontrib.bibtex.domain import BibtexDomain

from .. import labels


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


_FORMATTED_ATTRIBUTE = "_ism_formatted_entries"
_original_formatted_entries = BibtexDomain.get_formatted_entries


def entries_fingerprint(entries: dict) -> tuple:
    """Everything of a bibliography's entries (pybtex's) that their formatting reads: keys in order, types, fields, persons."""
    return tuple(
        (key, entry.type, tuple((name, str(value)) for name, value in entry.fields.items()),
         tuple((role, tuple(str(person) for person in persons)) for role, persons in entry.persons.items()))
        for key, entry in entries.items()
    )


def _get_formatted_entries(self, bibliography_key, docnames, tooltips, tooltips_style):
    """sphinxcontrib-bibtex's formatted entries of one bibliography, formatted again only when what they depend on changed.

    It formats every cited entry (and its tooltip) each time Sphinx has read pages, whichever
    changed; the result is kept with the environment (saved between builds) under the entries'
    :func:`entries_fingerprint`, the style, the label prefix and the tooltip settings.
    """
    bibliography = self.bibliographies[bibliography_key]
    entries = dict(self.get_sorted_entries(bibliography_key, docnames))
    key = (bibliography.style, bibliography.labelprefix, tooltips, tooltips_style, entries_fingerprint(entries))
    kept = self.env.__dict__.setdefault(_FORMATTED_ATTRIBUTE, {})
    if bibliography_key not in kept or kept[bibliography_key][0] != key:
        kept[bibliography_key] = (key, list(_original_formatted_entries(self, bibliography_key, docnames, tooltips, tooltips_style)))
    return iter(kept[bibliography_key][1])


def _collector_paused(load):
    """``load`` run with the cyclic garbage collector paused: unpickling a page makes up to some 60,000 objects, and in
    Sphinx's process, which holds many more, each collection they set off walks all of them. Nothing else changes."""
    if getattr(load, "collector_paused", False):
        return load

    @functools.wraps(load)
    def paused(*args, **kwargs):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return load(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    paused.collector_paused = True
    return paused


def _forget_doctrees(app, *args) -> None:
    app.env.__dict__.pop(_CACHE_ATTRIBUTE, None)  # never pickled with the environment


def setup_speedups(app) -> dict[str, Any]:
    """Install the caches and the paused collector; the doctree cache lives for one build and is never saved, the formatted entries are."""
    if not hasattr(pybtex.plugin.entry_points, "uncached"):
        pybtex.plugin.entry_points = _cached_entry_points(pybtex.plugin.entry_points)
    StandardDomain._resolve_numref_xref = _resolve_numref_xref
    BuildEnvironment.get_doctree = _collector_paused(BuildEnvironment.get_doctree)  # every page Sphinx loads again
    IndexBuilder.get_terms = _get_terms
    BibtexDomain.get_formatted_entries = _get_formatted_entries
    app.connect("env-updated", _forget_doctrees)
    app.connect("build-finished", _forget_doctrees)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# --------------------------------------------------------------------------- each page's scripts once
# Sphinx extension: write each page's scripts once (Sphinx 7.4 duplicates inline scripts added late).
#
# Sphinx 7.4 registers a script added after the builder starts (``sphinx-thebe``'s and
# ``sphinx-togglebutton``'s inline configuration) twice: once with the file name ``None`` and,
# when it prepares writing, again with ``''``. Both copies reach the page, and the second
# ``const THEBE_JS_URL = ...`` is a JavaScript error in every reader's browser console. This
# extension keeps the first copy of each script (same file, priority and attributes).

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


def setup_scripts(app) -> dict[str, Any]:
    """Register the handler late, after the themes have added their per-page scripts."""
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# --------------------------------------------------------------------------- bibliography entries as list items
# Sphinx extension: the bibliography's entries as list items that assistive technology accepts.
#
# docutils (0.21) writes each citation as ``<div role="doc-biblioentry">`` inside
# ``<div role="list">``. ARIA 1.2 deprecates ``doc-biblioentry``, so a ``list`` holding only such
# entries has no list items: axe-core reports it as a critical violation (``aria-required-children``)
# and screen readers announce an empty list. Each entry becomes ``role="listitem"``.

DEPRECATED_ROLE = 'role="doc-biblioentry"'
LIST_ITEM_ROLE = 'role="listitem"'


def citations_as_list_items(app, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    """Rewrite the deprecated role in the page body (only pages with citations have it)."""
    body = context.get("body")
    if isinstance(body, str) and DEPRECATED_ROLE in body:
        context["body"] = body.replace(DEPRECATED_ROLE, LIST_ITEM_ROLE)


def setup_citations(app) -> dict[str, Any]:
    """Register the handler."""
    app.connect("html-page-context", citations_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# --------------------------------------------------------------------------- the {param} role
# ``{param}`growth.innovation``` renders the label registry's display name ("Growth from innovation"),
# linked to Methodology's glossary, where the code name stands beside it. An unknown code name is a
# build error (warnings are errors), so a new parameter cannot reach a page without a label.

GLOSSARY_LABEL = "methodology-glossary"  # the glossary's target in notebooks/methodology.ipynb


def param_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """The display name of the code name ``text``, as a reference to the glossary."""
    try:
        label = labels.name(text.strip())
    except KeyError as error:
        message = inliner.reporter.error(f"{{param}}: {error.args[0]}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    reference = pending_xref(rawtext, refdomain="std", reftype="ref", reftarget=GLOSSARY_LABEL, refexplicit=True, refwarn=True)
    reference += nodes.inline(label, label, classes=["param-label"])
    return [reference], []


def setup_labels(app) -> dict[str, Any]:
    """Register the role."""
    app.add_role("param", param_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# --------------------------------------------------------------------------- a chapter's figure
# ``chapter.figure(fig, "fig-x", data, caption=..., alt=..., ...)`` writes the caption and alt text once: the
# record, the Figures page and the deck take them from there, and the glued page image carries them in its metadata.
# The chapter's Markdown places the figure with ``{glue:figure} fig-x`` alone; this directive names it
# ``fig-x`` (for ``{numref}``), gives its image the alt text and captions it. A block that writes its own
# ``:alt:`` or caption would say it twice, and may differ: it is a build error.

MIME = "image/png"  # the page image's type, whose metadata holds the texts


def figure_texts(metadata: dict[str, Any]) -> dict[str, str] | None:
    """``{"caption": ..., "alt": ...}`` from a glued figure's output metadata; None for an image ``chapter.figure`` did not glue."""
    texts = (metadata or {}).get(MIME, {})
    return {name: texts[name] for name in labels.FIGURE_TEXTS} if all(n in texts for n in labels.FIGURE_TEXTS) else None


def written_twice(key: str, options: dict[str, Any], content: list[str]) -> str | None:
    """What a ``{glue:figure}`` block of a chapter figure writes that ``chapter.figure`` already says, as a message; None if nothing."""
    twice = [f":{name}:" for name in ("alt",) if name in options] + (["a caption"] if any(line.strip() for line in content) else [])
    if not twice:
        return None
    return (f"{{glue:figure}} {key}: {' and '.join(twice)} written in the Markdown block; a figure's caption and alt text "
            f"are written once, in its chapter.figure(...) call: remove them from the block")


def sentence(text: str) -> str:
    """``text`` ending with a full stop (a caption is written without one, as the record and the citation quote it)."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


class ChapterFigure(PasteFigureDirective):
    """``{glue:figure} fig-id``: a chapter's figure named ``fig-id``, with the caption and alt text its ``chapter.figure`` gave.

    A glued image without them (not from ``chapter.figure``) is pasted as myst-nb pastes it.
    """

    def run(self):
        key = self.arguments[0]
        try:
            texts = figure_texts(retrieve_glue_data(self.document, key).metadata)
        except RetrievalError:
            texts = None
        if texts is None:
            return super().run()
        problem = written_twice(key, self.options, list(self.content))
        if problem:
            return [glue_warning(problem, self.document, self.line)]
        self.options["alt"] = texts["alt"]
        self.options.setdefault("name", key)
        pasted = super().run()
        caption = sentence(texts["caption"])
        pasted[0] += nodes.caption(caption, caption)
        return pasted


def setup_figures(app) -> dict[str, Any]:
    """Register the directive in myst-nb's ``glue`` domain, in place of its own ``figure``."""
    app.add_directive_to_domain("glue", "figure", ChapterFigure, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# --------------------------------------------------------------------------- parallel reading and writing
# Sphinx reads and writes pages in several processes only when every extension says it may; an
# extension that says nothing is taken as unsafe, with a warning (an error in this book). Three that
# Jupyter Book loads say nothing; each was read (the versions the lock pins) and keeps no state
# across pages:
PARALLEL_SAFE = {
    "sphinx_multitoc_numbering": "replaces the section-numbering step, which Sphinx runs in the main process after every page is read",
    "sphinx_jupyterbook_latex": "per-page transforms that act for the LaTeX builder or the root page's own tree only",
    "sphinx_external_toc": "says it may read in parallel; writing, it does nothing but check the index page once the build finished",
}


def declare_parallel_safe(app, *args) -> None:
    """Mark each of :data:`PARALLEL_SAFE` safe to read and write in parallel where it declares nothing (before Sphinx asks)."""
    for name in PARALLEL_SAFE:
        extension = app.extensions.get(name)
        if extension is None:
            continue
        for attribute in ("parallel_read_safe", "parallel_write_safe"):
            if getattr(extension, attribute, None) is None:
                setattr(extension, attribute, True)


def setup_parallel(app) -> dict[str, Any]:
    """Declare them when the pages are about to be read (every extension is loaded by then)."""
    app.connect("env-before-read-docs", declare_parallel_safe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def setup(app) -> dict[str, Any]:
    """Register all six (``extra_extensions`` in ``_config.yml`` names this module)."""
    for part in (setup_scripts, setup_citations, setup_speedups, setup_labels, setup_figures, setup_parallel):
        part(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
