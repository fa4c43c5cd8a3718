"""Sphinx extension: the ``{param}`` role, so that chapters name a parameter by its plain label, never by its code name.

``{param}`growth.innovation``` renders the label registry's display name ("Growth from innovation"),
linked to Methodology's glossary, where the code name stands beside it. An unknown code name is a
build error (warnings are errors), so a new parameter cannot reach a page without a label.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref

from .. import labels

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


def setup(app) -> dict[str, Any]:
    """Register the role."""
    app.add_role("param", param_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
